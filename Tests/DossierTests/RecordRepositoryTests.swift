import Dossier
import DossierDB
import Testing

@Suite("Record repositories: insert, read, update, delete")
struct RecordRepositoryTests {
    @Test("a mechanism round-trips with its citation, offsets in code points")
    func mechanismRoundTrip() throws {
        let content = try Fixtures.database()
        let stored = try content.mechanisms.insert(
            Fixtures.blockade(),
            citing: [Quote("By blocking these receptors, ketamine induces a state of dissociation 🧪", from: Fixtures.articleSlug)])
        #expect(stored.info.id != nil)
        #expect(stored.version == 1)
        #expect(stored.agent == "ketamine" && stored.target == "nmda-receptor" && stored.action == .blocker)
        #expect(try content.mechanisms.get(slug: "nmda-blockade") == stored)
        #expect(try content.mechanisms.get(id: try #require(stored.info.id)) == stored)
        let citation = try #require(try content.records.citations(of: "nmda-blockade").first)
        // The curly apostrophe is one code point (three UTF-8 bytes); the emoji one (four).
        let expectedStart = Fixtures.articleText.unicodeScalars.distance(
            from: Fixtures.articleText.unicodeScalars.startIndex,
            to: try #require(Fixtures.articleText.range(of: "By blocking")).lowerBound.samePosition(
                in: Fixtures.articleText.unicodeScalars)!)
        #expect(citation.start == expectedStart)
        #expect(citation.end - citation.start == citation.exact.unicodeScalars.count)
        #expect(citation.exact.hasSuffix("🧪"))
        #expect(citation.prefix.unicodeScalars.count == 32)
        #expect(citation.sourceSHA256 == Source(slug: "x", title: "x", kind: .other, text: Fixtures.articleText).textSHA256)
    }

    @Test("a claim keeps its onset and comparator; an event takes its period's bounds")
    func typedFields() throws {
        let content = try Fixtures.database()
        let claim = try content.claims.insert(
            Fixtures.rapidRelief(), citing: [Quote("ketamine often works within hours or days", from: Fixtures.articleSlug)])
        #expect(claim.onset == .init(text: "within hours or days", lowerUnit: .hours, upperUnit: .days))
        #expect(claim.comparator?.onsetUnit == .weeks && claim.comparator?.entity == "antidepressants")
        #expect(claim.evidenceLevel == .notAssessed)
        let event = try content.events.insert(Fixtures.battlefield())
        #expect(event.date.earliest == "1955-11-01" && event.date.latest == "1975-04-30")
        #expect(event.date.precision == .period && event.date.period == "vietnam-war")
        #expect(event.about == ["ketamine"])
    }

    @Test("batch lookups keep the order given and skip keys of no record of this kind")
    func batchLookups() throws {
        let content = try Fixtures.database()
        let mechanism = try content.mechanisms.insert(Fixtures.blockade())
        let claim = try content.claims.insert(Fixtures.rapidRelief())
        let claimID = try #require(claim.info.id)
        let mechanismID = try #require(mechanism.info.id)
        #expect(try content.claims.get(ids: [claimID, mechanismID, RecordID(rawValue: 999), claimID]) == [claim, claim])
        #expect(try content.mechanisms.get(ids: [claimID, mechanismID]) == [mechanism])
        #expect(try content.claims.get(slugs: ["", claim.slug, "nmda-blockade", "'; DROP TABLE records; --"]) == [claim])
        #expect(try content.mechanisms.get(slugs: []) == [])
        #expect(try content.records.counts().values.reduce(0, +) == 2)
    }

    @Test("slugs are unique across kinds")
    func slugUniqueAcrossKinds() throws {
        let content = try Fixtures.database()
        try content.mechanisms.insert(Fixtures.blockade())
        var claim = Fixtures.rapidRelief()
        claim.slug = "nmda-blockade"
        #expect(throws: ContentError.duplicate(what: "record", key: "nmda-blockade")) { try content.claims.insert(claim) }
    }

    @Test("an update bumps the version; a stale update fails and changes nothing")
    func optimisticVersioning() throws {
        let content = try Fixtures.database()
        let first = try content.claims.insert(Fixtures.rapidRelief())
        var edited = first
        edited.outcome = "fewer depressive symptoms"
        edited.about = ["depression"]
        let updated = try content.claims.update(edited)
        #expect(updated.version == 2 && updated.outcome == "fewer depressive symptoms" && updated.about == ["depression"])
        var stale = first
        stale.title = "A stale edit"
        #expect(throws: ContentError.staleVersion(slug: "rapid-relief", expected: 1, actual: 2)) { try content.claims.update(stale) }
        #expect(try content.claims.get(slug: "rapid-relief") == updated)
    }

    @Test("validation names the field and the rule, and writes nothing")
    func validationErrors() throws {
        let content = try Fixtures.database()
        var claim = Fixtures.rapidRelief()
        claim.title = "  "
        claim.onset = .init(text: "within days or hours", lowerUnit: .days, upperUnit: .hours)
        claim.intervention = "no-such-entity"
        claim.info.status = .deprecated
        let error = try #require(throws: ContentError.self) { try content.claims.insert(claim) }
        guard case .validation(let issues) = error else {
            Issue.record("expected validation, got \(error)")
            return
        }
        let fields = Set(issues.map(\.field))
        #expect(fields.isSuperset(of: ["title", "onset.upper_unit", "intervention", "deprecation_reason"]))
        #expect(issues.allSatisfy { $0.subject == "claim rapid-relief" })
        #expect(try content.claims.list().items.isEmpty)
    }

    @Test(
        "hostile slugs are rejected as slugs, never run as SQL",
        arguments: [
            "'; DROP TABLE records; --", "", String(repeating: "a", count: 101), String(repeating: "x-", count: 5_000), "UPPER",
            "two  words", "-lead", "trail-",
            "double--hyphen", "ümlaut", "nul\u{0}byte", "../../etc/passwd",
        ])
    func hostileSlugs(slug: String) throws {
        let content = try Fixtures.database()
        var claim = Fixtures.rapidRelief()
        claim.slug = slug
        let error = try #require(throws: ContentError.self) { try content.claims.insert(claim) }
        guard case .validation(let issues) = error else {
            Issue.record("expected validation, got \(error)")
            return
        }
        #expect(issues.contains { $0.field == "slug" })
        #expect(try content.claims.get(slug: slug) == nil)
        #expect(throws: ContentError.notFound(what: "record", key: slug)) { try content.records.delete(slug: slug) }
        #expect(try content.pool.read { try $0.tableExists("records") })
    }

    @Test("deleting a record removes its citations and relations, never a source or an entity")
    func deleteCascades() throws {
        let content = try Fixtures.database()
        try content.mechanisms.insert(Fixtures.blockade(), citing: [Quote("NMDA receptors", from: Fixtures.articleSlug)])
        try content.claims.insert(Fixtures.rapidRelief(), citing: [Quote("within hours or days", from: Fixtures.articleSlug)])
        try content.relations.insert(Relation("rapid-relief", .explainedBy, "nmda-blockade"))
        try content.mechanisms.delete(slug: "nmda-blockade")
        #expect(try content.records.citations(of: "nmda-blockade").isEmpty)
        #expect(try content.relations.of("rapid-relief").isEmpty)
        #expect(try content.sources.get(slug: Fixtures.articleSlug) != nil)
        #expect(try content.entities.get(slug: "nmda-receptor") != nil)
        let remaining = try content.pool.read { db in try db.fetchOne("SELECT count(*) FROM citations") { try $0.int(0) } }
        #expect(remaining == 1)
    }

    @Test("quotes must be verbatim, unique, and whole characters")
    func quoteRules() throws {
        let content = try Fixtures.database()
        func issues(_ quote: Quote) throws -> [ValidationIssue] {
            let error = try #require(throws: ContentError.self) { try content.mechanisms.insert(Fixtures.blockade(), citing: [quote]) }
            guard case .validation(let issues) = error else { return [] }
            return issues
        }
        // Straight apostrophe where the source has a curly one: the message names both.
        #expect(
            try issues(Quote("Ketamine's effects", from: Fixtures.articleSlug)).first?.rule.contains(
                "' (U+0027) where the source has ’ (U+2019) at position 8") == true)
        // "ketamine" occurs several times.
        #expect(try issues(Quote("ketamine", from: Fixtures.articleSlug)).first?.rule.contains("occurs") == true)
        // The q without its combining dot.
        #expect(try issues(Quote("so does a q", from: Fixtures.articleSlug)).first?.rule.contains("inside a character") == true)
        #expect(try issues(Quote("NMDA", from: "missing-source")).first?.field == "quotes[0].source")
        #expect(try issues(Quote(" NMDA receptors", from: Fixtures.articleSlug)).first?.field == "quotes[0].exact")
        #expect(try content.mechanisms.list().items.isEmpty)
        // A prefix picks one of several occurrences; a decomposed "é" in a quote matches the
        // precomposed one of the (NFC) source, and the stored quote is the source's own text.
        let stored = try content.mechanisms.insert(
            Fixtures.blockade(),
            citing: [
                Quote("ketamine", from: Fixtures.articleSlug, prefix: "receptors, "),
                Quote("A cafe\u{301} serves", from: Fixtures.articleSlug),
            ])
        let citations = try content.records.citations(of: stored.slug)
        #expect(citations.map(\.exact).contains("ketamine"))
        #expect(citations.contains { $0.exact.unicodeScalars.elementsEqual("A caf\u{E9} serves".unicodeScalars) })
    }

    @Test("a quote cannot start or end between the two halves of a flag, however long the run of flags")
    func flagBoundaries() throws {
        let content = try Fixtures.database()
        // 200 regional indicators: 100 flags, more than any fixed window looks back over.
        let indicators = (0..<200).map { Unicode.Scalar(0x1F1E6 + UInt32($0 % 26))! }
        var flags = ""
        flags.unicodeScalars.append(contentsOf: indicators)
        try content.sources.insert(Source(slug: "flags", title: "Flags", kind: .webArticle, text: "Flags: \(flags) end."))
        func scalars(_ range: Range<Int>) -> String {
            var text = ""
            text.unicodeScalars.append(contentsOf: indicators[range])
            return text
        }
        // The run repeats every 26 letters: a prefix or suffix up to the run's edge picks one place.
        func quote(_ range: Range<Int>) -> Quote {
            range.lowerBound < 100
                ? Quote(scalars(range), from: "flags", prefix: "Flags: " + scalars(0..<range.lowerBound))
                : Quote(scalars(range), from: "flags", suffix: scalars(range.upperBound..<200) + " end")
        }
        for range in [181..<200, 180..<199, 1..<2, 199..<200] {
            let error = try #require(throws: ContentError.self, "\(range)") {
                try content.mechanisms.insert(Fixtures.blockade(), citing: [quote(range)])
            }
            #expect("\(error)".contains("inside a character"), "\(range): \(error)")
        }
        // Whole flags, deep in the run, are quotable.
        let stored = try content.mechanisms.insert(Fixtures.blockade(), citing: [quote(180..<200)])
        #expect(try content.records.citations(of: stored.slug).count == 1)
    }

    @Test("keyset pagination visits every record once, even with inserts between pages")
    func pagination() throws {
        let content = try Fixtures.database()
        var claims: [ClinicalClaim] = []
        for index in 0..<25 {
            var claim = Fixtures.rapidRelief()
            claim.slug = "claim-\(index)"
            claims.append(claim)
        }
        try content.claims.insert(contentsOf: claims)
        var seen: [String] = []
        var filter = RecordFilter<ClinicalClaim>(limit: 10)
        var inserted = 0
        while true {
            let page = try content.claims.list(filter)
            seen += page.items.map(\.slug)
            // Someone inserts between pages.
            var extra = Fixtures.rapidRelief()
            extra.slug = "late-\(inserted)"
            try content.claims.insert(extra)
            inserted += 1
            guard let next = page.nextCursor else { break }
            filter.after = next
        }
        let originals = seen.filter { $0.hasPrefix("claim-") }
        #expect(originals.count == 25 && Set(originals).count == 25)
        #expect(Set(seen).count == seen.count)
    }

    @Test("filters: status, certainty, entity, and each kind's own")
    func filters() throws {
        let content = try Fixtures.database()
        try content.mechanisms.insert(Fixtures.blockade())
        try content.claims.insert(Fixtures.rapidRelief())
        try content.events.insert(Fixtures.battlefield())
        #expect(try content.claims.list(RecordFilter(entity: "depression")).items.map(\.slug) == ["rapid-relief"])
        #expect(try content.claims.list(RecordFilter(entity: "nmda-receptor")).items.isEmpty)
        var blockers = RecordFilter<Mechanism>(entity: "nmda-receptor")
        blockers.action = .blocker
        #expect(try content.mechanisms.list(blockers).items.count == 1)
        var agonists = RecordFilter<Mechanism>()
        agonists.action = .agonist
        #expect(try content.mechanisms.list(agonists).items.isEmpty)
        var vietnam = RecordFilter<HistoricalEvent>()
        vietnam.period = "vietnam-war"
        #expect(try content.events.list(vietnam).items.count == 1)
        var unassessed = RecordFilter<ClinicalClaim>()
        unassessed.evidenceLevel = .notAssessed
        #expect(try content.claims.list(unassessed).items.count == 1)
        unassessed.evidenceLevel = .randomizedTrial
        #expect(try content.claims.list(unassessed).items.isEmpty)
        #expect(try content.claims.list(RecordFilter(status: .published)).items.isEmpty)
        #expect(try content.mechanisms.list(RecordFilter(certainty: .established)).items.count == 1)
        #expect(throws: ContentError.notFound(what: "entity", key: "nope")) { try content.claims.list(RecordFilter(entity: "nope")) }
        #expect(throws: ContentError.self) { try content.claims.list(RecordFilter(limit: 0)) }
    }

    @Test("the audit log records inserts, updates and deletes, and survives the record")
    func history() throws {
        let content = try Fixtures.database()
        var claim = try content.claims.insert(Fixtures.rapidRelief(), citing: [Quote("within hours or days", from: Fixtures.articleSlug)])
        claim.title = "Relief in hours"
        try content.claims.update(claim)
        try content.claims.delete(slug: "rapid-relief")
        let history = try content.records.history(of: "rapid-relief")
        let records = history.filter { $0.table == "records" }
        #expect(records.map(\.operation) == [.insert, .update, .delete])
        #expect(records[1].oldValues?.contains("Relief within hours or days") == true)
        #expect(records[1].newValues?.contains("Relief in hours") == true)
        #expect(history.contains { $0.table == "citations" && $0.operation == .insert })
        #expect(history.contains { $0.table == "clinical_claims" && $0.operation == .delete })
        #expect(throws: DatabaseError.self) { try content.pool.write { try $0.execute("DELETE FROM audit_log") } }
    }
}
