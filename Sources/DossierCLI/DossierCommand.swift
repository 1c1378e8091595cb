import ArgumentParser
import Dossier

/// The `dossier` command: the root of every subcommand.
struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Administer a Dossier content database: typed, sourced knowledge in SQLite.",
        discussion: """
            Every command takes --database PATH (default: $DOSSIER_DATABASE, else dossier.sqlite \
            in the current folder). Commands that only read never create a database file.

            Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 validation or check failed, \
            5 migration drift or newer database, 6 read-only violation, 7 timeout, \
            8 database cannot be opened, 9 a resource limit (memory) was reached.
            """,
        version: DossierVersion.current,
        subcommands: [
            SetupCommand.self, MigrateCommand.self, SeedCommand.self, ListCommand.self, ShowCommand.self,
            TimelineCommand.self, SearchCommand.self, QueryCommand.self, CheckCommand.self, ExportCommand.self,
            ImportCommand.self, BackupCommand.self, BundleCommand.self, StatsCommand.self, HistoryCommand.self,
        ]
    )
}
