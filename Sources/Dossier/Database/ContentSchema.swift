public import DossierDB

/// The content schema: the SQL migrations of the package's `Migrations/` folder, compiled into
/// the library.
public enum ContentSchema {
    /// The embedded migrations, by version.
    ///
    /// - throws: `MigrationError` when a file name is not `NNNN_name.sql` (a build defect the
    ///   test suite would catch first).
    public static func migrations() throws -> [Migration] {
        try embedded.get()
    }

    /// The embedded migrations, read and checksummed once per process: opening a database
    /// compares its ledger with them, and hashing every file each time costs more than the rest.
    private static let embedded = Result<[Migration], any Error> {
        try EmbeddedFile.files(in: "Migrations").map { file in
            try Migration(fileName: String(file.path.dropFirst("Migrations/".count)), sql: file.contents)
        }
    }

    /// The table that records which of Dossier's migrations a database has applied.
    public static let ledgerTable = "dossier_migrations"

    /// A migrator over the embedded migrations.
    public static func migrator() throws -> Migrator {
        try Migrator(migrations: migrations(), ledgerTable: ledgerTable)
    }
}

extension ContentSchema {
    /// Where the database at `path` stands against this build's migrations: which are applied,
    /// pending, edited since they were applied, or unknown to this build. Reads only, never
    /// creates a file, and leaves no `-wal` or `-shm` file behind (see `TracelessReading`).
    ///
    /// - parameters:
    ///   - path: the database file.
    ///   - busyTimeout: how long to wait for another connection's lock.
    ///   - immutable: read through an `immutable=1` URI, for a file nothing writes meanwhile.
    /// - throws: ``ContentError/databaseMissing(path:)`` when there is no file; `DatabaseError`
    ///   when it cannot be opened.
    public static func status(
        ofDatabaseAt path: String, busyTimeout: Duration = .seconds(5), immutable: Bool = false
    ) throws -> MigrationStatus {
        try migrator().status(try openExisting(path, readOnly: true, busyTimeout: busyTimeout, immutable: immutable))
    }

    /// Applies this build's pending migrations to the database at `path`, each in its own
    /// transaction, after backing up a database that already holds data (see `Migrator`).
    ///
    /// - parameters:
    ///   - path: the database file.
    ///   - target: the last version to apply; `nil` for all.
    ///   - dryRun: run the pending migrations in a transaction that is rolled back: it validates
    ///     them and reports what would be applied, and changes nothing — a missing database is
    ///     rehearsed in memory and not created.
    ///   - createIfMissing: create the file when there is none (not in a dry run).
    ///   - backup: where the backup goes.
    ///   - busyTimeout: how long to wait for another connection's lock.
    /// - throws: `MigrationError`, naming the file; the database is left as it was before the
    ///   failing migration.
    @discardableResult
    public static func migrate(
        databaseAt path: String, upTo target: Int? = nil, dryRun: Bool = false, createIfMissing: Bool = true,
        backup: Migrator.BackupPolicy = .besideDatabase, busyTimeout: Duration = .seconds(5)
    ) throws -> MigrationReport {
        let migrator = try migrator()
        if dryRun {
            let connection =
                fileExists(path)
                ? try openExisting(path, readOnly: false, busyTimeout: busyTimeout)
                : try DatabaseConnection.inMemory(configuration: ContentDatabase.configuration)
            return try migrator.migrate(connection, upTo: target, dryRun: true, backup: .none)
        }
        if !createIfMissing, !fileExists(path) { throw ContentError.databaseMissing(path: path) }
        var configuration = ContentDatabase.configuration
        configuration.busyTimeoutMilliseconds = ContentDatabase.milliseconds(busyTimeout)
        let pool = try DatabasePool(path: path, configuration: configuration)
        return try pool.writeWithoutTransaction { db in try migrator.migrate(db, upTo: target, backup: backup) }
    }

    /// Checks everything the migrations and the library rely on, changing nothing: checksums of
    /// the applied migrations, unknown and pending ones, the schema against what the migrations
    /// create (a dropped or altered trigger, index, view or table is drift), `integrity_check`
    /// and `foreign_key_check`. Reads only, never creates a file, and leaves no `-wal` or `-shm`
    /// file behind; `immutable` as in ``status(ofDatabaseAt:busyTimeout:immutable:)``.
    public static func verify(
        databaseAt path: String, busyTimeout: Duration = .seconds(5), immutable: Bool = false
    ) throws -> MigrationVerification {
        try migrator().verify(try openExisting(path, readOnly: true, busyTimeout: busyTimeout, immutable: immutable))
    }

    /// Restores a drifted schema from the migrations: recreates missing or altered triggers,
    /// indexes and views, drops triggers no migration created on the content tables, rebuilds a
    /// table that lost its constraints but kept its columns. Backs the file up first (when there
    /// is something to repair); refuses, changing nothing, when a table cannot be restored.
    ///
    /// - throws: `MigrationError.repairImpossible` naming what cannot be restored; the refusals
    ///   of ``migrate(databaseAt:upTo:dryRun:createIfMissing:backup:busyTimeout:)``.
    @discardableResult
    public static func repair(
        databaseAt path: String, backup: Migrator.BackupPolicy = .besideDatabase, busyTimeout: Duration = .seconds(5)
    ) throws -> SchemaRepair {
        let migrator = try migrator()
        return try migrator.repair(try openExisting(path, readOnly: false, busyTimeout: busyTimeout), backup: backup)
    }

    /// An existing database file, opened without creating one; read-only, it creates no file
    /// beside it either.
    private static func openExisting(
        _ path: String, readOnly: Bool, busyTimeout: Duration, immutable: Bool = false
    ) throws -> DatabaseConnection {
        guard fileExists(path) else { throw ContentError.databaseMissing(path: path) }
        var configuration = ContentDatabase.configuration
        configuration.busyTimeoutMilliseconds = ContentDatabase.milliseconds(busyTimeout)
        if readOnly {
            configuration.accessMode = immutable ? .immutable : TracelessReading.accessMode(forPath: path)
        } else {
            configuration.accessMode = .readWrite(createIfMissing: false)
        }
        return try DatabaseConnection(path: path, configuration: configuration)
    }
}

extension ContentSchema {
    /// Moves the application's migrations that an earlier run recorded in Dossier's ledger (by
    /// running the public `Migrator` with both lists and one ledger) to the application's own
    /// ledger, after a backup: the recovery for a database that ledger made unopenable.
    ///
    /// Only entries that match one of `app`'s migrations by version *and* checksum move; any
    /// other unknown entry is left for the migrator to refuse, as from a newer Dossier.
    static func moveAppEntries(
        _ db: DatabaseConnection, from dossier: Migrator, to app: Migrator, backup: Migrator.BackupPolicy
    ) throws {
        let unknown = try dossier.status(db).unknown
        let appChecksums = Dictionary(app.migrations.map { ($0.version, $0.checksum) }, uniquingKeysWith: { first, _ in first })
        let movable = unknown.filter { appChecksums[$0.version] == $0.checksum }.map(\.version)
        guard !movable.isEmpty else { return }
        _ = try dossier.backUp(db, label: "pre-ledger-move", policy: backup)
        try dossier.moveLedgerEntries(versions: movable, to: app, in: db)
    }
}
