/// Collects the problems found while reading seed files, so that one run reports them all.
final class SeedProblems {
    private(set) var list: [SeedProblem] = []

    /// Records a problem; the same problem twice (a field read by two columns) is kept once.
    func add(_ file: String, _ path: String, _ reason: String) {
        let problem = SeedProblem(file: file, path: path, reason: reason)
        if list.last != problem { list.append(problem) }
    }
}

/// One JSON object of a seed file, read with its path: every wrong type, unknown key or value
/// is recorded with the file and the path, and reading goes on.
struct SeedObject {
    let fields: JSONObject
    let path: String
    let file: String
    let problems: SeedProblems

    /// An object already known to be one.
    init(fields: JSONObject, path: String, file: String, problems: SeedProblems) {
        self.fields = fields
        self.path = path
        self.file = file
        self.problems = problems
    }

    /// Reads `value` as an object; records a problem and returns nil otherwise.
    init?(_ value: JSONValue, path: String, file: String, problems: SeedProblems) {
        guard case .object(let fields) = value else {
            problems.add(file, path, "must be an object, not \(value.typeDescription)")
            return nil
        }
        self.fields = fields
        self.path = path
        self.file = file
        self.problems = problems
    }

    func pathOf(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Records a problem at a key of this object.
    func problem(_ key: String, _ reason: String) {
        problems.add(file, pathOf(key), reason)
    }

    /// Refuses keys the format does not define: a typo must not be silently ignored.
    func allowOnly(_ keys: Set<String>) {
        for key in fields.keys where !keys.contains(key) {
            problem(key, "is not a known field here (known: \(keys.sorted().joined(separator: ", ")))")
        }
    }

    /// A required string.
    func string(_ key: String) -> String? {
        switch fields[key] {
        case .string(let text)?: return text
        case nil, .null?:
            problem(key, "is required")
            return nil
        case let other?:
            problem(key, "must be a string, not \(other.typeDescription)")
            return nil
        }
    }

    /// An optional string: absent or null is nil.
    func optionalString(_ key: String) -> String? {
        switch fields[key] {
        case .string(let text)?: return text
        case nil, .null?: return nil
        case let other?:
            problem(key, "must be a string or null, not \(other.typeDescription)")
            return nil
        }
    }

    /// A required value of a closed vocabulary.
    func vocabulary<Value: Vocabulary>(_ key: String, _ type: Value.Type) -> Value? {
        guard let text = string(key) else { return nil }
        return parse(text, key: key)
    }

    /// An optional value of a closed vocabulary: absent or null is nil.
    func optionalVocabulary<Value: Vocabulary>(_ key: String, _ type: Value.Type) -> Value? {
        guard let text = optionalString(key) else { return nil }
        return parse(text, key: key)
    }

    private func parse<Value: Vocabulary>(_ text: String, key: String) -> Value? {
        guard let value = Value(rawValue: text) else {
            problem(key, "unknown value \"\(text)\" (expected one of \(Value.allowedValues))")
            return nil
        }
        return value
    }

    /// An optional nested object.
    func object(_ key: String) -> SeedObject? {
        guard let value = fields[key], value != .null else { return nil }
        return SeedObject(value, path: pathOf(key), file: file, problems: problems)
    }

    /// An optional array of objects (absent is empty).
    func objects(_ key: String) -> [SeedObject] {
        guard let value = fields[key], value != .null else { return [] }
        guard case .array(let items) = value else {
            problem(key, "must be an array, not \(value.typeDescription)")
            return []
        }
        return items.enumerated().compactMap { index, item in
            SeedObject(item, path: "\(pathOf(key))[\(index)]", file: file, problems: problems)
        }
    }

    /// An optional array of any values (absent or null is `nil`).
    func array(_ key: String) -> [JSONValue]? {
        guard let value = fields[key], value != .null else { return nil }
        guard case .array(let items) = value else {
            problem(key, "must be an array, not \(value.typeDescription)")
            return nil
        }
        return items
    }

    /// An optional array of strings (absent is empty).
    func strings(_ key: String) -> [String] {
        guard let value = fields[key], value != .null else { return [] }
        guard case .array(let items) = value else {
            problem(key, "must be an array of strings, not \(value.typeDescription)")
            return []
        }
        return items.enumerated().compactMap { index, item in
            guard case .string(let text) = item else {
                problems.add(file, "\(pathOf(key))[\(index)]", "must be a string, not \(item.typeDescription)")
                return nil
            }
            return text
        }
    }

    /// An object whose keys are free (e.g. identifier schemes) and whose values are strings.
    func stringMap(_ key: String) -> [(String, String)] {
        guard let value = fields[key], value != .null else { return [] }
        guard case .object(let map) = value else {
            problem(key, "must be an object, not \(value.typeDescription)")
            return []
        }
        return map.compactMap { field in
            guard case .string(let text) = field.value else {
                problems.add(file, "\(pathOf(key)).\(field.key)", "must be a string, not \(field.value.typeDescription)")
                return nil
            }
            return (field.key, text)
        }
    }
}
