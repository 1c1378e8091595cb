import DossierDB
import DossierTestSupport
import Foundation
import Testing

@testable import Dossier

/// The seed and export readers under thousands of deterministic mutations of the shipped
/// dossier: every input is either accepted or rejected with its file, place and reason, and a
/// rejected input writes nothing.
@Suite("Fuzzing the seed JSON reader", .tags(.slow))
struct SeedInputFuzzTests {
    static let cases = 3_000

    /// The shipped dossier's files.
    static func shippedFiles() throws -> (json: String, source: String) {
        let files = SeedBundle.embedded.files
        guard case .text(let json)? = files["ketamine.json"], case .text(let source)? = files["sources/ketamine-journey.txt"] else {
            throw SeedError.invalid([SeedProblem(file: "ketamine.json", path: "", reason: "not embedded")])
        }
        return (json, source)
    }

    /// Pieces that break JSON in interesting ways: structure, escapes, surrogates, numbers,
    /// unknown fields, control characters, and bytes that are not UTF-8.
    static let snippets: [[UInt8]] =
        [
            "\"", "\\", "\\u", "\\uD800", "\\uDFFF\\uD800", "{", "}", "[", "]", ",", ":", "null", "true", "1e999", "-0",
            "01", "\"extra_field\": 1, ", "\u{0}", "\u{1F}", "🧪", "e\u{301}", "\"slug\": \"Bad Slug\"", "\"certainty\": \"certain\"",
            "\"kind\": \"rumour\"", String(repeating: "[", count: 300), "\"\"\"", "\u{FEFF}", "\t\n\r",
        ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]]

    static func mutate(_ original: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = original
        for _ in 0..<(1 + random.below(3)) {
            guard !bytes.isEmpty else { break }
            let at = random.below(bytes.count)
            switch random.below(6) {
            case 0: bytes[at] = random.oneIn(2) ? random.pick(snippets)[0] : UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(60)))
            case 2: bytes.removeSubrange(at...)
            case 3: bytes.insert(contentsOf: random.pick(snippets), at: at)
            case 4:
                let end = min(bytes.count, at + 1 + random.below(200))
                bytes.insert(contentsOf: bytes[at..<end], at: random.below(bytes.count))
            default:
                // Swap one value's text for another's: valid JSON, wrong content.
                bytes.insert(contentsOf: Array("\"\(random.pick(["x", "", "established", "1962", "-", "ketamine"]))\"".utf8), at: at)
            }
        }
        return bytes
    }

    @Test("3,000 mutations of the shipped dossier: parsed or rejected with line, column and reason; accepted ones seed all or nothing")
    func mutatedSeeds() throws {
        let (json, source) = try Self.shippedFiles()
        let original = Array(json.utf8)
        let emptyExport = try ContentDatabase.inMemory().exportJSON()
        var random = SeededRandom(seed: 2026)
        var parsed = 0
        var rejectedByParser = 0
        var rejectedBySeedRules = 0
        var seeded = 0
        var rejectedBySeeder = 0
        for index in 0..<Self.cases {
            let bytes = Self.mutate(original, &random)
            do {
                _ = try JSONParser.parse(bytes: bytes)
                parsed += 1
            } catch {
                rejectedByParser += 1
                #expect(error.line >= 1 && error.column >= 1 && !error.reason.isEmpty, "case \(index): \(error)")
                continue
            }
            // It is JSON: now the seed rules (fields, vocabularies, references, quotes).
            guard let text = String(validating: bytes, as: UTF8.self) else { continue }
            let bundle = SeedBundle.files(["ketamine.json": text, "sources/ketamine-journey.txt": source], origin: "case \(index)")
            do {
                _ = try SeedParser(bundle: bundle).parse()
            } catch let error as SeedError {
                rejectedBySeedRules += 1
                for problem in error.problems {
                    #expect(!problem.file.isEmpty && !problem.reason.isEmpty, "case \(index): \(problem)")
                }
                continue
            }
            // Accepted by the reader: seed a fresh database for real, a bounded number of times.
            guard seeded + rejectedBySeeder < 25 else { continue }
            let content = try ContentDatabase.inMemory()
            do {
                try content.seed(from: bundle)
                seeded += 1
            } catch let error as SeedError {
                rejectedBySeeder += 1
                #expect(error.problems.allSatisfy { !$0.reason.isEmpty }, "case \(index): \(error)")
                #expect(try content.exportJSON() == emptyExport, "case \(index): a rejected seed wrote something")
            }
        }
        #expect(parsed + rejectedByParser == Self.cases)
        #expect(rejectedByParser > 0 && rejectedBySeedRules > 0)
        print(
            "fuzz: \(Self.cases) seed mutations: \(rejectedByParser) rejected as JSON, \(rejectedBySeedRules) by the seed rules, \(seeded + rejectedBySeeder) seeded for real (\(rejectedBySeeder) refused, nothing written)"
        )
    }

    @Test("pathological JSON: deep nesting, huge numbers, long strings, lone surrogates")
    func pathologicalJSON() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("\"\\uD800\"") }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("{\"a\": 1, \"a\": 2}") }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[1,]") }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes: [0x22, 0xFF, 0x22]) }
        let long = "\"" + String(repeating: "x", count: 5_000_000) + "\""
        #expect(try JSONParser.parse(long) == .string(String(repeating: "x", count: 5_000_000)))
        // A number too large for any integer is not silently rounded into one.
        if case .integer = try? JSONParser.parse("123456789012345678901234567890") { Issue.record("overflowed into an integer") }
    }
}
