/// A closed vocabulary: a Swift enum whose raw values are exactly the values a `CHECK (… IN …)`
/// constraint of the schema allows.
public protocol Vocabulary: RawRepresentable, CaseIterable, Hashable, Sendable, Codable where RawValue == String {}

extension Vocabulary {
    /// Parses a value typed by a person or read from a file.
    ///
    /// - throws: ``ContentError/validation(_:)`` naming the field and listing the allowed values.
    public init(parsing text: String, field: String) throws {
        guard let value = Self(rawValue: text) else {
            throw ContentError.validation([
                ValidationIssue(field: field, rule: "must be one of \(Self.allowedValues)", value: text)
            ])
        }
        self = value
    }

    /// The allowed values, comma-separated, for messages.
    public static var allowedValues: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// Decodes a value read from the database: a value the schema does not know (written by a
    /// newer build, or by hand) is an error naming the table and column, never a crash.
    static func decode(_ text: String, table: String, column: String) throws -> Self {
        guard let value = Self(rawValue: text) else {
            throw ContentError.unknownValue(table: table, column: column, value: text)
        }
        return value
    }
}
