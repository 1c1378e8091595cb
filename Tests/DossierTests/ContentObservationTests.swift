import Dossier
import DossierTestSupport
import Foundation
import Synchronization
import Testing

@Suite("Observing content: a value per relevant commit, from this process or another")
struct ContentObservationTests {
    private static let appTable = try? Migration(
        fileName: "0001_app_notes.sql", sql: "CREATE TABLE app_notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;")

    @Test("a record by slug: one value per commit that changes it, nothing for the app's own table", arguments: [false, true])
    func recordBySlug(inMemory: Bool) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let migration = try #require(Self.appTable)
        var options = ContentDatabase.OpenOptions()
        options.appMigrations = [migration]
        let content =
            inMemory
            ? try ContentDatabase.inMemory(appMigrations: [migration])
            : try ContentDatabase(path: folder.file("o.sqlite"), options: options)
        try content.seed()
        _ = try await content.write { tx in try tx.claims.insert(ContentConcurrencyTests.newClaim("watched")) }
        let fetches = Atomic<Int>(0)
        var titles = content.observe { tx in
            fetches.add(1, ordering: .relaxed)
            return try tx.claims.get(slug: "watched")?.info.title
        }.makeAsyncIterator()
        #expect(try await titles.next() == "A claim watched")
        for round in 1...3 {
            try await content.write { tx in try tx.db.execute("INSERT INTO app_notes(body) VALUES ('unrelated')") }
            var claim = try #require(try await content.claims.get(slug: "watched"))
            claim.info.title = "Edited \(round)"
            try await content.claims.update(claim)
            #expect(try await titles.next() == "Edited \(round)")
            #expect(fetches.load(ordering: .relaxed) == 1 + round)
        }
        try await content.claims.delete(slug: "watched")
        #expect(try await titles.next() == .some(nil))
    }

    @Test("a search, a filtered list and the timeline follow the commits that change them")
    func searchListAndTimeline() async throws {
        let content = try ContentDatabase.inMemory()
        try content.seed()
        var hits = content.search.observe("zebrafish").makeAsyncIterator()
        var probable = content.claims.observe(RecordFilter(certainty: .probable)).makeAsyncIterator()
        var timeline = content.events.observeTimeline().makeAsyncIterator()
        #expect(try await hits.next()?.isEmpty == true)
        let probableBefore = try #require(try await probable.next()).items.count
        let eventsBefore = try #require(try await timeline.next()).count
        var claim = ContentConcurrencyTests.newClaim("zebrafish-claim")
        claim.info.title = "Zebrafish models"
        try await content.claims.insert(claim)
        #expect(try await hits.next()?.map(\.slug) == ["zebrafish-claim"])
        #expect(try await probable.next()?.items.count == probableBefore + 1)
        let event = HistoricalEvent(
            RecordInfo(slug: "a-later-event", title: "A later event", statement: "Something happened.", certainty: .established),
            date: try EventDate.edtf("2030"))
        try await content.events.insert(event)
        #expect(try await timeline.next()?.count == eventsBefore + 1)
    }

    @Test(
        "a commit by another process (the sqlite3 shell) is seen",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func otherProcess() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("shared.sqlite")
        let content = try ContentDatabase(path: path)
        try content.seed()
        var count = content.observe { tx in try tx.claims.all().count }.makeAsyncIterator()
        let before = try #require(try await count.next())
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [
            path,
            "PRAGMA busy_timeout=5000; PRAGMA trusted_schema=ON; DELETE FROM records WHERE kind = 'claim' AND id = (SELECT max(id) FROM records WHERE kind = 'claim');",
        ]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(try await count.next() == before - 1)
    }
}
