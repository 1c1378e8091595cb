import ArgumentParser
import Dossier

/// The `dossier` command: the root of every subcommand.
struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Administer a Dossier content database: typed, sourced knowledge in SQLite.",
        discussion: """
            Every command takes --database PATH, before or after its name (default: \
            $DOSSIER_DATABASE, else dossier.sqlite in the current folder), and --busy-timeout \
            SECONDS (default 5), and --quiet (-q): no progress line and no notes on standard \
            error, errors still printed. Commands that only read never create a database file, leave no \
            -wal or -shm file behind, and read a database on read-only media.

            Output: --format table|json|ndjson|csv|tsv, or --json, --nl, --csv, --tsv; \
            --no-headers. Where a command writes a file, - means standard output.

            Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 validation or check failed, \
            5 migration drift or newer database, 6 read-only violation, 7 timeout, \
            8 database cannot be opened, 9 a resource limit (memory) was reached, \
            10 the database stayed locked by another process past --busy-timeout, \
            11 query printed only the first --max-rows rows.
            """,
        version: DossierVersion.current,
        subcommands: [
            SetupCommand.self, MigrateCommand.self, SeedCommand.self, ListCommand.self, ShowCommand.self,
            TimelineCommand.self, SearchCommand.self, QueryCommand.self, CheckCommand.self, ExportCommand.self,
            ImportCommand.self, BackupCommand.self, BundleCommand.self, StatsCommand.self, HistoryCommand.self, DiffCommand.self,
            EditCommand.self, AddCommand.self, ReviewCommand.self, VocabCommand.self,
        ]
    )
}
