import DossierDB
import DossierTestSupport
import Foundation
import Testing

@testable import Dossier

/// Search text, EDTF dates and slugs from a deterministic generator of hostile pieces: no crash,
/// no hang, no SQL error; every rejection a validation error that names the field.
@Suite("Fuzzing search text, dates and slugs", .tags(.slow))
struct TextInputFuzzTests {
    /// A database with the shipped dossier.
    static func dossier() throws -> ContentDatabase {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        return content
    }

    static let searchPieces = [
        "\"", "'", "*", "AND", "OR", "NOT", "NEAR(", "NEAR/3", ")", "(", "^", ":", "-", "+", "{", "}", "title:", "kind:",
        "ketamine", "nmda", "receptors", "depression", "déjà", "🧪", "\u{0}", " ", "  ", "\t", "\n", "a", "e\u{301}", "𝔘",
        "ß", "İ", "\\", "%", "_", "..", "*ketamine", "ketamine*", "\u{202E}", "\u{FEFF}", "Ketamine’s", "１２", "vietnam",
    ]

    @Test("3,000 hostile search texts as words, 1,000 as raw FTS5: results or a clear error, never an SQL failure")
    func searchText() throws {
        let content = try Self.dossier()
        var random = SeededRandom(seed: 11)
        var hits = 0
        var empty = 0
        var invalidFTS5 = 0
        for index in 0..<3_000 {
            let text = random.string(from: Self.searchPieces, length: random.below(12))
            do {
                let found = try content.search.find(text, limit: 1 + random.below(50))
                if found.isEmpty { empty += 1 } else { hits += 1 }
            } catch {
                Issue.record("case \(index) \(text.debugDescription): \(error)")
            }
        }
        for index in 0..<1_000 {
            let text = random.string(from: Self.searchPieces, length: 1 + random.below(8))
            do {
                _ = try content.search.find(text, syntax: .fts5)
            } catch ContentError.invalidSearch(let query, let reason) {
                invalidFTS5 += 1
                #expect(query == text && !reason.isEmpty)
            } catch {
                Issue.record("fts5 case \(index) \(text.debugDescription): \(error)")
            }
        }
        #expect(hits > 0 && empty > 0 && invalidFTS5 > 0)
        print("fuzz: 4000 search texts: \(hits) with hits, \(empty) without, \(invalidFTS5) raw FTS5 queries refused as invalid")
    }

    @Test("decorating a word with syntax characters finds what the bare word finds")
    func decoratedWords() throws {
        let content = try Self.dossier()
        var random = SeededRandom(seed: 12)
        for word in ["ketamine", "receptors", "depression", "anesthetic", "synaptic", "vietnam"] {
            let bare = try content.search.find(word, limit: 100).map(\.slug)
            #expect(!bare.isEmpty, "\(word) finds nothing")
            for _ in 0..<25 {
                let noise = ["\"", "*", "(", ")", "NEAR(", "^", ":", "-", "+", "AND ", " OR", "{", "'"]
                let decorated =
                    random.string(from: noise, length: 1 + random.below(3)) + word + random.string(from: noise, length: random.below(3))
                let found = try content.search.find(decorated, limit: 100).map(\.slug)
                // AND/OR/NEAR are words to the words syntax: they must appear too, so the hits
                // can only shrink, never change to something the word does not find.
                #expect(Set(found).isSubset(of: Set(bare)), "\(decorated.debugDescription)")
                if !decorated.contains(where: \.isLetter) || decorated.filter(\.isLetter) == word {
                    #expect(found == bare, "\(decorated.debugDescription)")
                }
            }
        }
    }

    static let datePieces = [
        "1", "9", "6", "2", "0", "5", "-", "-", "X", "XX", "?", "~", "%", "/", "..", "[", "]", "Y", "T", ":", " ", "+",
        "12", "31", "13", "00", "29", "02", "1962", "1970-", "١", "𝟙", "e", "-0", "9999", "0000",
    ]

