import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// Damaged and unwritable files: every command fails with one clear line and a documented exit
/// code, nothing crashes, and nothing is partly written.
@Suite("Damaged files", .tags(.slow))
struct DamagedFileTests {
    /// Commands that only read, and commands that write.
    static let readingCommands = [["check"], ["stats"], ["list", "claims"], ["migrate", "verify"], ["search", "ketamine"]]
    static let writingCommands = [["migrate", "up"], ["seed"], ["import", "missing-file.json"]]

    /// Runs `arguments` on `name` and checks the failure is clean and left the file as it was.
    static func expectCleanFailure(_ workspace: Workspace, _ name: String, _ arguments: [String], allowed: ClosedRange<Int32> = 1...8)
        throws
    {
        let before = workspace.contents(name)
        let result = try workspace.dossier(arguments: arguments + ["--database", name], timeout: 60)
        #expect(
            allowed.contains(result.status) && result.status != 0,
            "\(arguments) on \(name): exit \(result.status)\n\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("dossier: ") || result.status == 4, "\(arguments) on \(name): \(result.stderr)")
        for crash in ["Fatal error", "Stack dump", "Illegal instruction"] {
            #expect(!result.stderr.contains(crash), "\(arguments) on \(name): \(result.stderr)")
        }
        #expect(workspace.contents(name) == before, "\(arguments) changed \(name)")
    }

