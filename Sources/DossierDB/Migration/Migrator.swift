/// Applies numbered SQL migrations, in order, each in its own transaction with its ledger row.
///
/// The ledger is a table (`schema_migrations` by default: see ``ledgerTable``) with version, name, checksum, checksum algorithm,
/// applied_at), append-only by trigger. The migrator refuses, naming the file, to touch a
/// database where an applied migration's text changed, or that carries migrations it does not
/// know (a newer database).
///
/// For each migration it:
/// 1. switches foreign keys off *before* the transaction (SQLite ignores the pragma inside one,
///    so a table rebuild would otherwise cascade-delete child rows),
/// 2. begins an IMMEDIATE transaction, which also serializes concurrent migrators: the second
///    waits, then finds the migration applied and skips it,
/// 3. runs the SQL, records the ledger row, runs `foreign_key_check`, and commits — or rolls
///    back everything on any failure,
/// 4. restores the foreign-key setting.
///
/// Before migrating a database that already holds data it writes a backup with `VACUUM INTO`.
///
/// ```swift
/// let migrator = try Migrator(migrations: [
///     try Migration(fileName: "0001_notes.sql", sql: "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT) STRICT;"),
/// ])
/// let report = try pool.writeWithoutTransaction { db in try migrator.migrate(db) }
/// ```
public struct Migrator: Sendable {
    /// Where the backup taken before migrating goes.
    public enum BackupPolicy: Sendable, Hashable {
        /// Next to the database: `<path>.pre-v<next version>-<UTC time>.bak`.
        case besideDatabase
        /// In this folder, with the same file name pattern.
        case inDirectory(String)
        /// No backup. For tests and for databases the caller backs up itself.
        case none
    }

    /// The name of the ledger table: `schema_migrations` unless the program chose another.
    public let ledgerTable: String

    /// The known migrations, by version.
    public let migrations: [Migration]

