import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// Several dossiers in one database: seeding that tells a curator's edits from its own writes,
/// entities shared between dossiers, duplicate keys, forcing one item, and the round trip from
/// the database back to seed files.
@Suite("Dossiers: seeding several into one database, sharing entities, and back to files")
struct DossierScopeTests {
    /// The ketamine seed files, changed by `transform` on the parsed dossier file.
    static func ketamine(_ transform: (inout [String: Any]) throws -> Void = { _ in }) throws -> [String: String] {
        var files = try SeederTests.seedFiles()
        let data = Data((files["ketamine.json"] ?? "").utf8)
        var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        try transform(&root)
        files["ketamine.json"] = String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
        return files
    }

    /// The objects of one section of a parsed dossier file.
    static func section(_ root: [String: Any], _ name: String) -> [[String: Any]] {
        root[name] as? [[String: Any]] ?? []
    }

    static func auditCount(_ content: ContentDatabase) throws -> Int {
        try content.statistics().rowCounts.first { $0.table == "audit_log" }?.rows ?? -1
    }

    // MARK: - Sync

    @Test("sync deletes an event the file dropped with the relations it is the subject of: the sync's own deletions are no edit")
    func syncDeletesSubjectOfRelations() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed(from: .files(try Self.ketamine()))
        let files = try Self.ketamine { root in
            let relations = Self.section(root, "relations")
            let subjects = Set(relations.compactMap { $0["subject"] as? String })
            let event = try #require(
                Self.section(root, "events").first { subjects.contains($0["slug"] as? String ?? "") }?["slug"] as? String)
            root["events"] = Self.section(root, "events").filter { $0["slug"] as? String != event }
            root["relations"] = relations.filter { $0["subject"] as? String != event && $0["object"] as? String != event }
        }
        let report = try content.seed(from: .files(files), mode: .sync)
        #expect(report.deletedCount >= 2)
        #expect(report.changes.contains { $0.kind == "event" && $0.action == .deleted })
        let again = try content.seed(from: .files(files), mode: .sync)
        #expect(again.changeCount == 0)
    }

    @Test("sync keeps a record another dossier's relation names, naming the relation; forced, it reports that relation deleted")
    func syncKeepsRecordOtherDossiersRelationNames() throws {
        let slug = "surgical-beginnings"
        let json = LithiumDossier.json.replacingOccurrences(
            of: "\"object\": \"cade-reports-lithium\" }",
            with:
                "\"object\": \"cade-reports-lithium\" },\n    { \"subject\": \"lithium-for-gout\", \"predicate\": \"preceded\", \"object\": \"\(slug)\" }"
        )
        #expect(json != LithiumDossier.json)
        let content = try ContentDatabase.inMemory()
        try content.seed()
        try content.seed(from: .files(LithiumDossier.files(json: json)))
        let files = try Self.ketamine { root in
            root["events"] = Self.section(root, "events").filter { $0["slug"] as? String != slug }
            root["relations"] = Self.section(root, "relations").filter {
                $0["subject"] as? String != slug && $0["object"] as? String != slug
            }
        }
        let audit = try Self.auditCount(content)
        #expect {
            try content.seed(from: .files(files), mode: .sync)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("event \(slug) is no longer in the file, but relations it does not own name it")
                && text.contains("relation lithium-for-gout preceded \(slug) (dossier lithium)") && text.contains("--force \(slug)")
        }
        #expect(try Self.auditCount(content) == audit)
        #expect(try content.events.get(slug: slug) != nil)
        let forced = try content.seed(from: .files(files), mode: .sync, force: .only([slug]))
        #expect(forced.changes.contains { $0.kind == "relation" && $0.key == "lithium-for-gout preceded \(slug)" && $0.action == .deleted })
        #expect(forced.changes.contains { $0.kind == "event" && $0.key == slug && $0.action == .deleted })
    }

    @Test("sync still keeps a record a curator edited, naming it and the way out")
    func syncKeepsHandEdits() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed(from: .files(try Self.ketamine()))
        let slug = "surgical-beginnings"
        var event = try #require(try content.events.get(slug: slug))
        event.info.title = "Ketamine enters surgery"
        try content.events.update(event)
        let files = try Self.ketamine { root in
            root["events"] = Self.section(root, "events").filter { $0["slug"] as? String != slug }
            root["relations"] = Self.section(root, "relations").filter {
                $0["subject"] as? String != slug && $0["object"] as? String != slug
            }
        }
        let audit = try Self.auditCount(content)
        #expect {
            try content.seed(from: .files(files), mode: .sync)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("event \(slug) is no longer in the file, but was edited in the database")
                && text.contains("--force \(slug)")
        }
        #expect(try Self.auditCount(content) == audit)
        let forced = try content.seed(from: .files(files), mode: .sync, force: .only([slug]))
        #expect(forced.changes.contains { $0.kind == "event" && $0.key == slug && $0.action == .deleted })
    }

    // MARK: - Edits and the file

    @Test("a file that now holds the database's edit is no conflict, and the next run writes nothing")
    func fileMatchingDatabaseIsNoConflict() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed(from: .files(try Self.ketamine()))
        let slug = "surgical-beginnings"
        var event = try #require(try content.events.get(slug: slug))
        event.info.title = "Ketamine enters surgery"
        try content.events.update(event)
        let files = try Self.ketamine { root in
            root["events"] = Self.section(root, "events").map { event in
                var event = event
                if event["slug"] as? String == slug { event["title"] = "Ketamine enters surgery" }
                return event
            }
        }
        let audit = try Self.auditCount(content)
        let report = try content.seed(from: .files(files))
        #expect(report.changeCount == 0)
        #expect(report.notices.contains { $0.contains("the file now holds the edit") })
        #expect(try Self.auditCount(content) == audit)
        let again = try content.seed(from: .files(files))
        #expect(again.changeCount == 0 && again.notices.isEmpty)
        #expect(try content.events.get(slug: slug)?.info.version == event.info.version + 1)
    }

    @Test("a conflict shows, field by field, how the database differs from the file; --force SLUG overwrites that record only")
    func conflictsAndForcingOneRecord() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed(from: .files(try Self.ketamine()))
        for slug in ["surgical-beginnings", "vietnam-war-anesthetic"] {
            var event = try #require(try content.events.get(slug: slug))
            event.info.title = "Edited in the database"
            try content.events.update(event)
        }
        let files = try Self.ketamine { root in
            root["events"] = Self.section(root, "events").map { event in
                var event = event
                event["statement"] = "Changed in the file."
                return event
            }
        }
        var message = ""
        #expect {
            try content.seed(from: .files(files))
        } throws: { error in
            message = String(describing: error)
            return error is SeedError
        }
        // Which side changed each field: the value last seeded, the database's, the file's.
        #expect(message.contains("field by field, as last seeded / in the database / in the file:"))
        #expect(message.contains("  title: \"Ketamine begins in surgery\" / \"Edited in the database\" / \"Ketamine begins in surgery\""))
        #expect(message.contains("  statement: ") && message.contains(" / \"Changed in the file.\""))
        #expect(message.contains("--force surgical-beginnings"))
        // Forcing one leaves the other's conflict, and writes nothing.
        let audit = try Self.auditCount(content)
        #expect(throws: SeedError.self) { try content.seed(from: .files(files), force: .only(["surgical-beginnings"])) }
        #expect(try Self.auditCount(content) == audit)
        let report = try content.seed(from: .files(files), force: .only(["surgical-beginnings", "vietnam-war-anesthetic"]))
        #expect(report.changes.filter { $0.action == .updated }.map(\.key).contains("surgical-beginnings"))
        #expect(try content.events.get(slug: "surgical-beginnings")?.info.title != "Edited in the database")
        #expect(throws: ContentError.self) { try content.seed(from: .files(files), force: .only(["no-such-slug"])) }
    }

    @Test("a dry run says what each update would change, field by field and in full")
    func dryRunFields() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed(from: .files(try Self.ketamine()))
        let title = try #require(try content.events.get(slug: "surgical-beginnings")?.info.title)
        let files = try Self.ketamine { root in
            root["events"] = Self.section(root, "events").map { event in
                var event = event
                if event["slug"] as? String == "surgical-beginnings" { event["title"] = "A new title" }
                return event
            }
        }
        let report = try content.seed(from: .files(files), dryRun: true)
        let change = try #require(report.changes.first { $0.key == "surgical-beginnings" })
        #expect(change.fields == ["title: \"\(title)\" → \"A new title\""])
        #expect(try content.events.get(slug: "surgical-beginnings")?.info.title == title)
    }

    // MARK: - Duplicates

    @Test("two items with one key in a file are refused, naming both places")
    func duplicateKeys() throws {
        let files = try Self.ketamine { root in
            root["entities"] =
                Self.section(root, "entities") + [
                    ["slug": "mini-drug", "kind": "substance", "name": "Mini"],
                    ["slug": "mini-drug", "kind": "drug_class", "name": "Mini"],
                ]
            let events = Self.section(root, "events")
            root["events"] = events + [events[0]]
            root["relations"] = Self.section(root, "relations") + [Self.section(root, "relations")[0]]
        }
        let content = try ContentDatabase.inMemory()
        #expect {
            try content.seed(from: .files(files))
        } throws: { error in
            guard case SeedError.invalid(let problems) = error else { return false }
            let text = problems.map(\.description).joined(separator: "\n")
            return text.contains("entity mini-drug is also defined at entities[")
                && text.contains("record surgical-beginnings is also defined at events[0]")
                && text.contains("relation ") && text.contains("is also defined at relations[0]")
        }
        #expect(try content.statistics().rowCounts.first { $0.table == "records" }?.rows == 0)
    }

    // MARK: - Shared entities

    @Test("two dossiers share an entity in either order; identifiers merge; setup and sync change nothing after")
    func sharedEntities() throws {
        for lithiumFirst in [false, true] {
            let content = try ContentDatabase.inMemory()
            let ketamine = SeedBundle.files(try Self.ketamine())
            let lithium = SeedBundle.files(LithiumDossier.files())
            if lithiumFirst {
                try content.seed(from: lithium)
                try content.seed(from: ketamine)
            } else {
                try content.seed(from: ketamine)
                try content.seed(from: lithium)
            }
            let depression = try #require(try content.entities.get(slug: "depression"))
            #expect(depression.identifiers.map(\.value) == ["D003866"])
            for bundle in [ketamine, lithium, .embedded] {
                #expect(try content.seed(from: bundle).changeCount == 0, "lithium first: \(lithiumFirst)")
                #expect(try content.seed(from: bundle, mode: .sync).changeCount == 0, "lithium first: \(lithiumFirst)")
            }
            #expect(try content.dossiers().map(\.name) == ["ketamine", "lithium"])
        }
    }

    @Test("a definition that disagrees with another dossier's names both dossiers and the field, and writes nothing")
    func conflictingDefinitions() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed(from: .files(try Self.ketamine()))
        let json = LithiumDossier.json.replacingOccurrences(
            of: "\"name\": \"Depression\", \"identifiers\"", with: "\"name\": \"Major depression\", \"identifiers\"")
        #expect {
            try content.seed(from: .files(LithiumDossier.files(json: json)))
        } throws: { error in
            guard case SeedError.invalid(let problems) = error else { return false }
            return problems.contains {
                $0.file == "lithium.json" && $0.path == "entities[2].name" && $0.reason.contains("\"Major depression\" here")
                    && $0.reason.contains("dossier ketamine")
            }
        }
        #expect(try content.dossiers().map(\.name) == ["ketamine"])
        #expect(try content.seed().changeCount == 0)
    }

    @Test("a dossier using an entity it does not define fails on a fresh database with advice, and works once the definer is seeded")
    func entityDefinedElsewhere() throws {
        let json = LithiumDossier.json.replacingOccurrences(
            of:
                ",\n    { \"slug\": \"depression\", \"kind\": \"condition\", \"name\": \"Depression\", \"identifiers\": { \"mesh\": \"D003866\" } }",
            with: "")
        #expect(!json.contains("\"slug\": \"depression\""))
        let content = try ContentDatabase.inMemory()
        #expect {
            try content.seed(from: .files(LithiumDossier.files(json: json)))
        } throws: { error in
            String(describing: error).contains("seed the dossier that defines it first")
        }
        try content.seed()
        let report = try content.seed(from: .files(LithiumDossier.files(json: json)))
        #expect(report.insertedCount > 0)
        #expect(report.notices.contains { $0.hasPrefix("lithium uses entity depression, which only ketamine defines") })
    }

    @Test("one folder seeds a fresh database when its first file names an entity and a record that a later file defines")
    func folderWithForwardReferences() throws {
        // ketamine.json comes first; its event is about lithium and precedes a lithium event,
        // as an export as seed writes it after such a record was added in the database.
        var files = try Self.ketamine { root in
            var events = Self.section(root, "events")
            events[0]["about"] = (events[0]["about"] as? [String] ?? []) + ["lithium"]
            root["events"] = events
            let relation: [String: Any] = [
                "subject": events[0]["slug"] as? String ?? "", "predicate": "preceded", "object": "cade-reports-lithium",
            ]
            root["relations"] = Self.section(root, "relations") + [relation]
        }
        files.merge(LithiumDossier.files()) { $1 }
        let content = try ContentDatabase.inMemory()
        let report = try content.seed(from: .files(files))
        #expect(report.insertedCount > 0)
        #expect(try content.seed(from: .files(files)).changeCount == 0)
        #expect(try content.seed(from: .files(files), mode: .sync).changeCount == 0)
        // A file that names an entity no file defines is still refused; the file that defines
        // lithium, seeded after the first named it, is no problem.
        files["ketamine.json"] = files["ketamine.json"]?.replacingOccurrences(of: "\"lithium\"]", with: "\"thallium\"]")
        #expect {
            try ContentDatabase.inMemory().seed(from: .files(files))
        } throws: { error in
            let text = String(describing: error)
            return text.contains("(got \"thallium\")") && !text.contains("lithium.json")
        }
    }

    @Test("sync of a dossier that no longer defines a shared entity keeps it for the other")
    func syncKeepsSharedEntity() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        try content.seed(from: .files(LithiumDossier.files()))
        let json = LithiumDossier.json.replacingOccurrences(
            of:
                ",\n    { \"slug\": \"depression\", \"kind\": \"condition\", \"name\": \"Depression\", \"identifiers\": { \"mesh\": \"D003866\" } }",
            with: "")
        let report = try content.seed(from: .files(LithiumDossier.files(json: json)), mode: .sync)
        #expect(report.changes.contains { $0.kind == "entity definition" && $0.action == .deleted })
        #expect(try content.entities.get(slug: "depression")?.identifiers.count == 1)
        // Ketamine alone defines it now: its next run brings it to its own definition, dropping
        // the identifier only lithium gave; then nothing changes.
        #expect(try content.seed(mode: .sync).changes.map(\.description) == ["updated entity depression"])
        #expect(try content.entities.get(slug: "depression")?.identifiers.isEmpty == true)
        #expect(try content.seed(mode: .sync).changeCount == 0)
    }

    @Test("a sync of one folder in which one dossier stops defining a shared entity brings it to the other's definition at once")
    func syncOfOneFolderConverges() throws {
        let json = LithiumDossier.json.replacingOccurrences(
            of:
                ",\n    { \"slug\": \"depression\", \"kind\": \"condition\", \"name\": \"Depression\", \"identifiers\": { \"mesh\": \"D003866\" } }",
            with: "")
        #expect(json != LithiumDossier.json)
        var files = try Self.ketamine()
        files.merge(LithiumDossier.files()) { $1 }
        let content = try ContentDatabase.inMemory()
        try content.seed(from: .files(files))
        files.merge(LithiumDossier.files(json: json)) { $1 }
        let report = try content.seed(from: .files(files), mode: .sync)
        #expect(
            report.changes.map(\.description).sorted() == ["deleted entity definition depression (lithium)", "updated entity depression"])
        #expect(try content.entities.get(slug: "depression")?.identifiers.isEmpty == true)
        let audit = try Self.auditCount(content)
        #expect(try content.seed(from: .files(files), mode: .sync).changeCount == 0)
        #expect(try Self.auditCount(content) == audit)
    }

    @Test("check warns of a dossier that owns rows but lost its dossiers row to raw SQL")
    func unnamedDossier() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        #expect(try content.check().problems.isEmpty)
        try content.pool.write { db in
            try db.execute("DELETE FROM entity_definitions WHERE dossier = 'ketamine'")
            try db.execute("DELETE FROM dossiers WHERE slug = 'ketamine'")
        }
        let findings = try content.check().problems.filter { $0.subject == "dossier ketamine" }
        #expect(findings.count == 1 && findings.allSatisfy { $0.severity == .warning && $0.message.contains("seed its files again") })
        try content.seed()
        #expect(try content.check().problems.allSatisfy { $0.subject != "dossier ketamine" })
    }

    // MARK: - Round trip

    @Test("each dossier exported as seed files seeds with nothing to change, and rebuilds the same content in a fresh database")
    func exportAsSeed() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        try content.seed(from: .files(LithiumDossier.files()))
        var event = try #require(try content.events.get(slug: "cade-reports-lithium"))
        event.info.title = "Cade reports that lithium calms mania"
        try content.events.update(event)
        let folder = NSTemporaryDirectory() + "dossier-as-seed-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let written =
            try content.exportSeed(dossier: "lithium", toFolder: folder) + content.exportSeed(dossier: "ketamine", toFolder: folder)
        #expect(
            written.map { ($0 as NSString).lastPathComponent }.sorted() == [
                "ketamine-journey.txt", "ketamine.json", "lithium-notes.txt", "lithium.json",
            ])
        let lithium = try String(contentsOfFile: folder + "/lithium.json", encoding: .utf8)
        #expect(lithium.contains("\"title\": \"Cade reports that lithium calms mania\""))
        #expect(!lithium.contains("\"start\"") && !lithium.contains("text_sha256") && !lithium.contains("null"))
        let audit = try Self.auditCount(content)
        #expect(try content.seed(from: .folder(folder)).changeCount == 0)
        #expect(try content.seed(from: .folder(folder), mode: .sync).changeCount == 0)
        #expect(try Self.auditCount(content) == audit)
        let fresh = try ContentDatabase.inMemory()
        try fresh.seed(from: .folder(folder))
        #expect(try fresh.exportJSON() == content.exportJSON())
        #expect(throws: ContentError.self) { try content.exportSeed(dossier: "nope", toFolder: folder) }
    }

    @Test("a seed file quoting another dossier's source names it without copying it: the owner may still change the source")
    func seedFileQuotingAnotherDossiersSource() throws {
        let quote = "{ \"exact\": \"it can help depression when added to an antidepressant.\" }"
        let json = LithiumDossier.json.replacingOccurrences(
            of: quote, with: quote + ", { \"source\": \"ketamine-journey\", \"exact\": \"within hours or days\" }")
        #expect(json != LithiumDossier.json)
        let content = try ContentDatabase.inMemory()
        try content.seed()
        try content.seed(from: .files(LithiumDossier.files(json: json)))
        let folder = NSTemporaryDirectory() + "dossier-as-seed-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try content.exportSeed(dossier: "ketamine", toFolder: folder)
        try content.exportSeed(dossier: "lithium", toFolder: folder)
        let lithium = try String(contentsOfFile: folder + "/lithium.json", encoding: .utf8)
        #expect(lithium.contains("\"source\": \"ketamine-journey\""))
        #expect(!lithium.contains("\"slug\": \"ketamine-journey\""))
        #expect(try content.seed(from: .folder(folder)).changeCount == 0)
        let fresh = try ContentDatabase.inMemory()
        try fresh.seed(from: .folder(folder))
        #expect(try fresh.exportJSON() == content.exportJSON())
        // The dossier that seeded the source changes it: the other's file is no conflict.
        let path = folder + "/ketamine.json"
        let ketamine = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "\"title\": \"A Historical Journey: From Anesthesia to Psychiatry\"", with: "\"title\": \"A Historical Journey\"")
        try ketamine.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try content.seed(from: .folder(folder))
        #expect(report.changeCount == 1)
        #expect(report.changes.contains { $0.kind == "source" && $0.key == "ketamine-journey" && $0.action == .updated })
    }

    @Test("an export of one dossier carries the entities its records use and imports on its own")
    func exportOneDossier() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        try content.seed(from: .files(LithiumDossier.files()))
        var text = ""
        try content.exportJSON(dossier: "lithium") { text += $0 }
        #expect(text.contains("\"slug\": \"depression\"") && !text.contains("ketamine-journey"))
        let copy = try ContentDatabase.inMemory()
        try copy.importJSON(text)
        #expect(try copy.statistics().rowCounts.first { $0.table == "records" }?.rows == 3)
        #expect(throws: ContentError.self) { try content.exportJSON(dossier: "nope") { _ in } }
    }

    // MARK: - Scope in reading

    @Test("lists, search and check filter by dossier; the timeline does not place one dossier's undated events among another's")
    func readingByDossier() throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        try content.seed(from: .files(LithiumDossier.files()))
        #expect(try content.claims.list(RecordFilter(dossier: "lithium")).items.map(\.slug) == ["lithium-augments-antidepressants"])
        #expect(try content.search.find("depression", dossier: "lithium").allSatisfy { $0.dossier == "lithium" })
        #expect(try content.search.find("anesthesia", dossier: "lithium").isEmpty)
        #expect(throws: ContentError.self) { try content.claims.list(RecordFilter(dossier: "nope")) }
        let timeline = try content.events.timeline()
        let firstUndated = try #require(timeline.firstIndex { $0.date.earliest == nil })
        #expect(timeline[firstUndated...].allSatisfy { $0.date.earliest == nil })
        #expect(try content.events.timeline(dossier: "lithium").map(\.slug) == ["lithium-for-gout", "cade-reports-lithium"])
        // Alone, ketamine's undated events are placed by their relations, among its dated one.
        let ketamine = try content.events.timeline(dossier: "ketamine")
        #expect(ketamine.first?.date.earliest == nil)
        let report = try content.check(dossier: "lithium")
        #expect(report.findings.allSatisfy { !$0.subject.contains("ketamine") })
        #expect(
            try content.recordDossiers(slugs: ["cade-reports-lithium", "surgical-beginnings", "no-such"]) == [
                "cade-reports-lithium": "lithium", "surgical-beginnings": "ketamine",
            ])
        #expect(try content.recordDossiers(slugs: []).isEmpty)
    }
}
