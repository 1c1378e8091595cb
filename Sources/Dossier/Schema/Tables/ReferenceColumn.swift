/// `bibliographic_references`: studies, reviews, labels and books that claims cite as evidence,
/// named by DOI, PubMed id, ISBN or URL, without their text.
package enum ReferenceColumn: Int, TableColumns {
    case id, slug, title, kind, doi, pmid, isbn, url, authors, publishedOn, seedSet

    package static let table = "bibliographic_references"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .slug: ColumnDeclaration("slug", .text, .slug, field: "slug")
        case .title: ColumnDeclaration("title", .text, .prose(maximum: 300), field: "title")
        case .kind: ColumnDeclaration("kind", .text, .vocabulary(of: SourceKind.self), field: "kind")
        // At least one of doi, pmid, isbn and url (a CHECK of the table; the model's initializer).
        case .doi: ColumnDeclaration("doi", .text, .doi, nullable: true, field: "doi")
        case .pmid: ColumnDeclaration("pmid", .text, .pmid, nullable: true, field: "pmid")
        case .isbn: ColumnDeclaration("isbn", .text, .isbn, nullable: true, field: "isbn")
        case .url: ColumnDeclaration("url", .text, .url(maximum: 2000), nullable: true, field: "url")
        case .authors: ColumnDeclaration("authors", .text, .prose(maximum: 1000), nullable: true, field: "authors")
        case .publishedOn: ColumnDeclaration("published_on", .text, .partialDate, nullable: true, field: "published_on")
        case .seedSet: ColumnDeclaration("seed_set", .text, .slug, nullable: true)
        }
    }
}

/// `claim_evidence`: the references a clinical claim cites as evidence for its evidence level.
package enum ClaimEvidenceColumn: Int, TableColumns {
    case id, recordID, reference, note

    package static let table = "claim_evidence"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .recordID: ColumnDeclaration("record_id", .integer, .parent(table: "clinical_claims"))
        case .reference:
            ColumnDeclaration("reference_id", .integer, .reference(table: "bibliographic_references"), field: "reference")
        case .note: ColumnDeclaration("note", .text, .prose(maximum: 1000), nullable: true, field: "note")
        }
    }
}
