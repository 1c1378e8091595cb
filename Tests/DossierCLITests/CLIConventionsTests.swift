import DossierTestSupport
import Foundation
import Testing

@testable import DossierCLI

/// The conventions people bring from sqlite-utils and the sqlite3 shell: format flags,
/// `--no-headers`, typed JSON output, `--database` before the subcommand, `-` for standard
/// output, usage errors for bad values, a busy exit code, NO_COLOR, `list --all`.
@Suite("CLI conventions of sqlite-utils and the sqlite3 shell")
struct CLIConventionsTests {
    /// Read commands that print rows, with the arguments that select something.
    static let rowCommands: [[String]] = [
        ["list", "claims"], ["list", "entities"], ["search", "depression"], ["timeline"], ["stats"],
        ["query", "SELECT slug, certainty FROM records ORDER BY id"], ["check"], ["history", "nmda-receptor-blockade"],
        ["migrate", "status"],
    ]

    @Test("--json, --nl, --csv and --tsv print exactly what --format prints", arguments: rowCommands)
    func formatFlags(command: [String]) throws {
        let workspace = try Workspace.seeded()
        for (flag, format) in [("--json", "json"), ("--nl", "ndjson"), ("--csv", "csv"), ("--tsv", "tsv")] {
            let long = try workspace.dossier(arguments: command + ["--format", format])
            let short = try workspace.dossier(arguments: command + [flag])
            #expect(long.status == short.status && [0, 4].contains(long.status), "\(command) \(flag): \(short.stderr)")
            #expect(long.stdout == short.stdout && !short.stdout.isEmpty, "\(command) \(flag)")
        }
    }

    @Test("--no-headers leaves out exactly the header of table, csv and tsv output", arguments: rowCommands)
    func noHeaders(command: [String]) throws {
        let workspace = try Workspace.seeded()
        for format in ["csv", "tsv"] {
            let with = try workspace.dossier(arguments: command + ["--format", format]).stdout
            let without = try workspace.dossier(arguments: command + ["--format", format, "--no-headers"]).stdout
            let separator = format == "csv" ? "\r\n" : "\n"
            #expect(with.components(separatedBy: separator).dropFirst().joined(separator: separator) == without, "\(command) \(format)")
        }
        let table = try workspace.dossier(arguments: command + ["--no-headers"])
        #expect([0, 4].contains(table.status), "\(table.stderr)")
        #expect(!table.stdout.contains("----"))
    }

    @Test("two output formats, or --no-headers with JSON, are usage errors (exit 2, one line)")
    func conflictingFormats() throws {
        let workspace = try Workspace.seeded()
        for arguments in [
            ["list", "claims", "--json", "--csv"], ["list", "claims", "--format", "csv", "--tsv"], ["stats", "--nl", "--json"],
            ["list", "claims", "--json", "--no-headers"], ["query", "SELECT 1", "--nl", "--no-headers"],
        ] {
            let result = try workspace.dossier(arguments: arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("dossier: ") && result.stdout.isEmpty, "\(arguments)")
        }
        // The same format twice is no conflict.
        #expect(try workspace.dossier("list", "claims", "--json", "--format", "json").status == 0)
    }

    @Test("TSV: one line per row; tab, line breaks and backslash are escaped")
    func tsvEscaping() throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.dossier(
            "query", "SELECT 'a' || char(9) || 'b' AS x, 'l1' || char(10) || 'l2' || char(13) AS y, 'c:\\d' AS z, NULL AS n", "--tsv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "x\ty\tz\tn\na\\tb\tl1\\nl2\\r\tc:\\\\d\t\n")
    }

