import ArgumentParser
import Foundation

/// Options every subcommand accepts, before or after its name: `dossier migrate up --database
/// x.sqlite`, or `dossier --database x.sqlite migrate up` (see ``Main/arguments(_:)``).
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database file.",
            discussion: "Defaults to $DOSSIER_DATABASE, else dossier.sqlite in the current folder.",
            valueName: "path"))
    var database: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds to wait for another process's lock before giving up with exit 10 (default 5).",
            valueName: "seconds"))
    var busyTimeout: Double?

    @Flag(
        help: ArgumentHelp(
            "Read the file as immutable: no lock, no -wal or -shm file. Only for a file nothing writes meanwhile.",
            discussion: "Read commands choose this by themselves for a WAL database that no process has open."))
    var immutable = false

    @Flag(
        name: [.customShort("q"), .long],
        help: "No progress line and no notes on standard error; errors are still printed.")
    var quiet = false

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
        if let busyTimeout, !(busyTimeout.isFinite && (0...86_400).contains(busyTimeout)) {
            throw ValidationError("--busy-timeout must be from 0 to 86400 seconds (got \(busyTimeout))")
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

    /// How long to wait for a lock, in milliseconds.
    var busyTimeoutMilliseconds: Int32 {
        Int32(((busyTimeout ?? 5) * 1000).rounded())
    }

    /// How long to wait for a lock.
    var busyTimeoutDuration: Duration {
        .milliseconds(Int64(busyTimeoutMilliseconds))
    }
}

/// A command that takes the ``GlobalOptions``: ``Main`` reads them (`--quiet`) before running
/// it. Every command that runs conforms, the ones in other files through the extensions below.
protocol CommandWithGlobalOptions: ParsableCommand {
    /// The options every subcommand accepts.
    var global: GlobalOptions { get }
}

extension SetupCommand: CommandWithGlobalOptions {}
extension MigrateCommand.Status: CommandWithGlobalOptions {}
extension MigrateCommand.Up: CommandWithGlobalOptions {}
extension MigrateCommand.Verify: CommandWithGlobalOptions {}
extension MigrateCommand.Repair: CommandWithGlobalOptions {}
extension SeedCommand: CommandWithGlobalOptions {}
extension ListCommand: CommandWithGlobalOptions {}
extension ShowCommand: CommandWithGlobalOptions {}
extension TimelineCommand: CommandWithGlobalOptions {}
extension SearchCommand: CommandWithGlobalOptions {}
extension QueryCommand: CommandWithGlobalOptions {}
extension CheckCommand: CommandWithGlobalOptions {}
extension ExportCommand: CommandWithGlobalOptions {}
extension ImportCommand: CommandWithGlobalOptions {}
extension BackupCommand: CommandWithGlobalOptions {}
extension BundleCommand: CommandWithGlobalOptions {}
extension StatsCommand: CommandWithGlobalOptions {}
extension HistoryCommand: CommandWithGlobalOptions {}
