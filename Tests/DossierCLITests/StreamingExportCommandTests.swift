import Dossier
import DossierTestSupport
import Foundation
import Testing

/// `dossier export --format ndjson` and `dossier import` across the process boundary: pipes,
/// files, a cut file, an existing destination, a full disk, no progress line off a terminal.
@Suite("export --format ndjson and import, through the real executable")
struct StreamingExportCommandTests {
    @Test("export --format ndjson piped into import - recreates the content; the JSON document still imports")
    func pipe() throws {
        let workspace = try Workspace.seeded()
        #expect(try workspace.dossier("migrate", "up", "--database", "copy.sqlite").status == 0)
        let piped = try workspace.shell(
            "\"$DOSSIER\" export --format ndjson | \"$DOSSIER\" import - --database copy.sqlite && \"$DOSSIER\" export --database copy.sqlite"
        )
        #expect(piped.status == 0, "\(piped.stderr)")
        let original = try workspace.dossier("export")
        #expect(piped.stdout == original.stdout)
        // Not a terminal: no progress line, only the note.
        #expect(piped.stderr.hasPrefix("imported standard input: ") && !piped.stderr.contains("\r"))

        #expect(try workspace.dossier("migrate", "up", "--database", "doc.sqlite").status == 0)
        #expect(try workspace.dossier("export", "--output", "export.json").status == 0)
        let document = try workspace.dossier("import", "export.json", "--database", "doc.sqlite")
        #expect(document.status == 0, "\(document.stderr)")
        #expect(try workspace.dossier("export", "--database", "doc.sqlite").stdout == original.stdout)
    }

    @Test("export --output writes the file whole, refuses an existing one (exit 2), and --quiet says nothing")
    func outputFile() throws {
        let workspace = try Workspace.seeded()
        let first = try workspace.dossier("export", "--format", "ndjson", "--output", "out.ndjson", "--quiet")
        #expect(first.status == 0 && first.stderr.isEmpty && first.stdout.isEmpty, "\(first.stderr)")
        let written = try #require(FileManager.default.contents(atPath: workspace.file("out.ndjson")))
        #expect(String(decoding: written, as: UTF8.self) == (try workspace.dossier("export", "--format", "ndjson").stdout))
        let again = try workspace.dossier("export", "--format", "ndjson", "--output", "out.ndjson")
        #expect(again.status == 2 && again.stderr.contains("already exists"))
        #expect(FileManager.default.contents(atPath: workspace.file("out.ndjson")) == written)
        let unknown = try workspace.dossier("export", "--format", "yaml")
        #expect(unknown.status == 2)
        // Nothing is left beside the file.
        let names = try FileManager.default.contentsOfDirectory(atPath: workspace.path)
        #expect(!names.contains { $0.contains(".partial-") })
    }

    @Test("import into a missing database advises migrate up (an empty one), not setup (which seeds), and creates nothing")
    func missingDatabase() throws {
        let workspace = try Workspace.seeded()
        #expect(try workspace.dossier("export", "--format", "ndjson", "--output", "out.ndjson").status == 0)
        let result = try workspace.dossier("import", "out.ndjson", "--database", "none.sqlite")
        #expect(result.status == 8 && result.stderr.contains("dossier migrate up --database none.sqlite"), "\(result.stderr)")
        #expect(!result.stderr.contains("dossier setup"))
        #expect(!FileManager.default.fileExists(atPath: workspace.file("none.sqlite")))
    }

    @Test("an export removes what killed exports to the same name left (.partial-PID of a dead process), and nothing else")
    func abandonedPartials() throws {
        let workspace = try Workspace.seeded()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = workspace.file("out.ndjson.partial-\(finished.processIdentifier)")
        let alive = workspace.file("out.ndjson.partial-\(getpid())")
        let other = workspace.file("other.ndjson.partial-\(finished.processIdentifier)")
        for path in [dead, alive, other] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("{\"type\":\"header\"".utf8)))
        }
        let result = try workspace.dossier("export", "--format", "ndjson", "--output", "out.ndjson")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive) && FileManager.default.fileExists(atPath: other))
    }

    @Test("a full disk fails the export with exit 1 and leaves no file")
    func fullDisk() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let workspace = try Workspace.seeded()
        let result = try workspace.shell("\"$DOSSIER\" export --format ndjson > /dev/full")
        #expect(result.status == 1 && result.stderr.contains("cannot write to standard output"), "\(result.stderr)")
    }

    @Test("a cut NDJSON file is refused with exit 4, its line named, nothing written")
    func cutFile() throws {
        let workspace = try Workspace.seeded()
        let export = try workspace.dossier("export", "--format", "ndjson").stdout
        let lines = export.split(separator: "\n")
        let cut = lines.prefix(lines.count / 2).joined(separator: "\n") + "\n"
        try cut.write(toFile: workspace.file("cut.ndjson"), atomically: false, encoding: .utf8)
        #expect(try workspace.dossier("migrate", "up", "--database", "copy.sqlite").status == 0)
        let result = try workspace.dossier("import", "cut.ndjson", "--database", "copy.sqlite")
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.contains("cut.ndjson: line \(lines.count / 2): the file ends without its end line"))
        #expect(
            try workspace.dossier("query", "SELECT count(*) AS n FROM records", "--database", "copy.sqlite", "--csv").stdout == "n\r\n0\r\n"
        )
        let missing = try workspace.dossier("import", "missing.ndjson", "--database", "copy.sqlite")
        #expect(missing.status == 3 && missing.stderr.contains("missing.ndjson"))
    }
}
