/// A dynamically typed SQLite value: one of SQLite's five storage classes.
///
/// Use it where the type of a value is only known at run time: ad-hoc queries, generic
/// tooling, named parameters from a command line. Typed code reads and binds `Int64`,
/// `String`… directly and never pays for the enum.
///
/// Related SQLite documentation: <https://www.sqlite.org/datatype3.html>
public enum SQLValue: Hashable, Sendable {
    /// `NULL`.
    case null
    /// A 64-bit signed integer.
    case integer(Int64)
    /// A 64-bit IEEE floating point number.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Bytes.
    case blob([UInt8])

    /// Whether the value is `NULL`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SQLValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    /// `nil` is `NULL`.
    public init(nilLiteral: ()) { self = .null }
    /// An integer literal is an `.integer`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A floating point literal is a `.real`.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// A string literal is `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
    /// SQLite has no boolean: `true` is 1 and `false` is 0.
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

extension SQLValue: CustomStringConvertible {
    /// The value as an SQL literal: `NULL`, `42`, `'it''s'`, `X'00FF'`.
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value):
            return "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .blob(let bytes):
            let hex = "0123456789ABCDEF".utf8.map { $0 }
            var text = "X'"
            for byte in bytes {
                text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
            return text + "'"
        }
    }
}
