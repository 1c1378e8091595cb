import Dossier
import DossierDB
import Foundation
import Testing

/// The schema defends itself: raw SQL, without the library's checks, cannot break an invariant.
@Suite("The schema defends its invariants against raw SQL")
struct SchemaDefenceTests {
    private func database() throws -> (ContentDatabase, Int64) {
        let content = try Fixtures.database()
        let claim = try content.claims.insert(Fixtures.rapidRelief(), citing: [Quote("within hours or days", from: Fixtures.articleSlug)])
        return (content, try #require(claim.info.id).rawValue)
    }

    private func rejects(_ content: ContentDatabase, _ sql: String, _ arguments: StatementArguments = []) {
        #expect(throws: DatabaseError.self, "\(sql)") {
            try content.pool.write { db in try db.execute(sql, arguments) }
        }
    }

    @Test("a citation off by one code point is rejected")
    func citationAnchor() throws {
        let (content, id) = try database()
        let citation = try #require(try content.records.citations(of: "rapid-relief").first)
        let insert = """
            INSERT INTO citations(record_id, source_id, source_sha256, exact, start_offset, end_offset)
            VALUES (?, 1, ?, ?, ?, ?)
            """
        rejects(
            content, insert,
            [
                .integer(id), .text(citation.sourceSHA256), .text(citation.exact), .integer(Int64(citation.start + 1)),
                .integer(Int64(citation.end + 1)),
            ])
        rejects(
            content, insert,
            [
                .integer(id), .text(String(repeating: "0", count: 64)), .text(citation.exact), .integer(Int64(citation.start)),
                .integer(Int64(citation.end)),
            ])
        rejects(content, "UPDATE citations SET start_offset = start_offset - 1, end_offset = end_offset - 1")
        rejects(content, "UPDATE citations SET exact = upper(exact)")
        rejects(content, "UPDATE citations SET prefix = 'x'")
    }

    @Test("source texts never change")
    func immutableText() throws {
        let (content, _) = try database()
        rejects(content, "UPDATE sources SET text = text || ' more'")
        rejects(content, "UPDATE sources SET text_sha256 = ?", [.text(String(repeating: "a", count: 64))])
        // Metadata may change.
        try content.pool.write { db in try db.execute("UPDATE sources SET title = 'Renamed'") }
    }

    @Test("a source that records cite cannot be deleted")
    func citedSource() throws {
        let (content, _) = try database()
        rejects(content, "DELETE FROM sources")
        #expect(throws: ContentError.self) { try content.sources.delete(slug: Fixtures.articleSlug) }
    }

    @Test("subtype rows must match their record's kind; kind and version rules hold")
    func kinds() throws {
        let (content, id) = try database()
        rejects(content, "INSERT INTO historical_events(record_id, precision) VALUES (?, 'unknown')", [.integer(id)])
        rejects(content, "UPDATE records SET kind = 'event'")
        rejects(content, "UPDATE records SET title = 'Skipped a version'")
        rejects(content, "UPDATE records SET version = version + 2")
        rejects(content, "UPDATE records SET status = 'deprecated', version = version + 1")
    }

    @Test(
        "closed vocabularies are CHECK lists",
        arguments: [
            "UPDATE records SET certainty = 'certain', version = version + 1",
            "UPDATE records SET status = 'archived', version = version + 1",
            "UPDATE clinical_claims SET evidence_level = 'low'",
            "UPDATE clinical_claims SET onset_lower_unit = 'days', onset_upper_unit = 'hours'",
            "INSERT INTO entities(slug, kind, name) VALUES ('x', 'gadget', 'X')",
            "INSERT INTO entity_identifiers(entity_id, scheme, value) VALUES (1, 'mesh', 'not-an-id')",
            "INSERT INTO entity_identifiers(entity_id, scheme, value) VALUES (1, 'drugbank', 'DB1221')",
            "INSERT INTO entities(slug, kind, name) VALUES ('Bad Slug', 'substance', 'X')",
            "INSERT INTO entities(slug, kind, name, period_start) VALUES ('p', 'substance', 'X', '1955-11-01')",
            "INSERT INTO source_defects(source_id, kind, start_offset, end_offset, exact) VALUES (1, 'corrupted_word', 0, 8, 'Ketamine')",
            "INSERT INTO source_defects(source_id, kind, start_offset, end_offset, exact) VALUES (1, 'injected_text', 0, 8, 'Ketamin_')",
            "DELETE FROM audit_log",
            "UPDATE audit_log SET operation = 'insert'",
            "DELETE FROM dossier_migrations",
        ])
    func vocabularies(sql: String) throws {
        let (content, _) = try database()
        rejects(content, sql)
    }

