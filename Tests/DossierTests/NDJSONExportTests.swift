import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// The NDJSON layout of an export: written as it is read, applied line by line, and every way a
/// file can be wrong reported with its line, nothing written.
@Suite("NDJSON export and import")
struct NDJSONExportTests {
    static func export(_ content: ContentDatabase) throws -> String {
        var text = ""
        try content.exportNDJSON { text += $0 }
        return text
    }

    static func shipped() throws -> ContentDatabase {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        return content
    }

    /// The problems an import of `text` reports, after checking it wrote nothing.
    static func problems(importing text: String) throws -> [SeedProblem] {
        let copy = try ContentDatabase.inMemory()
        do {
            try copy.importJSON(text, name: "x.ndjson")
        } catch SeedError.invalid(let problems) {
            #expect(try copy.records.counts().values.reduce(0, +) == 0)
            #expect(try copy.sources.all().isEmpty)
            return problems
        }
        Issue.record("the import succeeded")
        return []
    }

    @Test("one object per line, in section order, between a header and an end line that counts them")
    func layout() throws {
        let lines = try Self.export(Self.shipped()).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let objects = try lines.dropLast().map { line -> [String: Any] in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.first?["type"] as? String == "header")
        #expect(objects.first?["format"] as? String == "dossier-export")
        #expect(objects.last?["type"] as? String == "end")
        #expect(objects.last?["objects"] as? Int == objects.count - 2)
        let types = objects.dropFirst().dropLast().compactMap { $0["type"] as? String }
        let order = ["source", "entity", "event", "mechanism", "claim", "relation"]
        #expect(types.map { order.firstIndex(of: $0) ?? -1 } == types.map { order.firstIndex(of: $0) ?? -1 }.sorted())
        #expect(Set(types) == Set(order))
    }

    @Test("export, import, export: the same bytes, and the same as the document's content")
    func roundTrip() throws {
        let content = try Self.shipped()
        let ndjson = try Self.export(content)
        let copy = try ContentDatabase.inMemory()
        let report = try copy.importJSON(ndjson, name: "x.ndjson")
        #expect(report.insertedCount > 0 && report.changes.isEmpty)
        #expect(try Self.export(copy) == ndjson)
        #expect(try copy.exportJSON() == content.exportJSON())
        // Importing again into the same content changes nothing.
        let again = try copy.importJSON(ndjson, name: "x.ndjson")
        #expect(again.changeCount == 0 && again.unchangedCount == report.insertedCount)
    }

