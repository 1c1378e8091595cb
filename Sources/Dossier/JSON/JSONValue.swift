internal import DossierDB
package import Foundation

/// A JSON value whose objects keep their keys in order: what seed files, exports and the
/// command line's JSON output are made of.
///
/// Dossier parses and writes JSON itself (`JSONParser`, ``rendered(indent:level:)``) so that errors
/// carry a line and column, duplicate keys are refused, nesting is bounded, and the output is
/// byte-for-byte deterministic — an export, imported and exported again, is identical.
public enum JSONValue: Sendable, Hashable {
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
///
/// Most objects have a few keys: they are kept in an array and found by a linear search, which
/// costs less than hashing. Past sixteen keys a dictionary indexes them, so a hostile
/// object with a million keys is still read in linear time.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One key and its value.
    private struct Member: Sendable, Hashable {
        var key: String
        var value: JSONValue
    }

    /// The number of keys from which lookups go through ``index``.
    private static let indexThreshold = 16

    private var members: [Member] = []
    /// The position of each key, once there are more than ``indexThreshold``.
    private var index: [String: Int]?

    /// An empty object.
    public init() {}

    /// An object from key-value pairs, in order; a repeated key keeps its last value.
    public init(_ pairs: [(String, JSONValue)]) {
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// The keys, in order.
    public var keys: [String] { members.map(\.key) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    /// The value for a key; setting `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            switch (position(of: key), newValue) {
            case (let found?, let newValue?):
                members[found].value = newValue
            case (nil, let newValue?):
                members.append(Member(key: key, value: newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    index = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($0.element.key, $0.offset) })
                }
            case (let found?, nil):
                members.remove(at: found)
                if index != nil {
                    index = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($0.element.key, $0.offset) })
                }
            case (nil, nil):
                break
            }
        }
    }

    /// The number of keys.
    public var count: Int { members.count }

    /// The pairs, in order.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        members.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }

    /// Equal when the same keys hold the same values, in the same order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members == rhs.members
    }

    /// Hashes the keys and values, in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(members)
    }
}