    /// Creates a migrator.
    ///
    /// - parameters:
    ///   - migrations: the migrations, in any order.
    ///   - ledgerTable: the table that records which migrations ran; a plain identifier
    ///     (letters, digits, underscores), so several programs can keep ledgers in one file.
    /// - throws: ``MigrationError/duplicateVersion(_:files:)`` when two migrations share a
    ///   version, ``MigrationError/invalidLedgerTable(_:)`` for a name that is not an identifier.
    public init(migrations: [Migration], ledgerTable: String = "schema_migrations") throws {
        guard let first = ledgerTable.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            ledgerTable.utf8.count <= 64,
            ledgerTable.utf8.allSatisfy({
                $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            })
        else { throw MigrationError.invalidLedgerTable(ledgerTable) }
        self.ledgerTable = ledgerTable
        let sorted = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(next.version, files: [previous.fileName, next.fileName])
        }
        self.migrations = sorted
    }

    // MARK: - Status

    /// Compares the database's ledger with the known migrations. Reads only; a database without
    /// a ledger has nothing applied.
    public func status(_ db: DatabaseConnection) throws -> MigrationStatus {
        let applied = try appliedMigrations(db)
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let appliedVersions = Set(applied.map(\.version))
        var modified: [MigrationStatus.Modification] = []
        var unknown: [AppliedMigration] = []
        for entry in applied {
            if let migration = known[entry.version] {
                if migration.checksum != entry.checksum {
                    modified.append(.init(migration: migration, applied: entry))
                }
            } else {
                unknown.append(entry)
            }
        }
        return MigrationStatus(
            applied: applied,
            pending: migrations.filter { !appliedVersions.contains($0.version) },
            modified: modified,
            unknown: unknown)
    }

    private func appliedMigrations(_ db: DatabaseConnection) throws -> [AppliedMigration] {
        guard try db.tableExists(ledgerTable) else { return [] }
        return try db.internalFetchAll(
            "SELECT version, name, checksum, applied_at FROM \(ledgerTable) ORDER BY version"
        ) { row in
            AppliedMigration(
                version: try row.int(0), name: try row.text(1), checksum: try row.text(2),
                appliedAt: try row.isNull(3) ? nil : try row.withUTF8(3, DatabaseTimestamp.date(utf8:)))
        }
    }

    // MARK: - Migrate

    /// Applies the pending migrations, up to `target` when given.
    ///
    /// - parameters:
    ///   - db: the connection, outside any transaction.
    ///   - target: the last version to apply; `nil` for all.
    ///   - dryRun: run the pending migrations in one transaction and roll it back: validates
    ///     them and reports what would be applied, changing nothing.
    ///   - backup: where to back up a non-empty database first.
    /// - throws: ``MigrationError``; the database is left as it was before the failing migration.
    @discardableResult
    public func migrate(
        _ db: DatabaseConnection, upTo target: Int? = nil, dryRun: Bool = false,
        backup: BackupPolicy = .besideDatabase
    ) throws -> MigrationReport {
        if db.isInsideTransaction {
            throw MigrationError.failed(
                fileName: "(none)",
                error: DatabaseError(
                    .misuse,
                    message: "migrate inside a transaction: foreign keys cannot be switched off there; call it outside any transaction"))
        }
        let status = try status(db)
        if let refusal = status.refusal { throw refusal }
        if let target {
            guard migrations.contains(where: { $0.version == target }) else { throw MigrationError.unknownTarget(target) }
            if let current = status.currentVersion, current > target {
                throw MigrationError.targetBelowCurrent(target: target, current: current)
            }
        }
        let planned = status.pending.filter { target == nil || $0.version <= target! }
        guard !planned.isEmpty else {
            return MigrationReport(applied: [], backupPath: nil, isDryRun: dryRun, currentVersion: status.currentVersion)
        }
        if dryRun {
            do {
                try withForeignKeysOff(db) {
                    try db.transaction(.immediate) { () throws -> Void in
                        for migration in planned { try apply(migration, to: db) }
                        // Roll back on purpose: a dry run changes nothing.
                        throw DryRunRollback()
                    }
                }
            } catch is DryRunRollback {}
            return MigrationReport(applied: planned, backupPath: nil, isDryRun: true, currentVersion: status.currentVersion)
        }

        let backupPath = try backUp(db, label: "pre-v\(planned[0].version)", policy: backup)
        var applied: [Migration] = []
        for migration in planned {
            let didApply = try withForeignKeysOff(db) {
                try db.transaction(.immediate) { () throws -> Bool in
                    // Another migrator may have got here first: re-read the ledger under the lock.
                    let current = try self.status(db)
                    if let refusal = current.refusal { throw refusal }
                    guard current.pending.contains(migration) else { return false }
                    try apply(migration, to: db)
                    return true
                }
            }
            if didApply { applied.append(migration) }
        }
        return MigrationReport(
            applied: applied, backupPath: backupPath, isDryRun: false, currentVersion: try self.status(db).currentVersion)
    }

    /// Runs one migration and records it; the caller holds the transaction.
    func apply(_ migration: Migration, to db: DatabaseConnection) throws {
        do {
            try createLedgerIfNeeded(db)
            try migration.run(on: db)
            try db.internalExecute(
                """
                INSERT INTO \(ledgerTable)(version, name, checksum, checksum_algorithm, applied_at)
                VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                """,
                [
                    .integer(Int64(migration.version)), .text(migration.name), .text(migration.checksum),
                    .text(Migration.checksumAlgorithm),
                ])
        } catch let error as DatabaseError {
            throw MigrationError.failed(fileName: migration.fileName, error: error)
        }
        let violations = try db.foreignKeyCheck()
        if !violations.isEmpty {
            throw MigrationError.foreignKeyViolations(fileName: migration.fileName, violations: violations)
        }
    }

    func createLedgerIfNeeded(_ db: DatabaseConnection) throws {
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS \(ledgerTable) (
              version            INTEGER PRIMARY KEY CHECK (version > 0),
              name               TEXT NOT NULL CHECK (length(name) > 0),
              checksum           TEXT NOT NULL CHECK (length(checksum) = 64 AND checksum NOT GLOB '*[^0-9a-f]*'),
              checksum_algorithm TEXT NOT NULL,
              applied_at         TEXT NOT NULL
            ) STRICT;
            CREATE TRIGGER IF NOT EXISTS \(ledgerTable)_no_update BEFORE UPDATE ON \(ledgerTable)
            BEGIN SELECT RAISE(ABORT, 'the migration ledger is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS \(ledgerTable)_no_delete BEFORE DELETE ON \(ledgerTable)
            BEGIN SELECT RAISE(ABORT, 'the migration ledger is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS \(ledgerTable)_no_replace BEFORE INSERT ON \(ledgerTable)
            WHEN EXISTS (SELECT 1 FROM \(ledgerTable) WHERE version = NEW.version)
            BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: the migration ledger is append-only'); END;
            """)
    }

    /// Runs `body` with `PRAGMA foreign_keys = OFF`, restoring the previous setting afterwards.
    func withForeignKeysOff<T>(_ db: DatabaseConnection, _ body: () throws -> T) throws -> T {
        let wasOn = try db.internalFetchOne("PRAGMA foreign_keys") { try $0.bool(0) } ?? false
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { if wasOn { try? db.execute("PRAGMA foreign_keys = ON") } }
        return try body()
    }

    private struct DryRunRollback: Error {}

    /// Writes a `VACUUM INTO` copy named `<file>.<label>-<time>.bak` when the database already
    /// holds tables.
    package func backUp(_ db: DatabaseConnection, label: String, policy: BackupPolicy) throws -> String? {
        let directory: String
        switch policy {
        case .none:
            return nil
        case .besideDatabase:
            directory = ""
        case .inDirectory(let path):
            directory = path.hasSuffix("/") ? path : path + "/"
        }
        guard db.path != ":memory:", !db.path.isEmpty, !(try db.tableNames().isEmpty) else { return nil }
        let stamp = try db.internalFetchOne("SELECT strftime('%Y%m%dT%H%M%SZ', 'now')") { try $0.text(0) } ?? "now"
        let base = directory.isEmpty ? db.path : directory + (db.path.split(separator: "/").last.map(String.init) ?? "database")
        var path = "\(base).\(label)-\(stamp).bak"
        var attempt = 1
        while fileExists(path) {
            attempt += 1
            path = "\(base).\(label)-\(stamp)-\(attempt).bak"
        }
        do {
            try db.vacuum(into: path)
        } catch let error as DatabaseError {
            throw MigrationError.backupFailed(path: path, error: error)
        }
        return path
    }

    // MARK: - Verify

    /// The ledger field by field: each applied migration's recorded name and checksum algorithm
    /// are the ones this build gives it, and its time is a timestamp no earlier than the
    /// previous migration's. (Checksums are ``status(_:)``'s.)
    public func ledgerProblems(_ db: DatabaseConnection) throws -> [String] {
        guard try db.tableExists(ledgerTable) else { return [] }
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let rows = try db.internalFetchAll(
            """
            SELECT version, name, checksum_algorithm, applied_at,
                   strftime('%Y-%m-%dT%H:%M:%fZ', applied_at) IS applied_at
            FROM \(ledgerTable) ORDER BY version
            """
        ) { row in (try row.int(0), try row.text(1), try row.text(2), try row.text(3), try row.bool(4)) }
        var problems: [String] = []
        var previous: String?
        for (version, name, algorithm, appliedAt, isTimestamp) in rows {
            if let migration = known[version], migration.name != name {
                problems.append(
                    "the ledger names migration \(version) \"\(name)\", but its file is \(migration.fileName): the ledger was edited")
            }
            if algorithm != Migration.checksumAlgorithm {
                problems.append(
                    "the ledger gives migration \(version) the checksum algorithm \"\(algorithm)\", not \(Migration.checksumAlgorithm): the ledger was edited"
                )
            }
            if !isTimestamp {
                problems.append(
                    "the ledger's time of migration \(version), \"\(appliedAt)\", is not a UTC timestamp: the ledger was edited")
            } else if let previous, appliedAt < previous {
                problems.append(
                    "the ledger says migration \(version) was applied at \(appliedAt), before the migration preceding it (\(previous)): the ledger was edited"
                )
            }
            if isTimestamp { previous = appliedAt }
        }
        return problems
    }

    /// Checks everything the migrator relies on without changing anything: checksums, unknown
    /// and pending migrations, the schema against the one the applied migrations create (a
    /// dropped or altered trigger is drift), `integrity_check` and `foreign_key_check`.
    public func verify(_ db: DatabaseConnection) throws -> MigrationVerification {
        let status = try status(db)
        var problems: [String] = []
        for modification in status.modified {
            problems.append(
                MigrationError.modified(
                    fileName: modification.migration.fileName, appliedChecksum: modification.applied.checksum,
                    currentChecksum: modification.migration.checksum
                ).description)
        }
        if !status.unknown.isEmpty {
            problems.append(
                MigrationError.unknownMigrations(versions: status.unknown.map(\.version), names: status.unknown.map(\.name)).description)
        }
        problems += try ledgerProblems(db)
        for migration in status.pending {
            problems.append("migration \(migration.fileName) is not applied yet; migrate the database")
        }
        let integrity = try db.integrityCheck()
        var drift = SchemaDrift()
        // A damaged file cannot be compared object by object; integrity_check says why.
        if integrity.isEmpty, status.modified.isEmpty {
            drift = try schemaDrift(of: db, applied: status.applied)
        }
        problems += drift.problems
        for line in integrity {
            problems.append("integrity_check: \(line)")
        }
        do {
            for violation in try db.foreignKeyCheck() {
                problems.append("foreign_key_check: \(violation)")
            }
        } catch let error as DatabaseError where error.message.hasPrefix("foreign key mismatch") {
            // A parent table lost the key its children reference: a drifted table, listed above.
            problems.append("foreign_key_check cannot run: \(error.message)")
        }
        return MigrationVerification(problems: problems, schemaDrift: drift.problems, unmanagedObjects: drift.extras, status: status)
    }
}
