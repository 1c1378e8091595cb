internal import DossierDB

extension ContentReader {
    /// A citation's record slug, then its declared columns.
    private static let citationSelect = """
        SELECT r.slug, \(CitationColumn.selectList(alias: "c")) FROM citations c JOIN records r ON r.id = c.record_id \
        \(CitationColumn.referenceJoins(alias: "c"))
        """

    static func decodeCitation(_ row: Row) throws -> Citation {
        try Citation(RowValues<CitationColumn>(row: row, base: 1), record: try row.text(0))
    }

    /// A record's citations, in source then text order.
    func citations(ofRecord slug: String) throws -> [Citation] {
        try db.fetchAll(
            Self.citationSelect + " WHERE r.slug = ? ORDER BY c_source_id.slug, c.start_offset", [.text(slug)], Self.decodeCitation)
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
            let defects = try self.defects(ofSource: citation.source).filter { $0.start < citation.end && citation.start < $0.end }
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
