import Dossier
import DossierTestSupport
import Foundation
import Testing

/// Timestamps are dates in the models, the database's own text in storage, exports and output.
@Suite("Record, source and audit timestamps as dates")
struct RecordTimestampTests {
    @Test("stored records, sources and audit entries carry dates that are the database's text")
    func datesOfStoredContent() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        let event = try #require(try content.events.get(slug: "surgical-beginnings"))
        let source = try #require(try content.sources.all().first)
        let history = try content.records.history(of: "surgical-beginnings")
        let texts = try content.pool.read { db in
            try db.fetchOne("SELECT created_at, updated_at FROM records WHERE slug = 'surgical-beginnings'") {
                (try $0.text(0), try $0.text(1))
            }
        }
        let (created, updated) = try #require(texts)
        #expect(event.info.createdAt.map(DatabaseTimestamp.text) == created)
        #expect(event.info.updatedAt.map(DatabaseTimestamp.text) == updated)
        #expect(try #require(source.createdAt).timeIntervalSinceNow.magnitude < 600)
        #expect(!history.isEmpty && history.allSatisfy { $0.at.timeIntervalSinceNow.magnitude < 600 })
        let auditTimes = try content.pool.read { db in
            try db.fetchAll(
                "SELECT at FROM audit_log WHERE id IN (\(history.map { String($0.id) }.joined(separator: ","))) ORDER BY id"
            ) { try $0.text(0) }
        }
        #expect(history.map { DatabaseTimestamp.text($0.at) } == auditTimes)
    }

    @Test("a stored timestamp that is not one makes its record unreadable, with a message naming the column; the export is unchanged")
    func notATimestamp() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("tampered.sqlite")
        let before: String
        do {
            let content = try ContentDatabase(path: path)
            try content.seed()
            before = try content.exportJSON()
        }
        #expect(
            try Tampering(name: "updated_at", sql: "UPDATE records SET updated_at = 'yesterday' WHERE slug = 'surgical-beginnings';")
                .apply(to: path))
        let content = try ContentDatabase(path: path, options: .readOnlyExisting)
        let message = "records.updated_at holds \"yesterday\", which is not a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ"
        let page = try content.events.list()
        #expect(page.unreadable.map(\.slug) == ["surgical-beginnings"])
        #expect(page.unreadable.first?.reason.hasPrefix(message) == true)
        #expect(!page.items.isEmpty && !page.items.contains { $0.slug == "surgical-beginnings" })
        do {
            _ = try content.events.get(slug: "surgical-beginnings")
            Issue.record("a record with a broken timestamp was read")
        } catch let error as DatabaseError {
            #expect(error.isMismatch && error.message.hasPrefix(message), "\(error)")
        }
        // Exports carry no timestamps: byte for byte what they were.
        #expect(try content.exportJSON() == before)
    }
}

extension DatabaseError {
    fileprivate var isMismatch: Bool { resultCode == .mismatch }
}
