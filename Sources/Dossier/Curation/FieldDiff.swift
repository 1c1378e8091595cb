/// One top-level field whose value differs between two JSON images of the same object.
package struct FieldChange: Sendable, Equatable {
    /// The field's key.
    package var field: String
    /// Its value before; `nil` when absent.
    package var old: JSONValue?
    /// Its value after; `nil` when absent.
    package var new: JSONValue?

    /// `title: "old" → "new"`: both values whole, as compact JSON.
    package var line: String {
        "\(field): \(old?.rendered() ?? "(none)") → \(new?.rendered() ?? "(none)")"
    }
}

/// Field-level differences between two JSON images of one object.
package enum FieldDiff {
    /// The fields whose values differ, in `old`'s order, then the fields only `new` has.
    package static func changes(from old: JSONObject?, to new: JSONObject?) -> [FieldChange] {
        let before = old ?? JSONObject()
        let after = new ?? JSONObject()
        var changes: [FieldChange] = []
        for (key, value) in before where after[key] != value {
            changes.append(FieldChange(field: key, old: value, new: after[key]))
        }
        for (key, value) in after where before[key] == nil {
            changes.append(FieldChange(field: key, old: nil, new: value))
        }
        return changes
    }
}
