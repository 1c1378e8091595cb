import DossierDB
import Foundation
import Testing

@testable import Dossier

/// Bibliographic references without text, cited by claims as evidence: their identifiers'
/// rules, seeding, sync, export and import.
@Suite("Bibliographic references and claim evidence")
struct ReferenceTests {
    /// A dossier with one source, one claim and the given references and claim evidence.
    static func dossier(references: String, evidence: String, level: String = "not_assessed") -> [String: String] {
        [
            "refs.json": """
            {"dossier": "refs",
             "sources": [{"slug": "article", "title": "Article", "kind": "web_article", "text": "Ketamine relieved depression within hours."}],
             "references": [\(references)],
             "entities": [{"slug": "ketamine", "kind": "substance", "name": "Ketamine"}],
             "claims": [{"slug": "fast-relief", "title": "Fast relief", "statement": "Ketamine relieves depression fast.",
                         "certainty": "probable", "intervention": "ketamine", "outcome": "relief", "evidence_level": "\(level)",
                         "quotes": [{"exact": "relieved depression within hours"}], "evidence": [\(evidence)]}]}
            """
        ]
    }

    static let trial = """
        {"slug": "zarate-2006", "title": "A randomized trial of an NMDA antagonist in treatment-resistant major depression",
         "kind": "trial", "doi": "10.1001/archpsyc.63.8.856", "pmid": "16894061", "authors": "Zarate CA Jr, et al.",
         "published_on": "2006-08"}
        """

    // MARK: - Identifiers

    @Test(
        "good identifiers pass the library's rules",
        arguments: [
            (ColumnRule.doi, "10.1001/archpsyc.63.8.856"), (.doi, "10.1000.10/x(1)"), (.pmid, "16894061"), (.pmid, "1"),
            (.isbn, "0306406152"), (.isbn, "080442957X"), (.isbn, "9780306406157"),
        ])
    func goodIdentifiers(rule: ColumnRule, value: String) {
        #expect(ColumnDeclaration("x", .text, rule).issues(.text(value)).isEmpty)
    }

    @Test(
        "bad identifiers are refused, each with a reason that says the expected shape",
        arguments: [
            (ColumnRule.doi, "https://doi.org/10.1001/archpsyc.63.8.856", "without the https://doi.org/ prefix"),
            (.doi, "archpsyc.63.8.856", "must be a DOI"), (.doi, "10.100/x", "must be a DOI"), (.doi, "10.1001/", "must be a DOI"),
            (.doi, "10.1001/a b", "must be a DOI"), (.pmid, "PMID16894061", "1 to 9 digits"), (.pmid, "1689a061", "1 to 9 digits"),
            (.pmid, "1234567890", "1 to 9 digits"), (.pmid, "0123", "the first not 0"),
            (.isbn, "0306406153", "wrong ISBN-10 check digit"), (.isbn, "9780306406158", "wrong ISBN-13 check digit"),
            (.isbn, "978-0-306-40615-7", "without hyphens"), (.isbn, "9770306406157", "starting 978 or 979"),
            (.isbn, "030640615x", "a digit or X"),
        ])
    func badIdentifiers(rule: ColumnRule, value: String, reason: String) {
        let issues = ColumnDeclaration("x", .text, rule).issues(.text(value))
        #expect(issues.count == 1)
        #expect(issues.first?.rule.contains(reason) == true, "\(issues)")
    }

