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

    private func event(_ slug: String, _ date: EventDate) -> HistoricalEvent {
        HistoricalEvent(RecordInfo(slug: slug, title: slug, statement: "Event \(slug).", certainty: .established), date: date)
    }

    @Test("an event that preceded one its dates place before it is a warning naming the relation and both dates")
    func orderContradictsDates() throws {
        let content = try Fixtures.database()
        try content.events.insert(event("a", try .edtf("1990")))
        try content.events.insert(event("b", try .edtf("1960")))
        try content.events.insert(event("c", try .edtf("1955")))
        try content.relations.insert(Relation("a", .preceded, "b"))
        try content.relations.insert(Relation("b", .ledTo, "c"))
        let report = try content.check()
        let findings = report.findings.filter { $0.rule == .eventOrder }
        #expect(findings.map(\.subject) == ["relation a preceded b", "relation b led_to c"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        let first = try #require(findings.first)
        #expect(first.message.contains("1990-01-01") && first.message.contains("1960-12-31"), "\(first.message)")
        #expect(first.table == "relations" && first.key == "a preceded b")
        #expect(!report.isClean)
        // The import stores such relations: a warning for a curator, not an error.
        #expect(report.errors.isEmpty, "\(report.errors)")
    }

    @Test("relations that agree with the dates, or that undated or overlapping events cannot contradict, pass")
    func orderConsistent() throws {
        let content = try Fixtures.database()
        try content.events.insert(event("early", try .edtf("1960")))
        try content.events.insert(event("late", try .edtf("1990")))
        try content.events.insert(event("decade", try .edtf("196X")))
        try content.events.insert(event("undated", .unknown(text: "over the years")))
        try content.events.insert(event("undated-start", .unknown()))
        try content.events.insert(event("war-use", .during("vietnam-war", text: "during the Vietnam War")))
        try content.relations.insert(Relation("early", .preceded, "late"))
        try content.relations.insert(Relation("decade", .preceded, "early"))  // the 1960s overlap 1960
        try content.relations.insert(Relation("late", .ledTo, "undated"))
        try content.relations.insert(Relation("undated-start", .preceded, "early"))
        try content.relations.insert(Relation("war-use", .preceded, "late"))  // 1955–1975, then 1990
        let report = try content.check()
        #expect(!report.findings.contains { $0.rule == .eventOrder }, "\(report.findings)")
        #expect(report.isClean, "\(report.problems)")
    }

    @Test("a cycle that mixes preceded and led_to is reported once, naming every event in it")
    func orderCycle() throws {
        let content = try Fixtures.database()
        for slug in ["a", "b", "c", "d", "x", "y"] { try content.events.insert(event(slug, .unknown())) }
        try content.relations.insert(Relation("a", .preceded, "b"))
        try content.relations.insert(Relation("b", .ledTo, "c"))
        try content.relations.insert(Relation("c", .preceded, "a"))  // each predicate alone is acyclic: the schema accepts it
        try content.relations.insert(Relation("c", .preceded, "d"))
        try content.relations.insert(Relation("d", .ledTo, "x"))
        try content.relations.insert(Relation("x", .preceded, "y"))
        try content.relations.insert(Relation("y", .ledTo, "x"))
        let findings = try content.check().findings.filter { $0.rule == .eventOrder }
        #expect(findings.map(\.subject) == ["relation cycle a", "relation cycle x"], "\(findings)")
        #expect(findings.last?.message.contains("the events x, y are") == true)
        let cycle = try #require(findings.first)
        #expect(cycle.severity == .warning)
        #expect(cycle.subject == "relation cycle a")
        #expect(cycle.message.contains("a, b, c"), "\(cycle.message)")
        for relation in ["a preceded b", "b led_to c", "c preceded a"] { #expect(cycle.message.contains(relation)) }
        #expect(!cycle.message.contains("c preceded d"), "d is outside the cycle")
    }

    @Test("a hedge review on a quote that uses no hedge word is a notice")
    func staleHedgeReview() throws {
        let content = try Fixtures.database()
        var claim = Fixtures.rapidRelief()
        claim.certainty = .established
        try content.claims.insert(
            claim,
            citing: [Quote("ketamine often works within hours or days", from: Fixtures.articleSlug, hedgeReview: "“Often” is frequency.")])
        let report = try content.check()
        let notice = try #require(report.findings.first { $0.rule == .overclaiming })
        #expect(notice.severity == .notice)
        #expect(notice.message.contains("uses no hedge word"))
        #expect(report.isClean, "\(report.problems)")
    }
}
