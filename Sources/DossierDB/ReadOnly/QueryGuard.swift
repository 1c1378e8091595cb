internal import CDossierSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state the C callbacks of a ``ReadOnlyConnection`` consult: a deadline for the progress
/// handler, and the reason the authorizer last denied something.
///
/// SQLite calls the callbacks with an `Unmanaged` pointer to this object (block-based callbacks
/// crash on Linux, which has no Objective-C runtime). The owning connection keeps the guard
/// alive and unregisters the callbacks before releasing it.
final class QueryGuard {
    /// Monotonic nanoseconds after which the progress handler interrupts; 0 for no deadline.
    var deadline: UInt64 = 0
    /// Set when the progress handler interrupted a statement because the deadline passed.
    var didTimeOut = false
    /// Why the authorizer last denied an action, for the error message.
    var denial: String?

    /// Monotonic time in nanoseconds.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Pragmas that only ever read, whatever their argument.
    static let readingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check", "database_list",
        "collation_list", "function_list", "module_list", "pragma_list", "compile_options",
        "data_version", "freelist_count", "page_count",
    ]

    /// Pragmas that read when given no argument and write (or change the connection) with one.
    static let settingPragmas: Set<String> = [
        "user_version", "application_id", "schema_version", "journal_mode", "page_size",
        "foreign_keys", "encoding", "auto_vacuum", "synchronous", "query_only", "cache_size",
        "busy_timeout", "max_page_count", "trusted_schema", "secure_delete", "temp_store",
        "recursive_triggers", "defer_foreign_keys", "locking_mode", "journal_size_limit",
        "mmap_size", "wal_autocheckpoint", "automatic_index", "cell_size_check",
    ]

    /// Functions that reach outside the database.
    static let deniedFunctions: Set<String> = ["load_extension", "fts3_tokenizer"]

    /// Names of the authorizer actions that write, for messages.
    static let actionNames: [Int32: String] = [
        SQLITE_CREATE_INDEX: "CREATE INDEX", SQLITE_CREATE_TABLE: "CREATE TABLE",
        SQLITE_CREATE_TEMP_INDEX: "CREATE TEMP INDEX", SQLITE_CREATE_TEMP_TABLE: "CREATE TEMP TABLE",
        SQLITE_CREATE_TEMP_TRIGGER: "CREATE TEMP TRIGGER", SQLITE_CREATE_TEMP_VIEW: "CREATE TEMP VIEW",
        SQLITE_CREATE_TRIGGER: "CREATE TRIGGER", SQLITE_CREATE_VIEW: "CREATE VIEW", SQLITE_DELETE: "DELETE",
        SQLITE_DROP_INDEX: "DROP INDEX", SQLITE_DROP_TABLE: "DROP TABLE", SQLITE_DROP_TEMP_INDEX: "DROP TEMP INDEX",
        SQLITE_DROP_TEMP_TABLE: "DROP TEMP TABLE", SQLITE_DROP_TEMP_TRIGGER: "DROP TEMP TRIGGER",
        SQLITE_DROP_TEMP_VIEW: "DROP TEMP VIEW", SQLITE_DROP_TRIGGER: "DROP TRIGGER", SQLITE_DROP_VIEW: "DROP VIEW",
        SQLITE_INSERT: "INSERT", SQLITE_UPDATE: "UPDATE", SQLITE_ALTER_TABLE: "ALTER TABLE",
        SQLITE_REINDEX: "REINDEX", SQLITE_ANALYZE: "ANALYZE", SQLITE_CREATE_VTABLE: "CREATE VIRTUAL TABLE",
        SQLITE_DROP_VTABLE: "DROP VIRTUAL TABLE",
    ]

    /// The policy: deny by default; allow reading tables and views, calling ordinary functions,
    /// recursive CTEs, and the pragmas above. Everything else — ATTACH, DETACH, transactions,
    /// savepoints, DDL, DML, ANALYZE, REINDEX — is denied before the statement can run.
    func authorize(action: Int32, first: String?, second: String?) -> Int32 {
        switch action {
        case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
            return SQLITE_OK
        case SQLITE_UPDATE where first == "sqlite_master":
            // SQLite asks this while it sets up a table-valued pragma (`pragma_table_info(…)`),
            // which only reads. A real UPDATE of the schema table is still refused: the file is
            // open read-only, defensive mode forbids it, and sqlite3_stmt_readonly rejects it.
            return SQLITE_OK
        case SQLITE_FUNCTION:
            if let name = second?.lowercased(), Self.deniedFunctions.contains(name) {
                denial = "the function \(name)() is not allowed in read-only queries"
                return SQLITE_DENY
            }
            return SQLITE_OK
        case SQLITE_PRAGMA:
            let name = first?.lowercased() ?? ""
            if Self.readingPragmas.contains(name) { return SQLITE_OK }
            if Self.settingPragmas.contains(name), second == nil { return SQLITE_OK }
            denial =
                second == nil
                ? "PRAGMA \(name) is not allowed in read-only queries"
                : "PRAGMA \(name) = \(second ?? "") would change the database or the connection"
            return SQLITE_DENY
        case SQLITE_ATTACH:
            denial = "ATTACH is not allowed in read-only queries"
            return SQLITE_DENY
        case SQLITE_DETACH:
            denial = "DETACH is not allowed in read-only queries"
            return SQLITE_DENY
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            denial = "transactions and savepoints are not allowed in read-only queries"
            return SQLITE_DENY
        default:
            let operation = Self.actionNames[action] ?? "action \(action)"
            denial = "\(operation) would change the database; read-only queries cannot write"
            return SQLITE_DENY
        }
    }
}

/// `sqlite3_set_authorizer` callback: forwards to the ``QueryGuard`` behind `context`.
private let authorizerCallback:
    @convention(c) (
        UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
        UnsafePointer<CChar>?, UnsafePointer<CChar>?
    ) -> Int32 = { context, action, first, second, _, _ in
        guard let context else { return SQLITE_DENY }
        let queryGuard = Unmanaged<QueryGuard>.fromOpaque(context).takeUnretainedValue()
        return queryGuard.authorize(
            action: action, first: first.map { String(cString: $0) }, second: second.map { String(cString: $0) })
    }

/// `sqlite3_progress_handler` callback: non-zero interrupts the running statement.
private let progressCallback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
    guard let context else { return 0 }
    let queryGuard = Unmanaged<QueryGuard>.fromOpaque(context).takeUnretainedValue()
    guard queryGuard.deadline != 0, QueryGuard.now() >= queryGuard.deadline else { return 0 }
    queryGuard.didTimeOut = true
    return 1
}

extension DatabaseConnection {
    /// Installs the guard's authorizer and progress handler. The caller keeps `queryGuard`
    /// alive until ``removeQueryGuard()``.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/set_authorizer.html>,
    /// <https://www.sqlite.org/c3ref/progress_handler.html>
    func installQueryGuard(_ queryGuard: QueryGuard) {
        let context = Unmanaged.passUnretained(queryGuard).toOpaque()
        sqlite3_set_authorizer(handle, authorizerCallback, context)
        // Checked every 1,000 virtual machine instructions: microseconds apart.
        sqlite3_progress_handler(handle, 1_000, progressCallback, context)
    }

    /// Removes the callbacks installed by ``installQueryGuard(_:)``.
    func removeQueryGuard() {
        sqlite3_set_authorizer(handle, nil, nil)
        sqlite3_progress_handler(handle, 0, nil, nil)
    }

    /// Caps a run-time limit of the connection (`sqlite3_limit`).
    func setLimit(_ limit: Int32, to value: Int32) {
        sqlite3_limit(handle, limit, value)
    }
}
