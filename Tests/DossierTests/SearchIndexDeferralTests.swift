import Dossier
import DossierDB
import Foundation
import Testing

/// Migration 0008 gave every search trigger a deferred twin: the rule "while row 0 is in
/// search_index_pending, note instead of index" is written per trigger, so it is tested here
/// against the schema itself, for every trigger that writes the index.
@Suite("Deferred search indexing: every search trigger has its twin")
struct SearchIndexDeferralTests {
    static let deferring = "EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)"

    @Test("each trigger that writes search_index runs only without the row 0, and a twin notes the record instead")
    func twins() throws {
        let content = try ContentDatabase.inMemory()
        let triggers = try content.pool.read { db in
            try db.fetchAll("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") {
                (name: try $0.text(0), table: try $0.text(1), sql: try $0.text(2))
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: triggers.map { ($0.name, $0) })
        let indexing = triggers.filter { $0.sql.contains("INTO search_index(") || $0.sql.contains("FROM search_index WHERE") }
        #expect(indexing.count == 22)
        for trigger in indexing {
            #expect(trigger.sql.contains("NOT " + Self.deferring), "\(trigger.name) indexes even during a load")
            let twin = try #require(byName[trigger.name + "_deferred"], "\(trigger.name) has no deferred twin")
            #expect(twin.table == trigger.table)
            #expect(twin.sql.contains(Self.deferring) && !twin.sql.contains("NOT " + Self.deferring))
            #expect(twin.sql.contains("INSERT OR IGNORE INTO search_index_pending(record_id)"))
            // The same event: the twin's header up to WHEN matches.
            func event(_ sql: String) -> String {
                let header = sql.components(separatedBy: "\nWHEN").first ?? sql
                return header.components(separatedBy: " ").dropFirst(3).joined(separator: " ")
            }
            #expect(event(twin.sql) == event(trigger.sql), "\(trigger.name)")
        }
    }

    @Test("raw SQL during a load is noted, not indexed; without the row 0 it is indexed at once")
    func rawSQLDuringALoad() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        let (noted, indexedTitle) = try content.pool.write { db -> ([Int64], String?) in
            try db.execute("INSERT INTO search_index_pending(record_id) VALUES (0)")
            try db.execute("UPDATE records SET title = 'Deferred title', version = version + 1 WHERE id = (SELECT min(id) FROM records)")
            let noted = try db.fetchAll("SELECT record_id FROM search_index_pending WHERE record_id > 0") { try $0.int64(0) }
            let title = try db.fetchOne("SELECT title FROM search_index WHERE rowid = (SELECT min(id) FROM records)") { try $0.text(0) }
            try db.execute("DELETE FROM search_index_pending")
            // Index what was noted, as a load's end does, so the commit is consistent.
            try db.execute(
                """
                INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
                SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
                WHERE record_id = (SELECT min(id) FROM records)
                """)
            return (noted, title)
        }
        #expect(noted.count == 1)
        #expect(indexedTitle != "Deferred title")
        #expect(try content.search.find("Deferred").count == 1)
        try content.pool.write { db in
            try db.execute("UPDATE records SET title = 'Direct title', version = version + 1 WHERE id = (SELECT min(id) FROM records)")
        }
        #expect(try content.search.find("Direct").count == 1)
        #expect(try content.check().findings.filter { $0.rule == .searchIndex }.isEmpty)
    }
}
