internal import DossierDB
package import Foundation

/// A JSON value whose objects keep their keys in order: what seed files, exports and the
/// command line's JSON output are made of.
///
/// Dossier parses and writes JSON itself (``JSONParser``, ``rendered(indent:)``) so that errors
/// carry a line and column, duplicate keys are refused, nesting is bounded, and the output is
/// byte-for-byte deterministic — an export, imported and exported again, is identical.
package enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in order.
    case object(JSONObject)

    /// `nil` as null, otherwise a string.
    package static func string(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    /// `nil` as null, otherwise the date's timestamp as the database writes it
    /// (`2026-12-03T09:22:39.123Z`): what the command line prints for a stored time.
    package static func string(_ date: Date?) -> JSONValue {
        date.map { .string(DatabaseTimestamp.text($0)) } ?? .null
    }

    /// `nil` as null, otherwise an integer.
    package static func integer(_ value: Int?) -> JSONValue {
        value.map { .integer(Int64($0)) } ?? .null
    }

    /// The name of the value's type, for messages: "a string", "an object"…
    package var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object: keys in insertion order, each at most once.
package struct JSONObject: Sendable, Hashable, Sequence {
    /// The keys, in order.
    package private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    /// An empty object.
    package init() {}

    /// An object from key-value pairs, in order; a repeated key keeps its last value.
    package init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// The value for a key; setting `nil` removes the key.
    package subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The number of keys.
    package var count: Int { keys.count }

    /// The pairs, in order.
    package func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        keys.lazy.compactMap { key in values[key].map { (key: key, value: $0) } }.makeIterator()
    }
}
