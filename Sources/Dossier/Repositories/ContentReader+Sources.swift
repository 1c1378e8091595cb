internal import DossierDB

extension ContentReader {
    private static let sourceSelect = "SELECT \(SourceColumn.selectList(alias: "s")) FROM sources s"

    static func decodeSource(_ row: Row) throws -> Source {
        try Source(RowValues<SourceColumn>(row: row, base: 0))
    }

    func source(slug: String) throws -> Source? {
        try db.fetchOne(Self.sourceSelect + " WHERE s.slug = ?", [.text(slug)], Self.decodeSource)
    }

    func sources() throws -> [Source] {
        try db.fetchAll(Self.sourceSelect + " ORDER BY s.slug", [], Self.decodeSource)
    }

    /// A defect's source slug, then its declared columns.
    private static let defectSelect =
        "SELECT s.slug, \(SourceDefectColumn.selectList(alias: "d")) FROM source_defects d JOIN sources s ON s.id = d.source_id"

    static func decodeDefect(_ row: Row) throws -> SourceDefect {
        let values = RowValues<SourceDefectColumn>(row: row, base: 1)
        var defect = SourceDefect(
            source: try row.text(0), kind: try values.vocabulary(.kind, SourceDefectKind.self),
            start: Int(truncatingIfNeeded: try values.integer(.startOffset)), end: Int(truncatingIfNeeded: try values.integer(.endOffset)),
            exact: try values.text(.exact), intended: try values.optionalText(.intended), note: try values.optionalText(.note))
        defect.id = SourceDefectID(rawValue: try values.integer(.id))
        return defect
    }

    /// The defects of one source (all sources when `slug` is nil), in text order.
    func defects(ofSource slug: String?) throws -> [SourceDefect] {
        try db.fetchAll(
            Self.defectSelect + " WHERE ?1 IS NULL OR s.slug = ?1 ORDER BY s.slug, d.start_offset", [SQLValue(slug)], Self.decodeDefect)
    }
}
