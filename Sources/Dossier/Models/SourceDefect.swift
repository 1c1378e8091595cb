/// Known damage in a source's text at a span of code points: text a scraper injected, or a word
/// that lost letters.
///
/// Quotes keep the damage (they are verbatim); curated prose uses ``intended``. Citations that
/// overlap a defect are flagged by the curation checks.
public struct SourceDefect: Sendable, Hashable, Codable {
    /// The row id; `nil` until stored.
    public var id: SourceDefectID?
    /// The slug of the damaged source.
    public var source: String
    /// What kind of damage it is.
    public var kind: SourceDefectKind
    /// Where the damage starts, in code points from the start of the text.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int
    /// The damaged text exactly as it stands.
    public var exact: String
    /// What should stand there: the intended word, for a corrupted one; `nil` for injected text.
    public var intended: String?
    /// A note for curators.
    public var note: String?

    /// Creates a defect.
    public init(source: String, kind: SourceDefectKind, start: Int, end: Int, exact: String, intended: String? = nil, note: String? = nil) {
        self.source = source
        self.kind = kind
        self.start = start
        self.end = end
        self.exact = exact
        self.intended = intended
        self.note = note
    }
}
