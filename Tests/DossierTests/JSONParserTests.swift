import Dossier
import Testing

@Suite("The strict JSON parser and the deterministic renderer")
struct JSONParserTests {
    @Test("valid documents parse, keep key order, and render back identically")
    func roundTrip() throws {
        let text = #"{"b":1,"a":[true,false,null,-0.5,1e3,"x\"y\\z\n\u00e9\ud83e\uddea"],"c":{}}"#
        let value = try JSONParser.parse(text)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["a"] == .array([.bool(true), .bool(false), .null, .double(-0.5), .double(1000), .string("x\"y\\z\né🧪")]))
        let rendered = value.rendered()
        #expect(try JSONParser.parse(rendered) == value)
        #expect(value.rendered(indent: 2) == value.rendered(indent: 2))
        #expect(JSONValue.string("/ \u{1B} \u{2028}").rendered() == #""/ \u001b \u2028""#)
    }

    @Test(
        "malformed documents are errors with a line and column",
        arguments: [
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "tru", "nul",
            "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"tab\there\"", "[1] [2]",
            "{\"a\":1,\"a\":2}", String(repeating: "[", count: 200) + String(repeating: "]", count: 200), "[1e999]",
        ])
    func malformed(text: String) {
        let error = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        #expect((error?.line ?? 0) >= 1 && (error?.column ?? 0) >= 1)
    }

    @Test(
        "invalid UTF-8 is an error, not a replacement character",
        arguments: [
            [0x22, 0xC3, 0x28, 0x22], [0x22, 0xE0, 0x80, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
            [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xE2, 0x82, 0x22],
        ] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes: bytes) }
    }

    @Test("the line and column point at the problem")
    func position() {
        let error = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("{\n  \"a\": 1,\n  \"b\" 2\n}") }
        #expect(error?.line == 3 && error?.column == 7)
    }
}
