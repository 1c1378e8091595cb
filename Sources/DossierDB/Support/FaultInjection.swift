internal import CDossierSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// For crash tests only: makes the process kill itself with `SIGKILL` at a chosen point inside
/// a write, so that every kill provably lands there instead of wherever a timer happens to
/// fall. Read once from the environment variable `DOSSIER_FAULT`, and honoured only in debug
/// builds; a release build ignores it.
///
/// - `row:N`: at the N-th row the process inserts, updates or deletes (SQLite's update hook,
///   which runs inside the statement, inside its transaction; rows written by triggers count).
/// - `commit:N`: in the N-th commit, before SQLite makes it durable (the commit hook).
/// - `backup:N`: after N thousand virtual-machine steps of a `VACUUM INTO` copy (the copy
///   taken before migrating, or by `vacuum(into:)`).
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/update_hook.html>,
/// <https://www.sqlite.org/c3ref/commit_hook.html>
package enum FaultInjection {
    /// Where to kill the process.
    package enum Point: Equatable, Sendable {
        case row(Int)
        case commit(Int)
        case backup(Int)
    }

    /// The point the environment asks for, in a debug build.
    package static let point: Point? = {
        #if DEBUG
            guard let raw = getenv("DOSSIER_FAULT") else { return nil }
            let parts = String(cString: raw).split(separator: ":")
            guard parts.count == 2, let count = Int(parts[1]), count > 0 else { return nil }
            switch parts[0] {
            case "row": return .row(count)
            case "commit": return .commit(count)
            case "backup": return .backup(count)
            default: return nil
            }
        #else
            return nil
        #endif
    }()

    /// Events counted so far, across the process's connections.
    private static let events = Lock(0)

    /// Counts one event; kills the process at the `limit`-th.
    private static func count(toward limit: Int) {
        let reached = events.withLock { count in
            count += 1
            return count == limit
        }
        if reached { kill(getpid(), SIGKILL) }
    }

    /// Installs the hooks `point` needs on a connection that may write.
    static func install(on handle: OpaquePointer) {
        switch point {
        case .row(let limit)?:
            sqlite3_update_hook(
                handle, { context, _, _, _, _ in FaultInjection.count(toward: Int(bitPattern: context)) },
                UnsafeMutableRawPointer(bitPattern: limit))
        case .commit(let limit)?:
            sqlite3_commit_hook(
                handle,
                { context in
                    FaultInjection.count(toward: Int(bitPattern: context))
                    return 0
                }, UnsafeMutableRawPointer(bitPattern: limit))
        case .backup, nil:
            break
        }
    }

    /// Runs `body` (a `VACUUM INTO`) with the backup fault armed, when it is the point asked for.
    static func duringBackup<T>(on handle: OpaquePointer, _ body: () throws -> T) rethrows -> T {
        guard case .backup(let thousands)? = point else { return try body() }
        sqlite3_progress_handler(
            handle, 1_000,
            { context in
                FaultInjection.count(toward: Int(bitPattern: context))
                return 0
            }, UnsafeMutableRawPointer(bitPattern: thousands))
        defer { sqlite3_progress_handler(handle, 0, nil, nil) }
        return try body()
    }
}
