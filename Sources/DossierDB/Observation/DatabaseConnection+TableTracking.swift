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
/// transaction that rolls back are forgotten. Two kinds of change escape it, and are caught:
/// - a `DELETE` without `WHERE`, which SQLite would run as a truncation: the connection's
///   authorizer answers `SQLITE_IGNORE` to deletes, which SQLite documents as turning the
///   truncation off (the rows are then deleted one by one, and the hook sees each);
/// - rows of `WITHOUT ROWID` tables, which the hook never reports: when the writes of one pool
///   closure changed rows (`sqlite3_total_changes64` moved) but the hook saw none, they count
///   as a change to every table (``everyTable``). A closure that changes a rowid table *and*
///   a `WITHOUT ROWID` one is reported by its rowid table only. (The hook's count cannot be
///   compared with SQLite's total: a row of an FTS5 table counts in the total, while the hook
///   reports the rows of its shadow tables instead.)
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/update_hook.html>,
/// <https://www.sqlite.org/c3ref/commit_hook.html>
final class CommittedTableTracker {
    /// Changed by the transaction in progress.
    var pending: Set<String> = []
    /// Changed by transactions that committed since the last ``DatabaseConnection/takeCommittedTables()``.
    var committed: Set<String> = []
    /// Stands for "every table" when a commit changed rows the hook did not see.
    static let everyTable = "*"
    /// Rows the update hook saw since the last ``DatabaseConnection/takeCommittedTables()``.
    var rowsSeen: Int64 = 0
    /// `sqlite3_total_changes64` at the last ``DatabaseConnection/takeCommittedTables()``.
    var totalChangesBefore: Int64 = 0
    /// The name last seen by the update hook, NUL-terminated: a run of rows of one table costs
    /// one comparison rather than a new string.
    var lastName: [CChar] = [0]
    /// Commits since the last ``DatabaseConnection/takeCommittedTables()``.
    var commits = 0
}

/// What a connection's authorizer does: record the tables statements read while an
/// observation fetches, and keep SQLite from truncating tables while changes are tracked.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/set_authorizer.html>
final class TablesReadRecorder {
    /// The tables read since recording began; `nil` when not recording.
    var tables: Set<String>?
    /// Answer `SQLITE_IGNORE` to deletes, which disables the truncate optimization.
    var preventsTruncation = false
}

extension DatabaseConnection {
    /// The connection's authorizer state, installing the authorizer on first use. Installing
    /// it expires every prepared statement, so it is installed once and stays.
    private var authorizerState: TablesReadRecorder {
        if let recorder = tablesReadRecorder { return recorder }
        let recorder = TablesReadRecorder()
        tablesReadRecorder = recorder
        // The connection keeps the recorder alive as long as the authorizer can run.
        sqlite3_set_authorizer(
            handle,
            { context, action, table, _, _, _ in
                guard let context else { return SQLITE_OK }
                let recorder = Unmanaged<TablesReadRecorder>.fromOpaque(context).takeUnretainedValue()
                if action == SQLITE_READ, let table, recorder.tables != nil {
                    recorder.tables?.insert(String(cString: table))
                } else if action == SQLITE_DELETE, recorder.preventsTruncation {
                    // Documented: the delete proceeds, row by row, without the truncation.
                    return SQLITE_IGNORE
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(recorder).toOpaque())
        return recorder
    }

    /// Whether an observation is recording what this connection's statements read: statement
    /// caches are bypassed meanwhile, since SQLite names the tables to the authorizer only
    /// when a statement is prepared.
    var isRecordingTablesRead: Bool { tablesReadRecorder?.tables != nil }

    /// Installs the hooks that collect the tables each committed transaction changed.
    func startTrackingCommittedTables() {
        guard committedTableTracker == nil else { return }
        authorizerState.preventsTruncation = true
        let tracker = CommittedTableTracker()
        tracker.totalChangesBefore = sqlite3_total_changes64(handle)
        committedTableTracker = tracker
        let context = Unmanaged.passUnretained(tracker).toOpaque()
        sqlite3_update_hook(
            handle,
            { context, _, _, table, _ in
                guard let context, let table else { return }
                let tracker = Unmanaged<CommittedTableTracker>.fromOpaque(context).takeUnretainedValue()
                tracker.rowsSeen += 1
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
                tracker.commits += 1
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

    /// The tables committed transactions changed since the last call (``CommittedTableTracker/everyTable``
    /// among them when some changed rows escaped the update hook), and forgets them.
    func takeCommittedTables() -> Set<String> {
        guard let tracker = committedTableTracker else { return [] }
        let total = sqlite3_total_changes64(handle)
        defer {
            tracker.committed.removeAll(keepingCapacity: true)
            tracker.rowsSeen = 0
            tracker.commits = 0
            tracker.totalChangesBefore = total
        }
        guard tracker.commits > 0 else { return [] }
        var tables = tracker.committed
        // Rows changed, none of which the hook saw: a WITHOUT ROWID table.
        if total > tracker.totalChangesBefore, tracker.rowsSeen == 0 {
            tables.insert(CommittedTableTracker.everyTable)
        }
        return tables
    }

    /// Runs `body` while recording the tables its statements read, and returns them with its
    /// result.
    func recordingTablesRead<T>(_ body: () throws -> T) throws -> (T, Set<String>) {
        let recorder = authorizerState
        recorder.tables = []
        defer { recorder.tables = nil }
        let result = try body()
        return (result, recorder.tables ?? [])
    }

    /// `PRAGMA data_version`: changes when another connection (in this process or another)
    /// commits to the database.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_data_version>
    func dataVersion() throws -> Int64 {
        try internalFetchOne("PRAGMA data_version") { try $0.int64(0) } ?? 0
    }
}
