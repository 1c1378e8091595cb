import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connection that one thread at a time may use, under a lock.
///
/// This is the only place in the package that vouches for thread safety by hand
/// (`@unchecked Sendable`), and it is internal: the invariant is that `connection` is touched
/// only inside `lock.withLock`, which ``withConnection(_:)`` guarantees. Users see
/// ``DatabasePool``, which is `Sendable` by construction on top of this.
final class SerializedConnection: @unchecked Sendable {
    private let lock = Lock<Void>(())
    /// The thread inside `withConnection`, 0 when none: detects re-entrant use, which would
    /// otherwise deadlock on the lock.
    private let owner = Atomic<UInt>(0)
    private var storage: DatabaseConnection?
    private let open: @Sendable () throws -> DatabaseConnection
    private let role: String

    /// A slot whose connection is opened on first use by `open`.
    init(role: String, open: @escaping @Sendable () throws -> DatabaseConnection) {
        self.role = role
        self.open = open
    }

    /// A slot holding an already open connection.
    init(role: String, connection: sending DatabaseConnection, reopen: @escaping @Sendable () throws -> DatabaseConnection) {
        self.role = role
        self.storage = connection
        self.open = reopen
    }

    /// Runs `body` with the connection, opening it first if needed, while holding the lock.
    ///
    /// - throws: ``DatabaseError`` (`SQLITE_MISUSE`) when called again from inside `body` on the
    ///   same thread, instead of deadlocking.
    func withConnection<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        let me = Self.currentThreadID
        if owner.load(ordering: .acquiring) == me {
            throw DatabaseError(
                .misuse,
                message:
                    "the \(role) connection is already in use by this thread: a \(role) {} closure cannot run inside another one; use the connection it was given"
            )
        }
        return try lock.withLock { _ in
            owner.store(me, ordering: .releasing)
            defer { owner.store(0, ordering: .releasing) }
            let connection: DatabaseConnection
            if let storage {
                connection = storage
            } else {
                connection = try open()
                storage = connection
            }
            return try body(connection)
        }
    }

    /// Closes the connection if it is open; the next use reopens it.
    func close() {
        lock.withLock { _ in storage = nil }
    }

    private static var currentThreadID: UInt {
        #if canImport(Darwin)
            return UInt(bitPattern: pthread_self())
        #else
            return UInt(pthread_self())
        #endif
    }
}
