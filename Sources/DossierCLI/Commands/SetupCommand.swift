import ArgumentParser
import Dossier
import DossierDB

/// `dossier setup`: the one command a newcomer runs.
struct SetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Create or update the database: apply migrations, seed the built-in dossier, print what it holds.",
        discussion: """
            Safe to run again: migrations already applied and seeds already in place are left as they are.

            Examples:
              dossier setup
              dossier setup --database /tmp/dossier.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.refuseImmutable()
        var options = ContentDatabase.OpenOptions()
        options.busyTimeout = global.busyTimeoutDuration
        let content = try ContentDatabase(path: global.databasePath, options: options)
        for migration in content.migrationReport.applied {
            try printLine("applied migration \(migration.fileName)")
        }
        if let backup = content.migrationReport.backupPath {
            try printLine("backup: \(backup)")
        }
        let report = try content.seed()
        try printLine("seeded \(report.dossiers.joined(separator: ", ")): \(report.summary)")
        let counts = try content.records.counts()
        try printLine(
            "\(global.databasePath) holds \(counts[.event] ?? 0) events, \(counts[.mechanism] ?? 0) mechanisms, \(counts[.claim] ?? 0) claims"
        )
    }
}
