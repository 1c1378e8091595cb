public import DossierDB

/// What a database holds, for `dossier stats`.
public struct ContentStatistics: Sendable {
    /// Rows per table, by table name.
    public var rowCounts: [(table: String, rows: Int)]
    /// The size of the database in bytes (pages × page size; the WAL excluded).
    public var fileSize: Int64
    /// The SQLite library version.
    public var sqliteVersion: String
    /// The highest applied migration.
    public var schemaVersion: Int?
}

extension ContentDatabase {
    /// Row counts of every table, the file size, and the SQLite and schema versions.
    public func statistics() throws -> ContentStatistics {
        try pool.read { db in
            let tables = try db.tableNames().filter { !$0.hasPrefix("search_index_") }
            var counts: [(table: String, rows: Int)] = []
            for table in tables {
                // Table names come from sqlite_schema, quoted as identifiers.
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                counts.append((table, try db.fetchOne("SELECT count(*) FROM \(quoted)") { try $0.int(0) } ?? 0))
            }
            let version = try ContentSchema.migrator().status(db).currentVersion
            return ContentStatistics(
                rowCounts: counts, fileSize: try db.databaseSize(), sqliteVersion: DatabaseConnection.sqliteVersion,
                schemaVersion: version)
        }
    }

    /// Writes a consistent copy of the database to a new file with SQLite's online backup API,
    /// while other connections go on reading and writing.
    ///
    /// - parameters:
    ///   - path: the new file.
    ///   - journalMode: the copy's journal mode. `.wal` (the default) makes a database like this
    ///     one; `.delete` a copy that opens without creating `-wal` and `-shm` files beside it.
    ///     For a file to ship, ``bundle(to:)`` also compacts it and stamps its header.
    /// - throws: ``ContentError/destinationExists(path:)`` when something exists at `path`
    ///   (nothing is overwritten); `DatabaseError` when the copy fails.
    public func backup(to path: String, journalMode: Configuration.JournalMode = .wal) throws {
        guard !pathIsTaken(path) else { throw ContentError.destinationExists(path: path) }
        try pool.read { db in try db.backup(to: path, journalMode: journalMode) }
    }
}
