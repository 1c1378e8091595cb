public import DossierDB

extension ContentDatabase {
    /// Runs `body` in one read transaction: every repository call and every statement of your
    /// own inside it sees the same snapshot.
    ///
    /// - throws: what `body` throws; a misuse `DatabaseError` for a write attempted inside.
    public func read<T>(_ body: (ContentTransaction) throws -> T) throws -> T {
        try pool.read { db in try body(ContentTransaction(db: db, content: self)) }
    }

    /// Runs `body` in one write transaction, committed when it returns and rolled back when it
    /// throws: repository writes and your own SQL commit together or not at all. The schema
    /// check and the audit seal of every write run once, around the whole.
    public func write<T>(_ body: (ContentTransaction) throws -> T) throws -> T {
        try pool.write { db in try body(ContentTransaction(db: db, content: self)) }
    }

    /// `read(_:)` for async code: suspends while it waits for a connection, runs on a
    /// thread the library owns, and throws `CancellationError` when the task is cancelled.
    public func read<T: Sendable>(_ body: @escaping @Sendable (ContentTransaction) throws -> T) async throws -> T {
        try await pool.read { db in try body(ContentTransaction(db: db, content: self)) }
    }

    /// `write(_:)` for async code: queues behind other writes without blocking the
    /// caller's thread; a cancelled task's write is rolled back.
    public func write<T: Sendable>(_ body: @escaping @Sendable (ContentTransaction) throws -> T) async throws -> T {
        try await pool.write { db in try body(ContentTransaction(db: db, content: self)) }
    }

    /// The results of `fetch`, now and after every commit that may change them — by this
    /// process or another on the same file. Equal consecutive values are yielded once.
    ///
    /// ```swift
    /// for try await claim in content.observe({ tx in try tx.claims.get(slug: "fast-relief") }) {
    ///     print(claim?.info.title ?? "deleted")
    /// }
    /// ```
    ///
    /// The repositories' `observe` methods cover a record by slug, a filtered list, a search
    /// and the timeline. See `DatabaseObservation` for how changes are detected.
    public func observe<Value: Sendable & Equatable>(
        _ fetch: @escaping @Sendable (ContentTransaction) throws -> Value
    ) -> DatabaseObservation<Value> {
        pool.observe { db in try fetch(ContentTransaction(db: db, content: self)) }
    }
}

extension DatabasePool {
    /// Runs a synchronous repository call from async code: the call runs on the pool's thread
    /// holding a reader, which it joins (see `DatabasePool`'s nesting rules).
    func readingAsync<T: Sendable>(_ call: @escaping @Sendable () throws -> T) async throws -> T {
        try await readWithoutTransaction { _ in try call() }
    }

    /// Runs a synchronous repository write from async code on the writer's thread; the call
    /// opens its transaction there.
    func writingAsync<T: Sendable>(_ call: @escaping @Sendable () throws -> T) async throws -> T {
        try await writeWithoutTransaction { _ in try call() }
    }
}
