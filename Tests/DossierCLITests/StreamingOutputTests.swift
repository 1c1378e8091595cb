import ArgumentParser
import Dossier
import DossierTestSupport
import Foundation
import Testing

@testable import DossierCLI

/// `query` streams with bounded memory and makes a cut visible (exit 11, a last line in a
/// table); the progress line's text; `--quiet`.
@Suite("Streaming output, cut output, progress and --quiet")
struct StreamingOutputTests {
    /// A statement of `count` rows, `i` from 1, generated without touching the content.
    static func numbers(_ count: Int) -> String {
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count)) SELECT i, 'row ' || i AS label FROM n"
    }

    @Test("a cut query exits 11 after complete, well-formed JSON, NDJSON and CSV of exactly --max-rows rows")
    func cutMachineFormats() throws {
        let workspace = try Workspace.seeded()
        let json = try workspace.dossier("query", Self.numbers(10), "--max-rows", "3", "--json")
        #expect(json.status == ExitStatus.truncated.rawValue && json.status == 11, "\(json.stderr)")
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(array?.count == 3)
        #expect(array?.last?["i"] as? Int == 3)
        #expect(json.stderr.contains("output cut at 3 rows"))

        let csv = try workspace.dossier("query", Self.numbers(10), "--max-rows", "3", "--csv")
        #expect(csv.status == 11)
        #expect(csv.stdout == "i,label\r\n1,row 1\r\n2,row 2\r\n3,row 3\r\n")

        let ndjson = try workspace.dossier("query", Self.numbers(10), "--max-rows", "3", "--nl")
        #expect(ndjson.status == 11 && ndjson.stdout.split(separator: "\n").count == 3)
    }

    @Test("a cut table ends with a line on standard output saying so; a result of exactly --max-rows rows is no cut")
    func cutTable() throws {
        let workspace = try Workspace.seeded()
        let table = try workspace.dossier("query", Self.numbers(10), "--max-rows", "3")
        #expect(table.status == 11)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 2 + 3 + 1)
        #expect(lines.last?.contains("output cut at 3 rows") == true && lines.last?.contains("--max-rows") == true)

        let exact = try workspace.dossier("query", Self.numbers(3), "--max-rows", "3")
        #expect(exact.status == 0 && exact.stderr.isEmpty)
        #expect(!exact.stdout.contains("cut"))
        let quiet = try workspace.dossier("query", Self.numbers(10), "--max-rows", "3", "--csv", "--quiet")
        #expect(quiet.status == 11 && quiet.stderr.isEmpty)
    }

    @Test("--max-rows 0 prints every row; a long table is printed in blocks, each with its header")
    func noLimit() throws {
        let workspace = try Workspace.seeded()
        let rows = 2 * RowStreamWriter.tableBlockRows + 500
        let csv = try workspace.dossier("query", Self.numbers(rows), "--max-rows", "0", "--csv", "--no-headers")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.split(separator: "\r\n").count == rows)
        #expect(csv.stdout.hasSuffix("\(rows),row \(rows)\r\n"))

        let table = try workspace.dossier("query", Self.numbers(rows), "--max-rows", "0")
        #expect(table.status == 0 && table.stderr.isEmpty)
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let headers = lines.filter { $0.hasPrefix("i ") }
        #expect(headers.count == 3)
        #expect(lines.filter { $0.contains("row ") }.count == rows)
        #expect(lines.filter(\.isEmpty).count == 2)
    }

    @Test("a table of more rows than a block: blocks of at most that many rows, each aligned to its own rows")
    func tableBlocks() throws {
        var written: [String] = []
        let writer = RowStreamWriter(try FormatOptions.parse([]), blockRows: 2) { written.append($0) }
        try writer.begin(columns: ["n", "word"])
        for word in ["a", "bb", "cccccc", "d", "e"] {
            try writer.write([.integer(Int64(word.count)), .string(word)])
        }
        #expect(written.count == 2)  // two full blocks so far; the fifth row waits for end()
        try writer.end()
        #expect(written.count == 3)
        #expect(
            written == [
                "n  word\n-  ----\n1  a\n2  bb\n",
                "\nn  word\n-  ------\n6  cccccc\n1  d\n",
                "\nn  word\n-  ----\n1  e\n",
            ])

        var bare: [String] = []
        let headless = RowStreamWriter(try FormatOptions.parse(["--no-headers"]), blockRows: 2) { bare.append($0) }
        try headless.begin(columns: ["n"])
        for number in 1...3 { try headless.write([.integer(Int64(number))]) }
        try headless.end(cutAt: 3)
        #expect(bare.joined() == "1\n2\n3\n(output cut at 3 rows: raise --max-rows, or give --max-rows 0, to see every row)\n")

        var empty: [String] = []
        let none = RowStreamWriter(try FormatOptions.parse([]), blockRows: 2) { empty.append($0) }
        try none.begin(columns: ["n"])
        try none.end()
        #expect(empty == ["n\n-\n"])
    }

    @Test("the progress line's text: count, total and percentage when known, rate, numbers grouped")
    func progressText() {
        #expect(ProgressLine.text(.importing, completed: 12_345, total: nil, perSecond: 4_100.4) == "importing: 12,345 objects · 4,100/s")
        #expect(
            ProgressLine.text(.exporting, completed: 500, total: 2_000, perSecond: 250) == "exporting: 500 of 2,000 objects (25%) · 250/s")
        #expect(ProgressLine.text(.seeding, completed: 0, total: 0, perSecond: nil) == "seeding: 0 of 0 items")
        #expect(ProgressLine.text(.checking, completed: 1_234_567, total: nil, perSecond: .infinity) == "checking: 1,234,567 rows")
        #expect(ProgressLine.text(.checking, completed: 7, total: 5, perSecond: nil) == "checking: 7 of 5 rows (100%)")
        #expect(ProgressLine.grouped(999) == "999" && ProgressLine.grouped(1_000) == "1,000" && ProgressLine.grouped(-1_234) == "-1,234")
        #expect(ProgressLine.grouped(0) == "0")
    }

    @Test("a disabled progress line takes reports and finishes without drawing")
    func progressDisabled() {
        let line = ProgressLine(enabled: false)
        let handler = line.handler
        for completed in 1...1_000 { handler(ContentProgress(.importing, completed: completed)) }
        line.finish()
        line.finish()
    }

    @Test("--quiet (-q), before or after the command's name, silences notes; errors are still printed")
    func quiet() throws {
        let workspace = try Workspace.seeded()
        let loud = try workspace.dossier("export", "--output", "loud.json")
        #expect(loud.status == 0 && loud.stderr.contains("exported to loud.json"))
        let quiet = try workspace.dossier("export", "--output", "quiet.json", "--quiet")
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.isEmpty)
        #expect(workspace.contents("quiet.json") == workspace.contents("loud.json"))
        let leading = try workspace.dossier("-q", "export", "--output", "leading.json")
        #expect(leading.status == 0 && leading.stderr.isEmpty, "\(leading.stderr)")
        let failure = try workspace.dossier("show", "no-such-record", "--quiet")
        #expect(failure.status == 3 && failure.stderr.hasPrefix("dossier: "))
    }

    @Test("every command that runs takes the global options, so --quiet reaches it")
    func everyCommandTakesGlobalOptions() {
        var pending: [any ParsableCommand.Type] = [DossierCommand.self]
        var leaves = 0
        while let command = pending.popLast() {
            let subcommands = command.configuration.subcommands
            if subcommands.isEmpty {
                leaves += 1
                #expect(command is any CommandWithGlobalOptions.Type, "\(command)")
            }
            pending += subcommands
        }
        #expect(leaves >= 18)
    }
}
