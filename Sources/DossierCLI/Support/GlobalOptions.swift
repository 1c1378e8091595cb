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

    /// The database path: the option, else `$DOSSIER_DATABASE`, else `dossier.sqlite`.
    var databasePath: String {
        if let database, !database.isEmpty { return database }
        if let environment = ProcessInfo.processInfo.environment["DOSSIER_DATABASE"], !environment.isEmpty {
            return environment
        }
        return "dossier.sqlite"
    }
}
