internal import DossierDB

/// The async overloads, as ``RecordRepository``'s.
extension EntityRepository {
    /// `get(slug:)` for async code.
    public func get(slug: EntitySlug) async throws -> Entity? { try await pool.readingAsync { try self.get(slug: slug) } }

    /// `list(kind:)` for async code.
    public func list(kind: EntityKind? = nil) async throws -> [Entity] { try await pool.readingAsync { try self.list(kind: kind) } }

    /// `insert(_:)` for async code.
    @discardableResult
    public func insert(_ entity: Entity) async throws -> Entity { try await pool.writingAsync { try self.insert(entity) } }

    /// `update(_:)` for async code.
    @discardableResult
    public func update(_ entity: Entity) async throws -> Entity { try await pool.writingAsync { try self.update(entity) } }

    /// `delete(slug:)` for async code.
    public func delete(slug: EntitySlug) async throws { try await pool.writingAsync { try self.delete(slug: slug) } }
}
