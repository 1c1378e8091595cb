import Dossier
import Testing

// This target depends on `Dossier` alone and is compiled with the upcoming feature
// `MemberImportVisibility`, as an app may be: what `import Dossier` gives must be enough to use
// the database layer beneath it (DatabasePool, DatabaseConnection, Row, Migration, DatabaseError).

@Suite("import Dossier alone")
struct ImportDossierAloneTests {
    @Test("a program that imports only Dossier reaches the pool, its connections, rows and migrations")
    func dossierAloneIsEnough() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        let records = try content.pool.read { db in
            try db.fetchOne("SELECT count(*) FROM records") { row in try row.int(0) }
        }
        #expect(records == 16)
        // Stored times are `Date`s; their text is DossierDB's. (Members of `Date` itself, like
        // `timeIntervalSince1970`, need `import Foundation` under MemberImportVisibility, as in
        // any program.)
        let created = try content.events.get(slug: "surgical-beginnings")?.info.createdAt
        #expect(created.map(DatabaseTimestamp.text)?.hasSuffix("Z") == true)
        let migrations: [Migration] = try ContentSchema.migrations()
        #expect(migrations.first?.version == 1)
        #expect(
            try content.pool.read { db in try db.fetchOne("SELECT ?", [.integer(Int64(migrations.count))]) { try $0.int(0) } }
                == migrations.count)
        do {
            try content.pool.write { db in try db.execute("INSERT INTO no_such_table VALUES (1)") }
            Issue.record("a write to a missing table succeeded")
        } catch let error as DatabaseError {
            #expect(error.message.contains("no_such_table"))
        }
    }
}
