internal import DossierDB

/// The async overloads, as ``RecordRepository``'s.
extension SourceRepository {
    /// `get(slug:)` for async code.
    public func get(slug: String) async throws -> Source? { try await pool.readingAsync { try self.get(slug: slug) } }

    /// `all()` for async code.
    public func all() async throws -> [Source] { try await pool.readingAsync { try self.all() } }

    /// `insert(_:)` for async code.
    @discardableResult
    public func insert(_ source: Source) async throws -> Source { try await pool.writingAsync { try self.insert(source) } }

    /// `updateMetadata(_:)` for async code.
    public func updateMetadata(_ source: Source) async throws { try await pool.writingAsync { try self.updateMetadata(source) } }

    /// `delete(slug:)` for async code.
    public func delete(slug: String) async throws { try await pool.writingAsync { try self.delete(slug: slug) } }

    /// `defects(of:)` for async code.
    public func defects(of slug: String) async throws -> [SourceDefect] { try await pool.readingAsync { try self.defects(of: slug) } }
}
