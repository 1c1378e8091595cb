/// Values for the parameters of a statement: positional (`?`, `?NNN`) or named
/// (`:name`, `@name`, `$name`).
///
/// ```swift
/// try db.execute("INSERT INTO notes(id, body) VALUES (?, ?)", [1, "hello"])
/// try db.execute("UPDATE notes SET body = :body WHERE id = :id", ["id": 1, "body": "bye"])
/// ```
///
/// Related SQLite documentation: <https://www.sqlite.org/lang_expr.html#varparam>
public struct StatementArguments: Sendable, Hashable {
    /// Values bound in order, to parameters 1, 2, 3…
    public var positional: [SQLValue]
    /// Values bound by name. A key may be written with or without its prefix:
    /// `"id"` binds `:id`, `@id` or `$id`.
    public var named: [String: SQLValue]

    /// Creates arguments.
    public init(_ positional: [SQLValue] = [], named: [String: SQLValue] = [:]) {
        self.positional = positional
        self.named = named
    }

    /// Whether there is nothing to bind.
    public var isEmpty: Bool { positional.isEmpty && named.isEmpty }
}

extension StatementArguments: ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// Positional arguments: `[1, "two", nil]`.
    public init(arrayLiteral elements: SQLValue...) {
        self.init(elements)
    }

    /// Named arguments: `["id": 1, "name": "x"]`.
    public init(dictionaryLiteral elements: (String, SQLValue)...) {
        self.init(named: Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
