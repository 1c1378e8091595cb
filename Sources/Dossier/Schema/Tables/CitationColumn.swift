/// `citations`: a record's quote, anchored in its source by code-point offsets and by the text
/// around it.
package enum CitationColumn: Int, TableColumns {
    case id, recordID, source, sourceSHA256, exact, prefix, suffix, startOffset, endOffset, note, hedgeReview

    package static let table = "citations"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .recordID: ColumnDeclaration("record_id", .integer, .parent(table: "records"))
        case .source: ColumnDeclaration("source_id", .integer, .reference(table: "sources"), field: "source")
        case .sourceSHA256: ColumnDeclaration("source_sha256", .text, .sha256, field: "source_sha256", derived: true)
        case .exact: ColumnDeclaration("exact", .text, .quote(maximum: 2000), field: "exact")
        // In a seed file, prefix and suffix pick an occurrence; the database stores the 32 code
        // points around the quote.
        case .prefix: ColumnDeclaration("prefix", .text, .context(maximum: 32), field: "prefix", default: "")
        case .suffix: ColumnDeclaration("suffix", .text, .context(maximum: 32), field: "suffix", default: "")
        case .startOffset: ColumnDeclaration("start_offset", .integer, .offset, field: "start", derived: true)
        case .endOffset: ColumnDeclaration("end_offset", .integer, .offset, field: "end", derived: true)
        case .note: ColumnDeclaration("note", .text, .prose(maximum: 1000), nullable: true, field: "note")
        case .hedgeReview: ColumnDeclaration("hedge_review", .text, .prose(maximum: 1000), nullable: true, field: "hedge_review")
        }
    }
}
