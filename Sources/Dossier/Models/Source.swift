internal import DossierDB
public import Foundation

/// A document records cite: its metadata and its verbatim text.
///
/// The text is immutable: a corrected or re-fetched text is a new source. It is stored in
/// Unicode Normalization Form C; its SHA-256 pins the version that citations were checked
/// against, and its length is counted in Unicode code points, the unit of every offset.
public struct Source: Sendable, Hashable, Codable {
    /// The row id; `nil` until stored.
    public var id: SourceID?
    /// The stable key.
    public var slug: String
    /// The document's title.
    public var title: String
    /// What kind of document it is.
    public var kind: SourceKind
    /// Where it was found, if known.
    public var url: String?
    /// Who published it, if known.
    public var publisher: String?
    /// Who wrote it, if known.
    public var author: String?
    /// When it was published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, if known.
    public var publishedOn: String?
    /// The day it was retrieved (`YYYY-MM-DD`), if known.
    public var retrievedOn: String?
    /// Its language, as a BCP 47 tag.
    public var language: String
    /// The verbatim text.
    public let text: String
    /// SHA-256 of the text's UTF-8 bytes, 64 lowercase hexadecimal characters.
    public let textSHA256: String
    /// The length of the text in Unicode code points.
    public let textLength: Int
    /// When it was stored, to the millisecond; `nil` until then. The database keeps it.
    public var createdAt: Date?

    /// Creates a source; the hash and length are computed from `text`.
    public init(
        slug: String, title: String, kind: SourceKind, text: String, url: String? = nil, publisher: String? = nil,
        author: String? = nil, publishedOn: String? = nil, retrievedOn: String? = nil, language: String = "en"
    ) {
        self.init(
            id: nil, slug: slug, title: title, kind: kind, url: url, publisher: publisher, author: author, publishedOn: publishedOn,
            retrievedOn: retrievedOn, language: language, text: text, textSHA256: SHA256.hexDigest(of: text),
            textLength: text.unicodeScalars.count, createdAt: nil)
    }

    /// Rebuilds a source from stored or given fields.
    init(
        id: SourceID?, slug: String, title: String, kind: SourceKind, url: String?, publisher: String?, author: String?,
        publishedOn: String?, retrievedOn: String?, language: String, text: String, textSHA256: String,
        textLength: Int, createdAt: Date?
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.kind = kind
        self.url = url
        self.publisher = publisher
        self.author = author
        self.publishedOn = publishedOn
        self.retrievedOn = retrievedOn
        self.language = language
        self.text = text
        self.textSHA256 = textSHA256
        self.textLength = textLength
        self.createdAt = createdAt
    }
}
