import DossierTestSupport
import Foundation
import Testing

/// Random command lines against a seeded database, run as a user would: every run ends by
/// itself, with a documented exit code and, when it fails, a message instead of a crash.
@Suite("Fuzzing the CLI's arguments", .tags(.slow))
struct CLIArgumentFuzzTests {
    static let runs = 300

    static let commands = [
        "setup", "migrate", "seed", "list", "show", "timeline", "search", "query", "check", "export", "import", "backup",
        "stats", "history", "--help", "--version", "help", "nonsense", "",
    ]

    static let tokens = [
        "status", "up", "verify", "events", "claims", "mechanisms", "sources", "entities", "--format", "json", "csv", "ndjson",
        "table", "xml", "--limit", "0", "-1", "3", "99999999999999999999", "--after", "--entity", "ketamine", "--status",
        "published", "--certainty", "established", "--database", "dossier.sqlite", "missing.sqlite", "/", ".", "--kind", "claim",
        "--param", "a=1", "=", "x=", "--timeout", "0.001", "nan", "--max-rows", "--dry-run", "--mode", "sync", "upsert", "--to",
        "--output", "out.json", "-", "--", "🧪", "", " ", "'", "\"", "SELECT 1", "SELECT :a", "DELETE FROM records",
        "neural-pathway-reset", "nmda-blockade", "--problems-only", "-x", "--no-such-flag", "--help", "-h", "NEAR(", "*",
        "\u{202E}evil", "e\u{301}", String(repeating: "k", count: 5_000),
    ]

    @Test("300 random command lines: a documented exit code, no crash, no hang, an error message on every failure")
    func randomCommandLines() throws {
        let workspace = try Workspace.seeded()
        var random = SeededRandom(seed: 15)
        var byStatus: [Int32: Int] = [:]
        for index in 0..<Self.runs {
            var arguments = [random.pick(Self.commands)]
            if arguments[0].isEmpty { arguments.removeAll() }
            for _ in 0..<random.below(6) { arguments.append(random.pick(Self.tokens)) }
            let result = try workspace.dossier(arguments: arguments, timeout: 60)
            byStatus[result.status, default: 0] += 1
            #expect(!result.timedOut, "run \(index) \(arguments) did not end")
            #expect((0...8).contains(result.status), "run \(index) \(arguments): exit \(result.status)\n\(result.stderr)")
            for crash in ["Fatal error", "Stack dump", "Illegal instruction", "Segmentation fault", "Current stack trace"] {
                #expect(!result.stderr.contains(crash), "run \(index) \(arguments): \(result.stderr)")
            }
            if result.status != 0 {
                #expect(!result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "run \(index) \(arguments) failed silently")
            }
        }
        // Whatever those commands did, the database is still sound.
        let check = try workspace.dossier("migrate", "verify")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        print(
            "fuzz: \(Self.runs) command lines, exit codes \(byStatus.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))"
        )
    }
}
