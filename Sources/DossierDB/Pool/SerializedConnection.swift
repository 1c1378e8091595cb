import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connection that one thread at a time may use, under a lock, with a serial queue of its own
/// for the work async callers hand it.
///
/// This is the only place in the package that vouches for thread safety by hand
/// (`@unchecked Sendable`), and it is internal: the invariant is that `storage` is touched only
/// by the thread that holds `lock` — inside ``withConnection(as:_:)``, or in
/// ``withHeldConnection(_:)``, which only the holding thread may call. Users see
/// ``DatabasePool``, which is `Sendable` by construction on top of this.
final class SerializedConnection: @unchecked Sendable {
    /// What the holding thread is doing with the connection: a nested call on the same thread
    /// decides by it whether it can join (a read inside anything, a write inside a write) or
    /// must fail at once (a write inside a read).
    enum Use: UInt8 {
        case none = 0
        case read = 1
        case write = 2
    }

    /// Guards `storage`. Its value is a placeholder, but not `Void`: a zero-sized value's address
    /// is the end of the lock's allocation, which may be the start of the next object, and
    /// ThreadSanitizer then reports the inout access to it as a race with that object's header.
    private let lock = Lock<Bool>(false)
    /// The thread inside `withConnection`, 0 when none.
    private let owner = Atomic<UInt>(0)
    /// The holder's ``Use``, meaningful only to the holding thread.
    private let use = Atomic<UInt8>(0)
    private var storage: DatabaseConnection?
    private let open: @Sendable () throws -> DatabaseConnection
    /// Called on the holding thread with each connection this slot opens.
    private let prepareOpened: @Sendable (DatabaseConnection) throws -> Void
    /// "write", "read" or "observation": for messages.
    let role: String
    /// The library-owned thread async work on this connection runs on, so that blocking on the
    /// lock or on SQLite's busy handler never blocks a thread of Swift's cooperative pool.
    let queue: DispatchQueue

    /// A slot whose connection is opened on first use by `open`.
    init(
        role: String, open: @escaping @Sendable () throws -> DatabaseConnection,
        prepareOpened: @escaping @Sendable (DatabaseConnection) throws -> Void = { _ in }
    ) {
        self.role = role
        self.open = open
        self.prepareOpened = prepareOpened
        self.queue = DispatchQueue(label: "dossier.pool.\(role)")
    }

    /// A slot holding an already open connection.
    init(
        role: String, connection: sending DatabaseConnection, reopen: @escaping @Sendable () throws -> DatabaseConnection,
        prepareOpened: @escaping @Sendable (DatabaseConnection) throws -> Void = { _ in }
    ) {
        self.role = role
        self.storage = connection
        self.open = reopen
        self.prepareOpened = prepareOpened
        self.queue = DispatchQueue(label: "dossier.pool.\(role)")
    }

    /// Whether the calling thread is inside ``withConnection(as:_:)`` on this slot.
    var isHeldByCurrentThread: Bool { owner.load(ordering: .acquiring) == Self.currentThreadID }

    /// What the calling thread holds the connection for; `.none` when it does not hold it.
    var currentUse: Use {
        guard isHeldByCurrentThread else { return .none }
        return Use(rawValue: use.load(ordering: .relaxed)) ?? .none
    }

    /// Runs `body` with the connection, opening it first if needed, while holding the lock.
    ///
    /// - throws: ``DatabaseError`` (`SQLITE_MISUSE`) when the calling thread already holds the
    ///   slot: the pool joins nested calls through ``withHeldConnection(_:)`` instead, so
    ///   reaching this is a defect, reported rather than deadlocked on.
    func withConnection<T>(as purpose: Use, _ body: (DatabaseConnection) throws -> T) throws -> T {
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
            use.store(purpose.rawValue, ordering: .relaxed)
            defer {
                use.store(0, ordering: .relaxed)
                owner.store(0, ordering: .releasing)
            }
            let connection: DatabaseConnection
            if let storage {
                connection = storage
            } else {
                connection = try open()
                try prepareOpened(connection)
                storage = connection
            }
            return try body(connection)
        }
    }

    /// Runs `body` with the connection the calling thread already holds, for a call nested in
    /// ``withConnection(as:_:)`` on the same thread; `purpose` replaces the holder's use while
    /// `body` runs.
    func withHeldConnection<T>(as purpose: Use, _ body: (DatabaseConnection) throws -> T) throws -> T {
        guard isHeldByCurrentThread, let storage else {
            throw DatabaseError(.misuse, message: "the \(role) connection is not held by this thread")
        }
        let previous = use.load(ordering: .relaxed)
        use.store(purpose.rawValue, ordering: .relaxed)
        defer { use.store(previous, ordering: .relaxed) }
        return try body(storage)
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
