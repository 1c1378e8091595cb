public import Foundation

/// The fields every record shares, whatever its kind: the `records` row.
public struct RecordInfo: Sendable, Hashable, Codable {
    /// The row id; `nil` until the record is stored.
    public var id: RecordID?
    /// The stable, human-readable key, unique across kinds: lowercase words joined by hyphens.
    public var slug: String
    /// A short label.
    public var title: String
    /// The curated statement: clean prose saying only what the sources say.
    public var statement: String
    /// How firmly the sources state it.
    public var certainty: Certainty
    /// Where it stands in the editorial workflow.
    public var status: RecordStatus
    /// Why it was deprecated; required exactly when `status` is `.deprecated`.
    public var deprecationReason: String?
    /// Slugs of entities the record is about, beyond those its typed fields name.
    public var about: [EntitySlug]
    /// The version read from the database (1 after insert, +1 per update); updates check it.
    public var version: Int
    /// When the record was stored, to the millisecond; `nil` until then. The database keeps it.
    public var createdAt: Date?
    /// When it last changed, to the millisecond; `nil` until stored. The database keeps it.
    public var updatedAt: Date?

    /// Creates the shared fields of a new record.
    public init(
        slug: String, title: String, statement: String, certainty: Certainty,
        status: RecordStatus = .draft, deprecationReason: String? = nil, about: [EntitySlug] = []
    ) {
        self.init(
            id: nil, slug: slug, title: title, statement: statement, certainty: certainty, status: status,
            deprecationReason: deprecationReason, about: about, version: 0, createdAt: nil, updatedAt: nil)
    }

    /// The shared fields, set in one step (decoding builds each row's value once instead of
    /// mutating a copy field by field).
    @inline(__always)
    init(
        id: RecordID?, slug: String, title: String, statement: String, certainty: Certainty, status: RecordStatus,
        deprecationReason: String?, about: [EntitySlug], version: Int, createdAt: Date?, updatedAt: Date?
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.statement = statement
        self.certainty = certainty
        self.status = status
        self.deprecationReason = deprecationReason
        self.about = about
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A typed record: a historical event, a mechanism or a clinical claim.
///
/// Its shared fields are in ``info`` and read through it directly (`claim.title`); its typed
/// fields are its own. Only Dossier's three record types conform: the schema has a subtype
/// table for each, and ``mapping`` (opaque outside the library) says how to read and write it.
@dynamicMemberLookup
public protocol ContentRecord: Sendable, Hashable, Codable {
    /// The shared fields.
    var info: RecordInfo { get set }
    /// How the record maps to its tables.
    static var mapping: RecordMapping<Self> { get }
    /// The filter this kind of record adds to ``RecordFilter``.
    associatedtype KindFilter: RecordKindFilter
}

extension ContentRecord {
    /// Reads a shared field: `claim.slug` is `claim.info.slug`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<RecordInfo, Value>) -> Value {
        get { info[keyPath: keyPath] }
        set { info[keyPath: keyPath] = newValue }
    }

    /// The kind of record this type is.
    public static var kind: RecordKind { mapping.kind }
}
