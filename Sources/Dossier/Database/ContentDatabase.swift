public import DossierDB

/// A Dossier content database: typed, sourced records in one SQLite file.
///
/// Opening one migrates it to the schema this build carries (the `Migrations/` files compiled
/// into the library), so a program needs no files beside it:
///
/// ```swift
/// let content = try ContentDatabase(path: "dossier.sqlite")
/// ```
///
/// Reads and writes go through a `DatabasePool` (WAL, one writer, a few readers), so a
/// `ContentDatabase` may be shared by threads and tasks.
///
/// Every write transaction — the repositories', seeding's, and your own `pool.write` — first
/// confirms that the schema is the one the migrations create (a dropped trigger is refused with
/// `MigrationError.schemaDrift`), and seals the audit rows it wrote before committing, so that
/// ``check(dossier:progress:)`` can tell a rewritten history from an intact one.
public final class ContentDatabase: Sendable {
    /// How to open a database.
    public struct OpenOptions: Sendable, Hashable {
        /// Create the file when it does not exist. Off for tools that must not create a
        /// database by accident (a mistyped path is then an error).
        public var createIfMissing = true
        /// Apply pending migrations when opening. When off, a database that is not up to date
        /// is refused with ``ContentError/schemaNotCurrent(_:)``.
        public var migrate = true
        /// Open without write access: nothing can change the file. Implies no migration.
        public var readOnly = false
        /// Where the backup taken before migrating a non-empty database goes.
        public var backup: Migrator.BackupPolicy = .besideDatabase
        /// Your application's own migrations (SQL files or Swift closures), applied after
        /// Dossier's, in their own ledger (``appLedgerTable``), with the same checksums, backup
        /// and refusal rules. Their versions are theirs: they may repeat Dossier's numbers.
        ///
        /// They may create tables, indexes, views and triggers of their own; a trigger on one of
        /// Dossier's tables is schema drift, refused at the next write (it could undo what the
        /// audit triggers do). A database whose app ledger holds versions you no longer pass
        /// still opens; one that holds versions you pass with another checksum is refused.
        public var appMigrations: [Migration] = []
        /// The ledger of ``appMigrations``: `app_migrations` unless you choose another name (a
        /// plain identifier, not `dossier_migrations`).
        public var appLedgerTable = "app_migrations"
        /// How long a connection waits for another one's lock before it gives up with
        /// `SQLITE_BUSY`: five seconds unless you choose otherwise.
        ///
        /// Related SQLite documentation: <https://www.sqlite.org/c3ref/busy_timeout.html>
        public var busyTimeout: Duration = .seconds(5)
        /// With `readOnly`: open through an `immutable=1` URI (see ``ContentDatabase/init(bundled:)``).
        package var immutable = false

        /// The default: create, migrate, back up beside the file.
        public init() {}

        /// Options for tools that only read: the file must exist and be current, and is opened read-only.
        public static var readOnlyExisting: OpenOptions {
            var options = OpenOptions()
            options.createIfMissing = false
            options.migrate = false
            options.readOnly = true
            return options
        }
    }

    /// The connection settings of a content database: DossierDB's defaults (WAL, foreign keys,
    /// defensive mode, busy timeout) with `trusted_schema` on for the writer, because the
    /// schema's triggers keep an FTS5 index in step and write JSON audit rows, and SQLite 3.40
    /// refuses both in triggers when the schema is untrusted. Readers
    /// share it (they are `query_only`), so that views over the search index read alike on
    /// file and in memory.
    public static var configuration: Configuration {
        var configuration = Configuration()
        configuration.trustedSchema = true
        return configuration
    }

    /// The connections. Use it for SQL of your own; the repositories cover the content model.
    public let pool: DatabasePool

    /// What migrating on open did (empty when nothing was pending).
    public let migrationReport: MigrationReport

    /// What migrating the application's own migrations did, `nil` when none were given.
    public let appMigrationReport: MigrationReport?

    /// Opens (and by default creates and migrates) the database at `path`.
    ///
    /// - throws: ``ContentError`` or `DatabaseError` naming the path: the file cannot be
    ///   opened or is not a database; `MigrationError` when the schema has drifted or the
    ///   database is newer than this build.
    public init(path: String, options: OpenOptions = OpenOptions()) throws {
        var configuration = Self.configuration
        configuration.busyTimeoutMilliseconds = Self.milliseconds(options.busyTimeout)
        if options.readOnly {
            configuration.accessMode = options.immutable ? .immutable : .readOnly
        } else {
            configuration.accessMode = .readWrite(createIfMissing: options.createIfMissing)
        }
        if !options.createIfMissing, !fileExists(path) {
            throw ContentError.databaseMissing(path: path)
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let migrator = try ContentSchema.migrator()
        let appMigrator = try Self.appMigrator(options)
        if options.migrate, !options.readOnly {
            (migrationReport, appMigrationReport) = try pool.writeWithoutTransaction { db in
                if let appMigrator {
                    try ContentSchema.moveAppEntries(db, from: migrator, to: appMigrator, backup: options.backup)
                }
                let report = try migrator.migrate(db, backup: options.backup)
                // One backup before any migration is enough.
                let appReport = try appMigrator?.migrate(db, backup: report.backupPath == nil ? options.backup : .none)
                return (report, appReport)
            }
        } else {
            let (status, appStatus) = try pool.readWithoutTransaction { db in
                (try migrator.status(db), try appMigrator?.status(db))
            }
            for current in [status, appStatus].compactMap({ $0 }) {
                if let refusal = current.refusal { throw refusal }
                guard current.pending.isEmpty else { throw ContentError.schemaNotCurrent(current) }
            }
            migrationReport = MigrationReport(applied: [], backupPath: nil, isDryRun: false, currentVersion: status.currentVersion)
            appMigrationReport = appStatus.map {
                MigrationReport(applied: [], backupPath: nil, isDryRun: false, currentVersion: $0.currentVersion)
            }
        }
        if !options.readOnly {
            pool.installWriteHooks(ContentWriteGuard(migrator: migrator).hooks)
        }
        self.pool = pool
    }

    /// A busy timeout as SQLite takes it: whole milliseconds, from 0 to `Int32.max`.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return Int32(min(max(milliseconds, 0), Double(Int32.max)).rounded(.down))
    }

    /// Opens a private in-memory database with the full schema: for tests and previews.
    ///
    /// - parameter appMigrations: your application's migrations, as ``OpenOptions/appMigrations``.
    public static func inMemory(appMigrations: [Migration] = []) throws -> ContentDatabase {
        var options = OpenOptions()
        options.appMigrations = appMigrations
        return try ContentDatabase(path: ":memory:", options: options)
    }

    /// The migrator of the application's migrations, `nil` when there are none.
    private static func appMigrator(_ options: OpenOptions) throws -> Migrator? {
        guard !options.appMigrations.isEmpty else { return nil }
        guard options.appLedgerTable != ContentSchema.ledgerTable else {
            throw ContentError.validation([
                ValidationIssue(
                    field: "appLedgerTable", rule: "must not be Dossier's own ledger; name another, such as app_migrations",
                    value: options.appLedgerTable)
            ])
        }
        return try Migrator(migrations: options.appMigrations, ledgerTable: options.appLedgerTable)
    }
}
