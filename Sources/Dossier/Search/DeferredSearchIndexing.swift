internal import DossierDB

/// The bulk path's search indexing (migration 0008): while a load runs, the search triggers
/// note the records they would re-index in `search_index_pending`, and the load indexes each
/// noted record once, in rowid order, at its end — instead of once per statement that touched
/// it, with an FTS5 flush each time.
///
/// The final index is the one the per-row triggers would have left: it is computed from the
/// same `search_documents` view, for every record any trigger noted.
enum DeferredSearchIndexing {
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

    /// Runs `body` — the writes of a load, inside the caller's write transaction — with the
    /// search index deferred to its end. Nested loads index once, at the end of the outermost.
    ///
    /// Whether `body` succeeds or throws, the index is brought up to date before this returns,
    /// so a caller that catches the error and commits what it kept still commits a consistent
    /// index (and the deferred foreign key of `search_index_pending` refuses a commit that
    /// would not).
    static func run<T>(_ db: LibraryConnection, _ body: () throws -> T) throws -> T {
        if try db.fetchOne(isDeferringSQL, [], { _ in true }) != nil { return try body() }
        try db.execute(beginSQL, [])
        let result: T
        do {
            result = try body()
        } catch {
            try indexPending(db)
            throw error
        }
        try indexPending(db)
        return result
    }

    /// Indexes every noted record, and turns deferral off.
    private static func indexPending(_ db: LibraryConnection) throws {
        try db.execute(endSQL, [])
        try db.execute(indexSQL, [])
        try db.execute(unindexSQL, [])
        try db.execute(clearSQL, [])
    }
}
