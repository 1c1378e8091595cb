public import DossierDB

/// The async overloads, as ``RecordRepository``'s.
extension AnyRecordRepository {
    /// `get(slug:)` for async code.
    public func get(slug: String) async throws -> AnyRecord? { try await pool.readingAsync { try self.get(slug: slug) } }

    /// `detail(slug:)` for async code.
    public func detail(slug: String) async throws -> RecordDetail { try await pool.readingAsync { try self.detail(slug: slug) } }

    /// `citations(of:)` for async code.
    public func citations(of slug: String) async throws -> [Citation] { try await pool.readingAsync { try self.citations(of: slug) } }

    /// `relations(of:)` for async code.
    public func relations(of slug: String) async throws -> [RelatedRecord] {
        try await pool.readingAsync { try self.relations(of: slug) }
    }

    /// `history(of:)` for async code.
    public func history(of slug: String) async throws -> [AuditEntry] { try await pool.readingAsync { try self.history(of: slug) } }

    /// `cite(_:_:)` for async code.
    @discardableResult
    public func cite(_ slug: String, _ quotes: [Quote]) async throws -> [Citation] {
        try await pool.writingAsync { try self.cite(slug, quotes) }
    }

    /// `removeCitation(_:)` for async code.
    public func removeCitation(_ id: CitationID) async throws { try await pool.writingAsync { try self.removeCitation(id) } }

    /// `delete(slug:)` for async code.
    public func delete(slug: String) async throws { try await pool.writingAsync { try self.delete(slug: slug) } }

    /// `counts()` for async code.
    public func counts() async throws -> [RecordKind: Int] { try await pool.readingAsync { try self.counts() } }

    /// A record's detail, now and after every commit that may change it.
    public func observeDetail(slug: String) -> DatabaseObservation<RecordDetail> {
        pool.observe { _ in try self.detail(slug: slug) }
    }
}
