/// One value in command output, rendered by each format its own way.
enum OutputValue: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    /// A nested list, for JSON; tables and CSV join the items.
    case list([OutputValue])
    /// A nested object with ordered keys, for JSON; tables and CSV render it inline.
    case object([(String, OutputValue)])

    static func == (lhs: OutputValue, rhs: OutputValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// An optional string: `nil` is null.
    static func text(_ value: String?) -> OutputValue {
        value.map { .string($0) } ?? .null
    }

    /// An optional integer: `nil` is null.
    static func integer(_ value: Int?) -> OutputValue {
        value.map { .int(Int64($0)) } ?? .null
    }

    /// The value as plain text, for tables and CSV (null is empty).
    var plainText: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return value
        case .list(let items): return items.map(\.plainText).joined(separator: "; ")
        case .object(let fields): return fields.map { "\($0.0)=\($0.1.plainText)" }.joined(separator: ", ")
        }
    }
}

/// Rows with named columns: what list-like commands print.
struct OutputTable {
    var columns: [String]
    var rows: [[OutputValue]]
}
