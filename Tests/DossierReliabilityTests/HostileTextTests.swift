import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// Texts that break naive code: bytes that are not UTF-8, a very large source, and quotes made
/// of combining marks, skin-tone and ZWJ emoji sequences and flags.
@Suite("Hostile texts", .tags(.slow))
struct HostileTextTests {
    @Test("a seed folder whose source text is not UTF-8 is refused by name, and the database is unchanged")
    func malformedUTF8Source() throws {
        let workspace = try Workspace.seeded()
        let seeds = workspace.file("seeds")
        try FileManager.default.createDirectory(atPath: seeds + "/sources", withIntermediateDirectories: true)
        let shipped = try #require(FileManager.default.contents(atPath: Self.repositorySeeds + "/ketamine.json"))
        try shipped.write(to: URL(fileURLWithPath: seeds + "/ketamine.json"))
        var text = [UInt8](try #require(FileManager.default.contents(atPath: Self.repositorySeeds + "/sources/ketamine-journey.txt")))
        // A lone byte 0xFF, an overlong NUL and an encoded surrogate, spread through the text.
        for (fraction, bytes) in [(0.1, [UInt8(0xFF)]), (0.5, [0xC0, 0x80]), (0.9, [0xED, 0xA0, 0x80])] {
            text.insert(contentsOf: bytes, at: Int(Double(text.count) * fraction))
        }
        try Data(text).write(to: URL(fileURLWithPath: seeds + "/sources/ketamine-journey.txt"))
        let before = workspace.contents("dossier.sqlite")
        let result = try workspace.dossier("seed", seeds)
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.contains("sources/ketamine-journey.txt") && result.stderr.contains("UTF-8"), "\(result.stderr)")
        #expect(workspace.contents("dossier.sqlite") == before)
    }

    @Test("a 50 MB source: stored whole, hashed, cited near its end at the right code point, checked")
    func largeSource() throws {
        let workspace = try Workspace()
        let content = try ContentDatabase(path: workspace.file("large.sqlite"))
        // 50 MB of varied text with multi-byte characters, so byte and code point offsets differ.
        let line = "Ketamine’s story — anesthetic, then antidepressant; naïve readers beware. 🧪\n"
        var text = String(repeating: line, count: 50_000_000 / line.utf8.count)
        let marker = "The unique closing sentence about NMDA receptors."
        text += marker + "\n"
        #expect(text.utf8.count > 50_000_000)
        let source = try content.sources.insert(Source(slug: "large", title: "A large source", kind: .webArticle, text: text))
        #expect(source.textLength == text.unicodeScalars.count)
        try content.entities.insert(Entity(slug: "ketamine", kind: .substance, name: "Ketamine"))
        try content.claims.insert(
            ClinicalClaim(
                RecordInfo(
                    slug: "large-claim", title: "A claim from the end of a large source", statement: "It cites the last sentence.",
                    certainty: .possible, status: .published),
                intervention: "ketamine", outcome: "none"),
            citing: [Quote(marker, from: "large")])
        let citation = try #require(try content.records.citations(of: "large-claim").first)
        let scalars = Array(text.unicodeScalars)
        #expect(citation.start == scalars.count - marker.unicodeScalars.count - 1)
        #expect(String(String.UnicodeScalarView(scalars[citation.start..<citation.end])) == marker)
        #expect(try content.sources.get(slug: "large")?.text == text)
        #expect(try content.check().problems.isEmpty)
        #expect(try content.search.find("unique closing sentence").map(\.slug) == ["large-claim"])
    }

    @Test("quotes made of combining marks and emoji sequences round-trip at code-point offsets, through export and import")
    func combiningMarksAndEmoji() throws {
        // NFC text: q + combining dot below has no precomposed form; the emoji are a skin-tone
        // ZWJ sequence, a flag (two regional indicators) and a keycap.
        let text = "Before q\u{323}uiet 🧑🏽‍⚕️ doctors met 🇺🇦 and 1️⃣ patient; after.\nKetamine’s café q\u{323}."
        let content = try ContentDatabase.inMemory()
        try content.sources.insert(Source(slug: "marks", title: "Marks and emoji", kind: .webArticle, text: text))
        try content.entities.insert(Entity(slug: "ketamine", kind: .substance, name: "Ketamine"))
        let quotes = ["q\u{323}uiet 🧑🏽‍⚕️ doctors", "🇺🇦 and 1️⃣", "café q\u{323}.", "🧑🏽‍⚕️"]
        // A quote may not start or end inside a character: half a letter, half an emoji.
        for broken in ["\u{323}uiet", "🏽‍⚕️ doctors met", "doctors met 🇺"] {
            let error = try #require(throws: ContentError.self) {
                try content.claims.insert(
                    ClinicalClaim(
                        RecordInfo(slug: "broken", title: "Broken", statement: "A broken quote.", certainty: .possible),
                        intervention: "ketamine", outcome: "none"),
                    citing: [Quote(broken, from: "marks")])
            }
            #expect("\(error)".contains("inside a character"), "\(broken.debugDescription): \(error)")
            #expect(try content.claims.get(slug: "broken") == nil)
        }
        try content.claims.insert(
            ClinicalClaim(
                RecordInfo(
                    slug: "marked", title: "Marks", statement: "Quotes across combining marks and emoji.", certainty: .possible,
                    status: .published),
                intervention: "ketamine", outcome: "none"),
            citing: quotes.map { Quote($0, from: "marks") })
        let scalars = Array(text.unicodeScalars)
        for citation in try content.records.citations(of: "marked") {
            #expect(String(String.UnicodeScalarView(scalars[citation.start..<citation.end])) == citation.exact)
            #expect(quotes.contains(citation.exact))
        }
        #expect(try content.check().problems.isEmpty)
        // The database's own trigger agrees: substr() at the stored offsets is the quote.
        let agree = try content.pool.read { db in
            try db.fetchOne(
                """
                SELECT count(*) FROM citations c JOIN sources s ON s.id = c.source_id
                WHERE substr(s.text, c.start_offset + 1, c.end_offset - c.start_offset) = c.exact
                """
            ) { try $0.int(0) }
        }
        #expect(agree == quotes.count)
        let export = try content.exportJSON()
        let copy = try ContentDatabase.inMemory()
        try copy.importJSON(export)
        #expect(try copy.exportJSON() == export)
        // A text that is not NFC is refused, so quotes can always match byte for byte.
        #expect(throws: ContentError.self) {
            try content.sources.insert(Source(slug: "decomposed", title: "Decomposed", kind: .webArticle, text: "cafe\u{301}"))
        }
    }

    /// The repository's `Seeds/` folder, found from this file's path.
    static let repositorySeeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Seeds").path
}
