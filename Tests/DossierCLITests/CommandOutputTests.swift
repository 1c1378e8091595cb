import Dossier
import DossierTestSupport
import Foundation
import Testing

/// Every reading command, on the seeded dossier, in every format.
@Suite("Commands and output formats")
struct CommandOutputTests {
    static let readingCommands: [[String]] = [
        ["list", "events"], ["list", "mechanisms"], ["list", "claims"], ["list", "sources"], ["list", "entities"],
        ["list", "claims", "--entity", "ketamine", "--status", "published"],
        ["show", "nmda-receptor-blockade"], ["timeline"], ["search", "depression"], ["search", "NMDA", "--kind", "mechanism"],
        ["query", "SELECT slug, title FROM records ORDER BY slug"], ["check"], ["stats"], ["history", "dissociative-state"],
        ["migrate", "status"], ["vocab"], ["vocab", "kind"],
    ]

    @Test("JSON output parses", arguments: readingCommands)
    func json(command: [String]) throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.dossier(arguments: command + ["--format", "json"])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        let value = try JSONParser.parse(result.stdout)
        switch value {
        case .array(let items): #expect(!items.isEmpty || command.contains("check"))
        case .object(let object): #expect(object.count > 0)
        default: Issue.record("\(command) printed \(value.typeDescription)")
        }
    }

    @Test("NDJSON is one JSON object per line", arguments: readingCommands)
    func ndjson(command: [String]) throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.dossier(arguments: command + ["--format", "ndjson"])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        for line in result.stdout.split(separator: "\n") {
            guard case .object = try JSONParser.parse(String(line)) else {
                Issue.record("\(command): a line is not an object: \(line)")
                continue
            }
        }
    }

    @Test("CSV has a header row and quotes commas, quotes and line breaks", arguments: readingCommands)
    func csv(command: [String]) throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.dossier(arguments: command + ["--format", "csv"])
        #expect(result.status == 0, "\(command): \(result.stderr)")
        let records = CSV.parse(result.stdout)
        let header = try #require(records.first)
        #expect(!header.isEmpty && header.allSatisfy { !$0.isEmpty })
        #expect(records.dropFirst().allSatisfy { $0.count == header.count }, "\(command): ragged CSV")
    }

    @Test("tables are aligned text with escaped control characters")
    func tables() throws {
        let workspace = try Workspace.seeded()
        let list = try workspace.dossier("list", "claims")
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == 2 + 4)
        #expect(lines[1].allSatisfy { $0 == "-" || $0 == " " })
        // A value holding an escape sequence and a line break cannot reach the terminal raw.
        let hostile = try workspace.dossier("query", "SELECT 'a' || char(27) || '[31mred' || char(10) || 'b' AS v")
        #expect(hostile.stdout.contains("\\u{1b}[31mred\\nb"))
        #expect(!hostile.stdout.contains("\u{1B}"))
    }

    @Test("show prints the record, its quotes in context, and its relations both ways")
    func show() throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.dossier("show", "neural-pathway-reset")
        #expect(result.status == 0)
        #expect(result.stdout.contains("A reset of neural pathways"))
        #expect(result.stdout.contains("«unique mechanism is believ to reset neural pathways, providing rapid relief from symptoms.»"))
        #expect(result.stdout.contains("source defect: corrupted_word \"believ\" (meant: \"believed\")"))
        #expect(result.stdout.contains("→ explained_by synaptic-growth"))
        #expect(result.stdout.contains("← improvement-within-hours-or-days explained_by this"))
    }

    @Test("timeline and search give the dossier's order and best hits")
    func timelineAndSearch() throws {
        let workspace = try Workspace.seeded()
        let timeline = try JSONParser.parse(try workspace.dossier("timeline", "--format", "json").stdout)
        guard case .array(let events) = timeline, case .object(let first)? = events.first,
            case .object(let second)? = events.dropFirst().first
        else {
            Issue.record("timeline is not an array of objects")
            return
        }
        #expect(first["slug"] == .string("surgical-beginnings"))
        #expect(second["date"] == .string("during the Vietnam War") && second["earliest"] == .string("1955-11-01"))
        let search = try workspace.dossier("search", "neuroplasticity", "--format", "csv")
        #expect(search.stdout.contains("synaptic-growth"))
        let nothing = try workspace.dossier("search", "\"*NEAR(")
        #expect(nothing.status == 0)
    }

    @Test("export → import → export is byte-identical")
    func exportImportRoundTrip() throws {
        let workspace = try Workspace.seeded()
        #expect(try workspace.dossier("export", "--output", "first.json").status == 0)
        #expect(try workspace.dossier("migrate", "up", "--database", "copy.sqlite").status == 0)
        let imported = try workspace.dossier("import", "first.json", "--database", "copy.sqlite")
        #expect(imported.status == 0, "\(imported.stderr)")
        let second = try workspace.dossier("export", "--database", "copy.sqlite")
        let first = try #require(FileManager.default.contents(atPath: workspace.file("first.json")))
        #expect(Data(second.stdout.utf8) == first)
        // Importing into a database that already holds the same content changes nothing.
        #expect(try workspace.dossier("import", "first.json").stderr.contains("0 inserted"))
        #expect(try workspace.dossier("check", "--database", "copy.sqlite").status == 0)
    }

    @Test("--help and --version")
    func helpAndVersion() throws {
        let workspace = try Workspace()
        let help = try workspace.dossier("--help")
        #expect(help.status == 0 && help.stdout.contains("Exit codes"))
        for command in [
            "setup", "migrate", "seed", "list", "show", "timeline", "search", "query", "check", "export", "import", "backup", "bundle",
            "stats", "history",
        ] {
            let result = try workspace.dossier(command, "--help")
            #expect(result.status == 0 && result.stdout.contains("Example"), "\(command) --help")
        }
        #expect(try workspace.dossier("--version").stdout.hasPrefix("0."))
    }
}

/// A small RFC 4180 reader, to check the CLI's CSV independently of its writer.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field)
                field = ""
            } else if scalar == "\r" {
                continue
            } else if scalar == "\n" {
                record.append(field)
                field = ""
                records.append(record)
                record = []
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
