import Dossier
import DossierDB

/// Values at the limits of a column's declared rule, and one past them: what the schema
/// comparison tries through raw SQL and through the library, and what the tampering generator
/// writes behind the library's back.
public struct ColumnProbes: Sendable {
    /// Values the rule accepts.
    public var valid: [SQLValue]
    /// Values the rule refuses, and the schema refuses too.
    public var invalid: [SQLValue]
    /// Values the rule refuses that SQL cannot test (Unicode normalization, the EDTF grammar):
    /// the schema accepts them, and `check` must report them.
    public var libraryOnly: [SQLValue]

    /// The probes of a column's rule; empty for rules that have none of their own (row ids,
    /// references, rules that depend on another column).
    package init(_ column: ColumnDeclaration) {
        let nul: [SQLValue] = column.isNullable ? [] : [.null]
        func texts(_ values: [String]) -> [SQLValue] { values.map { .text($0) } }
        func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }
        let whitespace = ["\u{A0}", "\u{3000}", "\u{2028}", "\t", "\u{1680}", " "]
        switch column.rule {
        case .slug:
            valid = texts(["a", "a-b", "x1", repeated("x", 100)])
            invalid = texts(["", "A", "a--b", "-a", "a-", "a b", repeated("x", 101), "é", "a\u{0}b", "a_b"]) + nul
            libraryOnly = []
        case .prose(let maximum):
            valid = texts(["x", repeated("x", maximum), repeated("é", maximum), "a\tb", "two\nlines", "’ é ñ 🧪"])
            invalid =
                texts(
                    ["", repeated("x", maximum + 1), repeated("é", maximum + 1), "a\u{1}b", "a\u{85}b", "\u{0}", "a\u{7F}"]
                        + whitespace.flatMap { ["\($0)x", "x\($0)", $0] }) + nul
            libraryOnly = []
        case .vocabulary(let vocabulary):
            valid = texts(vocabulary.values)
            invalid = texts(["", "unknown", vocabulary.values[0].uppercased(), vocabulary.values[0] + " "]) + nul
            libraryOnly = []
        case .isoDate:
            valid = texts(["1962-08-03", "2024-02-29", "0001-01-01", "1999-12-31"])
            invalid = texts(["2023-02-29", "1962-8-3", "1962-08-03T00:00", "19620803", "", "1962-13-01", "1962-00-10", "x"]) + nul
            libraryOnly = []
        case .partialDate:
            valid = texts(["1962", "1962-08", "1962-08-03", "2024-02-29"])
            invalid = texts(["62", "1962-13", "1962-02-30", "1962-08-3", "x", "", "1962-"]) + nul
            libraryOnly = []
        case .url(let maximum):
            valid = texts(["http://a", "https://example.org/x?y=1#z", "https://" + repeated("a", maximum - 8)])
            invalid =
                texts(
                    [
                        "ftp://x", "http://", "https://", "https://a b", "https://a\u{A0}b", "https://a\u{1}", "HTTP://x",
                        "https://" + repeated("a", maximum - 7), " https://a",
                    ]) + nul
            libraryOnly = []
        case .languageTag:
            valid = texts(["en", "en-GB", "zh-Hant-TW", repeated("x", 35)])
            invalid = texts(["e", repeated("x", 36), "en_GB", "é", "en GB", ""]) + nul
            libraryOnly = []
        case .sha256:
            valid = texts([repeated("0", 64), repeated("a", 64), repeated("f", 64)])
            invalid = texts([repeated("A", 64), repeated("0", 63), repeated("g", 64), repeated("0", 65), ""]) + nul
            libraryOnly = []
        case .sourceText:
            valid = texts(["x", "a\tb\nc", "é ’ 🧪"])
            invalid = texts(["", "   ", "\n", "a\r\nb", "a\rb", "a\u{1}b", "a\u{85}b", "a\u{0}b", "a\u{7F}"]) + nul
            libraryOnly = texts(["e\u{301}"])
        case .offset, .count:
            valid = [0, 5]
            invalid = [-1] + nul
            libraryOnly = []
        case .flag:
            valid = [0, 1]
            invalid = [2, -1] + nul
            libraryOnly = []
        case .version:
            valid = [1, 2]
            invalid = [0, -1] + nul
            libraryOnly = []
        case .timestamp:
            valid = texts(["2000-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z"])
            invalid =
                texts(
                    [
                        "2026-12-02 22:28:21", "2026-12-02T22:28:21Z", "x", "", "2026-13-02T22:28:21.123Z", "2026-12-02T24:00:00.000Z",
                        "2026-12-02T22:28:21.123",
                    ]) + nul
            libraryOnly = []
        case .edtf:
            valid = texts(["1962", "196X", "1970~"])
            invalid = texts(["19", "1962!", repeated("1", 61)]) + nul
            libraryOnly = texts(["1962-13", "X962"])
        case .quote(let maximum):
            valid = texts(["x", repeated("x", maximum), "a b"])
            invalid = texts(["", repeated("x", maximum + 1)] + whitespace.flatMap { ["\($0)x", "x\($0)"] }) + nul
            libraryOnly = []
        case .context(let maximum):
            valid = texts(["", repeated("x", maximum), " a "])
            invalid = texts([repeated("x", maximum + 1)]) + nul
            libraryOnly = []
        case .damagedText:
            valid = texts(["x", " x"])
            invalid = texts([""]) + nul
            libraryOnly = []
        case .doi:
            valid = texts([
                "10.1000/x", "10.1176/appi.ajp.163.5.856", "10.1000.10/ABC(1)", "10.12345678/a/b", "10.1000/" + repeated("x", 292),
            ])
            invalid =
                texts(
                    [
                        "", "1176/appi.ajp", "https://doi.org/10.1000/x", "doi:10.1000/x", "10.100/x", "10.1000/", "10.1000", "10.a000/x",
                        "10.1000x/y", "11.1000/x", "10.1000/a b", "10.1000/a\u{A0}b", "10.1000/a\u{1}", "10.1000/" + repeated("x", 293),
                    ]) + nul
            libraryOnly = []
        case .pmid:
            valid = texts(["1", "16651531", "999999999"])
            invalid = texts(["", "0", "012", "1234567890", "PMID16651531", "1234a", "12 34", "١٢٣", "-1"]) + nul
            libraryOnly = []
        case .isbn:
            valid = texts(["0306406152", "080442957X", "9780306406157", "9791234567896"])
            invalid =
                texts([
                    "", "030640615", "0-306-40615-2", "978-0-306-40615-7", "080442957x", "X306406152", "9770306406157", "97803064061570",
                    "978030640615X",
                ])
                + nul
            // The shape is right; the check digit is not.
            libraryOnly = texts(["0306406153", "9780306406158", "0804429571"])
        case .jsonObject:
            valid = texts(["{}", "{\"a\":1}"])
            invalid = texts(["[]", "x", ""]) + nul
            libraryOnly = []
        case .rowID, .reference, .parent, .identifierValue, .unchecked:
            valid = []
            invalid = nul
            libraryOnly = []
        }
    }
}
