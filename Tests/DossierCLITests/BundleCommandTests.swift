import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// `dossier bundle OUT`: a ready-to-ship copy, and what it prints.
@Suite("dossier bundle")
struct BundleCommandTests {
    @Test("bundle prints the path, size and SHA-256 of a stamped DELETE-journal copy, and refuses an existing OUT with exit 2")
    func bundle() throws {
        let workspace = try Workspace.seeded()
        let table = try workspace.dossier("bundle", "ship.sqlite")
        #expect(table.status == 0, "\(table.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: workspace.file("ship.sqlite")))
        let sha256 = SHA256.hexDigest(of: Array(bytes))
        #expect(table.stdout.contains("ship.sqlite") && table.stdout.contains("\(bytes.count)") && table.stdout.contains(sha256))
        #expect(Array(bytes[18...19]) == [1, 1])
        #expect(!FileManager.default.fileExists(atPath: workspace.file("ship.sqlite-wal")))

        let json = try workspace.dossier("bundle", "ship2.sqlite", "--format", "json")
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first)
        let latest = try #require(try ContentSchema.migrations().last?.version)
        #expect(row["path"] as? String == "ship2.sqlite")
        #expect(row["size_bytes"] as? Int == bytes.count)
        #expect(row["sha256"] as? String == sha256)  // the same content bundles to the same bytes
        #expect(row["schema_version"] as? Int == latest)

        // The bundle opens as a bundle, and as an ordinary read-only database for the CLI.
        let bundled = try ContentDatabase(bundled: workspace.file("ship.sqlite"))
        #expect(try bundled.pool.read { db in try db.fetchOne("PRAGMA user_version") { try $0.int(0) } } == latest)
        let stats = try workspace.dossier("stats", "--database", "ship.sqlite", "--format", "csv")
        #expect(stats.status == 0 && stats.stdout.contains("schema,version,\(latest)"), "\(stats.stderr)")

        let again = try workspace.dossier("bundle", "ship.sqlite")
        #expect(again.status == 2, "\(again.stderr)")
        #expect(
            again.stderr.hasPrefix("dossier: ") && again.stderr.contains("already exists") && again.stderr.split(separator: "\n").count == 1
        )
        #expect(again.stdout.isEmpty)
        #expect(FileManager.default.contents(atPath: workspace.file("ship.sqlite")) == bytes)

        let noFolder = try workspace.dossier("bundle", "missing/ship.sqlite")
        #expect(noFolder.status == 8 && noFolder.stderr.contains("its folder missing does not exist"), "\(noFolder.stderr)")
        #expect(!ReadOnlyFolder.listing(workspace.path).contains { $0.contains(".partial-") })
    }

    @Test("a bundle in a read-only folder is read by the CLI's read-only commands without writing anything")
    func readOnlyFolder() throws {
        let workspace = try Workspace.seeded()
        try FileManager.default.createDirectory(atPath: workspace.file("app"), withIntermediateDirectories: false)
        #expect(try workspace.dossier("bundle", "app/dossier.sqlite").status == 0)
        let readOnly = ReadOnlyFolder(workspace.file("app"))
        defer { readOnly.restore() }
        print("BundleCommandTests: read-only folder made with \(readOnly.mechanism.rawValue)")
        let path = readOnly.file("dossier.sqlite")
        let before = FileManager.default.contents(atPath: path)
        for arguments in [["stats"], ["list", "claims"], ["search", "NMDA"], ["timeline"], ["check"]] {
            let result = try workspace.dossier(arguments: arguments + ["--database", path])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        #expect(ReadOnlyFolder.listing(readOnly.path) == ["dossier.sqlite"])
        #expect(FileManager.default.contents(atPath: path) == before)
    }
}
