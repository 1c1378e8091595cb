import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// What every write transaction of a content database does besides its own work: refuse a
/// drifted schema, seal the audit rows it wrote.
@Suite("Write guard: schema drift refused, audit rows sealed")
struct WriteGuardTests {
    /// A seeded database file and its path.
    static func seeded(in folder: TemporaryFolder) throws -> (ContentDatabase, String) {
        let path = folder.file("guarded.sqlite")
        let content = try ContentDatabase(path: path)
        try content.seed()
        return (content, path)
    }

    static func auditFindings(_ content: ContentDatabase) throws -> [CurationFinding] {
        try content.check().findings.filter { $0.rule == .auditTrail }
    }

    @Test("the library's writes are sealed; rows raw SQL adds stay unsealed until the next library write seals them")
    func sealing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, path) = try Self.seeded(in: folder)
        #expect(try Self.auditFindings(content).isEmpty)
        let sealed = try content.pool.read { db in
            try db.fetchOne("SELECT (SELECT max(last_audit_id) FROM audit_seals) = (SELECT max(id) FROM audit_log)") { try $0.bool(0) }
        }
        #expect(sealed == true)

        try DossierDBAccess.execute(path, "UPDATE entities SET description = 'Edited by hand.' WHERE slug = 'ketamine'")
        let unsealed = try Self.auditFindings(content)
        #expect(unsealed.count == 1 && unsealed[0].severity == .notice && unsealed[0].message.hasPrefix("1 audit row"), "\(unsealed)")

        var claim = try #require(try content.claims.get(slug: "lifeline-after-other-options"))
        claim.info.title = "A lifeline after other options"
        _ = try content.claims.update(claim)
        #expect(try Self.auditFindings(content).isEmpty)
    }

    @Test("a sealed audit row deleted or rewritten behind the library is an error naming the range")
    func brokenChain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, path) = try Self.seeded(in: folder)
        try DossierDBAccess.execute(
            path, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET at = '2000-01-01T00:00:00.000Z' WHERE id = 7")
        let findings = try Self.auditFindings(content)
        #expect(findings.contains { $0.severity == .error && $0.subject.hasPrefix("audit_log rows 1–") }, "\(findings)")
    }

    @Test("a write to a drifted schema is refused before it runs, through the repositories and pool.write alike")
    func driftRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, path) = try Self.seeded(in: folder)
        try DossierDBAccess.execute(path, "DROP TRIGGER audit_records_update")
        var claim = try #require(try content.claims.get(slug: "lifeline-after-other-options"))
        claim.info.title = "Changed without an audit row"
        let error = try #require(throws: MigrationError.self) { try content.claims.update(claim) }
        #expect("\(error)".contains("audit_records_update") && "\(error)".contains("migrate repair"))
        #expect(throws: MigrationError.self) {
            try content.pool.write { db in try db.execute("CREATE TABLE notes(body TEXT)") }
        }
        #expect(try content.claims.get(slug: "lifeline-after-other-options")?.info.title != "Changed without an audit row")

        try ContentSchema.repair(databaseAt: path, backup: .none)
        _ = try content.claims.update(claim)
        #expect(try content.claims.get(slug: "lifeline-after-other-options")?.info.title == "Changed without an audit row")
    }

    @Test("a program's own tables and indexes do not count as drift")
    func ownTablesAllowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, _) = try Self.seeded(in: folder)
        try content.pool.write { db in
            try db.execute(
                "CREATE TABLE bookmarks(slug TEXT PRIMARY KEY, note TEXT) STRICT; CREATE INDEX bookmarks_note ON bookmarks(note)")
        }
        try content.pool.write { db in try db.execute("INSERT INTO bookmarks VALUES ('ketamine', 'read later')") }
        #expect(try content.check().errors.isEmpty)
    }
}
