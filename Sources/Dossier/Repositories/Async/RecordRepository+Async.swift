public import DossierDB

/// The async overloads: each suspends instead of blocking, runs on a thread the library owns,
/// and throws `CancellationError` when the task is cancelled (interrupting its SQL).
extension RecordRepository {
    /// `get(id:)` for async code.
    public func get(id: RecordID) async throws -> Record? { try await pool.readingAsync { try self.get(id: id) } }

    /// `get(slug:)` for async code.
    public func get(slug: String) async throws -> Record? { try await pool.readingAsync { try self.get(slug: slug) } }

    /// `get(ids:)` for async code.
    public func get(ids: [RecordID]) async throws -> [Record] { try await pool.readingAsync { try self.get(ids: ids) } }

    /// `get(slugs:)` for async code.
    public func get(slugs: [String]) async throws -> [Record] { try await pool.readingAsync { try self.get(slugs: slugs) } }

    /// `list(_:)` for async code.
    public func list(_ filter: RecordFilter<Record> = RecordFilter()) async throws -> Page<Record> {
        try await pool.readingAsync { try self.list(filter) }
    }

    /// `all()` for async code.
    public func all() async throws -> [Record] { try await pool.readingAsync { try self.all() } }

    /// `insert(_:citing:)` for async code.
    @discardableResult
    public func insert(_ record: Record, citing quotes: [Quote] = []) async throws -> Record {
        try await pool.writingAsync { try self.insert(record, citing: quotes) }
    }

    /// `insert(contentsOf:citing:)` for async code.
    @discardableResult
    public func insert(
        contentsOf records: [Record], citing quotes: @escaping @Sendable (Record) -> [Quote] = { _ in [] }
    ) async throws -> [RecordID] {
        try await pool.writingAsync { try self.insert(contentsOf: records, citing: quotes) }
    }

    /// `update(_:)` for async code.
    @discardableResult
    public func update(_ record: Record) async throws -> Record { try await pool.writingAsync { try self.update(record) } }

    /// `delete(slug:)` for async code.
    public func delete(slug: String) async throws { try await pool.writingAsync { try self.delete(slug: slug) } }

    /// The record with this slug, now and after every commit that may change it (`nil` while
    /// there is none). See ``ContentDatabase/observe(_:)``.
    public func observe(slug: String) -> DatabaseObservation<Record?> {
        pool.observe { _ in try self.get(slug: slug) }
    }

    /// A page of records, now and after every commit that may change it.
    public func observe(_ filter: RecordFilter<Record>) -> DatabaseObservation<Page<Record>> {
        pool.observe { _ in try self.list(filter) }
    }
}

extension RecordRepository where Record == HistoricalEvent {
    /// `timeline()` for async code.
    public func timeline() async throws -> [HistoricalEvent] { try await pool.readingAsync { try self.timeline() } }

    /// The timeline, now and after every commit that may change it.
    public func observeTimeline() -> DatabaseObservation<[HistoricalEvent]> {
        pool.observe { _ in try self.timeline() }
    }
}
