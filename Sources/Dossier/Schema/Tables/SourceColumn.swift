/// `sources`: documents and their verbatim texts.
package enum SourceColumn: Int, TableColumns {
    case id, slug, title, kind, url, publisher, author, publishedOn, retrievedOn, language, textSHA256, textLength, text
    case createdAt, updatedAt, seedSet

    package static let table = "sources"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .slug: ColumnDeclaration("slug", .text, .slug, field: "slug")
        case .title: ColumnDeclaration("title", .text, .prose(maximum: 300), field: "title")
        case .kind: ColumnDeclaration("kind", .text, .vocabulary(of: SourceKind.self), field: "kind")
        case .url: ColumnDeclaration("url", .text, .url(maximum: 2000), nullable: true, field: "url")
        case .publisher: ColumnDeclaration("publisher", .text, .prose(maximum: 300), nullable: true, field: "publisher")
        case .author: ColumnDeclaration("author", .text, .prose(maximum: 300), nullable: true, field: "author")
        case .publishedOn: ColumnDeclaration("published_on", .text, .partialDate, nullable: true, field: "published_on")
        case .retrievedOn: ColumnDeclaration("retrieved_on", .text, .isoDate, nullable: true, field: "retrieved_on")
        case .language: ColumnDeclaration("language", .text, .languageTag, field: "language", default: "en")
        case .textSHA256: ColumnDeclaration("text_sha256", .text, .sha256, field: "text_sha256", derived: true)
        case .textLength: ColumnDeclaration("text_length", .integer, .count, field: "text_length", derived: true)
        // Seed files may name a file instead (`file`); the text never changes once stored.
        case .text:
            ColumnDeclaration(
                "text", .text, .sourceText, field: "text",
                audit: .omitted(reason: "the text never changes, and text_sha256 identifies it"))
        case .createdAt: ColumnDeclaration("created_at", .text, .timestamp)
        case .updatedAt: ColumnDeclaration("updated_at", .text, .timestamp)
        case .seedSet: ColumnDeclaration("seed_set", .text, .slug, nullable: true)
        }
    }
}

/// `source_defects`: known damage in a source's text at code-point spans.
package enum SourceDefectColumn: Int, TableColumns {
    case id, sourceID, kind, startOffset, endOffset, exact, intended, note, seedSet

    package static let table = "source_defects"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .sourceID: ColumnDeclaration("source_id", .integer, .parent(table: "sources"))
        case .kind: ColumnDeclaration("kind", .text, .vocabulary(of: SourceDefectKind.self), field: "kind")
        case .startOffset: ColumnDeclaration("start_offset", .integer, .offset, field: "start", derived: true)
        case .endOffset: ColumnDeclaration("end_offset", .integer, .offset, field: "end", derived: true)
        case .exact: ColumnDeclaration("exact", .text, .damagedText, field: "exact")
        case .intended: ColumnDeclaration("intended", .text, .prose(maximum: 200), nullable: true, field: "intended")
        case .note: ColumnDeclaration("note", .text, .prose(maximum: 1000), nullable: true, field: "note")
        case .seedSet: ColumnDeclaration("seed_set", .text, .slug, nullable: true)
        }
    }
}
