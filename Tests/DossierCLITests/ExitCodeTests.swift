import DossierTestSupport
import Foundation
import Testing

/// The documented exit codes, and what each failure leaves behind (nothing).
@Suite("Exit codes and failures")
struct ExitCodeTests {
    static let writes = [
        "DELETE FROM records",
        "WITH x AS (SELECT 1) DELETE FROM records",
        "UPDATE records SET title = 'x', version = version + 1",
        "DROP TABLE records",
        "ATTACH 'other.sqlite' AS other",
        "PRAGMA writable_schema = 1",
        "VACUUM",
        "VACUUM INTO 'copy.sqlite'",
        "INSERT INTO audit_log(table_name, row_id, operation, new_values) VALUES ('x', 1, 'insert', '{}')",
        "SELECT 1; DELETE FROM records",
        "CREATE TEMP TABLE t(x)",
    ]

    @Test("query refuses every write with exit 6 and leaves the file unchanged", arguments: writes)
    func readOnlyViolation(sql: String) throws {
        let workspace = try Workspace.seeded()
        let before = workspace.contents("dossier.sqlite")
        let result = try workspace.dossier("query", sql)
        #expect(result.status == 6, "\(sql): \(result.stderr)")
        #expect(result.stderr.hasPrefix("dossier: ") && result.stderr.split(separator: "\n").count == 1)
        #expect(workspace.contents("dossier.sqlite") == before)
        #expect(!FileManager.default.fileExists(atPath: workspace.file("copy.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: workspace.file("other.sqlite")))
    }

    @Test("a query that never ends is stopped by --timeout with exit 7")
    func timeout() throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.dossier(
            "query", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n", "--timeout", "0.3")
        #expect(result.status == 7, "\(result.stderr)")
        #expect(result.stderr.contains("ran longer than"))
    }

    @Test("query reads SQL from standard input, binds parameters, and cuts output at --max-rows")
    func queryOptions() throws {
        let workspace = try Workspace.seeded()
        let piped = try workspace.dossier(
            "query", "-", "--param", "kind=claim", "--format", "csv", input: "SELECT count(*) AS n FROM records WHERE kind = :kind")
        #expect(piped.status == 0 && piped.stdout == "n\r\n4\r\n")
        // A parameter left without a value is a usage error, not a silent NULL that matches nothing.
        let unbound = try workspace.dossier("query", "-", input: "SELECT count(*) AS n FROM records WHERE kind = :kind")
        #expect(unbound.status == 2 && unbound.stderr.contains(":kind") && unbound.stdout.isEmpty)
        let bound = try workspace.dossier(
            "query", "SELECT count(*) AS n FROM records WHERE kind = :kind", "--param", "kind=claim", "--format", "csv")
        #expect(bound.stdout == "n\r\n4\r\n")
        let cut = try workspace.dossier("query", "SELECT slug FROM records", "--max-rows", "3", "--format", "ndjson")
        #expect(cut.stdout.split(separator: "\n").count == 3 && cut.stderr.contains("output cut at 3 rows"))
        #expect(cut.status == 11)
        #expect(try workspace.dossier("query", "SELEC 1").status == 1)
    }

    @Test("usage errors exit 2")
    func usage() throws {
        let workspace = try Workspace.seeded()
        for arguments in [
            ["bogus"], ["list"], ["list", "gadgets"], ["list", "claims", "--status", "archived"], ["list", "claims", "--limit", "x"],
            ["search", "x", "--kind", "gadget"], ["query", "SELECT 1", "--timeout", "-1"], ["list", "sources", "--entity", "ketamine"],
        ] {
            let result = try workspace.dossier(arguments: arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.isEmpty)
        }
    }

    @Test("a missing slug exits 3")
    func notFound() throws {
        let workspace = try Workspace.seeded()
        for arguments in [["show", "no-such-record"], ["history", "no-such-record"], ["list", "claims", "--entity", "no-such-entity"]] {
            #expect(try workspace.dossier(arguments: arguments).status == 3, "\(arguments)")
        }
    }

