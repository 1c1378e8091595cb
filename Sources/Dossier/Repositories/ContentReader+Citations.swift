internal import DossierDB

extension ContentReader {
    private static let citationSelect = """
        SELECT c.id, r.slug, s.slug, c.exact, c.prefix, c.suffix, c.start_offset, c.end_offset, c.source_sha256, c.note,
               c.hedge_review
        FROM citations c JOIN records r ON r.id = c.record_id JOIN sources s ON s.id = c.source_id
        """

    static func decodeCitation(_ row: Row) throws -> Citation {
        Citation(
            id: CitationID(rawValue: try row.int64(0)), record: try row.text(1), source: try row.text(2),
            exact: try row.text(3), prefix: try row.text(4), suffix: try row.text(5), start: try row.int(6),
            end: try row.int(7), sourceSHA256: try row.text(8), note: try row.optionalText(9),
            hedgeReview: try row.optionalText(10))
    }

    /// A record's citations, in source then text order.
    func citations(ofRecord slug: String) throws -> [Citation] {
        try db.fetchAll(Self.citationSelect + " WHERE r.slug = ? ORDER BY s.slug, c.start_offset", [.text(slug)], Self.decodeCitation)
    }

    /// Every citation, in record then text order.
    func allCitations() throws -> [Citation] {
        try db.fetchAll(Self.citationSelect + " ORDER BY r.slug, s.slug, c.start_offset", [], Self.decodeCitation)
    }

    /// A record's citations with the source text around each quote and the defects it overlaps.
    func citationsInContext(ofRecord slug: String, contextLength: Int = 160) throws -> [CitationInContext] {
        try citations(ofRecord: slug).map { citation in
            let context = try db.fetchOne(
                """
                SELECT title, substr(text, max(1, ?2 + 1 - ?4), min(?2, ?4)), substr(text, ?3 + 1, ?4)
                FROM sources WHERE slug = ?1
                """,
                [.text(citation.source), .integer(Int64(citation.start)), .integer(Int64(citation.end)), .integer(Int64(contextLength))]
            ) { row in (try row.text(0), try row.text(1), try row.text(2)) }
            let defects = try db.fetchAll(
                """
                SELECT \(Self.defectColumns) FROM source_defects d JOIN sources s ON s.id = d.source_id
                WHERE s.slug = ?1 AND d.start_offset < ?3 AND ?2 < d.end_offset ORDER BY d.start_offset
                """,
                [.text(citation.source), .integer(Int64(citation.start)), .integer(Int64(citation.end))], Self.decodeDefect)
            return CitationInContext(
                citation: citation, sourceTitle: context?.0 ?? citation.source,
                before: Self.trimmedToWord(context?.1 ?? "", fromStart: true),
                after: Self.trimmedToWord(context?.2 ?? "", fromStart: false), defects: defects)
        }
    }

    /// Context cut at a word boundary, so it does not start or end mid-word.
    private static func trimmedToWord(_ text: String, fromStart: Bool) -> String {
        guard text.count > 40 else { return text }
        if fromStart, let space = text.firstIndex(of: " ") {
            return String(text[text.index(after: space)...])
        }
        if !fromStart, let space = text.lastIndex(of: " ") {
            return String(text[..<space])
        }
        return text
    }
}
