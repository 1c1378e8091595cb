import ArgumentParser
import Dossier
import DossierDB

/// `dossier setup`: the one command a newcomer runs.
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create or update the database: apply migrations, then print what it holds.",
        discussion: """
            Example:
              dossier setup
              dossier setup --database /tmp/dossier.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let content = try ContentDatabase(path: global.databasePath)
        for migration in content.migrationReport.applied {
            print("applied \(migration.fileName)")
        }
        if let backup = content.migrationReport.backupPath {
            print("backup: \(backup)")
        }
        let version = content.migrationReport.currentVersion.map(String.init) ?? "0"
        print("\(global.databasePath): schema version \(version)")
    }
}
