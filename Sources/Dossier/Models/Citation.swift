/// A quote to cite, as a curator gives it: the exact words and the source they come from.
///
/// The library finds the words in the source and computes their offsets. When they occur more
/// than once, a `prefix` or `suffix` (text right before or after them) picks the occurrence.
public struct Quote: Sendable, Hashable, Codable {
    /// The slug of the source.
    public var source: String
    /// The words, exactly as in the source (after NFC normalisation), damage included.
    public var exact: String
    /// Text immediately before the words, to choose among several occurrences.
    public var prefix: String?
    /// Text immediately after the words, to choose among several occurrences.
    public var suffix: String?
    /// A note for curators.
    public var note: String?
    /// Why the hedge words in the quote do not bear on the record's certainty, when a curator
    /// has checked them ("'may' qualifies the comparator, not the claim"). See ``HedgeLexicon``.
    public var hedgeReview: String?

    /// Creates a quote.
    public init(
        _ exact: String, from source: String, prefix: String? = nil, suffix: String? = nil, note: String? = nil,
        hedgeReview: String? = nil
    ) {
        self.source = source
        self.exact = exact
        self.prefix = prefix
        self.suffix = suffix
        self.note = note
        self.hedgeReview = hedgeReview
    }
}

/// A stored citation: a record's quote, anchored in its source by code-point offsets and by the
/// text around it (W3C Web Annotation text-position and text-quote selectors).
public struct Citation: Sendable, Hashable, Codable {
    /// The row id.
    public var id: CitationID
    /// The slug of the citing record.
    public var record: String
    /// The slug of the source.
    public var source: String
    /// The quoted text, verbatim.
    public var exact: String
    /// Up to 32 code points of source text before the quote.
    public var prefix: String
    /// Up to 32 code points of source text after the quote.
    public var suffix: String
    /// Where the quote starts, in code points from the start of the source text.
    public var start: Int
    /// Where it ends (exclusive).
    public var end: Int
    /// The SHA-256 of the source text the offsets refer to.
    public var sourceSHA256: String
    /// A note for curators.
    public var note: String?
    /// Why the hedge words in the quote do not bear on the record's certainty, if reviewed.
    public var hedgeReview: String?
}

/// A citation with the source text around it, for showing a quote in context.
public struct CitationInContext: Sendable, Hashable, Codable {
    /// The citation.
    public var citation: Citation
    /// The source's title.
    public var sourceTitle: String
    /// Source text before the quote (up to about 160 code points, from a word boundary).
    public var before: String
    /// Source text after the quote.
    public var after: String
    /// Known defects of the source that the quote overlaps.
    public var defects: [SourceDefect]
}