    /// Every prose column, and what else an UPDATE of it must set to pass the other rules.
    static let proseColumns: [(table: String, column: String, alsoSet: String)] = [
        ("sources", "title", ""), ("sources", "publisher", ""), ("sources", "author", ""),
        ("source_defects", "intended", ""), ("source_defects", "note", ""),
        ("entities", "name", ""), ("entities", "description", ""), ("entity_aliases", "alias", ""),
        ("records", "title", ", version = version + 1"), ("records", "statement", ", version = version + 1"),
        ("records", "deprecation_reason", ", status = 'deprecated', version = version + 1"),
        ("historical_events", "date_text", ""), ("historical_events", "place", ""), ("mechanisms", "effect", ""),
        ("clinical_claims", "population", ""), ("clinical_claims", "outcome", ""), ("clinical_claims", "onset_text", ""),
        ("clinical_claims", "comparator_text", ""), ("clinical_claims", "comparator_onset_text", ""),
        ("citations", "note", ""), ("citations", "hedge_review", ""), ("relations", "note", ""),
    ]

    @Test("no prose column takes a control character through raw SQL; tab, line feed and any other character pass")
    func proseControlCharacters() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        let refused = [
            "\u{0}", "a\u{0}b", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{E}", "\u{1B}[31m", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
        ]
        let accepted = ["clean prose", "a\tb", "two\nlines", "’ é ñ 🧪 \u{A0}nbsp", "x\u{A0}y"]
        for (table, column, alsoSet) in Self.proseColumns {
            // One row of the table (entity_aliases has no rowid: its key is entity and alias).
            let key = table == "entity_aliases" ? "alias" : "rowid"
            let sql = "UPDATE \(table) SET \(column) = ?\(alsoSet) WHERE \(key) = (SELECT min(\(key)) FROM \(table))"
            for text in accepted {
                // The control: the same statement with clean text must pass, or a refusal proves nothing.
                #expect(throws: Never.self, "\(table).\(column) = \(text.debugDescription)") {
                    try content.pool.write { db in
                        try db.execute(sql, [.text(text)])
                        try db.execute(
                            "UPDATE records SET status = 'published', deprecation_reason = NULL, version = version + 1 WHERE status = 'deprecated'"
                        )
                    }
                }
            }
            for text in refused {
                rejects(content, sql, [.text(text)])
            }
        }
        rejects(content, "INSERT INTO entities(slug, kind, name) VALUES ('x', 'substance', ?)", [.text("X\u{0}")])
        rejects(content, "INSERT INTO entity_aliases(entity_id, alias) VALUES (1, ?)", [.text("\u{7}bell")])
    }

    @Test("an unknown enum value in the database is a clear error, not a crash")
    func unknownEnumValue() throws {
        let directory = NSTemporaryDirectory() + "dossier-enum-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/db.sqlite"
        do {
            let content = try ContentDatabase(path: path)
            try Fixtures.seed(content)
            try content.mechanisms.insert(Fixtures.blockade())
        }
        // A newer build's vocabulary, written with the CHECK lifted: rebuild the table by hand.
        let raw = try DatabaseConnection(path: path)
        try raw.execute("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON")
        try raw.execute(
            """
            BEGIN;
            CREATE TABLE mechanisms_new AS SELECT * FROM mechanisms;
            UPDATE mechanisms_new SET action = 'sequesters';
            DROP TABLE mechanisms;
            ALTER TABLE mechanisms_new RENAME TO mechanisms;
            COMMIT;
            """)
        let content = try ContentDatabase(path: path, options: .readOnlyExisting)
        let error = try #require(throws: ContentError.self) { try content.mechanisms.all() }
        #expect(error == .unknownValue(table: "mechanisms", column: "action", value: "sequesters"))
    }
}
