internal import CDossierSQLite

/// Copies of a live database.
///
/// Related SQLite documentation: <https://www.sqlite.org/backup.html>,
/// <https://www.sqlite.org/lang_vacuum.html#vacuuminto>
extension DatabaseConnection {
    /// Copies the database, page by page, into a new file with SQLite's online backup API, and
    /// leaves the copy in `journalMode`.
    ///
    /// Other connections may keep reading and writing meanwhile. The copy is a consistent
    /// snapshot: if another connection writes during the copy, SQLite restarts it. Copies that
    /// killed processes left in the same folder (`*.partial-PID`) are removed first.
    ///
    /// The backup API copies the source's header, which says WAL for a WAL database, so the
    /// copy is reopened afterwards and its journal mode set: with ``Configuration/JournalMode/delete``
    /// the copy opens without creating a `-wal` or `-shm` file, ready to be shipped or opened
    /// read-only; with ``Configuration/JournalMode/wal`` (the default) it is a database like the
    /// source.
    ///
    /// - throws: ``DatabaseError`` when `path` holds a database that is not empty (a backup never
    ///   overwrites data), or when the copy fails.
    public func backup(to path: String, journalMode: Configuration.JournalMode = .wal) throws {
        guard !fileExists(path) else {
            throw DatabaseError(.cannotOpen, message: "backup destination \(path) already exists; choose a new file name")
        }
        // Copy under a temporary name and rename when complete: a backup interrupted by a crash
        // leaves a stray ".partial" file, never a truncated file under the name asked for.
        removeAbandonedPartialCopies(besides: path)
        let partial = partialPath(for: path)
        do {
            var destinationConfiguration = Configuration()
            destinationConfiguration.journalMode = .delete
            destinationConfiguration.foreignKeysEnabled = false
            do {
                let destination = try DatabaseConnection(path: partial, configuration: destinationConfiguration)
                try backup(into: destination)
            }
            // The destination is closed; reopening it sets the journal mode in the header.
            destinationConfiguration.journalMode = journalMode
            destinationConfiguration.synchronous = .full
            _ = try DatabaseConnection(path: partial, configuration: destinationConfiguration)
        } catch {
            removePartialCopy(partial)
            throw error
        }
        try finishCopy(partial, at: path)
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
    /// The copy is written under a temporary name and renamed when complete, so an interrupted
    /// copy never sits under `path`.
    ///
    /// - throws: ``DatabaseError`` when the file already exists or cannot be written.
    public func vacuum(into path: String) throws {
        guard !fileExists(path) else {
            throw DatabaseError(.cannotOpen, message: "\(path) already exists; VACUUM INTO needs a new file name")
        }
        removeAbandonedPartialCopies(besides: path)
        let partial = partialPath(for: path)
        do {
            try FaultInjection.duringBackup(on: handle) {
                try internalExecute("VACUUM INTO ?", [.text(partial)])
            }
        } catch {
            removeFile(partial)
            throw error
        }
        try finishCopy(partial, at: path)
    }

    /// Removes a copy in progress and the files SQLite may have left beside it.
    func removePartialCopy(_ partial: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { removeFile(partial + suffix) }
    }

    /// Gives a finished copy its final name.
    func finishCopy(_ partial: String, at path: String) throws {
        if let code = moveFile(partial, to: path) {
            removeFile(partial)
            throw DatabaseError(
                .cannotOpen, message: "cannot move the finished copy to \(path): \(systemErrorDescription(code))")
        }
    }
}
