internal import DossierDB

extension ContentReader {
    static let sourceColumns = """
        id, slug, title, kind, url, publisher, author, published_on, retrieved_on, language, text, text_sha256, \
        text_length, created_at
        """

    static func decodeSource(_ row: Row) throws -> Source {
        Source(
            id: SourceID(rawValue: try row.int64(0)), slug: try row.text(1), title: try row.text(2),
            kind: try SourceKind.decode(row, 3, table: "sources", column: "kind"),
            url: try row.optionalText(4), publisher: try row.optionalText(5), author: try row.optionalText(6),
            publishedOn: try row.optionalText(7), retrievedOn: try row.optionalText(8), language: try row.text(9),
            text: try row.text(10), textSHA256: try row.text(11), textLength: try row.int(12), createdAt: try row.text(13))
    }

    func source(slug: String) throws -> Source? {
        try db.fetchOne("SELECT \(Self.sourceColumns) FROM sources WHERE slug = ?", [.text(slug)], Self.decodeSource)
    }

    func sources() throws -> [Source] {
        try db.fetchAll("SELECT \(Self.sourceColumns) FROM sources ORDER BY slug", [], Self.decodeSource)
    }

    static let defectColumns = "d.id, s.slug, d.kind, d.start_offset, d.end_offset, d.exact, d.intended, d.note"

    static func decodeDefect(_ row: Row) throws -> SourceDefect {
        var defect = SourceDefect(
            source: try row.text(1), kind: try SourceDefectKind.decode(row, 2, table: "source_defects", column: "kind"),
            start: try row.int(3), end: try row.int(4), exact: try row.text(5), intended: try row.optionalText(6),
            note: try row.optionalText(7))
        defect.id = SourceDefectID(rawValue: try row.int64(0))
        return defect
    }

    /// The defects of one source (all sources when `slug` is nil), in text order.
    func defects(ofSource slug: String?) throws -> [SourceDefect] {
        try db.fetchAll(
            """
            SELECT \(Self.defectColumns) FROM source_defects d JOIN sources s ON s.id = d.source_id
            WHERE ?1 IS NULL OR s.slug = ?1 ORDER BY s.slug, d.start_offset
            """, [slug.map { .text($0) } ?? .null], Self.decodeDefect)
    }
}
