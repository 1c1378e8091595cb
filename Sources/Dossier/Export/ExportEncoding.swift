internal import DossierDB

/// How column values become the fields of a seed or export object, from the declarations:
/// a value at its field path (`"onset.text"` inside the object `onset`), a flag as a boolean,
/// a group whose every field is null as `null`.
///
/// The exporter encodes rows with it, and the curation checks encode what an import would
/// store: the two agree field for field exactly when a row survives a round trip.
enum ExportEncoding {
    /// A column value as JSON.
    static func json(_ value: SQLValue, rule: ColumnRule) -> JSONValue {
        switch value {
        case .null: return .null
        case .integer(let integer):
            if case .flag = rule, integer == 0 || integer == 1 { return .bool(integer == 1) }
            return .integer(integer)
        case .real(let real): return .double(real)
        case .text(let text): return .string(text)
        // STRICT tables hold no blob in a declared column; say what it is if one ever appears.
        case .blob: return .string(value.description)
        }
    }

    /// The object of the columns that have a field, from their values, in declaration order.
    static func object(_ columns: [ColumnDeclaration], _ values: [SQLValue]) -> JSONObject {
        var object = JSONObject()
        add(columns, values, to: &object)
        return object
    }

    /// Adds the fields of `columns` to `object`.
    static func add(_ columns: [ColumnDeclaration], _ values: [SQLValue], to object: inout JSONObject) {
        var groups: [String: JSONObject] = [:]
        for (column, value) in zip(columns, values) {
            guard let field = column.field else { continue }
            let json = json(value, rule: column.rule)
            guard let dot = field.firstIndex(of: ".") else {
                object[field] = json
                continue
            }
            let group = String(field[..<dot])
            // Reserve the group's place among the fields now; its value is set below.
            if object[group] == nil { object[group] = .null }
            groups[group, default: JSONObject()][String(field[field.index(after: dot)...])] = json
        }
        for (group, fields) in groups {
            object[group] = fields.allSatisfy { $0.value == .null } ? .null : .object(fields)
        }
    }

    /// A row's values for a table's columns, read from `base` on.
    static func values<Columns: TableColumns>(_ row: Row, _ columns: Columns.Type, base: Int) throws -> [SQLValue] {
        try Columns.allCases.map { try row.value(base + $0.rawValue) }
    }
}
