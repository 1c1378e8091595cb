internal import DossierDB

/// A published work that claims cite as evidence for their evidence level — a trial, a
/// systematic review, a drug label, a book — named by an identifier, without its text.
///
/// A quote still needs a ``Source`` with its full text. A reference only says which work stands
/// behind a claim's ``ClinicalClaim/evidenceLevel``: at least one of ``doi``, ``pmid``, ``isbn``
/// and ``url`` identifies it.
public struct BibliographicReference: Sendable, Hashable, Codable {
    /// The stable key claims cite it by.
    public var slug: String
    /// The work's title.
    public var title: String
    /// What kind of work it is (the sources' vocabulary): a study kind (``SourceKind/isStudy``)
    /// justifies an evidence level above not assessed.
    public var kind: SourceKind
    /// Its DOI, without the `https://doi.org/` prefix: `10.1176/appi.ajp.163.5.856`.
    public var doi: String?
    /// Its PubMed id: 1 to 9 digits.
    public var pmid: String?
    /// Its ISBN-10 or ISBN-13, without hyphens, with a valid check digit.
    public var isbn: String?
    /// Where it can be read.
    public var url: String?
    /// Who wrote it, as the work lists them.
    public var authors: String?
    /// When it was published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var publishedOn: String?

    /// Creates a reference; ``issues`` says what is wrong with it, and writing it refuses it then.
    public init(
        slug: String, title: String, kind: SourceKind, doi: String? = nil, pmid: String? = nil, isbn: String? = nil,
        url: String? = nil, authors: String? = nil, publishedOn: String? = nil
    ) {
        self.slug = slug
        self.title = title
        self.kind = kind
        self.doi = doi
        self.pmid = pmid
        self.isbn = isbn
        self.url = url
        self.authors = authors
        self.publishedOn = publishedOn
    }

    /// Every rule the reference breaks: its fields' declared rules, and that it names at least
    /// one identifier or URL.
    public var issues: [ValidationIssue] {
        var issues = ReferenceColumn.allCases.flatMap { column in
            column.declaration.field == nil ? [] : column.declaration.issues(value(of: column))
        }
        if doi == nil, pmid == nil, isbn == nil, url == nil {
            issues.append(
                ValidationIssue(
                    field: "doi", rule: "a reference needs at least one of doi, pmid, isbn and url: give the one that finds the work"))
        }
        return issues
    }

    /// Rebuilds a reference from its columns.
    init(_ values: some ColumnValues<ReferenceColumn>) throws {
        self.init(
            slug: try values.text(.slug), title: try values.text(.title), kind: try values.vocabulary(.kind, SourceKind.self),
            doi: try values.optionalText(.doi), pmid: try values.optionalText(.pmid), isbn: try values.optionalText(.isbn),
            url: try values.optionalText(.url), authors: try values.optionalText(.authors),
            publishedOn: try values.optionalText(.publishedOn))
    }

    /// The value of a `bibliographic_references` column (its id and owner are the database's).
    func value(of column: ReferenceColumn) -> SQLValue {
        switch column {
        case .id, .seedSet: .null
        case .slug: .text(slug)
        case .title: .text(title)
        case .kind: .text(kind.rawValue)
        case .doi: SQLValue(doi)
        case .pmid: SQLValue(pmid)
        case .isbn: SQLValue(isbn)
        case .url: SQLValue(url)
        case .authors: SQLValue(authors)
        case .publishedOn: SQLValue(publishedOn)
        }
    }
}

/// A reference a clinical claim cites as evidence, with what it shows for the claim.
public struct ClaimEvidence: Sendable, Hashable, Codable {
    /// The slug of the cited ``BibliographicReference``.
    public var reference: String
    /// What the reference shows for the claim, if the curator says.
    public var note: String?

    /// Cites the reference `reference`.
    public init(_ reference: String, note: String? = nil) {
        self.reference = reference
        self.note = note
    }
}
