/// One top-level field whose value differs between two JSON images of the same object.
///
/// `old` is `nil` when the field was absent before (added), `new` is `nil` when it is absent
/// after (removed). A field present on both sides holds two different values; a JSON `null` is a
/// value, distinct from an absent field.
public struct FieldChange: Sendable, Equatable {
    /// The field's key in the object.
    public var field: String
    /// The value before, or `nil` when the field was absent.
    public var old: JSONValue?
    /// The value after, or `nil` when the field is absent.
    public var new: JSONValue?

    /// A change of `field` from `old` to `new`.
    public init(field: String, old: JSONValue?, new: JSONValue?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// Field-level differences between two JSON images of the same object: what `dossier diff`,
/// `dossier history` and `dossier edit` print.
public enum FieldDiff {
    /// The top-level fields whose values differ between `old` and `new`, in the order of `old`'s
    /// fields, then the fields only `new` has, in its order. A `nil` image stands for an object
    /// that did not exist (before an insert, after a delete): every field of the other side is
    /// a change.
    public static func changes(from old: JSONObject?, to new: JSONObject?) -> [FieldChange] {
        let before = old ?? JSONObject()
        let after = new ?? JSONObject()
        var changes: [FieldChange] = []
        for (field, value) in before where after[field] != value {
            changes.append(FieldChange(field: field, old: value, new: after[field]))
        }
        for (field, value) in after where before[field] == nil {
            changes.append(FieldChange(field: field, old: nil, new: value))
        }
        return changes
    }
}

extension FieldChange {
    /// The change for a terminal: `  title: "old" → "new"`, each value as compact JSON and
    /// never truncated; an absent side reads `(absent)`. A value rendered on several lines (a
    /// string holds no raw newline once rendered, so only very long values wrap in the
    /// terminal) stays whole.
    ///
    /// - Parameter indent: the text put before the field name.
    /// - Returns: one line, without a line break.
    public func line(indent: String = "  ") -> String {
        "\(indent)\(field): \(Self.render(old)) → \(Self.render(new))"
    }

    /// The lines of ``line(indent:)`` for each change, in order.
    ///
    /// - Parameters:
    ///   - changes: the changes, as ``FieldDiff/changes(from:to:)`` returns them.
    ///   - indent: the text put before each field name.
    public static func lines(_ changes: [FieldChange], indent: String = "  ") -> [String] {
        changes.map { $0.line(indent: indent) }
    }

    /// A value as compact JSON, or `(absent)`.
    static func render(_ value: JSONValue?) -> String {
        value.map { $0.rendered() } ?? "(absent)"
    }
}
