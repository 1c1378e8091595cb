/// One dossier's seed file, parsed: what it wants the database to hold, each item with the
/// path it came from, for messages.
struct SeedSet {
    /// The dossier's name (`"dossier"` in the file): the owner of everything it seeds.
    var name: String
    /// What the dossier is about, as its file says.
    var description: String? = nil
    /// The file, relative to the bundle.
    var file: String
    /// SHA-256 of the file and the texts it uses, recorded with each run that changes something.
    var checksum: String
    var sources: [Seeded<SeedSource>]
    /// Bibliographic references its claims cite as evidence.
    var references: [Seeded<BibliographicReference>] = []
    var entities: [Seeded<Entity>]
    var events: [SeededRecord<HistoricalEvent>]
    var mechanisms: [SeededRecord<Mechanism>]
    var claims: [SeededRecord<ClinicalClaim>]
    var relations: [Seeded<Relation>]
}

/// A value and where in its file it was written.
struct Seeded<Value> {
    var value: Value
    var path: String
}

/// A record and its quotes, and where in its file it was written.
struct SeededRecord<Record: ContentRecord> {
    var record: Record
    var quotes: [SeedQuote]
    var path: String
    /// The references a claim cites as evidence (`evidence`), each with its path; other
    /// records have none.
    var evidence: [Seeded<ClaimEvidence>] = []
}

/// A quote as a file gives it: the words (and a prefix or suffix to pick an occurrence), and —
/// in exports — where it must be found and the hash of the text it was made against.
struct SeedQuote: Hashable {
    var quote: Quote
    /// Where the quote must be (`start`/`end`): it is still located by its words, and must be
    /// found exactly there.
    var pin: Range<Int>?
    /// The SHA-256 of the source text the quote was made against.
    var sourceSHA256: String?

    init(_ quote: Quote, pin: Range<Int>? = nil, sourceSHA256: String? = nil) {
        self.quote = quote
        self.pin = pin
        self.sourceSHA256 = sourceSHA256
    }
}

/// A source and its known defects.
struct SeedSource {
    var source: Source
    var defects: [Seeded<SeedDefect>]
}

/// A defect as a seed file gives it: located by its exact text, like a quote.
struct SeedDefect: Hashable {
    /// Where the defect must be, when the file says.
    var pin: Range<Int>?
    var kind: SourceDefectKind
    var exact: String
    var prefix: String?
    var suffix: String?
    var intended: String?
    var note: String?
}

/// One item of a seed set, applied on its own: how an import applies an NDJSON export line by
/// line.
enum SeedItem {
    case source(Seeded<SeedSource>)
    case reference(Seeded<BibliographicReference>)
    case entity(Seeded<Entity>)
    case event(SeededRecord<HistoricalEvent>)
    case mechanism(SeededRecord<Mechanism>)
    case claim(SeededRecord<ClinicalClaim>)
    case relation(Seeded<Relation>)
}
