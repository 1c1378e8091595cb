import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// Nothing curated is lost by accident: migrations back up first and the backup restores as the
/// README says; import and sync delete nothing they were not asked to; a cited source cannot
/// be deleted.
@Suite("Data safety", .tags(.slow))
struct DataSafetyTests {
    @Test("migrate backs up a populated database first, and the README's restore steps bring it back")
    func backupAndRestore() throws {
        let workspace = try Workspace()
        let path = workspace.file("dossier.sqlite")
        try CrashSafetyTests.makeVersion3Database(at: path, records: 200)
        let migrated = try workspace.dossier("migrate", "up", "--database", path)
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let backups = Files.names(in: workspace.path).filter { $0.hasPrefix("dossier.sqlite.pre-v4-") && $0.hasSuffix(".bak") }
        try #require(backups.count == 1, "\(Files.names(in: workspace.path))")
        #expect(migrated.stdout.contains(backups[0]) || migrated.stderr.contains(backups[0]), "the backup is not named: \(migrated.stdout)")
        #expect(!Files.names(in: workspace.path).contains { $0.contains(".partial-") })

        // README: stop every program, delete the -wal and -shm files, copy the .bak over the database.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: workspace.file(backups[0]), toPath: path)
        let restored = try DatabaseState.inspect(path)
        #expect(restored.isSound && restored.appliedVersions == [1, 2, 3] && restored.recordCount == 200, "\(restored.summary)")
        #expect(try workspace.dossier("migrate", "up", "--database", path).status == 0)
        #expect(try workspace.dossier("migrate", "verify", "--database", path).status == 0)
    }

    @Test("import adds what is missing and deletes nothing it was not given")
    func importKeepsOtherContent() throws {
        let workspace = try Workspace.seeded()
        let path = workspace.file("dossier.sqlite")
        let content = try ContentDatabase(path: path)
        try content.entities.insert(Entity(slug: "esketamine", kind: .substance, name: "Esketamine"))
        try content.claims.insert(BulkContent.claim(1))
        // An export of the shipped dossier alone, without the two additions.
        let reference = try Workspace.seeded()
        try #require(try reference.dossier("export", "--output", "shipped.json").status == 0)
        let result = try workspace.dossier("import", reference.file("shipped.json"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try content.entities.get(slug: "esketamine") != nil)
        #expect(try content.claims.get(slug: "bulk-claim-1") != nil)
        #expect(try content.check().problems.isEmpty)
    }

    @Test("seed --mode sync deletes only seed-owned records the files dropped: never hand-made ones, never another dossier's")
    func syncDeletesOnlyWhatItOwns() throws {
        let workspace = try Workspace.seeded()
        let path = workspace.file("dossier.sqlite")
        // Another dossier, seeded from its own folder, and a record made by hand.
        let other = workspace.file("other-seeds")
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try Data(
            #"{"dossier": "other", "description": "Another dossier.", "entities": [{"slug": "esketamine", "kind": "substance", "name": "Esketamine"}]}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: other + "/other.json"))
        let seededOther = try workspace.dossier("seed", other)
        #expect(seededOther.status == 0, "\(seededOther.stderr)")
        let content = try ContentDatabase(path: path)
        try content.claims.insert(BulkContent.claim(2))

        // The shipped dossier without one claim (and the relations that name it).
        let trimmed = workspace.file("trimmed-seeds")
        try FileManager.default.createDirectory(atPath: trimmed + "/sources", withIntermediateDirectories: true)
        let shipped = try #require(
            try JSONSerialization.jsonObject(with: Files.bytes(HostileTextTests.repositorySeeds + "/ketamine.json")) as? [String: Any])
        var dossier = shipped
        let dropped = "lifeline-after-other-options"
        dossier["claims"] = (shipped["claims"] as? [[String: Any]])?.filter { $0["slug"] as? String != dropped }
        dossier["relations"] = (shipped["relations"] as? [[String: Any]])?.filter {
            $0["subject"] as? String != dropped && $0["object"] as? String != dropped
        }
        try JSONSerialization.data(withJSONObject: dossier, options: [.prettyPrinted]).write(
            to: URL(fileURLWithPath: trimmed + "/ketamine.json"))
        try FileManager.default.copyItem(
            atPath: HostileTextTests.repositorySeeds + "/sources/ketamine-journey.txt", toPath: trimmed + "/sources/ketamine-journey.txt")

        let recordsBefore = try content.records.counts().values.reduce(0, +)
        let sync = try workspace.dossier("seed", trimmed, "--mode", "sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try content.claims.get(slug: dropped) == nil, "the dropped claim is still there")
        #expect(try content.records.counts().values.reduce(0, +) == recordsBefore - 1)
        #expect(try content.claims.get(slug: "bulk-claim-2") != nil, "sync deleted a hand-made record")
        #expect(try content.entities.get(slug: "esketamine") != nil, "sync deleted another dossier's entity")
        #expect(try content.check().problems.isEmpty)
    }

    @Test("a source that records cite cannot be deleted, through the library or raw SQL")
    func citedSourceIsKept() throws {
        let workspace = try Workspace.seeded()
        let content = try ContentDatabase(path: workspace.file("dossier.sqlite"))
        let before = try content.exportJSON()
        let error = try #require(throws: (any Error).self) { try content.sources.delete(slug: "ketamine-journey") }
        #expect("\(error)".contains("ketamine-journey"), "\(error)")
        #expect(throws: DatabaseError.self) {
            try content.pool.write { db in try db.execute("DELETE FROM sources WHERE slug = 'ketamine-journey'") }
        }
        #expect(try content.exportJSON() == before)
    }
}
