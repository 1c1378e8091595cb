import Dossier
import DossierDB
import Foundation

/// How `dossier query` prints the values of its result columns, in each format.
///
/// - JSON and NDJSON keep SQLite's types: integers and reals as numbers, NULL as null. A BLOB
///   is `{"$base64": true, "encoded": "…"}` (sqlite-utils' spelling, which its `insert` reads
///   back), so it never reads as text. A column the schema declares to hold JSON (the audit
///   log's `old_values` and `new_values`) is printed as JSON, and so is an expression's text
///   that is a JSON object or array (`json_object(…)`, `json_group_array(…)`); any other text
///   stays a string, whatever it looks like.
/// - Table, CSV and TSV print text: a BLOB as its SQL literal in hexadecimal, `X'00FF'`. These
///   formats carry no types (the text `X'00FF'` looks the same); use JSON when types matter.
struct QueryValueEncoding {
    private enum ColumnKind {
        /// A table column the schema declares as JSON.
        case declaredJSON
        /// An expression, function result or literal: JSON when its text is an object or array.
        case expression
        /// Any other table column: its text is text.
        case plain
    }

    private let format: OutputFormat
    private let kinds: [ColumnKind]

    /// The encoding of a statement's columns, given where each one reads from.
    init(origins: [ColumnOrigin?], format: OutputFormat) {
        self.format = format
        let declared = Self.declaredJSONColumns
        kinds = origins.map { origin in
            guard let origin else { return .expression }
            return declared.contains(origin) ? .declaredJSON : .plain
        }
    }

    /// The schema's JSON columns, from the column declarations (the one place they are written).
    private static let declaredJSONColumns: Set<ColumnOrigin> = Set(
        ContentTables.all.flatMap { table in
            table.columns.compactMap { column -> ColumnOrigin? in
                guard case .jsonObject = column.rule else { return nil }
                return ColumnOrigin(table: table.name, column: column.name)
            }
        })

    /// Value `value` of column `index`, as the format prints it.
    func encode(_ value: SQLValue, column index: Int) -> OutputValue {
        switch value {
        case .null: return .null
        case .integer(let integer): return .integer(integer)
        case .real(let real): return .double(real)
        case .blob(let bytes):
            guard format.isJSON else { return .string(value.description) }
            return .object(JSONObject([("$base64", .bool(true)), ("encoded", .string(Data(bytes).base64EncodedString()))]))
        case .text(let text):
            guard format.isJSON, index < kinds.count else { return .string(text) }
            switch kinds[index] {
            case .plain: return .string(text)
            case .declaredJSON: return (try? JSONParser.parse(text)) ?? .string(text)
            case .expression:
                guard let first = text.utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                    return .string(text)
                }
                return (try? JSONParser.parse(text)) ?? .string(text)
            }
        }
    }
}
