import ArgumentParser
import Foundation

/// Options every subcommand accepts, after its name: `dossier migrate up --database x.sqlite`.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database file.",
            discussion: "Defaults to $DOSSIER_DATABASE, else dossier.sqlite in the current folder.",
            valueName: "path"))
    var database: String?

    /// A database is a file: not SQLite's private in-memory database, which would vanish with
    /// the command, and not a URI, whose `?mode=` SQLite would obey.
    func validate() throws {
        let path = databasePath
        if path == ":memory:" {
            throw ValidationError("--database :memory: would hold nothing once the command ends; give the path of a database file")
        }
        if path.hasPrefix("file:") {
            throw ValidationError(
                "--database takes a file path, not an SQLite URI (got \"\(path)\"); for a file whose name starts with file:, write ./\(path)"
            )
        }
    }

    /// The database path: the option, else `$DOSSIER_DATABASE`, else `dossier.sqlite`.
    var databasePath: String {
        if let database, !database.isEmpty { return database }
        if let environment = ProcessInfo.processInfo.environment["DOSSIER_DATABASE"], !environment.isEmpty {
            return environment
        }
        return "dossier.sqlite"
    }
}