    @Test("query JSON: a BLOB is {$base64}, text stays text however it looks, JSON columns and JSON expressions are JSON")
    func typedJSON() throws {
        let workspace = try Workspace.seeded()
        try DossierDBAccess.execute(
            workspace.file("dossier.sqlite"), "UPDATE records SET title = '[1, 2]', version = version + 1 WHERE slug = 'dissociative-state'"
        )
        let sql = """
            SELECT x'00ff' AS blob, 'X''00FF''' AS text, title, json(title) AS parsed, json_object('a', 1) AS object,
                   '{not json' AS broken, (SELECT new_values FROM audit_log WHERE table_name = 'records' LIMIT 1) AS audit
            FROM records WHERE slug = 'dissociative-state'
            """
        for format in ["--json", "--nl"] {
            let result = try workspace.dossier("query", sql, format)
            #expect(result.status == 0, "\(result.stderr)")
            let text = format == "--json" ? result.stdout : "[" + result.stdout + "]"
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            let row = try #require(rows.first)
            let blob = try #require(row["blob"] as? [String: Any])
            #expect(blob["$base64"] as? Bool == true && blob["encoded"] as? String == "AP8=")
            #expect(row["text"] as? String == "X'00FF'")
            #expect(row["title"] as? String == "[1, 2]")  // a table column of text: text
            #expect(row["parsed"] as? [Int] == [1, 2])
            #expect((row["object"] as? [String: Int]) == ["a": 1])
            #expect(row["broken"] as? String == "{not json")
            #expect((row["audit"] as? [String: Any])?["slug"] is String)  // declared JSON in the schema
        }
        // Table and CSV carry no types: a BLOB prints as its SQL literal.
        let csv = try workspace.dossier("query", "SELECT x'00ff' AS blob, 'plain' AS text", "--csv")
        #expect(csv.stdout == "blob,text\r\nX'00FF',plain\r\n")
    }

    @Test("--database and --busy-timeout may come before the subcommand's name, as in the sqlite3 shell")
    func databaseBeforeSubcommand() throws {
        let workspace = try Workspace.seeded()
        try FileManager.default.moveItem(atPath: workspace.file("dossier.sqlite"), toPath: workspace.file("d.sqlite"))
        let after = try workspace.dossier("stats", "--database", "d.sqlite", "--csv")
        #expect(after.status == 0, "\(after.stderr)")
        for arguments in [
            ["--database", "d.sqlite", "stats", "--csv"], ["--database=d.sqlite", "stats", "--csv"],
            ["--busy-timeout", "2", "--database", "d.sqlite", "stats", "--csv"],
            ["--immutable", "--database", "d.sqlite", "stats", "--csv"],
        ] {
            let before = try workspace.dossier(arguments: arguments)
            #expect(before.status == 0 && before.stdout == after.stdout, "\(arguments): \(before.stderr)")
        }
        let nested = try workspace.dossier("--database", "d.sqlite", "migrate", "verify")
        #expect(nested.status == 0, "\(nested.stderr)")
        let query = try workspace.dossier("--database", "d.sqlite", "query", "-", "--csv", input: "SELECT count(*) AS n FROM records")
        #expect(query.status == 0 && query.stdout.hasPrefix("n\r\n"), "\(query.stderr)")
        // Without a value, or without a subcommand, it is still a usage error.
        #expect(try workspace.dossier("--database").status == 2)
        #expect(try workspace.dossier("--database", "d.sqlite").status == 2)
    }

    @Test("- is standard output for export --output, backup and bundle; an existing destination is exit 2")
    func dashIsStandardOutput() throws {
        let workspace = try Workspace.seeded()
        let export = try workspace.dossier("export")
        let dash = try workspace.dossier("export", "--output", "-")
        #expect(dash.status == 0 && dash.stdout == export.stdout && !export.stdout.isEmpty)

        let backup = try workspace.shell("\"$DOSSIER\" backup - > piped.sqlite")
        #expect(backup.status == 0, "\(backup.stderr)")
        let copy = try workspace.dossier("export", "--database", "piped.sqlite")
        #expect(copy.status == 0 && copy.stdout == export.stdout, "\(copy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.file("-")))

        let bundled = try workspace.dossier("bundle", "ship.sqlite", "--json")
        let piped = try workspace.shell("\"$DOSSIER\" bundle - > piped-bundle.sqlite")
        #expect(bundled.status == 0 && piped.status == 0, "\(piped.stderr)")
        #expect(
            FileManager.default.contents(atPath: workspace.file("ship.sqlite"))
                == FileManager.default.contents(atPath: workspace.file("piped-bundle.sqlite")))
        #expect(piped.stderr.contains("sha256"))

