internal import DossierDB

/// The bulk path's search indexing (migration 0008): while a load runs, the search triggers
/// note the records they would re-index in `search_index_pending`, and the load indexes each
/// noted record once, in rowid order, at its end — instead of once per statement that touched
/// it, with an FTS5 flush each time.
///
/// The final index is the one the per-row triggers would have left: it is computed from the
/// same `search_documents` view, for every record any trigger noted.
///
/// Deferral begins at the load's first write (``begin()``, called by the writer before it
/// inserts a record or a citation), so a load that writes nothing — a second seeding run —
/// writes nothing at all. A write the writer does not announce is indexed row by row, as
/// before: slower, never wrong.
final class SearchIndexDeferral {
    private enum State {
        case idle
        /// This load added the row 0, and indexes at its end.
        case deferring
        /// An enclosing load had added it, and indexes at its end.
        case nested
    }

    private let db: LibraryConnection
    private var state = State.idle

    private static let isDeferringSQL = CachedSQL("SELECT 1 FROM search_index_pending WHERE record_id = 0")
    private static let beginSQL = CachedSQL("INSERT INTO search_index_pending(record_id) VALUES (0)")
    // The row 0 goes first, so that nothing below is noted again.
    private static let endSQL = CachedSQL("DELETE FROM search_index_pending WHERE record_id = 0")
    private static let indexSQL = CachedSQL(
        """
        INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
        SELECT d.record_id, d.title, d.statement, d.quotes, d.entity_terms, d.kind
        FROM search_index_pending p JOIN search_documents d ON d.record_id = p.record_id ORDER BY p.record_id
        """)
    // Deprecated or deleted records leave the index, as the per-row triggers would have done.
    private static let unindexSQL = CachedSQL(
        """
        DELETE FROM search_index WHERE rowid IN (
          SELECT p.record_id FROM search_index_pending p
          WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = p.record_id AND r.status <> 'deprecated'))
        """)
    private static let clearSQL = CachedSQL("DELETE FROM search_index_pending")

    init(_ db: LibraryConnection) {
        self.db = db
    }

    /// Runs `body` — a load inside the caller's write transaction — with a deferral its
    /// writer announces its writes to; the index is brought up to date before this returns,
    /// whether `body` succeeds or throws (so a caller that catches the error and commits what
    /// it kept commits a consistent index; the deferred foreign key of `search_index_pending`
    /// refuses a commit that would not).
    static func run<T>(_ db: LibraryConnection, _ body: (SearchIndexDeferral) throws -> T) throws -> T {
        let deferral = SearchIndexDeferral(db)
        let result: T
        do {
            result = try body(deferral)
        } catch {
            try deferral.finish()
            throw error
        }
        try deferral.finish()
        return result
    }

    /// Turns deferral on, if it is not on yet: called before a write.
    func begin() throws {
        guard state == .idle else { return }
        if try db.fetchOne(Self.isDeferringSQL, [], { _ in true }) != nil {
            state = .nested
            return
        }
        try db.execute(Self.beginSQL, [])
        state = .deferring
    }

    /// Indexes every noted record and turns deferral off, if this load turned it on.
    func finish() throws {
        defer { state = .idle }
        guard state == .deferring else { return }
        try db.execute(Self.endSQL, [])
        try db.execute(Self.indexSQL, [])
        try db.execute(Self.unindexSQL, [])
        try db.execute(Self.clearSQL, [])
    }
}
