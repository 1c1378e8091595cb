import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// The four ways a database once passed `check` and then could not be restored from its
/// export, each as found by hand with the stock shell: now `check` names the row, and the
/// other rows still list, show and export.
@Suite("A tampered database: check names the row, the rest still reads")
struct TamperedDatabaseTests {
    /// A seeded database file changed by `tampering`, opened read-only as the CLI opens it.
    static func tampered(_ tampering: Tampering, in folder: TemporaryFolder) throws -> ContentDatabase {
        let path = folder.file("tampered.sqlite")
        do {
            let content = try ContentDatabase(path: path)
            try content.seed()
        }
        #expect(try tampering.apply(to: path), "\(tampering) was applied")
        return try ContentDatabase(path: path, options: .readOnlyExisting)
    }

    /// Imports an export into a new database: the error, or nil.
    static func importError(_ export: String) -> (any Error)? {
        do {
            try ContentDatabase.inMemory().importJSON(export)
            return nil
        } catch {
            return error
        }
    }

    @Test("an outcome past 1,000 characters is refused by the schema; one stored around it is an error that names the row")
    func overlongOutcome() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let long = String(repeating: "x", count: 1_500)
        // Through the library and through raw SQL alike, it is refused now.
        let content = try ContentDatabase.inMemory()
        try content.seed()
        #expect(throws: DatabaseError.self) {
            try content.pool.write { db in try db.execute("UPDATE clinical_claims SET outcome = ?", [.text(long)]) }
        }
        var claim = try #require(try content.claims.get(slug: "lifeline-after-other-options"))
        claim.outcome = long
        let error = try #require(throws: ContentError.self) { try content.claims.update(claim) }
        #expect("\(error)".contains("outcome: must be at most 1000 characters"))
        // Stored around the rule (a trigger dropped and re-created, as before migration 6).
        let tampered = try Self.tampered(
            Tampering(
                name: "a 1,500-character outcome",
                sql: "UPDATE clinical_claims SET outcome = ?1 WHERE record_id = (SELECT min(record_id) FROM clinical_claims)",
                arguments: [.text(long)]),
            in: folder)
        let findings = try tampered.check().errors
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.table == "clinical_claims" && finding.rule == .content)
        #expect(finding.key == "potential-depression-treatment")
        #expect(finding.message.hasPrefix("outcome: must be at most 1000 characters"))
        // The export still writes it, and an import refuses it, naming the field.
        let export = try tampered.exportJSON()
        #expect(export.contains(long))
        #expect("\(try #require(Self.importError(export)))".contains("claims[2].outcome"))
    }

    @Test("rows that break CHECKs and relation rules, written with checks ignored and triggers dropped, are errors")
    func rulesBrokenBehindTheLibrary() throws {
        let cases: [(Tampering, CurationRule, String)] = [
            (
                Tampering(
                    name: "a self-loop",
                    sql:
                        "INSERT INTO relations(subject_record_id, predicate, object_record_id) SELECT id, 'led_to', id FROM records WHERE slug = 'surgical-beginnings';"
                ),
                .content, "object: must differ from the subject"
            ),
            (
                Tampering(
                    name: "a led_to cycle",
                    sql:
                        "INSERT INTO relations(subject_record_id, predicate, object_record_id) SELECT o.id, 'led_to', s.id FROM records s, records o WHERE s.slug = 'surgical-beginnings' AND o.slug = 'turn-to-mood-disorders';"
                ),
                .relationRule, "led_to relations loop back"
            ),
            (
                Tampering(
                    name: "a defect's span outside its text",
                    sql: "UPDATE source_defects SET start_offset = 99990, end_offset = 99999 WHERE exact = 'micine';"),
                .content, "defects["
            ),
        ]
        for (tampering, rule, message) in cases {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let tampered = try Self.tampered(tampering, in: folder)
            let errors = try tampered.check().errors
            #expect(errors.contains { $0.rule == rule && $0.message.contains(message) }, "\(tampering): \(errors)")
            #expect(Self.importError(try tampered.exportJSON()) != nil, "\(tampering): the export imported")
        }
    }

    @Test("an unknown certainty is an error naming the row; list, show, timeline and export go on for the others")
    func unknownVocabularyValue() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tampered = try Self.tampered(
            Tampering(name: "certainty 'certain'", sql: "UPDATE records SET certainty = 'certain' WHERE slug = 'dissociative-state';"),
            in: folder)
        let errors = try tampered.check().errors
        #expect(errors.count == 1)
        #expect(errors.first?.table == "records" && errors.first?.key == "dissociative-state")
        #expect(errors.first?.message.contains("certainty: unknown value \"certain\"") == true)
        let page = try tampered.mechanisms.list()
        #expect(page.items.count == 5 && page.unreadable.map(\.slug) == ["dissociative-state"])
        #expect(try tampered.records.detail(slug: "nmda-receptor-blockade").record.info.slug == "nmda-receptor-blockade")
        #expect(throws: ContentError.unknownValue(table: "records", column: "certainty", value: "certain")) {
            try tampered.records.detail(slug: "dissociative-state")
        }
        #expect(try tampered.events.timeline().count == 6)
        // An unreadable event leaves the timeline, not the others.
        let other = try TemporaryFolder()
        defer { other.remove() }
        let events = try Self.tampered(
            Tampering(name: "precision 'week'", sql: "UPDATE historical_events SET precision = 'week' WHERE precision = 'period';"),
            in: other)
        #expect(try events.events.timeline().count == 5)
        let export = try tampered.exportJSON()
        #expect(export.contains("\"certainty\": \"certain\""))
        #expect(Self.importError(export) != nil)
    }

    @Test("the database keeps updated_at: an update that does not set it gets the time, and one audit row")
    func updatedAtKeptByTheDatabase() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        let before = try #require(try content.events.get(slug: "surgical-beginnings")?.info.updatedAt)
        let audits = try content.pool.read { db in try db.fetchOne("SELECT count(*) FROM audit_log") { try $0.int(0) } }
        try content.pool.write { db in
            try db.execute(
                "UPDATE records SET title = 'Ketamine starts in surgery', version = version + 1 WHERE slug = 'surgical-beginnings'")
        }
        let after = try #require(try content.events.get(slug: "surgical-beginnings")?.info.updatedAt)
        #expect(after > before)
        let (count, image) = try content.pool.read { db in
            (
                try db.fetchOne("SELECT count(*) FROM audit_log") { try $0.int(0) },
                try db.fetchOne("SELECT json_extract(new_values, '$.updated_at') FROM audit_log ORDER BY id DESC LIMIT 1") {
                    try $0.text(0)
                }
            )
        }
        #expect(count == audits.map { $0 + 1 })
        // The date reads back as the very text the database wrote.
        #expect(image == DatabaseTimestamp.text(after))
        // Through the library too.
        var event = try #require(try content.events.get(slug: "surgical-beginnings"))
        event.title = "Ketamine begins in surgery"
        let stored = try content.events.update(event)
        #expect(try #require(stored.info.updatedAt) >= after)
    }
}
