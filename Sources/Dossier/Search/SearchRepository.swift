internal import DossierDB

/// One search result.
public struct SearchHit: Sendable, Hashable, Codable {
    /// The record's id.
    public var id: RecordID
    /// The record's slug.
    public var slug: String
    /// The record's kind.
    public var kind: RecordKind
    /// The record's title.
    public var title: String
    /// The best-matching passage, with matched words between `[` and `]`.
    public var snippet: String
    /// The bm25 score: lower is better (FTS5's convention).
    public var score: Double
    /// The dossier the record belongs to, if any.
    public var dossier: String?
}

/// Full-text search over titles, statements, quotes, and the names and aliases of the
/// entities records involve: `content.search`. Deprecated records are not found.
public struct SearchRepository: Sendable {
    let pool: DatabasePool

    /// How the text is read.
    public enum Syntax: Sendable, Hashable {
        /// Words: every word must appear; nothing the user types is syntax. The default.
        case words
        /// FTS5 query syntax, for experts (`nmda NEAR/5 block*`); a malformed query is an error.
        case fts5
    }

    /// The ranking query: parameters are the FTS5 query, the kind (or NULL), the limit and the
    /// dossier (or NULL). It
    /// ranks inside a subquery and joins only the top hits; snippets are made for those only.
    /// Open to benchmarks that must run exactly the same query (`@_spi(Benchmarks) import Dossier`).
    @_spi(Benchmarks) public static let sql = """
        SELECT r.id, r.slug, r.kind, r.title, hits.score,
               (SELECT snippet(search_index, -1, '[', ']', '…', 12) FROM search_index
                WHERE search_index MATCH ?1 AND rowid = hits.rowid),
               (SELECT seed_set FROM record_seeds WHERE record_id = r.id)
        FROM (SELECT rowid, bm25(search_index, 8.0, 4.0, 1.0, 2.0) AS score FROM search_index
              WHERE search_index MATCH ?1 AND (?2 IS NULL OR kind = ?2)
                AND (?4 IS NULL OR rowid IN (SELECT record_id FROM record_seeds WHERE seed_set = ?4))
              ORDER BY score LIMIT ?3) AS hits
        JOIN records r ON r.id = hits.rowid
        ORDER BY hits.score, r.id
        """

    private static let cachedSQL = CachedSQL(sql)

    /// Records matching `text`, best first (bm25, with titles weighted above statements,
    /// entity names and quotes).
    ///
    /// - parameters:
    ///   - text: what to find.
    ///   - kind: only records of this kind.
    ///   - dossier: only records of this dossier.
    ///   - limit: at most this many hits.
    ///   - syntax: how `text` is read.
    /// - throws: ``ContentError/invalidSearch(query:reason:)`` for a malformed FTS5 query (only
    ///   with `.fts5` syntax), ``ContentError/validation(_:)`` for a limit outside 1…1,000,
    ///   ``ContentError/unknownDossier(name:known:)`` for a dossier there is not.
    public func find(
        _ text: String, kind: RecordKind? = nil, dossier: String? = nil, limit: Int = 20, syntax: Syntax = .words
    ) throws -> [SearchHit] {
        guard (1...1000).contains(limit) else {
            throw ContentError.validation([ValidationIssue(field: "limit", rule: "must be between 1 and 1000", value: String(limit))])
        }
        let query: String
        switch syntax {
        case .words:
            guard let words = FTSQuery.words(text) else { return [] }
            query = words
        case .fts5:
            query = text
        }
        do {
            return try pool.readWithoutTransaction { db in
                if let dossier { try ContentDatabase.requireDossier(dossier, db) }
                return try db.fetchAll(
                    Self.cachedSQL,
                    [.text(query), kind.map { .text($0.rawValue) } ?? .null, .integer(Int64(limit)), SQLValue(dossier)]
                ) { row in
                    SearchHit(
                        id: RecordID(rawValue: try row.int64(0)), slug: try row.text(1),
                        kind: try RecordKind.decode(row, 2, table: "records", column: "kind"),
                        title: try row.text(3), snippet: try row.optionalText(5) ?? "", score: try row.double(4),
                        dossier: try row.optionalText(6))
                }
            }
        } catch let error as DatabaseError where syntax == .fts5 && error.resultCode == .error {
            throw ContentError.invalidSearch(query: text, reason: error.message)
        }
    }
}
