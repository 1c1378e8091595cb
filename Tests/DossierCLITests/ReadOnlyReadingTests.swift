import DossierTestSupport
import Foundation
import Testing

/// Read commands on read-only media and in folders they cannot write, and the files they leave
/// behind: none.
@Suite("Read commands: read-only media, and no -wal or -shm left behind")
struct ReadOnlyReadingTests {
    /// Every command that only reads, with arguments that make it read something.
    static let readCommands: [[String]] = [
        ["list", "claims"], ["list", "events", "--all", "--nl"], ["list", "sources"], ["list", "entities", "--json"],
        ["show", "nmda-receptor-blockade"], ["show", "nmda-receptor-blockade", "--json"], ["timeline"], ["search", "depression"],
        ["query", "SELECT slug, title FROM records ORDER BY id"], ["check"], ["export"], ["stats", "--csv"],
        ["history", "nmda-receptor-blockade"], ["migrate", "status"], ["migrate", "verify"],
    ]

    /// A seeded database in WAL mode, checkpointed, that no process has open: the common case.
    @Test("a read leaves the folder as it found it: no -wal, no -shm, the file's bytes unchanged", arguments: readCommands)
    func noTrace(command: [String]) throws {
        let workspace = try Workspace.seeded()
        let before = ReadOnlyFolder.listing(workspace.path)
        let bytes = workspace.contents("dossier.sqlite")
        let result = try workspace.dossier(arguments: command)
        #expect(result.status == 0, "\(command): \(result.stderr)")
        #expect(!result.stdout.isEmpty)
        #expect(ReadOnlyFolder.listing(workspace.path) == before, "\(command)")
        #expect(workspace.contents("dossier.sqlite") == bytes)
    }

    @Test("backup and bundle read without a trace too: only the file asked for appears")
    func copiesLeaveNoTrace() throws {
        let workspace = try Workspace.seeded()
        #expect(try workspace.dossier("backup", "copy.sqlite").status == 0)
        #expect(try workspace.dossier("bundle", "ship.sqlite").status == 0)
        #expect(ReadOnlyFolder.listing(workspace.path) == ["copy.sqlite", "dossier.sqlite", "ship.sqlite"])
    }

    @Test("on read-only media every read command prints what it prints on a writable copy, and nothing is written")
    func readOnlyMedia() throws {
        let workspace = try Workspace.seeded()
        let expected = try Self.readCommands.map { try workspace.dossier(arguments: $0).stdout }
        let folder = workspace.file("media")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: workspace.file("dossier.sqlite"), toPath: folder + "/dossier.sqlite")
        // A stale, empty log left by a read-only copy of older tools: nothing in it to miss.
        #expect(FileManager.default.createFile(atPath: folder + "/dossier.sqlite-wal", contents: Data()))
        let readOnly = ReadOnlyFolder(folder)
        defer { readOnly.restore() }
        // chmod for a user, chattr +i or a read-only bind mount for root (CI).
        try #require(readOnly.mechanism != .none, "no way to make a folder read-only here")
        let before = ReadOnlyFolder.listing(readOnly.path)
        for (command, output) in zip(Self.readCommands, expected) {
            let result = try workspace.dossier(arguments: command + ["--database", readOnly.file("dossier.sqlite")])
            #expect(result.status == 0, "\(command) (\(readOnly.mechanism.rawValue)): \(result.stderr)")
            #expect(result.stdout == output, "\(command)")
        }
        // A write cannot open the file for writing (exit 8), and says why.
        let seed = try workspace.dossier("seed", "--database", readOnly.file("dossier.sqlite"))
        #expect(seed.status == 8 && (seed.stderr.contains("not writable") || seed.stderr.contains("read-only")), "\(seed.stderr)")
        #expect(ReadOnlyFolder.listing(readOnly.path) == before)
    }

    @Test("a database another connection has open is read through its log: the latest commit is seen, the log is left alone")
    func liveWriter() throws {
        let workspace = try Workspace.seeded()
        let result = try workspace.shell(
            """
            mkfifo hold
            sqlite3 dossier.sqlite < hold > said &
            exec 3> hold
            echo "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = ON;" >&3
            echo "UPDATE records SET title = 'Retitled while open', version = version + 1 WHERE slug = 'dissociative-state';" >&3
            echo "SELECT 'written';" >&3
            while ! grep -q written said; do sleep 0.05; done
            "$DOSSIER" show dissociative-state --json | grep -c "Retitled while open"; echo "show $?"
            "$DOSSIER" query "SELECT title FROM records WHERE slug = 'dissociative-state'" --csv --no-headers
            test -f dossier.sqlite-wal && echo "log kept"
            "$DOSSIER" stats --immutable > /dev/null 2> immutable.err; echo "immutable $?"
            cat immutable.err
            exec 3>&-
            wait
            """, timeout: 60)
        #expect(result.stdout.contains("show 0"), "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("Retitled while open\r\n"), "\(result.stdout)")
        #expect(result.stdout.contains("log kept"))
        // --immutable cannot read past a log that holds commits: refused, saying why.
        #expect(result.stdout.contains("immutable 8"), "\(result.stdout)")
        #expect(result.stdout.contains("-wal holds"), "\(result.stdout)")
    }
}
