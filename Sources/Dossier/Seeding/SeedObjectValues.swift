internal import DossierDB

/// The columns of a table read from an object of a seed file or export, at the fields their
/// declarations name (``ColumnDeclaration/field``; `"onset.text"` is the key `text` of the
/// object `onset`).
///
/// Reading never stops at a problem: a missing, mistyped or unknown value is recorded with its
/// file and path, a placeholder is returned, and the caller discards the object once it has
/// been read through — so one run reports every problem of a file.
struct SeedObjectValues<Column: TableColumns>: ColumnValues {
    let object: SeedObject

    init(_ object: SeedObject) {
        self.object = object
    }

    /// Refuses the keys of `object`, and of the nested objects its fields name, that the
    /// table does not declare: a typo must not be silently ignored.
    static func allowOnlyDeclaredFields(of object: SeedObject, besides extra: Set<String> = []) {
        allowOnlyDeclaredFields(of: object, besides: extra, columns: Column.declarations)
    }

    /// ``allowOnlyDeclaredFields(of:besides:)`` for several tables' columns at once (a record:
    /// the shared columns and its subtype's).
    static func allowOnlyDeclaredFields(of object: SeedObject, besides extra: Set<String>, columns: [ColumnDeclaration]) {
        var topLevel = extra
        var nested: [String: Set<String>] = [:]
        for field in columns.compactMap(\.field) {
            let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
            topLevel.insert(parts[0])
            if parts.count == 2 { nested[parts[0], default: []].insert(parts[1]) }
        }
        object.allowOnly(topLevel)
        for (group, members) in nested {
            if case .object(let fields)? = object.fields[group] {
                SeedObject(fields: fields, path: object.pathOf(group), file: object.file, problems: object.problems).allowOnly(members)
            }
        }
    }

    /// The JSON value at a column's field, and the path to name in problems. A missing or null
    /// group (`onset`) leaves its fields missing; a group that is not an object is a problem.
    private func lookup(_ column: Column) -> (value: JSONValue?, path: String) {
        guard let field = column.declaration.field else { return (nil, object.pathOf(column.name)) }
        let parts = field.split(separator: ".").map(String.init)
        var fields = object.fields
        var path = object.path
        for (index, part) in parts.enumerated() {
            path = path.isEmpty ? part : "\(path).\(part)"
            let value = fields[part]
            if index == parts.count - 1 { return (value, path) }
            switch value {
            case .object(let inner)?: fields = inner
            case nil, .null?: return (nil, path + "." + parts[(index + 1)...].joined(separator: "."))
            case let other?:
                object.problems.add(object.file, path, "must be an object or null, not \(other.typeDescription)")
                return (nil, path)
            }
        }
        return (nil, path)
    }

    private func problem(_ path: String, _ reason: String) {
        object.problems.add(object.file, path, reason)
    }

    func optionalText(_ column: Column) -> String? {
        read(column, required: false, expected: "a string") { value in
            if case .string(let text) = value { return text }
            return nil
        }
    }

    func text(_ column: Column) -> String {
        read(column, required: true, expected: "a string") { value in
            if case .string(let text) = value { return text }
            return nil
        } ?? ""
    }

    func optionalInteger(_ column: Column) -> Int64? {
        read(column, required: false, expected: "a whole number") { value in
            if case .integer(let integer) = value { return integer }
            return nil
        }
    }

    func integer(_ column: Column) -> Int64 {
        read(column, required: true, expected: "a whole number") { value in
            if case .integer(let integer) = value { return integer }
            return nil
        } ?? 0
    }

    func optionalFlag(_ column: Column) -> Bool? {
        read(column, required: false, expected: "true or false") { value in
            if case .bool(let flag) = value { return flag }
            return nil
        }
    }

    func optionalVocabulary<Value: Vocabulary>(_ column: Column, _ type: Value.Type) -> Value? {
        vocabularyValue(column, required: false)
    }

    func vocabulary<Value: Vocabulary>(_ column: Column, _ type: Value.Type) -> Value {
        vocabularyValue(column, required: true) ?? Value.allCases[Value.allCases.startIndex]
    }

    private func vocabularyValue<Value: Vocabulary>(_ column: Column, required: Bool) -> Value? {
        guard
            let text = read(
                column, required: required, expected: "a string",
                { value -> String? in
                    if case .string(let text) = value { return text }
                    return nil
                })
        else { return nil }
        guard let found = Value(rawValue: text) else {
            problem(lookup(column).path, "unknown value \"\(text)\" (expected one of \(Value.allowedValues))")
            return nil
        }
        return found
    }

    /// Reads a column's value with `convert`, which returns `nil` for a value of the wrong type.
    /// A missing or null value is the column's default, else `nil` — and a problem if the
    /// column is required.
    private func read<T>(_ column: Column, required: Bool, expected: String, _ convert: (JSONValue) -> T?) -> T? {
        // Columns that describe the database, not the content, are not in files.
        guard column.declaration.field != nil else { return nil }
        let (value, path) = lookup(column)
        guard let value, value != .null else {
            if let fallback = column.declaration.defaultValue.flatMap(Self.json).flatMap(convert) { return fallback }
            if required { problem(path, "is required") }
            return nil
        }
        guard let converted = convert(value) else {
            problem(path, "must be \(expected)\(required ? "" : " or null"), not \(value.typeDescription)")
            return nil
        }
        return converted
    }

    /// A column default as the JSON value a file would give.
    private static func json(_ value: SQLValue) -> JSONValue? {
        switch value {
        case .text(let text): return .string(text)
        case .integer(let integer): return .integer(integer)
        default: return nil
        }
    }
}
