import DossierTestSupport
import Foundation
import Testing

/// The process boundary under hostile conditions: closed and full standard streams, numbers out
/// of range, paths that are not database files, terminal escapes, long-running and memory-hungry
/// queries. Every case runs the real executable; none may crash, hang or lose output silently.
@Suite("Hostile environment")
struct HostileEnvironmentTests {
    /// Scripts whose output or input cannot be written or read, and what they must report.
    static let brokenStreams: [(script: String, stream: String)] = [
        (#""$DOSSIER" export > /dev/full"#, "standard output"),
        (#""$DOSSIER" export >&-"#, "standard output"),
        (#""$DOSSIER" export --output - > /dev/full"#, "standard output"),
        (#""$DOSSIER" query "SELECT slug FROM records" > /dev/full"#, "standard output"),
        (#""$DOSSIER" query "SELECT slug FROM records" --format json >&-"#, "standard output"),
        (#""$DOSSIER" list claims > /dev/full"#, "standard output"),
        (#""$DOSSIER" show dissociative-state > /dev/full"#, "standard output"),
        (#""$DOSSIER" query - <&-"#, "standard input"),
    ]

    @Test("a full or closed standard stream is exit 1 with one line, never a crash or exit 0", arguments: brokenStreams.indices)
    func brokenStream(index: Int) throws {
        let (script, stream) = Self.brokenStreams[index]
        let workspace = try Workspace.seeded()
        let result = try workspace.shell(script, timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 1, "\(script): \(result.status) \(result.stderr)")
        #expect(result.stderr.hasPrefix("dossier: ") && result.stderr.contains(stream), "\(script): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(script): \(result.stderr)")
    }

    @Test("with standard error closed, a command that succeeds still succeeds, and one that fails still exits with its code")
    func closedStandardError() throws {
        let workspace = try Workspace.seeded()
        let list = try workspace.shell(#""$DOSSIER" list claims 2>&-"#)
        #expect(list.status == 0 && list.stdout.contains("improvement-within-hours-or-days"))
        let backup = try workspace.shell(#""$DOSSIER" backup copy.sqlite 2>&-"#)
        #expect(backup.status == 0 && FileManager.default.fileExists(atPath: workspace.file("copy.sqlite")))
        #expect(try workspace.shell(#""$DOSSIER" show no-such-record 2>&-"#).status == 3)
        #expect(try workspace.shell(#""$DOSSIER" query "SELECT 1" --max-rows 0 2>&-"#).status == 0)
    }

    static let outOfRange: [[String]] = [
        ["query", "SELECT 1", "--timeout", "2e10"], ["query", "SELECT 1", "--timeout", "1e309"],
        ["query", "SELECT 1", "--timeout", "nan"], ["query", "SELECT 1", "--timeout", "-0.5"],
        ["query", "SELECT 1", "--max-memory", "0"], ["query", "SELECT 1", "--max-memory", "99999999999"],
        ["query", "SELECT 1", "--max-rows", "-1"], ["list", "claims", "--limit", "0"], ["list", "claims", "--limit", "10001"],
        ["list", "claims", "--limit", "99999999999999999999"], ["search", "ketamine", "--limit", "0"],
        ["search", "ketamine", "--limit", "1001"],
    ]

    @Test("numbers out of range are usage errors (exit 2)", arguments: outOfRange)
    func numbersOutOfRange(arguments: [String]) throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.dossier(arguments: arguments, timeout: 60)
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.hasPrefix("dossier: ") && !result.stderr.contains("Fatal error"))
    }

    @Test("--database takes a database file or a new path: never a FIFO, a device, :memory: or a URI")
    func databasePaths() throws {
        let workspace = try Workspace.seeded()
        #expect(mkfifo(workspace.file("pipe"), 0o644) == 0)
        for command in [["list", "claims"], ["query", "SELECT 1"], ["check"], ["setup"], ["seed"], ["export"]] {
            let fifo = try workspace.dossier(arguments: command + ["--database", "pipe"], timeout: 60)
            #expect(!fifo.timedOut && fifo.status == 8, "\(command) on a FIFO: \(fifo.stderr)")
            #expect(fifo.stderr.contains("FIFO"))
        }
        for device in ["/dev/null", "/dev/zero"] {
            let result = try workspace.dossier(arguments: ["setup", "--database", device], timeout: 60)
            #expect(result.status == 8 && result.stderr.contains("device"), "\(device): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: device + "-journal"))
        }
        let memory = try workspace.dossier("setup", "--database", ":memory:")
        #expect(memory.status == 2 && memory.stderr.contains(":memory:"))
        let uri = try workspace.dossier("list", "claims", "--database", "file:copy?mode=memory")
        #expect(uri.status == 2 && uri.stderr.contains("URI"))
        // The documented way to name a file whose name starts with "file:".
        let odd = try workspace.dossier("setup", "--database", "./file:odd.sqlite")
        #expect(odd.status == 0 && FileManager.default.fileExists(atPath: workspace.file("file:odd.sqlite")), "\(odd.stderr)")
    }

    @Test("user text in messages is escaped: no terminal escape or extra line reaches standard error")
    func escapedMessages() throws {
        let workspace = try Workspace.seeded()
        for hostile in ["\u{1B}[2J\u{1B}[31mevil", "two\nlines", "bell\u{07}", "carriage\rreturn", "\u{9B}31mc1"] {
            for arguments in [
                ["show", hostile], ["history", hostile], ["list", "claims", "--entity", hostile], ["backup", "/no/such/\(hostile)/x"],
            ] {
                let result = try workspace.dossier(arguments: arguments)
                #expect(result.status != 0)
                let scalars = result.stderr.unicodeScalars.dropLast()
                #expect(
                    !scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                    "\(arguments): \(result.stderr.debugDescription)")
            }
        }
    }

    @Test("SQL may start with a -- comment, and a parameter without a value is a usage error")
    func sqlText() throws {
        let workspace = try Workspace.seeded()
        let comment = try workspace.dossier(
            "query", "-- how many claims\nSELECT count(*) AS n FROM records WHERE kind = 'claim'", "--format", "csv")
        #expect(comment.status == 0 && comment.stdout == "n\r\n4\r\n", "\(comment.stderr)")
        let extra = try workspace.dossier("query", "SELECT 1 AS x", "--param", "nothing=1")
        #expect(extra.status == 2 && extra.stderr.contains("nothing"))
        let positional = try workspace.dossier("query", "SELECT ?1 AS x")
        #expect(positional.status == 2 && positional.stderr.contains("?1"))
    }

    @Test("--timeout holds inside one long function call, and a second statement is refused at once")
    func timeoutHolds() throws {
        let workspace = try Workspace.seeded()
        // One call of instr() over megabytes: SQLite's progress handler never runs inside it.
        let instr = try workspace.dossier(
            arguments: [
                "query", "SELECT instr(printf('%.*c', 2000000, 'a'), printf('%.*c', 100000, 'a') || 'b') AS x", "--timeout", "0.5",
            ], timeout: 120)
        #expect(!instr.timedOut && instr.status == 7, "\(instr.stderr)")
        #expect(instr.stdout.isEmpty)
        // 80,000 statements: the first is prepared, the second refused without preparing the rest.
        let many = try workspace.dossier(arguments: ["query", "-"], input: String(repeating: "SELECT 1;", count: 80_000), timeout: 120)
        #expect(!many.timedOut && many.status == 1 && many.stderr.contains("more than one statement"), "\(many.stderr.prefix(200))")
    }

    @Test("a query that needs more memory than --max-memory stops with exit 9")
    func memoryLimit() throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.dossier(
            // No time limit: on a loaded machine the query may take longer than the default 5 s
            // to reach 64 MB, and this test is about memory, not time.
            arguments: ["query", "SELECT length(printf('%.*c', 200000000, 'a')) AS n", "--max-memory", "64", "--timeout", "0"], timeout: 120
        )
        #expect(result.status == 9, "\(result.stderr)")
        #expect(result.stderr.contains("--max-memory"))
        // The same query fits a larger limit.
        let fits = try workspace.dossier(
            arguments: ["query", "SELECT length(printf('%.*c', 2000000, 'a')) AS n", "--max-memory", "64", "--format", "csv"], timeout: 120)
        #expect(fits.status == 0 && fits.stdout == "n\r\n2000000\r\n")
    }

    @Test("copies left by killed backups are removed by the next backup; other files are not")
    func abandonedPartialCopies() throws {
        let workspace = try Workspace.seeded()
        // The process id of a process that has ended: its partial copies are abandoned.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let pid = ended.processIdentifier
        let template = try #require(FileManager.default.contents(atPath: workspace.file("dossier.sqlite")))
        try template.write(to: URL(fileURLWithPath: workspace.file("old.sqlite.partial-\(pid)")))
        try Data().write(to: URL(fileURLWithPath: workspace.file("old.sqlite.partial-\(pid)-journal")))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: workspace.file("notes.partial-\(pid)")))
        let result = try workspace.dossier("backup", "new.sqlite")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.file("old.sqlite.partial-\(pid)")))
        #expect(!FileManager.default.fileExists(atPath: workspace.file("old.sqlite.partial-\(pid)-journal")))
        #expect(FileManager.default.fileExists(atPath: workspace.file("notes.partial-\(pid)")))
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.contains(".partial-") }
        #expect(left == ["notes.partial-\(pid)"])
    }
}
