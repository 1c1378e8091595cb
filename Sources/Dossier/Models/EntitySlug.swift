/// The stable key of an entity, as records name it: `"ketamine"`, `"nmda-receptor"`.
///
/// A distinct type, so an entity reference cannot be mixed up with a record's or a source's
/// slug; a string literal is one:
///
/// ```swift
/// let claim = ClinicalClaim(info, intervention: "ketamine", outcome: "rapid relief")
/// ```
public struct EntitySlug: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The slug.
    public let rawValue: String

    /// Wraps a slug. Its form is checked when it is stored, like every other field.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a slug.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// A literal slug.
    public init(stringLiteral value: String) {
        rawValue = value
    }

    /// The slug.
    public var description: String { rawValue }

    /// Orders by slug.
    public static func < (lhs: EntitySlug, rhs: EntitySlug) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Encodes as a bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes from a bare string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
}
