internal import CDossierSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The names of the tables committed transactions changed on one connection, gathered by
/// SQLite's update, commit and rollback hooks. Touched only by the thread using the connection.
///
/// The update hook fires for every row a statement changes, triggers included; rows of a
/// transaction that rolls back are forgotten. It does not fire for `WITHOUT ROWID` tables,
/// nor for a `DELETE` without `WHERE` that SQLite runs as a truncation.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/update_hook.html>,
/// <https://www.sqlite.org/c3ref/commit_hook.html>
final class CommittedTableTracker {
    /// Changed by the transaction in progress.
    var pending: Set<String> = []
    /// Changed by transactions that committed since the last ``DatabaseConnection/takeCommittedTables()``.
    var committed: Set<String> = []
    /// The name last seen by the update hook, NUL-terminated: a run of rows of one table costs
    /// one comparison rather than a new string.
    var lastName: [CChar] = [0]
}

/// The tables the statements prepared on a connection read, named by SQLite's authorizer.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/set_authorizer.html>
final class TablesReadRecorder {
    var tables: Set<String> = []
}

extension DatabaseConnection {
    /// Installs the hooks that collect the tables each committed transaction changed.
    func startTrackingCommittedTables() {
        guard committedTableTracker == nil else { return }
        let tracker = CommittedTableTracker()
        committedTableTracker = tracker
        // The connection keeps the tracker alive as long as the hooks can fire.
        let context = Unmanaged.passUnretained(tracker).toOpaque()
        sqlite3_update_hook(
            handle,
            { context, _, _, table, _ in
                guard let context, let table else { return }
                let tracker = Unmanaged<CommittedTableTracker>.fromOpaque(context).takeUnretainedValue()
                let isSame = tracker.lastName.withUnsafeBufferPointer { last in
                    last.baseAddress.map { strcmp($0, table) == 0 } ?? false
                }
                if isSame { return }
                let name = String(cString: table)
                tracker.lastName = Array(name.utf8CString)
                tracker.pending.insert(name)
            }, context)
        sqlite3_commit_hook(
            handle,
            { context in
                guard let context else { return 0 }
                let tracker = Unmanaged<CommittedTableTracker>.fromOpaque(context).takeUnretainedValue()
                tracker.committed.formUnion(tracker.pending)
                tracker.pending.removeAll(keepingCapacity: true)
                tracker.lastName = [0]
                // 0: let the commit go ahead.
                return 0
            }, context)
        sqlite3_rollback_hook(
            handle,
            { context in
                guard let context else { return }
                let tracker = Unmanaged<CommittedTableTracker>.fromOpaque(context).takeUnretainedValue()
                tracker.pending.removeAll(keepingCapacity: true)
                tracker.lastName = [0]
            }, context)
    }

    /// The tables committed transactions changed since the last call, and forgets them.
    func takeCommittedTables() -> Set<String> {
        guard let tracker = committedTableTracker, !tracker.committed.isEmpty else { return [] }
        defer { tracker.committed.removeAll(keepingCapacity: true) }
        return tracker.committed
    }

    /// Runs `body` while recording the tables its statements read, and returns them with its
    /// result. The statement caches are bypassed meanwhile: SQLite names the tables a
    /// statement reads to the authorizer only when the statement is prepared.
    func recordingTablesRead<T>(_ body: () throws -> T) throws -> (T, Set<String>) {
        let recorder = TablesReadRecorder()
        tablesReadRecorder = recorder
        sqlite3_set_authorizer(
            handle,
            { context, action, table, _, _, _ in
                if action == SQLITE_READ, let context, let table {
                    Unmanaged<TablesReadRecorder>.fromOpaque(context).takeUnretainedValue().tables.insert(String(cString: table))
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(recorder).toOpaque())
        defer {
            sqlite3_set_authorizer(handle, nil, nil)
            tablesReadRecorder = nil
        }
        let result = try body()
        return (result, recorder.tables)
    }

    /// `PRAGMA data_version`: changes when another connection (in this process or another)
    /// commits to the database.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_data_version>
    func dataVersion() throws -> Int64 {
        try internalFetchOne("PRAGMA data_version") { try $0.int64(0) } ?? 0
    }
}
