import Dossier
import DossierDB
import Testing

/// The library under `dossier edit`, `add`, `review` and `diff`: one record as a seed-file
/// object, written back with optimistic versioning; reviews in their trail and the audit log;
/// versions rebuilt from the audit log.
@Suite("Authoring single records")
struct AuthoringTests {
    private func seeded() throws -> ContentDatabase {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        return content
    }

    private func count(_ content: ContentDatabase, _ sql: String) throws -> Int {
        try content.pool.read { db in try db.fetchOne(sql) { try $0.int(0) } ?? -1 }
    }

    @Test("an edited image is written, its changes listed; a stale version, a new slug or status, and a bad field change nothing")
    func replace() throws {
        let content = try seeded()
        let image = try #require(try content.recordImage(slug: "nmda-receptor-blockade"))
        #expect(image.kind == .mechanism && image.version == 1)
        var edited = image.object
        edited["certainty"] = .string("probable")
        let outcome = try content.replaceRecord(
            slug: "nmda-receptor-blockade", with: edited, expectedVersion: 1, origin: "test", dryRun: false)
        #expect(outcome.changes == [FieldChange(field: "certainty", old: .string("established"), new: .string("probable"))])
        #expect(outcome.toVersion == 2)
        let auditRows = try count(content, "SELECT count(*) FROM audit_log")

        // Based on version 1, now stale.
        edited["certainty"] = .string("possible")
        let stale = #expect(throws: ContentError.self) {
            try content.replaceRecord(slug: "nmda-receptor-blockade", with: edited, expectedVersion: 1, origin: "test", dryRun: false)
        }
        #expect(stale == .staleVersion(slug: "nmda-receptor-blockade", expected: 1, actual: 2))
        for (field, value) in [("slug", JSONValue.string("renamed")), ("status", .string("draft")), ("certainty", .string("sure"))] {
            var bad = try #require(try content.recordImage(slug: "nmda-receptor-blockade")).object
            bad[field] = value
            let error = #expect(throws: SeedError.self) {
                try content.replaceRecord(slug: "nmda-receptor-blockade", with: bad, expectedVersion: 2, origin: "test", dryRun: false)
            }
            #expect(error?.problems.map(\.path) == [field == "certainty" ? "certainty" : field == "slug" ? "slug" : "status"])
        }
        // A dry run and an unchanged image write nothing.
        edited["certainty"] = .string("possible")
        let dry = try content.replaceRecord(slug: "nmda-receptor-blockade", with: edited, expectedVersion: 2, origin: "t", dryRun: true)
        #expect(dry.changes.count == 1)
        let same = try #require(try content.recordImage(slug: "nmda-receptor-blockade")).object
        let unchanged = try content.replaceRecord(
            slug: "nmda-receptor-blockade", with: same, expectedVersion: 2, origin: "t", dryRun: false)
        #expect(unchanged.changes.isEmpty && unchanged.toVersion == 2)
        #expect(try count(content, "SELECT count(*) FROM audit_log") == auditRows)
        #expect(try content.recordImage(slug: "nmda-receptor-blockade")?.version == 2)
    }

    @Test("a new record joins its dossier with the zero checksum; an unknown dossier or a taken slug changes nothing")
    func add() throws {
        let content = try seeded()
        var object = ContentDatabase.recordTemplate(kind: .claim)
        for (field, value) in [
            ("slug", "quick-relief"), ("title", "Quick relief"), ("statement", "Relief within hours."), ("certainty", "possible"),
            ("intervention", "ketamine"), ("indication", "depression"), ("outcome", "relief"),
        ] {
            object[field] = .string(value)
        }
        #expect(throws: ContentError.self) {
            try content.addRecord(kind: .claim, from: object, dossier: "nope", origin: "t", dryRun: false)
        }
        let outcome = try content.addRecord(kind: .claim, from: object, dossier: nil, origin: "t", dryRun: false)
        #expect(outcome.dossier == "ketamine" && outcome.toVersion == 1)
        let membership = try content.pool.read { db in
            try db.fetchOne(
                "SELECT s.seed_set, s.checksum FROM record_seeds s JOIN records r ON r.id = s.record_id WHERE r.slug = 'quick-relief'"
            ) {
                [try $0.text(0), try $0.text(1)]
            }
        }
        #expect(membership == ["ketamine", String(repeating: "0", count: 64)])
        #expect(try content.claims.get(slug: "quick-relief")?.info.status == .draft)
        let records = try count(content, "SELECT count(*) FROM records")
        #expect(throws: ContentError.self) { try content.addRecord(kind: .claim, from: object, dossier: nil, origin: "t", dryRun: false) }
        #expect(try count(content, "SELECT count(*) FROM records") == records)

        // With two dossiers, one must be named.
        try content.seed(
            from: .files([
                "other.json":
                    #"{"dossier": "other", "sources": [{"slug": "other-source", "title": "Other", "kind": "other", "text": "Other text."}]}"#
            ]))
        object["slug"] = .string("second-claim")
        let ambiguous = #expect(throws: ContentError.self) {
            try content.addRecord(kind: .claim, from: object, dossier: nil, origin: "t", dryRun: false)
        }
        #expect(ambiguous?.description.contains("known: ketamine, other") == true, "\(String(describing: ambiguous))")
        #expect(try content.addRecord(kind: .claim, from: object, dossier: "other", origin: "t", dryRun: false).dossier == "other")
    }

    @Test("a review changes the status, appends to the trail and the audit log; a blank note or reviewer changes nothing")
    func review() throws {
        let content = try seeded()
        #expect(throws: ContentError.self) { try content.review(slug: "nmda-receptor-blockade", status: .draft, note: " ", by: "ada") }
        #expect(throws: ContentError.self) { try content.review(slug: "nmda-receptor-blockade", status: .draft, note: "ok", by: "") }
        #expect(throws: ContentError.self) { try content.review(slug: "no-such-record", status: .draft, note: "ok", by: "ada") }
        #expect(try count(content, "SELECT count(*) FROM reviews") == 0)
        let outcome = try content.review(slug: "nmda-receptor-blockade", status: .deprecated, note: "Superseded.", by: "ada")
        #expect(outcome.fromStatus == .published && outcome.toStatus == .deprecated && outcome.version == 2)
        let record = try #require(try content.mechanisms.get(slug: "nmda-receptor-blockade"))
        #expect(record.info.status == .deprecated && record.info.deprecationReason == "Superseded.")
        #expect(
            try count(
                content,
                "SELECT count(*) FROM audit_log WHERE table_name = 'reviews' AND record_id = \(record.info.id?.rawValue ?? 0) AND json_extract(new_values, '$.reviewer') = 'ada'"
            ) == 1)
        // Append-only.
        #expect(throws: DatabaseError.self) { try content.pool.write { db in try db.execute("UPDATE reviews SET note = 'x'") } }
        #expect(throws: DatabaseError.self) { try content.pool.write { db in try db.execute("DELETE FROM reviews") } }
        #expect(throws: DatabaseError.self) {
            try content.pool.write { db in
                try db.execute(
                    "INSERT OR REPLACE INTO reviews(id, record_id, from_status, to_status, reviewer, note) VALUES (1, 1, 'draft', 'draft', 'x', 'y')"
                )
            }
        }
        #expect(try content.check().errors.isEmpty)
        // A review written while its audit trigger was dropped is an error of check.
        try content.pool.write { db in
            try db.execute("DROP TRIGGER audit_reviews_insert")
            try db.execute(
                "INSERT INTO reviews(record_id, from_status, to_status, reviewer, note) VALUES (\(record.info.id?.rawValue ?? 0), 'deprecated', 'draft', 'mallory', 'Unseen.')"
            )
        }
        let errors = try content.check().errors
        #expect(errors.contains { $0.subject == "reviews row 2" && $0.message.contains("no audit row") }, "\(errors)")
    }

    @Test("versions rebuilt from the audit log: each version's state, and the changes between two")
    func versions() throws {
        let content = try seeded()
        var image = try #require(try content.recordImage(slug: "nmda-receptor-blockade"))
        image.object["certainty"] = .string("probable")
        _ = try content.replaceRecord(slug: "nmda-receptor-blockade", with: image.object, expectedVersion: 1, origin: "t", dryRun: false)
        _ = try content.review(slug: "nmda-receptor-blockade", status: .reviewed, note: "Checked.", by: "ada")
        let versions = RecordVersions(try content.records.history(of: "nmda-receptor-blockade"))
        #expect(versions.latest == 3 && !versions.isDeleted)
        #expect(Set(versions.states.keys) == [1, 2, 3])
        let first = try #require(versions.states[1])
        let second = try #require(versions.states[2])
        let last = try #require(versions.states[3])
        #expect(FieldDiff.changes(from: first, to: second).map(\.field) == ["certainty"])
        #expect(FieldDiff.changes(from: first, to: last).map(\.field) == ["certainty", "status"])
        // The typed fields and citations are part of each state.
        #expect(
            first["action"] != nil && first["agent_entity_id"] != nil && first["record_id"] == nil && first["version"] == nil
                && first["updated_at"] == nil)
        guard case .array(let citations)? = first["citations"] else {
            Issue.record("no citations in \(first)")
            return
        }
        #expect(!citations.isEmpty)
        try content.records.delete(slug: "nmda-receptor-blockade")
        let deleted = RecordVersions(try content.records.history(of: "nmda-receptor-blockade"))
        #expect(deleted.isDeleted && deleted.latest == 3)
        #expect(deleted.states[3]?["status"] == .string("reviewed"))
    }
}
