import Foundation
import Testing

@testable import Dossier

/// What a curator is told about a quote or a date the seed files get wrong: the file, the
/// field, the real problem and what to write instead.
@Suite("Authoring messages: quotes not found and refused dates")
struct AuthoringMessageTests {
    static let sourceText = "Ketamine’s “rapid” relief — within hours — was noticed in 1999.\nIt Works  twice, with\u{A0}care."

    /// A one-file seed folder: one source holding `sourceText`, one event with `date` and `quotes`.
    static func seed(date: String? = nil, quote: String? = nil, defect: String? = nil) -> SeedBundle {
        let defectField = defect.map { ", \"defects\": [{\"kind\": \"other\", \"exact\": \(json($0)), \"note\": \"Damage.\"}]" } ?? ""
        let dateField = date.map { ", \"date\": {\"edtf\": \(json($0))}" } ?? ""
        let quoteField = quote.map { ", \"quotes\": [{\"exact\": \(json($0))}]" } ?? ""
        let file = """
            {"dossier": "authoring", "sources": [{"slug": "article", "title": "Article", "kind": "web_article", "text": \(json(sourceText))\(defectField)}],
             "events": [{"slug": "noticed", "title": "Noticed", "statement": "It was noticed.", "certainty": "established"\(dateField)\(quoteField)}]}
            """
        return .files(["authoring.json": file])
    }

    static func json(_ text: String) -> String {
        JSONValue.string(text).rendered()
    }

    /// The problems seeding `bundle` reports.
    static func problems(_ bundle: SeedBundle) throws -> [SeedProblem] {
        let content = try ContentDatabase.inMemory()
        let error = try #require(throws: SeedError.self) { try content.seed(from: bundle) }
        #expect(try content.records.counts().values.reduce(0, +) == 0, "a refused seed wrote records")
        return error.problems
    }

    // MARK: - Quotes

    @Test(
        "a quote that differs only in quote marks, dashes, spacing or case names the passage and each character",
        arguments: [
            (
                "Ketamine's", 0,
                ["' (U+0027) where the source has ’ (U+2019) at position 8"]
            ),
            (
                "Ketamine’s \"rapid\" relief", 0,
                [
                    "\" (U+0022) where the source has “ (U+201C) at position 11",
                    "\" (U+0022) where the source has ” (U+201D) at position 17",
                ]
            ),
            ("relief - within hours -- was", -1, []),
            ("relief - within hours - was", 19, ["- (U+002D) where the source has — (U+2014) at position 7", "at position 22"]),
            ("It Works twice", 64, ["space (U+0020) where the source has 2 spaces (U+0020 U+0020) at position 8"]),
            ("with care", 81, ["space (U+0020) where the source has no-break space (U+00A0) at position 4"]),
            (
                "it works", 64,
                ["i (U+0069) where the source has I (U+0049) at position 0", "w (U+0077) where the source has W (U+0057) at position 3"]
            ),
            ("1999. It Works", 58, ["space (U+0020) where the source has line break (U+000A) at position 5"]),
        ])
    func nearestPassage(quote: String, start: Int, expected: [String]) throws {
        let problems = try Self.problems(Self.seed(quote: quote))
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.file == "authoring.json" && problem.path == "events[0].quotes[0].exact", "\(problem)")
        if start < 0 {
            #expect(!problem.reason.contains("nearest passage"), "a misleading suggestion: \(problem.reason)")
            return
        }
        #expect(problem.reason.contains("not found in source article; the nearest passage (at \(start):"), "\(problem.reason)")
        for part in expected {
            #expect(problem.reason.contains(part), "expected \(part) in: \(problem.reason)")
        }
        // The passage named is the source's own text at that offset.
        let passage = String(Self.sourceText.unicodeScalars.dropFirst(start).prefix(quote.unicodeScalars.count + 1))
        #expect(problem.reason.contains("\"" + passage.prefix(4)), "\(problem.reason)")
    }

    @Test("a quote whose words are not in the source is told so, with no passage suggested")
    func absentQuote() throws {
        for quote in ["Ketamine cured everything", "noticed in 2001", "Ketamine’s rapid relief"] {
            let problem = try #require(try Self.problems(Self.seed(quote: quote)).first)
            #expect(problem.path == "events[0].quotes[0].exact")
            #expect(!problem.reason.contains("nearest passage"), "\(quote): \(problem.reason)")
            #expect(
                problem.reason.contains("not found in source article, not even ignoring case, quote marks, dashes and spacing"),
                "\(problem.reason)")
        }
    }

    @Test("a defect copied with other characters is told the passage too")
    func defect() throws {
        let problems = try Self.problems(Self.seed(defect: "Ketamine's \"rapid\""))
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.file == "authoring.json" && problem.path == "sources[0].defects[0].exact", "\(problem)")
        #expect(
            problem.reason.contains("not found in source article; the nearest passage (at 0:")
                && problem.reason.contains("' (U+0027) where the source has ’ (U+2019) at position 8"), "\(problem.reason)")
    }

    @Test("a quote found loosely in several places says how many")
    func severalLooseMatches() {
        let text = SourceText("It’s here. And it’s there. IT'S everywhere.")
        let nearest = text.nearestPassage(to: "it's")
        #expect(nearest?.start == 0 && nearest?.otherMatches == 2)
        #expect(nearest?.differences.map(\.position) == [0, 2])
    }

    @Test("a long source with a quote absent even loosely gives no passage")
    func longSource() {
        let text = SourceText(String(repeating: "Ketamine’s relief — within hours.  ", count: 20_000))
        #expect(text.nearestPassage(to: "Ketamine's relief - within days") == nil)
        #expect(text.nearestPassage(to: "Ketamine's relief - within hours")?.otherMatches == 100)
    }

    // MARK: - Dates

    @Test(
        "a seed file's refused date names the file, the field and the real problem, once",
        arguments: [
            ("1980/..", "open intervals (..) are not supported: give the known end as a year"),
            ("../1980", "open intervals (..) are not supported"),
            ("/1975", "intervals with an unknown start or end (/1975) are not supported"),
            ("1949-09-01T10:00", "a time of day (T10:00) is not part of an EDTF level-0 date; give the day alone, 1949-09-01"),
            ("1962-02-30", "names a day that does not exist: 1962-02 has 28 days"),
            ("1962-13", "there is no month 13"),
            ("spring 1962", "words and seasons go in date.text"),
            ("-0044", "years before year 0 (BCE) are not supported"),
        ])
    func seededDate(edtf: String, expected: String) throws {
        let problems = try Self.problems(Self.seed(date: edtf))
        #expect(problems.count == 1, "one problem, not a second about bounds: \(problems)")
        let problem = try #require(problems.first)
        #expect(problem.file == "authoring.json" && problem.path == "events[0].date.edtf", "\(problem)")
        #expect(problem.reason.contains(expected), "\(problem.reason)")
        #expect(!problem.reason.contains("CHECK") && !problem.reason.contains("constraint"), "a raw SQL message: \(problem.reason)")
    }

    @Test("a date built by hand without both bounds is refused by the library, not by a CHECK")
    func handBuiltOpenDate() throws {
        let content = try ContentDatabase.inMemory()
        let event = HistoricalEvent(
            RecordInfo(slug: "open", title: "Open", statement: "Open.", certainty: .established),
            date: EventDate(earliest: "1980-01-01", precision: .year))
        let error = try #require(throws: ContentError.self) { try content.events.insert(event) }
        let message = String(describing: error)
        #expect(message.contains("needs both bounds") && !message.contains("CHECK"), "\(message)")
    }
}
