import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// SIGKILL in the middle of a write, many times over: after every kill the file is sound and
/// its content is entirely from before or entirely from after the interrupted transaction.
@Suite("Crash safety: writes killed with SIGKILL", .serialized, .tags(.slow))
struct CrashSafetyTests {
    /// How many kills each test must land while the process is running.
    static let requiredKills = 24

    @Test("a bulk import killed at 20 moments or more leaves the database either empty or complete")
    func killedImport() throws {
        let workspace = try Workspace()
        let export = workspace.file("bulk.json")
        let expectedRecords = try BulkContent.writeExport(to: export, claims: 600, workspace: workspace)
        let empty = workspace.file("empty.sqlite")
        try #require(try workspace.dossier("migrate", "up", "--database", empty).status == 0)

        // One uninterrupted import: how long it takes, and what its export looks like.
        let complete = workspace.file("complete.sqlite")
        try Files.copyDatabase(empty, to: complete)
        let (duration, result) = try Interruption.timedRun(["import", export, "--database", complete], in: workspace.path)
        try #require(result.status == 0, "the uninterrupted import failed: \(result.stderr)")
        let completeExport = try ContentDatabase(path: complete).exportJSON()

        var before = 0
        var after = 0
        let (attempts, kills) = try Interruption.killRepeatedly(
            kills: Self.requiredKills, over: duration, in: workspace.path,
            arguments: { ["import", export, "--database", try Self.freshCopy(of: empty, named: "killed-\($0).sqlite", in: workspace)] }
        ) { index, delay, _ in
            let path = workspace.file("killed-\(index).sqlite")
            let state = try DatabaseState.inspect(path)
            #expect(state.isSound, "kill \(index) at \(delay) s: \(state.summary)")
            #expect(try state.appliedVersions == DatabaseState.currentVersions(), "kill \(index): \(state.summary)")
            if state.recordCount == 0 {
                before += 1
                // An interrupted import can simply be run again (tried once: it takes a while).
                if before == 1 {
                    #expect(try workspace.dossier("import", export, "--database", path).status == 0)
                }
            } else {
                after += 1
                #expect(state.recordCount == expectedRecords, "kill \(index) left \(state.recordCount) of \(expectedRecords) records")
                #expect(
                    try ContentDatabase(path: path).exportJSON() == completeExport, "kill \(index): content differs from a complete import")
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        #expect(kills >= Self.requiredKills, "only \(kills) kills landed during the import")
        #expect(before + after == attempts)
        print(
            "crash safety: import killed \(kills) times in \(attempts) runs of \(String(format: "%.2f", duration)) s; \(before) before, \(after) after, none in between"
        )
    }

    @Test("setup (migrate and seed a new file) killed at 20 moments or more: never half a schema, never half a dossier")
    func killedSetup() throws {
        let workspace = try Workspace()
        let reference = workspace.file("reference.sqlite")
        let (duration, result) = try Interruption.timedRun(["setup", "--database", reference], in: workspace.path)
        try #require(result.status == 0, "setup failed: \(result.stderr)")
        let referenceExport = try ContentDatabase(path: reference).exportJSON()
        let referenceRecords = try DatabaseState.inspect(reference).recordCount

        let (attempts, kills) = try Interruption.killRepeatedly(
            kills: Self.requiredKills, over: duration, in: workspace.path,
            arguments: { ["setup", "--database", workspace.file("setup-\($0).sqlite")] }
        ) { index, delay, _ in
            let path = workspace.file("setup-\(index).sqlite")
            if FileManager.default.fileExists(atPath: path) {
                let state = try DatabaseState.inspect(path)
                #expect(state.isSound, "kill \(index) at \(delay) s: \(state.summary)")
                // Migrations are applied in order, each whole.
                #expect(
                    state.appliedVersions == Array(1...max(1, state.appliedVersions.count)) || state.appliedVersions.isEmpty,
                    "kill \(index): \(state.summary)")
                #expect(state.recordCount == 0 || state.recordCount == referenceRecords, "kill \(index): \(state.summary)")
            }
            // Whatever the kill left, running setup again finishes the job.
            let again = try workspace.dossier("setup", "--database", path)
            #expect(again.status == 0, "setup after kill \(index): \(again.stderr)")
            #expect(try ContentDatabase(path: path).exportJSON() == referenceExport, "kill \(index): the finished dossier differs")
        }
        #expect(kills >= Self.requiredKills, "only \(kills) kills landed during setup")
        print("crash safety: setup killed \(kills) times in \(attempts) runs of \(String(format: "%.2f", duration)) s")
    }

