import Dossier
import DossierDB
import Testing

@Suite("Curation checks")
struct CurationCheckTests {
    @Test("a clean database reports no problem")
    func clean() throws {
        let content = try Fixtures.database()
        try content.claims.insert(
            Fixtures.rapidRelief(), citing: [Quote("ketamine often works within hours or days", from: Fixtures.articleSlug)])
        let report = try content.check()
        #expect(report.isClean, "\(report.problems)")
        #expect(report.checked["citations"] == 1)
    }

    @Test("established records whose quotes hedge are flagged, even through a corrupted word")
    func overclaiming() throws {
        let content = try Fixtures.database()
        try content.sources.recordDefect(in: Fixtures.articleSlug, kind: .corruptedWord, exact: "believ", intended: "believed")
        var mechanism = Fixtures.blockade()
        mechanism.slug = "reset"
        mechanism.role = .primary
        try content.mechanisms.insert(
            mechanism, citing: [Quote("Its unique mechanism is believ to reset neural pathways", from: Fixtures.articleSlug)])
        var claim = Fixtures.rapidRelief()
        claim.certainty = .established
        try content.claims.insert(claim, citing: [Quote("drugs that may take weeks", from: Fixtures.articleSlug)])
        let report = try content.check()
        let overclaims = report.findings.filter { $0.rule == .overclaiming }
        #expect(Set(overclaims.map(\.subject)) == ["mechanism reset", "claim rapid-relief"])
        #expect(overclaims.allSatisfy { $0.severity == .warning })
        #expect(overclaims.first { $0.subject == "mechanism reset" }?.message.contains("believed") == true)
        // The corrupted word is a notice, not a problem.
        #expect(report.findings.contains { $0.rule == .defectOverlap && $0.severity == .notice })
        #expect(!report.isClean)
    }

    @Test("quotes that include injected text are warnings")
    func injectedText() throws {
        let content = try Fixtures.database()
        try content.sources.recordDefect(in: Fixtures.articleSlug, kind: .injectedText, exact: "🧪")
        try content.mechanisms.insert(Fixtures.blockade(), citing: [Quote("a state of dissociation 🧪", from: Fixtures.articleSlug)])
        let finding = try #require(try content.check().findings.first { $0.rule == .defectOverlap })
        #expect(finding.severity == .warning)
    }

    @Test("raw-SQL damage is an error, and so is a published record without citations, whose export would not import")
    func errors() throws {
        let content = try Fixtures.database()
        try content.mechanisms.insert(Fixtures.blockade())
        // A record written around the library: no typed row.
        try content.pool.write { db in
            try db.execute(
                "INSERT INTO records(slug, kind, title, statement, certainty) VALUES ('bare', 'claim', 'Bare', 'Bare.', 'possible')")
        }
        let report = try content.check()
        let rules = Set(report.problems.map(\.rule))
        #expect(rules.isSuperset(of: [.publishedUncited, .typedRow]))
        #expect(report.problems.filter { $0.rule == .typedRow || $0.rule == .publishedUncited }.allSatisfy { $0.severity == .error })
        // The import refuses what check calls an error: the one rule, seen from both sides.
        let uncited = try Fixtures.database()
        try uncited.mechanisms.insert(Fixtures.blockade())
        let export = try uncited.exportJSON()
        #expect(throws: SeedError.self) { try ContentDatabase.inMemory().importJSON(export) }
    }
}
