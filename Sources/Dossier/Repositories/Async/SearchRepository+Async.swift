public import DossierDB

/// The async overloads, as ``RecordRepository``'s.
extension SearchRepository {
    /// `find(_:kind:limit:syntax:)` for async code: cancelling the task interrupts the search.
    public func find(_ text: String, kind: RecordKind? = nil, limit: Int = 20, syntax: Syntax = .words) async throws -> [SearchHit] {
        try await pool.readingAsync { try self.find(text, kind: kind, limit: limit, syntax: syntax) }
    }

    /// The hits of a search, now and after every commit that may change them.
    public func observe(_ text: String, kind: RecordKind? = nil, limit: Int = 20, syntax: Syntax = .words) -> DatabaseObservation<
        [SearchHit]
    > {
        pool.observe { _ in try self.find(text, kind: kind, limit: limit, syntax: syntax) }
    }
}
