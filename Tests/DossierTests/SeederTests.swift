import Dossier
import DossierDB
import Foundation
import Testing

@Suite("Seeding: idempotent, validated, and all-or-nothing")
struct SeederTests {
    static let seedsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Seeds").path

    /// The repository's seed files, as text, to derive broken variants from.
    static func seedFiles() throws -> [String: String] {
        [
            "ketamine.json": try String(contentsOfFile: seedsFolder + "/ketamine.json", encoding: .utf8),
            "sources/ketamine-journey.txt": try String(contentsOfFile: seedsFolder + "/sources/ketamine-journey.txt", encoding: .utf8),
        ]
    }

    /// A seeded database in a temporary file.
    final class SeededFile {
        let directory: String
        let path: String
        let content: ContentDatabase

        init() throws {
            directory = NSTemporaryDirectory() + "dossier-seeder-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            path = directory + "/dossier.sqlite"
            content = try ContentDatabase(path: path)
            try content.seed()
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// The database file's bytes after a checkpoint, so every committed write is in them.
        func bytes() throws -> Data {
            try content.pool.checkpoint()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
    }

    @Test("the embedded seeds are the repository's Seeds/ folder")
    func embeddedMatchesFolder() throws {
        let folderReport = try ContentDatabase.inMemory().seed(from: try .folder(Self.seedsFolder))
        let embeddedReport = try ContentDatabase.inMemory().seed()
        #expect(folderReport.changes == embeddedReport.changes)
    }

    @Test("a second run changes nothing, writes no audit row, and says so")
    func idempotent() throws {
        let database = try SeededFile()
        let audit = try database.content.statistics().rowCounts.first { $0.table == "audit_log" }?.rows
        let before = try database.bytes()
        let report = try database.content.seed()
        #expect(report.changeCount == 0 && report.unchangedCount > 0)
        #expect(try database.content.statistics().rowCounts.first { $0.table == "audit_log" }?.rows == audit)
        #expect(try database.bytes() == before)
    }

    @Test("a dry run reports the changes and writes nothing")
    func dryRun() throws {
        let content = try ContentDatabase.inMemory()
        let report = try content.seed(dryRun: true)
        #expect(report.isDryRun && report.changeCount > 0)
        #expect(try content.records.counts().values.reduce(0, +) == 0)
    }

    /// Each broken variant of the seeds, the problem path it must report, and why.
    static let brokenVariants: [(name: String, edit: @Sendable ([String: String]) -> [String: String], expected: String)] = [
        (
            "malformed JSON", { files in files.merging(["ketamine.json": String(files["ketamine.json"]!.dropLast(5))]) { $1 } },
            "ketamine.json: is not valid JSON"
        ),
        (
            "unknown field",
            { files in replace(files, "\"place\": null", "\"plaice\": null", orInsertAfter: "\"slug\": \"surgical-beginnings\",") },
            "events[0].plaice"
        ),
        (
            "unknown enum value", { files in replace(files, "\"certainty\": \"probable\"", "\"certainty\": \"likely\"") },
            "unknown value \"likely\""
        ),
        (
            "missing entity", { files in replace(files, "\"agent\": \"ketamine\"", "\"agent\": \"ketamin\"") },
            "agent: must be the slug of an existing entity"
        ),
        (
            "missing record in a relation",
            { files in replace(files, "\"object\": \"vietnam-war-anesthetic\"", "\"object\": \"vietnam-war-anaesthetic\"") }, "relations[0]"
        ),
        (
            "quote not in the source",
            { files in
                replace(files, "Ketamine’s journey began in the realm of surgery.", "Ketamine's journey began in the realm of surgery.")
            }, "events[0].quotes[0].exact"
        ),
        (
            "ambiguous quote", { files in replace(files, "{ \"exact\": \"By blocking these receptors\" }", "{ \"exact\": \"ketamine\" }") },
            "occurs"
        ),
        (
            "source text changed",
            { files in files.merging(["sources/ketamine-journey.txt": files["sources/ketamine-journey.txt"]! + " More."]) { $1 } },
            "text differs"
        ),
        ("hostile slug", { files in replace(files, "\"slug\": \"synaptic-growth\"", "\"slug\": \"'; DROP TABLE records; --\"") }, "slug"),
        (
            "missing source file",
            { files in
                var copy = files
                copy["sources/ketamine-journey.txt"] = nil
                return copy
            }, "no file sources/ketamine-journey.txt"
        ),
    ]

    static func replace(_ files: [String: String], _ target: String, _ replacement: String, orInsertAfter anchor: String? = nil) -> [String:
        String]
    {
        var copy = files
        let json = files["ketamine.json"]!
        if json.contains(target) {
            copy["ketamine.json"] = json.replacingOccurrences(of: target, with: replacement)
        } else if let anchor {
            copy["ketamine.json"] = json.replacingOccurrences(of: anchor, with: anchor + " " + replacement + ",")
        }
        return copy
    }

    @Test(
        "every kind of bad seed input is a clear error and leaves the database byte-for-byte as it was",
        arguments: brokenVariants.indices)
    func badInput(index: Int) throws {
        let variant = Self.brokenVariants[index]
        let database = try SeededFile()
        let before = try database.bytes()
        let broken = variant.edit(try Self.seedFiles())
        #expect(broken != (try Self.seedFiles()), "\(variant.name): the edit did not apply")
        let error = try #require(throws: SeedError.self) { try database.content.seed(from: .files(broken)) }
        #expect(error.description.contains(variant.expected), "\(variant.name): \(error)")
        #expect(error.problems.allSatisfy { !$0.file.isEmpty })
        #expect(try database.bytes() == before, "\(variant.name) changed the database")
    }

    @Test("a source file that is not UTF-8 is refused")
    func invalidUTF8() throws {
        let directory = NSTemporaryDirectory() + "dossier-utf8-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/sources", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try Self.seedFiles()
        try files["ketamine.json"]!.write(toFile: directory + "/ketamine.json", atomically: true, encoding: .utf8)
        try Data([0x4B, 0x65, 0x74, 0xC3, 0x28, 0xFF]).write(to: URL(fileURLWithPath: directory + "/sources/ketamine-journey.txt"))
        let error = try #require(throws: SeedError.self) { try ContentDatabase.inMemory().seed(from: try .folder(directory)) }
        #expect(error.description.contains("not valid UTF-8"))
    }

    @Test("a changed seed updates its record; an edit made in the database is not overwritten without force")
    func updatesAndConflicts() throws {
        let database = try SeededFile()
        var files = try Self.seedFiles()
        files["ketamine.json"] = files["ketamine.json"]!.replacingOccurrences(
            of: "\"title\": \"Ketamine begins in surgery\"", with: "\"title\": \"Ketamine starts out in surgery\"")
        let report = try database.content.seed(from: .files(files))
        #expect(report.changes.map(\.description) == ["updated event surgical-beginnings"])
        let updated = try #require(try database.content.events.get(slug: "surgical-beginnings"))
        #expect(updated.title == "Ketamine starts out in surgery" && updated.version == 2)

        // A curator edits the record in the database…
        var edited = updated
        edited.statement = "Ketamine’s story began in the operating room."
        try database.content.events.update(edited)
        // …re-seeding the unchanged files keeps the edit, and says so.
        let kept = try database.content.seed(from: .files(files))
        #expect(kept.changeCount == 0 && kept.notices.contains { $0.contains("surgical-beginnings") })
        // A seed change would overwrite it: refused, nothing written.
        files["ketamine.json"] = files["ketamine.json"]!.replacingOccurrences(
            of: "\"title\": \"Ketamine starts out in surgery\"", with: "\"title\": \"Ketamine in surgery\"")
        let before = try database.bytes()
        let error = try #require(throws: SeedError.self) { try database.content.seed(from: .files(files)) }
        guard case .conflicts(let conflicts) = error else {
            Issue.record("expected conflicts, got \(error)")
            return
        }
        #expect(conflicts.count == 1 && conflicts[0].reason.contains("edited in the database"))
        #expect(try database.bytes() == before)
        // Told to, it overwrites.
        #expect(
            try database.content.seed(from: .files(files), force: .all).changes.map(\.description) == ["updated event surgical-beginnings"])
        #expect(try database.content.events.get(slug: "surgical-beginnings")?.statement == "Ketamine’s history began in surgery.")
    }