    @Test("a migration of a populated database killed at 20 moments or more: the old version or the new, and a sound backup")
    func killedMigration() throws {
        let workspace = try Workspace()
        let base = workspace.file("v3.sqlite")
        let records = 4_000
        try Self.makeVersion3Database(at: base, records: records)

        let timing = workspace.file("timing.sqlite")
        try Files.copyDatabase(base, to: timing)
        let (duration, result) = try Interruption.timedRun(["migrate", "up", "--database", timing], in: workspace.path)
        try #require(result.status == 0, "migrate up failed: \(result.stderr)")

        let latest = try DatabaseState.currentVersions()
        var old = 0
        var between = 0
        var new = 0
        let (attempts, kills) = try Interruption.killRepeatedly(
            kills: Self.requiredKills, over: duration, in: workspace.path,
            arguments: { index in
                let folder = workspace.file("run-\(index)")
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Files.copyDatabase(base, to: folder + "/db.sqlite")
                return ["migrate", "up", "--database", folder + "/db.sqlite"]
            }
        ) { index, delay, _ in
            let folder = workspace.file("run-\(index)")
            let path = folder + "/db.sqlite"
            let state = try DatabaseState.inspect(path)
            #expect(state.isSound, "kill \(index) at \(delay) s: \(state.summary)")
            #expect(state.recordCount == records, "kill \(index): \(state.summary)")
            // Each migration commits alone: a kill leaves the ledger at version 3, at the latest,
            // or at a version between, never with a gap.
            let applied = state.appliedVersions
            if applied == [1, 2, 3] {
                old += 1
            } else if applied == latest {
                new += 1
            } else if latest.starts(with: applied) && applied.count > 3 {
                between += 1
            } else {
                Issue.record("kill \(index): ledger \(applied)")
            }
            // A backup under its final name is always whole; an interrupted copy only ever sits
            // under a ".partial-<pid>" name.
            for name in Files.names(in: folder) where name.hasSuffix(".bak") {
                let backup = try DatabaseState.inspect(folder + "/" + name)
                #expect(
                    backup.isSound && backup.appliedVersions == [1, 2, 3] && backup.recordCount == records,
                    "kill \(index): backup \(name): \(backup.summary)")
            }
            let again = try workspace.dossier("migrate", "up", "--database", path)
            #expect(again.status == 0, "migrate up after kill \(index): \(again.stderr)")
            #expect(try workspace.dossier("migrate", "verify", "--database", path).status == 0)
            try? FileManager.default.removeItem(atPath: folder)
        }
        #expect(kills >= Self.requiredKills, "only \(kills) kills landed during the migration")
        print(
            "crash safety: migration killed \(kills) times in \(attempts) runs of \(String(format: "%.2f", duration)) s; \(old) at version 3, \(between) between, \(new) at version \(latest.last ?? 0)"
        )
    }

    @Test(
        "kills injected at chosen points (rows of an import, its commit, each commit of setup, the pre-migration backup) all land inside the write, which leaves no trace"
    )
    func injectedKills() throws {
        let workspace = try Workspace()
        let export = workspace.file("bulk.json")
        // Enough claims for more than 2,000 changed rows: the bulk path, which indexes each
        // record once, changes fewer rows per claim than per-statement indexing did.
        _ = try BulkContent.writeExport(to: export, claims: 400, workspace: workspace)
        let empty = workspace.file("empty.sqlite")
        try #require(try workspace.dossier("migrate", "up", "--database", empty).status == 0)
        func killed(_ result: DossierProcess.Result) -> Bool { result.wasSignalled && result.status == SIGKILL }

        // Rows of one import transaction, and its commit: the database stays empty and sound.
        var landed = 0
        let importFaults = [1, 2, 10, 100, 500, 1_000, 2_000].map { "row:\($0)" } + ["commit:1"]
        for (index, fault) in importFaults.enumerated() {
            let path = try Self.freshCopy(of: empty, named: "import-\(index).sqlite", in: workspace)
            let result = try workspace.dossier(arguments: ["import", export, "--database", path], environment: ["DOSSIER_FAULT": fault])
            #expect(killed(result), "\(fault): exit \(result.status) \(result.stderr)")
            if killed(result) { landed += 1 }
            let state = try DatabaseState.inspect(path)
            #expect(state.isSound && state.recordCount == 0, "\(fault): \(state.summary)")
            #expect(try workspace.dossier("check", "--problems-only", "--database", path).status == 0)
        }
        // A point past the last row never fires: the counts are of this import's rows.
        let whole = try Self.freshCopy(of: empty, named: "import-whole.sqlite", in: workspace)
        let complete = try workspace.dossier(
            arguments: ["import", export, "--database", whole], environment: ["DOSSIER_FAULT": "row:100000000"])
        #expect(complete.status == 0 && !complete.wasSignalled, "\(complete.stderr)")

        // Each commit of setup: the migrations before it applied whole, nothing of the rest.
        var setupLanded = 0
        let migrations = try DatabaseState.currentVersions().count
        for commit in 1...(migrations + 1) {
            let path = workspace.file("setup-\(commit).sqlite")
            let result = try workspace.dossier(
                arguments: ["setup", "--database", path], environment: ["DOSSIER_FAULT": "commit:\(commit)"])
            #expect(killed(result), "commit \(commit): exit \(result.status) \(result.stderr)")
            if killed(result) { setupLanded += 1 }
            let state = try DatabaseState.inspect(path)
            #expect(state.isSound && state.recordCount == 0, "commit \(commit): \(state.summary)")
            #expect(state.appliedVersions == Array(1..<min(commit, migrations + 1)), "commit \(commit): \(state.summary)")
        }

        // The copy taken before migrating: the database stays at its version, no backup sits
        // under the final name, and the next run removes the partial copy and migrates.
        var backupLanded = 0
        for thousands in [1, 3, 10] {
            let path = workspace.file("backup-\(thousands).sqlite")
            try Self.makeVersion3Database(at: path, records: 300)
            let result = try workspace.dossier(
                arguments: ["migrate", "up", "--database", path], environment: ["DOSSIER_FAULT": "backup:\(thousands)"])
            #expect(killed(result), "backup:\(thousands): exit \(result.status) \(result.stderr)")
            if killed(result) { backupLanded += 1 }
            #expect(try DatabaseState.inspect(path).appliedVersions == [1, 2, 3])
            let names = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter {
                $0.hasPrefix("backup-\(thousands).sqlite.")
            }
            #expect(names.allSatisfy { $0.contains(".partial-") } && !names.isEmpty, "\(names)")
            #expect(try workspace.dossier("migrate", "up", "--database", path).status == 0)
            let after = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter {
                $0.hasPrefix("backup-\(thousands).sqlite.")
            }
            #expect(after.count == 1 && after.allSatisfy { $0.hasSuffix(".bak") }, "\(after)")
        }
        #expect(landed == importFaults.count && setupLanded == migrations + 1 && backupLanded == 3)
        print(
            "crash safety, injected: \(landed) of \(importFaults.count) import kills, \(setupLanded) of \(migrations + 1) setup commit kills, \(backupLanded) of 3 backup kills landed inside the write; every database was left in its old state"
        )
    }

    /// A copy of `source` under `name` in the workspace; returns its path.
    static func freshCopy(of source: String, named name: String, in workspace: Workspace) throws -> String {
        let path = workspace.file(name)
        try Files.copyDatabase(source, to: path)
        return path
    }

    /// A database at schema version 3 holding `records` claims, written with raw SQL through
    /// the schema's own triggers.
    static func makeVersion3Database(at path: String, records: Int) throws {
        let db = try DatabaseConnection(path: path, configuration: ContentDatabase.configuration)
        try ContentSchema.migrator().migrate(db, upTo: 3, backup: .none)
        try db.transaction(.immediate) {
            try db.execute(
                """
                INSERT INTO entities(slug, kind, name) VALUES ('ketamine', 'substance', 'Ketamine');
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(records))
                INSERT INTO records(slug, kind, title, statement, certainty, status)
                SELECT 'claim-' || i, 'claim', 'Claim ' || i, 'Statement of claim ' || i || '.', 'possible', 'draft' FROM n;
                INSERT INTO clinical_claims(record_id, intervention_entity_id, outcome, evidence_level)
                SELECT id, (SELECT id FROM entities WHERE slug = 'ketamine'), 'outcome ' || id, 'not_assessed' FROM records;
                """)
        }
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