    @Test("the streamed JSON document has the bytes of the whole one, however it is cut into chunks")
    func streamedDocument() throws {
        let content = try Self.shipped()
        var chunks: [String] = []
        try content.exportJSON { chunks.append($0) }
        let whole = try content.exportJSON()
        #expect(chunks.joined() == whole)
        // An empty database: every section present and empty.
        let empty = try ContentDatabase.inMemory().exportJSON()
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [String: Any])
        #expect(
            ["sources", "entities", "events", "mechanisms", "claims", "relations"].allSatisfy { (parsed[$0] as? [Any])?.isEmpty == true })
        var emptyNDJSON = ""
        try ContentDatabase.inMemory().exportNDJSON { emptyNDJSON += $0 }
        #expect(emptyNDJSON.hasSuffix("{\"type\":\"end\",\"objects\":0}\n"))
    }

    @Test("a file cut short, lines lost, a line out of order, bad JSON: each named by its line, nothing written")
    func brokenFiles() throws {
        let lines = try Self.export(Self.shipped()).split(separator: "\n").map(String.init)
        let claimLine = try #require(lines.firstIndex { $0.hasPrefix("{\"type\":\"claim\"") })
        // Cut: no end line.
        var problems = try Self.problems(importing: lines.dropLast().joined(separator: "\n"))
        #expect(problems.contains { $0.reason.contains("without its end line") })
        // A line lost: the end line's count disagrees.
        var lost = lines
        lost.remove(at: claimLine)
        problems = try Self.problems(importing: lost.joined(separator: "\n") + "\n")
        #expect(problems.contains { $0.path == "line \(lines.count - 1).objects" && $0.reason.contains("lines were lost") })
        // A source after the claims.
        var reordered = lines
        reordered.insert(lines[1], at: claimLine + 1)
        reordered[reordered.count - 1] = "{\"type\":\"end\",\"objects\":\(reordered.count - 2)}"
        problems = try Self.problems(importing: reordered.joined(separator: "\n"))
        #expect(problems.contains { $0.path == "line \(claimLine + 2).type" && $0.reason.contains("in that order") })
        // Not JSON, an unknown type, a second header, text after the end.
        var broken = lines
        broken[claimLine] = "{\"type\":\"claim\", oops}"
        broken.insert("{\"type\":\"sermon\"}", at: claimLine + 1)
        broken.insert(lines[0], at: claimLine + 2)
        broken.append("{\"type\":\"claim\"}")
        problems = try Self.problems(importing: broken.joined(separator: "\n"))
        #expect(problems.contains { $0.path == "line \(claimLine + 1)" && $0.reason.contains("is not valid JSON") })
        #expect(problems.contains { $0.path == "line \(claimLine + 2).type" && $0.reason.contains("must be one of") })
        #expect(problems.contains { $0.path == "line \(claimLine + 3)" && $0.reason.contains("second header") })
        #expect(problems.contains { $0.reason.contains("follows the end line") })
    }

    @Test("a source, entity, record or relation on two lines is refused at the second, whether the copies agree or not")
    func repeatedObjects() throws {
        let lines = try Self.export(Self.shipped()).split(separator: "\n").map(String.init)
        let claimLine = try #require(lines.firstIndex { $0.hasPrefix("{\"type\":\"claim\"") })
        let lastClaim = try #require(lines.lastIndex { $0.hasPrefix("{\"type\":\"claim\"") })
        let changed = lines[claimLine].replacingOccurrences(of: "\"title\":\"", with: "\"title\":\"Changed ")
        for (copied, copy) in [(1, lines[1]), (2, lines[2]), (claimLine, lines[claimLine]), (claimLine, changed)] {
            var repeated = lines
            let at = copied == claimLine ? lastClaim + 1 : copied + 1
            repeated.insert(copy, at: at)
            repeated[repeated.count - 1] = "{\"type\":\"end\",\"objects\":\(repeated.count - 2)}"
            let problems = try Self.problems(importing: repeated.joined(separator: "\n") + "\n")
            #expect(
                problems.contains { $0.path == "line \(at + 1)" && $0.reason.contains("as an earlier line") },
                "\(problems)")
        }
        var relations = lines
        relations.insert(lines[lines.count - 2], at: lines.count - 1)
        relations[relations.count - 1] = "{\"type\":\"end\",\"objects\":\(relations.count - 2)}"
        let problems = try Self.problems(importing: relations.joined(separator: "\n"))
        #expect(problems.contains { $0.path == "line \(lines.count)" && $0.reason.contains("same relation") })
    }

    @Test("a row 0 left in search_index_pending by the sqlite3 shell is no damage: the export imports, with its index rebuilt")
    func leftoverDeferral() throws {
        let directory = NSTemporaryDirectory() + "dossier-pending-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/db.sqlite"
        try ContentDatabase(path: path).seed()
        let raw = try DatabaseConnection(path: path)
        try raw.execute(
            """
            PRAGMA foreign_keys = OFF; PRAGMA trusted_schema = ON;
            INSERT INTO search_index_pending(record_id) VALUES (0);
            UPDATE records SET title = 'Zyzzyva title', version = version + 1 WHERE id = (SELECT min(id) FROM records);
            """)
        let content = try ContentDatabase(path: path)
        let text = try Self.export(content)
        #expect(!text.contains("\"type\":\"damage\""))
        let copy = try ContentDatabase.inMemory()
        try copy.importJSON(text, name: "x.ndjson")
        #expect(try copy.search.find("Zyzzyva").count == 1)
    }

    @Test("an empty input is called empty, not bad JSON")
    func emptyInput() throws {
        for text in ["", "\n", " \r\n\n"] {
            let problems = try Self.problems(importing: text)
            #expect(problems.count == 1 && problems[0].reason.hasPrefix("is empty"), "\(problems)")
        }
    }

    @Test("a byte order mark before the first line is ignored, in both layouts")
    func byteOrderMark() throws {
        let content = try Self.shipped()
        for text in try [Self.export(content), content.exportJSON()] {
            let copy = try ContentDatabase.inMemory()
            let report = try copy.importJSON("\u{FEFF}" + text, name: "x.ndjson")
            #expect(report.insertedCount > 0 && report.changes.isEmpty)
        }
    }

    @Test("an invalid object is reported with its line and field, and reading goes on to the next")
    func invalidObjects() throws {
        var lines = try Self.export(Self.shipped()).split(separator: "\n").map(String.init)
        let claims = lines.indices.filter { lines[$0].hasPrefix("{\"type\":\"claim\"") }
        lines[claims[0]] = lines[claims[0]].replacingOccurrences(of: "\"certainty\":\"established\"", with: "\"certainty\":\"sure\"")
        lines[claims[1]] = lines[claims[1]].replacingOccurrences(of: "\"slug\":\"", with: "\"slug\":\"Not A Slug ")
        let problems = try Self.problems(importing: lines.joined(separator: "\n"))
        #expect(problems.contains { $0.path.hasPrefix("line \(claims[1] + 1).slug") })
        #expect(problems.allSatisfy { $0.path.hasPrefix("line ") })
        #expect(problems.allSatisfy { $0.file == "x.ndjson" })
    }

    @Test("one line with thousands of problems reports at most the limit, and says how many more")
    func manyProblemsOnOneLine() throws {
        var lines = try Self.export(Self.shipped()).split(separator: "\n").map(String.init)
        let claim = try #require(lines.firstIndex { $0.hasPrefix("{\"type\":\"claim\"") })
        let extra = (0..<5_000).map { "\"unknown_\($0)\":1" }.joined(separator: ",")
        lines[claim] = String(lines[claim].dropLast()) + "," + extra + "}"
        let problems = try Self.problems(importing: lines.joined(separator: "\n"))
        #expect(problems.count <= 102)
        #expect(problems.contains { $0.reason.contains("more problems not listed") })
    }

    @Test("a header of another format or version is refused")
    func header() throws {
        let lines = try Self.export(Self.shipped()).split(separator: "\n").map(String.init)
        for header in [
            "{\"type\":\"header\",\"format\":\"other\",\"version\":2}",
            "{\"type\":\"header\",\"format\":\"dossier-export\",\"version\":99}",
            "{\"type\":\"header\",\"format\":\"dossier-export\",\"version\":2,\"extra\":1}",
        ] {
            let problems = try Self.problems(importing: ([header] + lines.dropFirst()).joined(separator: "\n"))
            #expect(problems.contains { $0.path.hasPrefix("line 1.") }, "\(header)")
        }
    }

    @Test("importExport(atPath:) reads a file as it comes; a missing file is named")
    func fromFile() throws {
        let folder = try TemporaryFolder("ndjson")
        defer { folder.remove() }
        let path = folder.path + "/export.ndjson"
        let content = try Self.shipped()
        try Self.export(content).write(toFile: path, atomically: false, encoding: .utf8)
        let copy = try ContentDatabase.inMemory()
        var reports: [ContentProgress] = []
        try copy.importExport(atPath: path) { reports.append($0) }
        #expect(try copy.exportJSON() == content.exportJSON())
        #expect(reports.map(\.completed) == Array(1...reports.count))
        #expect(reports.allSatisfy { $0.operation == .importing })
        #expect(throws: ContentError.self) { try copy.importExport(atPath: folder.path + "/missing.ndjson") }
        // A folder is not an export.
        #expect(throws: (any Error).self) { try ContentDatabase.inMemory().importExport(atPath: folder.path) }
    }
}