    @Test("an edit made with raw SQL is detected too")
    func rawEditDetected() throws {
        let database = try SeededFile()
        try database.content.pool.write { db in
            try db.execute(
                "UPDATE clinical_claims SET outcome = 'edited by hand' WHERE record_id = (SELECT id FROM records WHERE slug = 'lifeline-after-other-options')"
            )
        }
        var files = try Self.seedFiles()
        files["ketamine.json"] = files["ketamine.json"]!.replacingOccurrences(
            of: "\"outcome\": \"rapid relief, described as a lifeline\"", with: "\"outcome\": \"rapid relief\"")
        #expect(throws: SeedError.self) { try database.content.seed(from: .files(files)) }
    }

    @Test("sync removes what the files no longer contain; upsert keeps it; hand-made records stay")
    func sync() throws {
        let database = try SeededFile()
        try database.content.claims.insert(
            ClinicalClaim(
                RecordInfo(slug: "hand-made", title: "Made by hand", statement: "A curator's own claim.", certainty: .possible),
                intervention: "ketamine", outcome: "something"))
        var files = try Self.seedFiles()
        let json = files["ketamine.json"]!
        // Remove the last claim and the relation that points at it.
        let claimStart = try #require(json.range(of: ",\n    {\n      \"slug\": \"lifeline-after-other-options\""))
        let claimEnd = try #require(json.range(of: "\n  ],\n  \"relations\"", range: claimStart.upperBound..<json.endIndex))
        var trimmed = json.replacingCharacters(in: claimStart.lowerBound..<claimEnd.lowerBound, with: "")
        trimmed = trimmed.replacingOccurrences(
            of:
                "\n    { \"subject\": \"improvement-within-hours-or-days\", \"predicate\": \"supports\", \"object\": \"lifeline-after-other-options\", \"note\": \"\\\"This rapid relief offers a lifeline\\\".\" },",
            with: "")
        files["ketamine.json"] = trimmed
        #expect(try database.content.seed(from: .files(files)).changeCount == 0)
        #expect(try database.content.claims.get(slug: "lifeline-after-other-options") != nil)
        let report = try database.content.seed(from: .files(files), mode: .sync)
        #expect(
            Set(report.changes.map(\.description)) == [
                "deleted relation improvement-within-hours-or-days supports lifeline-after-other-options",
                "deleted claim lifeline-after-other-options",
            ])
        #expect(try database.content.claims.get(slug: "lifeline-after-other-options") == nil)
        #expect(try database.content.claims.get(slug: "hand-made") != nil)
        #expect(try database.content.check().isClean)
    }

    @Test("seeds may not overwrite a record created by hand")
    func handMadeRecord() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        try content.records.delete(slug: "surgical-beginnings")
        try content.events.insert(
            HistoricalEvent(
                RecordInfo(slug: "surgical-beginnings", title: "Mine", statement: "Mine.", certainty: .possible), date: .unknown()))
        let error = try #require(throws: SeedError.self) { try content.seed() }
        #expect(error.description.contains("not created by the seeds"))
    }
}