        for arguments in [["backup", "ship.sqlite"], ["bundle", "ship.sqlite"], ["export", "--output", "ship.sqlite"]] {
            let refused = try workspace.dossier(arguments: arguments)
            #expect([1, 2].contains(refused.status) && refused.stderr.contains("ship.sqlite"), "\(arguments): \(refused.status)")
        }
        #expect(try workspace.dossier("backup", "ship.sqlite").status == 2)
    }

    @Test("every bad option value is a usage error: exit 2, one line naming the option, nothing written")
    func badOptionValues() throws {
        let workspace = try Workspace.seeded()
        let before = workspace.contents("dossier.sqlite")
        for arguments in [
            ["list", "claims", "--limit", "0"], ["list", "claims", "--limit", "abc"], ["list", "claims", "--limit", "-1"],
            ["list", "claims", "--limit", "10001"], ["list", "claims", "--all", "--limit", "5"], ["list", "claims", "--format", "xml"],
            ["list", "claims", "--status", "maybe"], ["search", "x", "--limit", "0"], ["search", "x", "--kind", "thing"],
            ["query", "SELECT 1", "--max-rows", "-1"], ["query", "SELECT 1", "--timeout", "-1"], ["query", "SELECT 1", "--timeout", "nan"],
            ["stats", "--busy-timeout", "-1"], ["stats", "--busy-timeout", "nan"], ["stats", "--busy-timeout", "abc"],
            ["stats", "--busy-timeout", "1e9"], ["seed", "--immutable"], ["migrate", "up", "--immutable"], ["setup", "--immutable"],
            ["import", "-", "--immutable"],
        ] {
            let result = try workspace.dossier(arguments: arguments, input: "")
            #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix("dossier: ") && result.stdout.isEmpty, "\(arguments): \(result.stderr)")
        }
        #expect(workspace.contents("dossier.sqlite") == before)
    }

    @Test("a database another process holds locked: exit 10 after --busy-timeout, naming the option; reads go on")
    func busy() throws {
        let workspace = try Workspace.seeded()
        // sqlite3 takes the write lock, says so, and holds it until its input ends.
        let result = try workspace.shell(
            """
            mkfifo hold
            sqlite3 dossier.sqlite < hold > locked &
            exec 3> hold
            echo "BEGIN IMMEDIATE; SELECT 'locked';" >&3
            while ! grep -q locked locked; do sleep 0.05; done
            "$DOSSIER" seed --busy-timeout 0.2 2> seed.err; echo "seed $?"
            "$DOSSIER" migrate up --busy-timeout 0 2> migrate.err; echo "migrate $?"
            "$DOSSIER" stats --csv > /dev/null 2> stats.err; echo "stats $?"
            echo "ROLLBACK;" >&3
            exec 3>&-
            wait
            "$DOSSIER" seed > /dev/null 2> after.err; echo "after $?"
            cat seed.err
            """, timeout: 60)
        #expect(result.stdout.contains("seed 10\n"), "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("stats 0\n"), "\(result.stdout)")
        #expect(result.stdout.contains("after 0\n"), "\(result.stdout)")
        #expect(result.stdout.contains("--busy-timeout"), "\(result.stdout)")
    }

    @Test("found by review: repeated column names, an option given before and after, odd destinations, --immutable past a hot journal")
    func reviewFindings() throws {
        let workspace = try Workspace.seeded()
        // Two columns named alike both reach JSON.
        let duplicate = try workspace.dossier("query", "SELECT 1 AS a, 2 AS a, 3 AS a_2", "--nl")
        #expect(duplicate.stdout == "{\"a\":1,\"a_2\":2,\"a_2_2\":3}\n", "\(duplicate.stdout)")
        // The last --database wins, wherever each one stands.
        #expect(try workspace.dossier("--database", "dossier.sqlite", "stats", "--database", "missing.sqlite").status == 8)
        #expect(try workspace.dossier("--database", "missing.sqlite", "stats", "--database", "dossier.sqlite").status == 0)
        #expect(try workspace.dossier("--database", "missing.sqlite", "migrate", "status", "--database", "dossier.sqlite").status == 0)
        // A dangling symbolic link is taken; an empty path is no path.
        try FileManager.default.createSymbolicLink(atPath: workspace.file("dangling"), withDestinationPath: workspace.file("nowhere"))
        for arguments in [["backup", "dangling"], ["bundle", "dangling"], ["backup", ""], ["bundle", ""]] {
            let refused = try workspace.dossier(arguments: arguments)
            #expect(refused.status == 2, "\(arguments): \(refused.stderr)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.file("dangling")) == workspace.file("nowhere"))
        #expect(!FileManager.default.fileExists(atPath: workspace.file("nowhere")))
        // An immutable read cannot roll back an interrupted transaction: refused, saying so.
        #expect(try workspace.dossier("bundle", "ship.sqlite").status == 0)
        #expect(FileManager.default.createFile(atPath: workspace.file("ship.sqlite-journal"), contents: Data(repeating: 1, count: 512)))
        let hot = try workspace.dossier("stats", "--immutable", "--database", "ship.sqlite")
        #expect(hot.status == 8 && hot.stderr.contains("-journal holds an interrupted transaction"), "\(hot.stderr)")
    }

    @Test("NO_COLOR turns colour off only when it is set to a non-empty value (no-color.org)")
    func noColor() {
        #expect(Terminal.allowsColor(environment: [:], isTerminal: true))
        #expect(Terminal.allowsColor(environment: ["NO_COLOR": ""], isTerminal: true))
        #expect(!Terminal.allowsColor(environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(!Terminal.allowsColor(environment: ["NO_COLOR": "0"], isTerminal: true))
        #expect(!Terminal.allowsColor(environment: ["TERM": "dumb"], isTerminal: true))
        #expect(!Terminal.allowsColor(environment: [:], isTerminal: false))
    }

    @Test("list --all streams every record across pages, the same rows as the pages joined")
    func listAll() throws {
        let workspace = try Workspace.seeded()
        // 2,500 more events, so that --all reads several of its pages.
        try DossierDBAccess.execute(
            workspace.file("dossier.sqlite"),
            """
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
            INSERT INTO records(slug, kind, title, statement, certainty, status)
            SELECT 'bulk-event-' || i, 'event', 'Bulk event ' || i, 'A generated event.', 'possible', 'draft' FROM n;
            INSERT INTO historical_events(record_id, precision) SELECT id, 'unknown' FROM records WHERE slug GLOB 'bulk-event-*';
            COMMIT;
            """)
        let all = try workspace.dossier("list", "events", "--all", "--nl")
        #expect(all.status == 0, "\(all.stderr)")
        let lines = all.stdout.split(separator: "\n")
        let total = try workspace.dossier("query", "SELECT count(*) FROM records WHERE kind = 'event'", "--csv", "--no-headers")
        #expect(lines.count == Int(total.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(lines.count > 2 * ListCommand.pageSizeForAll)
        #expect(Set(lines).count == lines.count)
        #expect(!all.stderr.contains("more:"))

        // The same rows as paging by hand with --limit and --after.
        var paged: [Substring] = []
        var after: String?
        repeat {
            let page = try workspace.dossier(
                arguments: ["list", "events", "--nl", "--limit", "1000"] + (after.map { ["--after", $0] } ?? []))
            paged += page.stdout.split(separator: "\n")
            let words = page.stderr.split(whereSeparator: \.isWhitespace)
            after = words.firstIndex(of: "--after").map { String(words[$0 + 1]) }
        } while after != nil
        #expect(paged == lines)

        let csv = try workspace.dossier("list", "events", "--all", "--csv")
        #expect(csv.stdout.split(separator: "\r\n").count == lines.count + 1)
        #expect(try workspace.dossier("list", "sources", "--all").status == 0)
    }
}