    /// A calendar date in ISO form, checked by hand (days per month, leap years).
    static func isCalendarDate(_ iso: String) -> Bool {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// Mostly well-formed EDTF values, to reach deep into the parser.
    static func plausibleDate(_ random: inout SeededRandom) -> String {
        func point() -> String {
            var text = String(format: "%04d", random.below(3000))
            if random.oneIn(5) { text = String(text.prefix(3)) + "X" }
            if random.oneIn(2) { text += String(format: "-%02d", random.below(14)) }
            if random.oneIn(2), text.count == 7 { text += String(format: "-%02d", random.below(33)) }
            if random.oneIn(4) { text += random.pick(["?", "~", "%"]) }
            return text
        }
        switch random.below(4) {
        case 0: return point()
        case 1: return point() + "/" + random.pick([point(), "..", ""])
        case 2: return random.pick(["", ".."]) + "/" + point()
        default: return "[" + point() + ".." + point() + "]"
        }
    }

    @Test("6,000 EDTF texts: accepted ones have real calendar bounds in order and parse back the same; the rest name date_edtf")
    func edtfDates() throws {
        var random = SeededRandom(seed: 13)
        var accepted = 0
        var rejected = 0
        for index in 0..<6_000 {
            let text = index % 2 == 0 ? Self.plausibleDate(&random) : random.string(from: Self.datePieces, length: 1 + random.below(10))
            do {
                let date = try EDTFDate(text)
                accepted += 1
                for bound in [date.earliest, date.latest].compactMap({ $0 }) {
                    #expect(Self.isCalendarDate(bound), "case \(index) \(text): bound \(bound)")
                }
                if let earliest = date.earliest, let latest = date.latest {
                    #expect(earliest <= latest, "case \(index) \(text): \(earliest) after \(latest)")
                }
                #expect(date.earliest != nil || date.latest != nil, "case \(index) \(text): no bound at all")
                #expect(try EDTFDate(date.text) == date)
            } catch ContentError.validation(let issues) {
                rejected += 1
                #expect(issues.allSatisfy { $0.field == "date_edtf" && !$0.rule.isEmpty }, "case \(index) \(text): \(issues)")
            } catch {
                Issue.record("case \(index) \(text.debugDescription): \(error)")
            }
        }
        #expect(accepted > 500 && rejected > 500)
        print("fuzz: 6000 EDTF texts: \(accepted) accepted, \(rejected) rejected")
    }

    static let slugPieces = [
        "a", "z", "k", "0", "9", "-", "--", "A", "é", "е", " ", "_", ".", "/", "\u{0}", "🧪", "ı", "ﬁ", "\u{301}", "ketamine",
    ]

    @Test("3,000 slugs: the Swift rule and the schema's CHECK agree on every one, and a refused slug writes nothing")
    func slugs() throws {
        let content = try ContentDatabase.inMemory()
        var random = SeededRandom(seed: 14)
        var valid = 0
        var invalid = 0
        var seen = Set<String>()
        for index in 0..<3_000 {
            var slug: String
            if index % 2 == 0 {
                // Plausible: words joined by hyphens, sometimes with one hostile piece spliced in.
                slug = (0..<(1 + random.below(4))).map { _ in
                    random.string(from: ["a", "k", "z", "0", "9", "ketamine"], length: 1 + random.below(3))
                }
                .joined(separator: "-")
                if random.oneIn(3) {
                    var scalars = Array(slug.unicodeScalars)
                    scalars.insert(contentsOf: random.pick(Self.slugPieces).unicodeScalars, at: random.below(scalars.count + 1))
                    slug = String(String.UnicodeScalarView(scalars))
                }
            } else {
                slug = random.string(from: Self.slugPieces, length: random.below(14))
            }
            if random.oneIn(50) { slug = String(repeating: "k", count: 95 + random.below(10)) }
            guard seen.insert(slug).inserted else { continue }
            let swiftSays = TextRules.isValidSlug(slug)
            // The database's own rule, through raw SQL that bypasses every Swift check.
            let databaseSays: Bool
            do {
                try content.pool.write { db in
                    try db.execute("INSERT INTO entities(slug, kind, name) VALUES (?, 'substance', 'Fuzzed')", [.text(slug)])
                    throw RollBack()
                }
                databaseSays = true
            } catch is RollBack {
                databaseSays = true
            } catch let error as DatabaseError {
                #expect(error.resultCode.primary == .constraint, "case \(index) \(slug.debugDescription): \(error)")
                databaseSays = false
            }
            #expect(swiftSays == databaseSays, "case \(index) \(slug.debugDescription): Swift \(swiftSays), schema \(databaseSays)")
            // And through the repository, a few hundred times.
            if index % 10 == 0 {
                do {
                    try content.entities.insert(Entity(slug: EntitySlug(slug), kind: .substance, name: "Fuzzed \(index)"))
                    #expect(swiftSays, "case \(index): \(slug.debugDescription) was accepted")
                    #expect(try content.entities.get(slug: EntitySlug(slug))?.name == "Fuzzed \(index)")
                } catch ContentError.validation(let issues) {
                    #expect(!swiftSays && issues.contains { $0.field == "slug" }, "case \(index) \(slug.debugDescription): \(issues)")
                    #expect(try content.entities.get(slug: EntitySlug(slug)) == nil)
                }
            }
            if swiftSays { valid += 1 } else { invalid += 1 }
        }
        #expect(valid > 100 && invalid > 100)
        print("fuzz: \(valid + invalid) distinct slugs: \(valid) valid, \(invalid) refused by Swift and schema alike")
    }

    private struct RollBack: Error {}
}
