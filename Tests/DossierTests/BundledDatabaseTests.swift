import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// `bundle(to:)` and `ContentDatabase(bundled:)`: a database made to ship, opened where nothing
/// may be written.
@Suite("Bundled databases")
struct BundledDatabaseTests {
    /// A writable copy of the seeded ketamine dossier in `folder`, opened.
    static func seeded(in folder: TemporaryFolder) throws -> ContentDatabase {
        let path = folder.file("source.sqlite")
        try FileManager.default.copyItem(atPath: try SeededTemplate.path.get(), toPath: path)
        return try ContentDatabase(path: path)
    }

    static func sha256(_ path: String) throws -> String {
        SHA256.hexDigest(of: Array(try #require(FileManager.default.contents(atPath: path))))
    }

    static func latestVersion() throws -> Int {
        try #require(try ContentSchema.migrations().last?.version)
    }

    @Test("bundle(to:) writes a compact DELETE-journal file stamped with Dossier's application_id and the schema version")
    func bundleFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try Self.seeded(in: folder)
        try FileManager.default.createDirectory(atPath: folder.file("dist"), withIntermediateDirectories: false)
        let out = folder.file("dist/dossier.sqlite")
        let report = try content.bundle(to: out)

        #expect(report.path == out)
        #expect(report.schemaVersion == (try Self.latestVersion()))
        let bytes = try #require(FileManager.default.contents(atPath: out))
        #expect(report.byteCount == Int64(bytes.count))
        #expect(report.sha256 == (try Self.sha256(out)) && report.sha256.count == 64)
        // Header bytes 18 and 19 are 1 for a rollback journal, 2 for WAL.
        #expect(Array(bytes[18...19]) == [1, 1])
        #expect(ReadOnlyFolder.listing(folder.file("dist")) == ["dossier.sqlite"])

        var readOnly = Configuration()
        readOnly.accessMode = .readOnly
        do {
            let db = try DatabaseConnection(path: out, configuration: readOnly)
            #expect(try db.fetchOne("PRAGMA journal_mode") { try $0.text(0) } == "delete")
            #expect(try db.fetchOne("PRAGMA application_id") { try $0.int(0) } == Int(ContentDatabase.applicationID))
            #expect(ContentDatabase.applicationID == 0x444F_5353)
            #expect(try db.fetchOne("PRAGMA user_version") { try $0.int(0) } == report.schemaVersion)
            #expect(try db.fetchOne("PRAGMA freelist_count") { try $0.int(0) } == 0)
            #expect(try db.integrityCheck().isEmpty)
            #expect(try db.foreignKeyCheck().isEmpty)
        }
        #expect(ReadOnlyFolder.listing(folder.file("dist")) == ["dossier.sqlite"])
        #expect(FileManager.default.contents(atPath: out) == bytes)

        // An existing file is refused and left as it was, whatever it holds.
        #expect(throws: ContentError.destinationExists(path: out)) { try content.bundle(to: out) }
        #expect(FileManager.default.contents(atPath: out) == bytes)
        let notes = folder.file("dist/notes.txt")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: notes))
        let refusal = try #require(throws: ContentError.self) { try content.bundle(to: notes) }
        #expect(refusal.description.contains("already exists") && refusal.description.contains("never overwritten"))
        #expect(FileManager.default.contents(atPath: notes) == Data("keep me".utf8))
        #expect(ReadOnlyFolder.listing(folder.file("dist")) == ["dossier.sqlite", "notes.txt"])
    }

    /// The first mechanism that works here, and a read-only file system (a bind mount) when root may mount.
    static let mechanisms: [[ReadOnlyFolder.Mechanism]] = [[.permissions, .immutableAttribute, .readOnlyBindMount], [.readOnlyBindMount]]

    @Test(
        "a bundle in a read-only folder opens with ContentDatabase(bundled:), reads everything, refuses every write, and writes nothing",
        arguments: mechanisms)
    func readOnlyFolder(trying order: [ReadOnlyFolder.Mechanism]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try Self.seeded(in: folder)
        let shipped = folder.file("app")
        try FileManager.default.createDirectory(atPath: shipped, withIntermediateDirectories: false)
        _ = try source.bundle(to: shipped + "/dossier.sqlite")

        let readOnly = ReadOnlyFolder(shipped, trying: order)
        defer { readOnly.restore() }
        print("BundledDatabaseTests: trying \(order.map(\.rawValue)), the folder was made read-only with \(readOnly.mechanism.rawValue)")
        let path = readOnly.file("dossier.sqlite")
        let listing = ReadOnlyFolder.listing(readOnly.path)
        let hash = try Self.sha256(path)
        #expect(listing == ["dossier.sqlite"])

        let bundled = try ContentDatabase(bundled: path)
        #expect(bundled.migrationReport.currentVersion == (try Self.latestVersion()))
        // Reads: the same content as the source, through every kind of read.
        #expect(try bundled.records.counts() == source.records.counts())
        #expect(try bundled.events.all().count == source.events.all().count)
        #expect(try bundled.mechanisms.all().count == source.mechanisms.all().count)
        #expect(try bundled.claims.all().count == source.claims.all().count)
        #expect(try bundled.sources.all().map(\.slug) == source.sources.all().map(\.slug))
        #expect(try bundled.entities.list().map(\.slug) == source.entities.list().map(\.slug))
        let hits = try bundled.search.find("NMDA receptor")
        let sourceHits = try source.search.find("NMDA receptor")
        #expect(!hits.isEmpty && hits.map(\.slug) == sourceHits.map(\.slug))
        let timeline = try bundled.events.timeline()
        let sourceTimeline = try source.events.timeline()
        #expect(!timeline.isEmpty && timeline.map(\.info.slug) == sourceTimeline.map(\.info.slug))
        let slug = try #require(timeline.first?.info.slug)
        #expect(try bundled.records.detail(slug: slug).citations.count == (try source.records.detail(slug: slug).citations.count))
        #expect(try bundled.exportJSON() == source.exportJSON())
        #expect(try bundled.check().isClean)
        #expect(try bundled.statistics().schemaVersion == (try Self.latestVersion()))

        // Writes: every path refused with the clear error, before anything is written.
        let refusal = ContentError.readOnlyDatabase(path: path)
        #expect(refusal.description.contains("read-only") && refusal.description.contains("copy the file"))
        var claim = try #require(try bundled.claims.all().first)
        claim.info.title = "Changed"
        #expect(throws: refusal) { try bundled.claims.update(claim) }
        #expect(throws: refusal) { try bundled.records.delete(slug: slug) }
        #expect(throws: refusal) { try bundled.entities.insert(Entity(slug: "new-entity", kind: .substance, name: "New")) }
        #expect(throws: refusal) { try bundled.entities.delete(slug: "ketamine") }
        #expect(throws: refusal) { try bundled.seed() }
        #expect(throws: refusal) { try bundled.seed(dryRun: true) }
        #expect(throws: refusal) { try bundled.importJSON(try source.exportJSON()) }
        #expect(throws: refusal) { try bundled.pool.write { db in try db.execute("DELETE FROM records") } }
        // Past the library's hooks, SQLite itself refuses: the connection is read-only.
        let raw = try #require(throws: DatabaseError.self) {
            try bundled.pool.writeWithoutTransaction { db in try db.execute("DELETE FROM audit_log") }
        }
        #expect(raw.isReadOnlyViolation)
        #expect(try bundled.records.counts() == source.records.counts())

        // A bundle can be bundled again, elsewhere: reading is all it takes.
        let again = try bundled.bundle(to: folder.file("again.sqlite"))
        #expect(try ContentDatabase(bundled: again.path).records.counts() == source.records.counts())

        // Nothing was written: the same files, the same bytes, no -wal, -shm or -journal.
        #expect(ReadOnlyFolder.listing(readOnly.path) == listing)
        #expect(ReadOnlyFolder.listing(shipped) == listing)
        #expect(try Self.sha256(path) == hash)
        for suffix in ["-wal", "-shm", "-journal"] {
            #expect(!FileManager.default.fileExists(atPath: path + suffix))
        }
    }

    @Test("a bundled open refuses pending migrations, unknown migrations, a missing file and a -wal holding changes")
    func refusals() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let latest = try Self.latestVersion()

        let behind = folder.file("behind.sqlite")
        // The version before the latest: numbers may skip one (a number reserved for a branch).
        let previous = try #require(try ContentSchema.migrations().dropLast().last?.version)
        try ContentSchema.migrate(databaseAt: behind, upTo: previous)
        let pending = try #require(throws: ContentError.self) { try ContentDatabase(bundled: behind) }
        guard case .schemaNotCurrent(let status) = pending else {
            Issue.record("expected schemaNotCurrent, got \(pending)")
            return
        }
        #expect(status.pending.map(\.version) == [latest])

        let source = try Self.seeded(in: folder)
        let newer = folder.file("newer.sqlite")
        _ = try source.bundle(to: newer)
        try DossierDBAccess.execute(
            newer,
            "INSERT INTO dossier_migrations(version, name, checksum, checksum_algorithm, applied_at) VALUES (9999, 'future', '\(String(repeating: "a", count: 64))', 'x', 'now')"
        )
        let unknown = try #require(throws: MigrationError.self) { try ContentDatabase(bundled: newer) }
        guard case .unknownMigrations(let versions, _) = unknown else {
            Issue.record("expected unknownMigrations, got \(unknown)")
            return
        }
        #expect(versions == [9999])

        let missing = folder.file("missing.sqlite")
        #expect(throws: ContentError.databaseMissing(path: missing)) { try ContentDatabase(bundled: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))

        let live = folder.file("live.sqlite")
        _ = try source.bundle(to: live)
        try Data(repeating: 1, count: 64).write(to: URL(fileURLWithPath: live + "-wal"))
        let unseen = try #require(throws: DatabaseError.self) { try ContentDatabase(bundled: live) }
        #expect(unseen.message.contains("-wal holds 64 bytes"))
    }

    @Test("backup(to:journalMode: .delete) writes a copy that opens read-only without creating a -wal")
    func backupJournalMode() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try Self.seeded(in: folder)
        try FileManager.default.createDirectory(atPath: folder.file("copies"), withIntermediateDirectories: false)
        let copy = folder.file("copies/delete.sqlite")
        try content.backup(to: copy, journalMode: .delete)
        #expect(Array(try #require(FileManager.default.contents(atPath: copy))[18...19]) == [1, 1])
        let opened = try ContentDatabase(path: copy, options: .readOnlyExisting)
        #expect(try opened.records.counts() == content.records.counts())
        #expect(ReadOnlyFolder.listing(folder.file("copies")) == ["delete.sqlite"])
        // The default keeps the source's WAL mode.
        try content.backup(to: folder.file("copies/wal.sqlite"))
        #expect(Array(try #require(FileManager.default.contents(atPath: folder.file("copies/wal.sqlite")))[18...19]) == [2, 2])
    }
}