    @Test("raw SQL refuses a reference without any identifier, and evidence on a record that is not a claim")
    func schemaRefuses() throws {
        let content = try ContentDatabase.inMemory()
        _ = try content.seed(from: .files(Self.dossier(references: Self.trial, evidence: "\"zarate-2006\"")))
        try content.pool.write { db in
            #expect(throws: DatabaseError.self) {
                try db.execute("UPDATE bibliographic_references SET doi = NULL, pmid = NULL")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute("INSERT INTO bibliographic_references(slug, title, kind) VALUES ('bare', 'Bare', 'book')")
            }
            // The check digit is the library's alone: SQL takes a well-shaped ISBN with a wrong one.
            try db.execute("UPDATE bibliographic_references SET isbn = '9780306406158'")
            #expect(throws: DatabaseError.self) {
                try db.execute("INSERT INTO claim_evidence(record_id, reference_id) SELECT id, 1 FROM sources")
            }
        }
        let report = try content.check()
        #expect(report.errors.contains { "\($0)".contains("isbn") && "\($0)".contains("check digit") }, "\(report.errors)")
    }

    // MARK: - Seeding

    @Test("a claim's evidence seeds, a second run writes nothing, sync deletes a dropped reference")
    func seedsAndSyncs() throws {
        let content = try ContentDatabase.inMemory()
        let files = Self.dossier(
            references: Self.trial + #", {"slug": "spare", "title": "Spare", "kind": "book", "isbn": "9780306406157"}"#,
            evidence: #"{"reference": "zarate-2006", "note": "Response within 110 minutes."}"#)
        let first = try content.seed(from: .files(files))
        #expect(first.changes.contains { $0.kind == "reference" && $0.key == "spare" && $0.action == .inserted })
        let again = try content.seed(from: .files(files))
        #expect(again.insertedCount + again.updatedCount + again.deletedCount == 0, "\(again.changes)")
        let rows = try content.pool.read { db in
            try db.fetchAll(
                "SELECT b.slug, ev.note, b.seed_set FROM claim_evidence ev JOIN bibliographic_references b ON b.id = ev.reference_id"
            ) { [try $0.text(0), try $0.text(1), try $0.text(2)] }
        }
        #expect(rows == [["zarate-2006", "Response within 110 minutes.", "refs"]])
        // Dropping the spare reference and the claim's evidence: sync deletes the one and updates the other.
        let dropped = try content.seed(from: .files(Self.dossier(references: Self.trial, evidence: "")), mode: .sync)
        #expect(dropped.changes.contains { $0.kind == "reference" && $0.key == "spare" && $0.action == .deleted })
        #expect(dropped.changes.contains { $0.kind == "claim" && $0.key == "fast-relief" && $0.action == .updated })
        #expect(try content.pool.read { db in try db.fetchOne("SELECT count(*) FROM claim_evidence") { try $0.int(0) } } == 0)
        #expect(try content.seed(from: .files(Self.dossier(references: Self.trial, evidence: ""))).changes.isEmpty)
    }

    @Test("sync keeps a dropped reference that a claim still cites, and says which")
    func syncKeepsCitedReference() throws {
        let content = try ContentDatabase.inMemory()
        _ = try content.seed(from: .files(Self.dossier(references: Self.trial, evidence: "\"zarate-2006\"")))
        var files = Self.dossier(references: "", evidence: "")
        files["other.json"] = """
            {"dossier": "other", "claims": [{"slug": "other-claim", "title": "Other", "statement": "Another claim.",
             "certainty": "possible", "intervention": "ketamine", "outcome": "relief", "evidence": ["zarate-2006"]}]}
            """
        // The other dossier cites refs' reference; refs drops it.
        _ = try content.seed(from: .files(["other.json": files["other.json"] ?? ""]))
        let error = try #require(throws: SeedError.self) {
            try content.seed(from: .files(["refs.json": files["refs.json"] ?? ""]), mode: .sync)
        }
        #expect(error.problems.contains { $0.reason.contains("reference zarate-2006") && $0.reason.contains("other-claim") }, "\(error)")
    }

    @Test(
        "bad references and evidence are errors naming the file and the path",
        arguments: [
            (#"{"slug": "r", "title": "R", "kind": "trial"}"#, "", "references[0].doi", "at least one of doi, pmid, isbn and url"),
            (#"{"slug": "r", "title": "R", "kind": "trial", "doi": "https://doi.org/10.1/x"}"#, "", "references[0].doi", "must be a DOI"),
            (#"{"slug": "r", "title": "R", "kind": "trial", "pmid": "PMID1"}"#, "", "references[0].pmid", "1 to 9 digits"),
            (#"{"slug": "r", "title": "R", "kind": "book", "isbn": "9780306406158"}"#, "", "references[0].isbn", "check digit"),
            (
                #"{"slug": "r", "title": "R", "kind": "trial", "url": "https://x", "volume": "3"}"#, "", "references[0].volume",
                "not a known field"
            ),
            (Self.trial, "\"no-such-reference\"", "claims[0].evidence[0]", "names no reference"),
            (Self.trial, "\"Zarate 2006\"", "claims[0].evidence[0]", "lowercase letters"),
            (Self.trial, "42", "claims[0].evidence[0]", "must be a reference's slug, or an object"),
            (Self.trial, #"{"reference": "zarate-2006", "pages": "1"}"#, "claims[0].evidence[0].pages", "not a known field"),
            (Self.trial, #""zarate-2006", "zarate-2006""#, "claims[0].evidence[1]", "also defined at claims[0].evidence[0]"),
        ])
    func badInput(references: String, evidence: String, path: String, reason: String) throws {
        let content = try ContentDatabase.inMemory()
        let error = try #require(throws: SeedError.self) {
            try content.seed(from: .files(Self.dossier(references: references, evidence: evidence)))
        }
        #expect(
            error.problems.contains { $0.file == "refs.json" && $0.path == path && $0.reason.contains(reason) },
            "\(error.problems)")
        #expect(try content.pool.read { db in try db.fetchOne("SELECT count(*) FROM bibliographic_references") { try $0.int(0) } } == 0)
    }

    // MARK: - Evidence levels

    /// The evidence-level findings of `check` after seeding the claim at `level` with `references` and `evidence`.
    static func evidenceFindings(references: String, evidence: String, level: String) throws -> [CurationFinding] {
        let content = try ContentDatabase.inMemory()
        _ = try content.seed(from: .files(Self.dossier(references: references, evidence: evidence, level: level)))
        return try content.check().findings.filter { $0.rule == .evidenceLevel }
    }

    @Test("a claim whose evidence cites a study reference has its evidence level justified; a web article quoted is not enough")
    func studyReferenceJustifiesLevel() throws {
        // The claim quotes a web article only: without evidence, a randomized_trial level is a warning.
        let without = try Self.evidenceFindings(references: Self.trial, evidence: "", level: "randomized_trial")
        #expect(without.count == 1 && without.first?.subject == "claim fast-relief")
        #expect(without.first?.message.contains("add a study reference") == true)
        let with = try Self.evidenceFindings(references: Self.trial, evidence: "\"zarate-2006\"", level: "randomized_trial")
        #expect(with.isEmpty, "\(with)")
    }

    @Test("a reference of a kind that is no study does not justify an evidence level")
    func nonStudyReference() throws {
        let book = #"{"slug": "handbook", "title": "Handbook", "kind": "book", "isbn": "9780306406157"}"#
        let findings = try Self.evidenceFindings(references: book, evidence: "\"handbook\"", level: "observational")
        #expect(findings.count == 1, "\(findings)")
        // Not assessed needs nothing.
        #expect(try Self.evidenceFindings(references: book, evidence: "\"handbook\"", level: "not_assessed").isEmpty)
    }

    // MARK: - Export and import

    @Test("export, import and export again give the same bytes, as a JSON document and as NDJSON")
    func roundTrip() throws {
        let content = try ContentDatabase.inMemory()
        _ = try content.seed(
            from: .files(
                Self.dossier(
                    references: Self.trial, evidence: #"{"reference": "zarate-2006", "note": "Response within hours."}"#,
                    level: "randomized_trial")))
        let export = try content.exportJSON()
        #expect(export.contains("\"references\": [") && export.contains("\"evidence\": ["))
        #expect(export.contains("\"pmid\": \"16894061\""))
        let copy = try ContentDatabase.inMemory()
        _ = try copy.importJSON(export)
        #expect(try copy.exportJSON() == export)
        var lines = ""
        try content.exportNDJSON { lines += $0 }
        #expect(lines.contains("\"type\":\"reference\"") || lines.contains("\"type\": \"reference\""), "\(lines.prefix(400))")
        let fromLines = try ContentDatabase.inMemory()
        _ = try fromLines.importJSON(lines, name: "export.ndjson")
        #expect(try fromLines.exportJSON() == export)
    }
}
