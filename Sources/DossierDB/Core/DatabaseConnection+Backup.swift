internal import CDossierSQLite

/// Copies of a live database.
///
/// Related SQLite documentation: <https://www.sqlite.org/backup.html>,
/// <https://www.sqlite.org/lang_vacuum.html#vacuuminto>
extension DatabaseConnection {
    /// Copies the database, page by page, into a new file with SQLite's online backup API.
    ///
    /// Other connections may keep reading and writing meanwhile. The copy is a consistent
    /// snapshot: if another connection writes during the copy, SQLite restarts it.
    ///
    /// - throws: ``DatabaseError`` when `path` holds a database that is not empty (a backup never
    ///   overwrites data), or when the copy fails.
    public func backup(to path: String) throws {
        var destinationConfiguration = Configuration()
        destinationConfiguration.journalMode = .delete
        destinationConfiguration.foreignKeysEnabled = false
        let destination = try DatabaseConnection(path: path, configuration: destinationConfiguration)
        let pageCount = try destination.fetchOne("PRAGMA page_count") { try $0.int64(0) } ?? 0
        guard pageCount == 0 else {
            throw DatabaseError(
                .cannotOpen,
                message: "backup destination \(path) already holds a database; choose a new file name")
        }
        try backup(into: destination)
    }

    /// Copies this database into another connection's main database, replacing its content.
    public func backup(into destination: DatabaseConnection) throws {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw DatabaseError(destination.lastErrorCode, message: "cannot start backup: \(destination.lastErrorMessage)")
        }
        var code: Int32
        repeat {
            code = sqlite3_backup_step(backup, -1)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED {
                sqlite3_sleep(10)
            }
        } while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED
        let finishCode = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finishCode == SQLITE_OK else {
            let failed = code == SQLITE_DONE ? finishCode : code
            throw DatabaseError(
                ResultCode(rawValue: failed),
                message: "backup to \(destination.path) failed: \(destination.lastErrorMessage)")
        }
    }

    /// Writes a compacted copy of the database to a new file with `VACUUM INTO`.
    ///
    /// - throws: ``DatabaseError`` when the file already exists or cannot be written.
    public func vacuum(into path: String) throws {
        try execute("VACUUM INTO ?", [.text(path)])
    }
}
