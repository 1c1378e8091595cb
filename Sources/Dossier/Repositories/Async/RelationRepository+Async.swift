internal import DossierDB

/// The async overloads, as ``RecordRepository``'s.
extension RelationRepository {
    /// `insert(_:)` for async code.
    @discardableResult
    public func insert(_ relation: Relation) async throws -> Relation { try await pool.writingAsync { try self.insert(relation) } }

    /// `of(_:)` for async code.
    public func of(_ slug: String) async throws -> [RelatedRecord] { try await pool.readingAsync { try self.of(slug) } }

    /// `all()` for async code.
    public func all() async throws -> [Relation] { try await pool.readingAsync { try self.all() } }

    /// `delete(_:)` for async code.
    public func delete(_ relation: Relation) async throws { try await pool.writingAsync { try self.delete(relation) } }
}
