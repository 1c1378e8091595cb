internal import DossierDB

/// A closed vocabulary: a Swift enum whose raw values are exactly the values a `CHECK (… IN …)`
/// constraint of the schema allows.
///
/// Each value says what it means in one line (``meaning``): `dossier vocab` prints it beside the
/// value, so a curator choosing one reads the declaration, never a copy.
public protocol Vocabulary: RawRepresentable, CaseIterable, Hashable, Sendable, Codable where RawValue == String {
    /// What the value means, in one line.
    var meaning: String { get }
}

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

    /// Decodes the value in a text column, matching its bytes against the raw values: no
    /// `String` is made and no string switch runs, which matters on every row read.
    static func decode(_ row: Row, _ index: Int, table: String, column: @autoclosure () -> String) throws -> Self {
        let found = try row.withUTF8(index) { bytes -> Self? in
            for candidate in allCases {
                var raw = candidate.rawValue
                // A length that differs rules the candidate out before its bytes are lent.
                guard raw.utf8.count == bytes.count else { continue }
                if raw.withUTF8({ Self.equal($0, bytes) }) { return candidate }
            }
            return nil
        }
        guard let found else {
            throw ContentError.unknownValue(table: table, column: column(), value: try row.text(index))
        }
        return found
    }

    /// Byte-wise equality, written out: the generic `elementsEqual` costs more than the rest of
    /// the decoding.
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var index = 0
        while index < a.count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    /// Decodes an optional text column: `NULL` is `nil`.
    static func decodeIfPresent(_ row: Row, _ index: Int, table: String, column: @autoclosure () -> String) throws -> Self? {
        try row.isNull(index) ? nil : try decode(row, index, table: table, column: column())
    }
}