    @Test("check exits 4 when it finds problems")
    func checkFailure() throws {
        let workspace = try Workspace.seeded()
        #expect(try workspace.dossier("check").status == 0)
        // Damage the data around the library: an uncited published record.
        try DossierDBAccess.execute(
            workspace.file("dossier.sqlite"),
            "INSERT INTO records(slug, kind, title, statement, certainty, status) VALUES ('bare', 'claim', 'Bare', 'Bare.', 'possible', 'published')"
        )
        let result = try workspace.dossier("check", "--problems-only", "--format", "csv")
        #expect(result.status == 4)
        #expect(result.stdout.contains("published_uncited") && result.stdout.contains("typed_row"))
    }

    @Test("a newer database or an edited migration exits 5")
    func migrationDrift() throws {
        let workspace = try Workspace.seeded()
        try DossierDBAccess.execute(
            workspace.file("dossier.sqlite"),
            "INSERT INTO dossier_migrations(version, name, checksum, checksum_algorithm, applied_at) VALUES (99, 'future', '\(String(repeating: "a", count: 64))', 'x', 'now')"
        )
        for arguments in [["migrate", "status"], ["migrate", "verify"], ["migrate", "up"], ["list", "claims"], ["setup"]] {
            let result = try workspace.dossier(arguments: arguments)
            #expect(result.status == 5, "\(arguments): \(result.stderr)")
            #expect((result.stdout + result.stderr).contains("newer"))
        }
    }

    @Test("--database pointing at a missing file, a folder or a garbage file exits 8 and creates nothing")
    func badDatabase() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(atPath: workspace.file("folder"), withIntermediateDirectories: true)
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: workspace.file("garbage.sqlite")))
        for database in ["typo.sqlite", "folder", "garbage.sqlite"] {
            for command in [["list", "claims"], ["query", "SELECT 1"], ["check"], ["migrate", "status"], ["export"], ["seed"]] {
                let result = try workspace.dossier(arguments: command + ["--database", database])
                #expect(result.status == 8, "\(command) --database \(database): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains(database))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.file("typo.sqlite")))
        let environment = try workspace.dossier(arguments: ["list", "claims"], environment: ["DOSSIER_DATABASE": "from-env.sqlite"])
        #expect(environment.status == 8 && environment.stderr.contains("from-env.sqlite"))
    }

    @Test("a read-only database file can be read but not written")
    func readOnlyFile() throws {
        guard getuid() != 0 else { return }  // root ignores file permissions
        let workspace = try Workspace.seeded()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: workspace.file("dossier.sqlite"))
        #expect(try workspace.dossier("list", "claims").status == 0)
        #expect(try workspace.dossier("seed").status != 0)
    }

    @Test("seeding a broken folder exits 4 and changes nothing")
    func badSeeds() throws {
        let workspace = try Workspace.seeded()
        try FileManager.default.createDirectory(atPath: workspace.file("seeds"), withIntermediateDirectories: true)
        try #"{"dossier": "broken", "claims": [{"slug": "Bad Slug"}]}"#.write(
            toFile: workspace.file("seeds/broken.json"), atomically: true, encoding: .utf8)
        let before = try workspace.dossier("export").stdout
        let result = try workspace.dossier("seed", "seeds")
        #expect(result.status == 4)
        #expect(result.stderr.contains("broken.json: claims[0]"))
        #expect(try workspace.dossier("export").stdout == before)
    }

    @Test("seeding twice changes nothing the second time; a dry run writes nothing")
    func seedIdempotent() throws {
        let workspace = try Workspace.seeded()
        let again = try workspace.dossier("seed")
        #expect(again.status == 0 && again.stderr.contains("changed 0 item(s)"))
        let fresh = try Workspace()
        #expect(try fresh.dossier("migrate", "up").status == 0)
        let dry = try fresh.dossier("seed", "--dry-run", "--format", "csv")
        #expect(dry.status == 0 && dry.stderr.contains("dry run") && dry.stdout.contains("inserted,claim,"))
        #expect(try fresh.dossier("stats", "--format", "csv").stdout.contains("rows,records,0"))
    }

    @Test("backup writes a usable copy and refuses to overwrite one")
    func backup() throws {
        let workspace = try Workspace.seeded()
        #expect(try workspace.dossier("backup", "copy.sqlite").status == 0)
        #expect(try workspace.dossier("check", "--database", "copy.sqlite").status == 0)
        #expect(try workspace.dossier("backup", "copy.sqlite").status != 0)
    }
}