    @Test("a truncated database: every command fails cleanly, and the file is not touched", arguments: [100, 4_096, 50, 90])
    func truncated(keep: Int) throws {
        let workspace = try Workspace.seeded()
        let path = workspace.file("dossier.sqlite")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        // Under 100 bytes or a page: that many bytes; otherwise a percentage of the file.
        let length = keep > 100 || keep == 100 ? min(keep, size) : size * keep / 100
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(length))
        try handle.close()
        for arguments in Self.readingCommands + Self.writingCommands {
            try Self.expectCleanFailure(workspace, "dossier.sqlite", arguments)
        }
        #expect(throws: (any Error).self) { _ = try ContentDatabase(path: path).check() }
    }

    @Test("random bytes, a text file and an empty file are refused as databases, untouched")
    func notADatabase() throws {
        let workspace = try Workspace()
        var random = SeededRandom(seed: 16)
        try Data((0..<4_096).map { _ in UInt8(truncatingIfNeeded: random.next()) }).write(
            to: URL(fileURLWithPath: workspace.file("random.sqlite")))
        try Data((0..<100).map { _ in UInt8(truncatingIfNeeded: random.next()) }).write(
            to: URL(fileURLWithPath: workspace.file("short.sqlite")))
        try Data("{\"dossier\": \"not a database\"}\n".utf8).write(to: URL(fileURLWithPath: workspace.file("text.sqlite")))
        for name in ["random.sqlite", "short.sqlite", "text.sqlite"] {
            for arguments in Self.readingCommands + Self.writingCommands {
                try Self.expectCleanFailure(workspace, name, arguments)
            }
        }
        // An empty file is an empty database to SQLite: reading commands say it is not set up.
        _ = FileManager.default.createFile(atPath: workspace.file("empty.sqlite"), contents: Data())
        for arguments in Self.readingCommands {
            try Self.expectCleanFailure(workspace, "empty.sqlite", arguments)
        }
    }

    @Test("a schema edited by hand: a dropped or rewritten trigger is drift; a table of one's own is only noted")
    func handEditedSchema() throws {
        let workspace = try Workspace.seeded()
        let path = workspace.file("dossier.sqlite")
        try DossierDBAccess.execute(path, "CREATE TABLE my_notes(id INTEGER PRIMARY KEY, body TEXT) STRICT")
        let noted = try workspace.dossier("migrate", "verify")
        #expect(noted.status == 0 && noted.stdout.contains("table my_notes was not created by a migration"), "\(noted.stdout)")

        try DossierDBAccess.execute(path, "DROP TRIGGER citations_anchor_insert")
        let dropped = try workspace.dossier("migrate", "verify")
        #expect(
            dropped.status == 5 && dropped.stdout.contains("trigger citations_anchor_insert") && dropped.stdout.contains("missing"),
            "\(dropped.stdout)")
        let check = try workspace.dossier("check", "--problems-only", "--format", "csv")
        #expect(check.status == 4 && check.stdout.contains("schema_drift"), "\(check.stdout)")

        // Put back a trigger of the same name that checks nothing.
        try DossierDBAccess.execute(path, "CREATE TRIGGER citations_anchor_insert AFTER INSERT ON citations BEGIN SELECT 1; END")
        let rewritten = try workspace.dossier("migrate", "verify")
        #expect(rewritten.status == 5 && rewritten.stdout.contains("differs"), "\(rewritten.stdout)")
    }

    @Test("a schema whose stored SQL was damaged in the file: a clear error, not a crash")
    func damagedSchemaText() throws {
        let workspace = try Workspace.seeded()
        let path = workspace.file("dossier.sqlite")
        var bytes = [UInt8](Files.bytes(path))
        // Break the text of one trigger in sqlite_schema, keeping its length.
        let needle = Array("CREATE TRIGGER records_version_increases".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) })
        bytes.replaceSubrange(at..<(at + 6), with: Array("CRE@TE".utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        for arguments in Self.readingCommands + Self.writingCommands {
            try Self.expectCleanFailure(workspace, "dossier.sqlite", arguments)
        }
        let error = try #require(throws: (any Error).self) { _ = try ContentDatabase(path: path) }
        #expect("\(error)".contains("malformed") || "\(error)".contains("schema"), "\(error)")
    }

    @Test(
        "a read-only database file: writes are refused with the reason, reads work, nothing changes",
        .enabled(if: ReadOnlyFiles.isSupported, "this machine cannot make a file read-only for the user running the tests"))
    func readOnlyFile() throws {
        let workspace = try Workspace.seeded()
        let path = workspace.file("dossier.sqlite")
        ReadOnlyFiles.protect(path)
        defer { ReadOnlyFiles.undo(path) }
        _ = try BulkContent.writeExport(to: workspace.file("bulk.json"), claims: 20, workspace: workspace)
        // A seed that edits a title, and an import of new records, must write: both are refused.
        let edited = workspace.file("edited")
        try FileManager.default.createDirectory(atPath: edited + "/sources", withIntermediateDirectories: true)
        let shipped = try String(contentsOfFile: HostileTextTests.repositorySeeds + "/ketamine.json", encoding: .utf8)
        let title = "\"title\": \"Ketamine begins in surgery\""
        #expect(shipped.contains(title))
        try shipped.replacingOccurrences(of: title, with: "\"title\": \"Ketamine starts in surgery\"")
            .write(toFile: edited + "/ketamine.json", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: HostileTextTests.repositorySeeds + "/sources/ketamine-journey.txt", toPath: edited + "/sources/ketamine-journey.txt")
        for arguments in [["seed", "edited"], ["import", "bulk.json"]] {
            try Self.expectCleanFailure(workspace, "dossier.sqlite", arguments)
        }
        // What has nothing to do writes nothing, so it succeeds: migrate up on a current
        // database, a seed (upsert or sync) of what is already there.
        let before = workspace.contents("dossier.sqlite")
        for arguments in [["migrate", "up"], ["seed"], ["seed", "--mode", "sync"]] {
            let result = try workspace.dossier(arguments: arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(try workspace.dossier("seed").stderr.contains("changed 0 item(s)"))
        #expect(workspace.contents("dossier.sqlite") == before)
        let list = try workspace.dossier("list", "claims")
        #expect(list.status == 0 || list.stderr.hasPrefix("dossier: "), "\(list.stderr)")
    }

    @Test(
        "a read-only folder: no log, no backup can be written there; clear errors, the database unchanged",
        .enabled(if: ReadOnlyFiles.isSupported, "this machine cannot make a folder read-only for the user running the tests"))
    func readOnlyFolder() throws {
        let workspace = try Workspace()
        let folder = workspace.file("locked")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/v3.sqlite"
        try CrashSafetyTests.makeVersion3Database(at: path, records: 50)
        let before = Files.bytes(path)
        ReadOnlyFiles.protect(folder)
        defer { ReadOnlyFiles.undo(folder) }
        // The backup before migrating cannot be written: the migration does not start.
        let migrate = try workspace.dossier("migrate", "up", "--database", path)
        #expect((1...8).contains(migrate.status) && migrate.stderr.hasPrefix("dossier: "), "\(migrate.stderr)")
        let seed = try workspace.dossier("setup", "--database", folder + "/new.sqlite")
        #expect((1...8).contains(seed.status) && seed.stderr.hasPrefix("dossier: "), "\(seed.stderr)")
        #expect(Files.bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: folder + "/new.sqlite"))
    }

    @Test("a full disk (max_page_count): the write fails with SQLITE_FULL, nothing is half written, and it succeeds once there is room")
    func fullDisk() throws {
        let workspace = try Workspace()
        let export = workspace.file("bulk.json")
        _ = try BulkContent.writeExport(to: export, claims: 300, workspace: workspace)
        let bulk = try String(contentsOfFile: export, encoding: .utf8)
        let content = try ContentDatabase(path: workspace.file("full.sqlite"))
        try content.seed()
        let before = try content.exportJSON()
        let pages = try content.pool.write { db in try db.fetchOne("PRAGMA page_count") { try $0.int(0) } ?? 0 }
        try content.pool.write { db in try db.execute("PRAGMA max_page_count = \(pages + 3)") }

        let error = try #require(throws: (any Error).self) { try content.importJSON(bulk) }
        #expect("\(error)".contains("full"), "\(error)")
        #expect(try content.exportJSON() == before)
        // Not one more page: a batch that needs room is refused, whole.
        try content.pool.write { db in
            let now = try db.fetchOne("PRAGMA page_count") { try $0.int(0) } ?? 0
            try db.execute("PRAGMA max_page_count = \(now)")
        }
        #expect(throws: (any Error).self) { try content.claims.insert(contentsOf: (0..<100).map(BulkContent.claim)) }
        #expect(try content.claims.get(slug: "bulk-claim-0") == nil)
        #expect(try content.exportJSON() == before)
        #expect(try content.check().problems.isEmpty)

        try content.pool.write { db in try db.execute("PRAGMA max_page_count = 1073741823") }
        try content.importJSON(bulk)
        #expect(try content.claims.get(slug: "bulk-claim-299") != nil)
        #expect(try content.check().problems.isEmpty)
    }
}
