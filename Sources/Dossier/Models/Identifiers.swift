/// A typed row id: an `INTEGER PRIMARY KEY` that cannot be mixed up with the key of another table.
///
/// ```swift
/// let id: RecordID = claim.id!
/// let source: SourceID = id      // does not compile
/// ```
public struct Identifier<Table>: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The integer primary key.
    public let rawValue: Int64

    /// Wraps a primary key value.
    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// The key as text.
    public var description: String { String(rawValue) }

    /// Orders by key, which for Dossier's AUTOINCREMENT tables is insertion order.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Encodes as a bare integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes from a bare integer.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }
}

/// The tables whose ids are typed; phantom types for ``Identifier``.
public enum IdentifierTable {
    /// `records`: events, mechanisms and claims share one id space.
    public enum Records {}
    /// `sources`.
    public enum Sources {}
    /// `entities`.
    public enum Entities {}
    /// `citations`.
    public enum Citations {}
    /// `relations`.
    public enum Relations {}
    /// `source_defects`.
    public enum SourceDefects {}
}

/// The id of a record (event, mechanism or claim).
public typealias RecordID = Identifier<IdentifierTable.Records>
/// The id of a source.
public typealias SourceID = Identifier<IdentifierTable.Sources>
/// The id of an entity.
public typealias EntityID = Identifier<IdentifierTable.Entities>
/// The id of a citation.
public typealias CitationID = Identifier<IdentifierTable.Citations>
/// The id of a relation.
public typealias RelationID = Identifier<IdentifierTable.Relations>
/// The id of a source defect.
public typealias SourceDefectID = Identifier<IdentifierTable.SourceDefects>
