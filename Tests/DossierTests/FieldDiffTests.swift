import Dossier
import Testing

@Suite("Field-level differences between two images of a record")
struct FieldDiffTests {
    private func object(_ text: String) throws -> JSONObject {
        guard case .object(let object) = try JSONParser.parse(text) else {
            Issue.record("not an object: \(text)")
            return JSONObject()
        }
        return object
    }

    @Test("only differing fields, in old's order then new-only fields, absent distinct from null")
    func changesInOrder() throws {
        let old = try object(#"{"slug":"a","title":"Old","status":"draft","note":null,"gone":1}"#)
        let new = try object(#"{"title":"New","slug":"a","note":"x","status":"draft","added":[1,2],"late":null}"#)
        let changes = FieldDiff.changes(from: old, to: new)
        #expect(
            changes == [
                FieldChange(field: "title", old: .string("Old"), new: .string("New")),
                FieldChange(field: "note", old: .null, new: .string("x")),
                FieldChange(field: "gone", old: .integer(1), new: nil),
                FieldChange(field: "added", old: nil, new: .array([.integer(1), .integer(2)])),
                FieldChange(field: "late", old: nil, new: .null),
            ])
    }

    @Test("equal images have no changes; a missing image makes every field a change")
    func missingImages() throws {
        let image = try object(#"{"a":1,"b":{"c":[true]}}"#)
        #expect(FieldDiff.changes(from: image, to: image).isEmpty)
        #expect(FieldDiff.changes(from: nil, to: nil).isEmpty)
        #expect(FieldDiff.changes(from: nil, to: image).map(\.field) == ["a", "b"])
        #expect(FieldDiff.changes(from: image, to: nil).allSatisfy { $0.new == nil && $0.old != nil })
        // A nested difference is one change of the top-level field.
        let nested = try object(#"{"a":1,"b":{"c":[false]}}"#)
        #expect(FieldDiff.changes(from: image, to: nested).map(\.field) == ["b"])
    }

    @Test("lines render compact JSON, whole, with an arrow; absent sides say so")
    func lines() throws {
        let long = String(repeating: "word ", count: 400) + "end"
        let changes = [
            FieldChange(field: "title", old: .string("old \"q\""), new: .string(long)),
            FieldChange(field: "tags", old: nil, new: .array([.string("x"), .null])),
        ]
        let lines = FieldChange.lines(changes)
        #expect(lines.count == 2)
        #expect(lines[0] == #"  title: "old \"q\"" → ""# + long + #"""#)
        #expect(lines[1] == #"  tags: (absent) → ["x",null]"#)
        #expect(changes[1].line(indent: "") == #"tags: (absent) → ["x",null]"#)
    }
}
