import Dossier

/// Command output is JSON values: the JSON formats print them as they are, tables and CSV
/// print their plain text.
typealias OutputValue = JSONValue

extension JSONValue {
    /// The value as plain text, for tables and CSV (null is empty).
    var plainText: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return value
        case .array(let items): return items.map(\.plainText).joined(separator: "; ")
        case .object(let object): return object.map { "\($0.key)=\($0.value.plainText)" }.joined(separator: ", ")
        }
    }
}

extension JSONValue {
    /// An entity reference as its slug; `nil` as null.
    static func string(_ slug: EntitySlug?) -> JSONValue {
        slug.map { .string($0.rawValue) } ?? .null
    }
}

/// Rows with named columns: what list-like commands print.
struct OutputTable {
    var columns: [String]
    var rows: [[OutputValue]]

    /// The rows as JSON objects.
    var objects: [JSONValue] {
        rows.map { row in .object(JSONObject(Array(zip(columns, row)))) }
    }
}
