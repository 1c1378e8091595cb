import Dossier
import Foundation
import Testing

/// The README's library example, compiled and run here. The second test checks the README
/// shows exactly this code, so the two cannot drift apart.
@Suite("The README's library example")
struct ReadmeExampleTests {
    @Test("runs as the README says")
    func example() throws {
        // README example: begin
        let content = try ContentDatabase.inMemory()  // or ContentDatabase(path: "dossier.sqlite")
        try content.seed()  // the ketamine dossier built into the library

        // Add a claim that cites the article word for word; the library finds the quote.
        let claim = try content.claims.insert(
            ClinicalClaim(
                RecordInfo(
                    slug: "relief-for-persistent-depression", title: "Relief for persistent depression",
                    statement: "Ketamine’s rapid relief helps people battling persistent depression.",
                    certainty: .established, status: .reviewed),
                intervention: "ketamine", indication: "depression", outcome: "rapid relief"),
            citing: [Quote("This rapid relief offers a lifeline", from: "ketamine-journey")])
        print(claim.slug, "version", claim.version)  // relief-for-persistent-depression version 1

        // Full-text search, best first.
        for hit in try content.search.find("synaptic connections") {
            print(hit.slug, hit.snippet)  // synaptic-growth …growth of new [synaptic] [connections]…
        }

        // The history, in date order.
        for event in try content.events.timeline() {
            print(event.date.displayText, "—", event.title)
        }
        // README example: end

        #expect(claim.version == 1)
        #expect(try content.search.find("synaptic connections").first?.slug == "synaptic-growth")
        #expect(try content.events.timeline().first?.slug == "surgical-beginnings")
        #expect(try content.records.citations(of: claim.slug).first?.exact == "This rapid relief offers a lifeline")
    }

    @Test("the app example runs as the README says: async calls, a shared transaction, observation, app migrations, a bundle")
    func appExample() async throws {
        // README app example: begin
        let folder = NSTemporaryDirectory() + "readme-" + UUID().uuidString  // your app's support folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

        // Your own tables live beside Dossier's, in a ledger of their own.
        var options = ContentDatabase.OpenOptions()
        options.appMigrations = [
            try Migration(fileName: "0001_bookmarks.sql", sql: "CREATE TABLE bookmarks(slug TEXT PRIMARY KEY) STRICT;")
        ]
        let content = try ContentDatabase(path: folder + "/app.sqlite", options: options)
        try content.seed()

        // Async calls suspend instead of blocking; cancelling the task interrupts the SQL.
        let hits = try await content.search.find("synaptic connections")

        // Observation: the value now, then again after each commit that changes it.
        let watcher = Task {
            for try await count in content.observe({ tx in try tx.db.fetchOne("SELECT count(*) FROM bookmarks") { try $0.int(0) } }) {
                print("bookmarks:", count ?? 0)  // the count now, then after each change
                if count == hits.count { break }
            }
        }

        // Repository calls and your own SQL in one transaction: both commit, or neither.
        try await content.write { tx in
            for hit in hits {
                if try tx.records.get(slug: hit.slug) != nil {
                    try tx.db.execute("INSERT INTO bookmarks(slug) VALUES (?)", [.text(hit.slug)])
                }
            }
        }
        try await watcher.value

        // A compact, read-only copy to ship; opened bundled, nothing is ever written beside it.
        let bundle = try content.bundle(to: folder + "/shipped.sqlite")
        let shipped = try ContentDatabase(bundled: bundle.path)
        print(try await shipped.claims.all().count, "claims, sha256", bundle.sha256)
        // README app example: end

        #expect(hits.first?.slug == "synaptic-growth")
        #expect(try await shipped.claims.all().count == (try await content.claims.all().count))
        await #expect(throws: ContentError.self) { try await shipped.claims.delete(slug: "synaptic-growth") }
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test("the README shows this code")
    func readmeMatches() throws {
        let testFile = URL(fileURLWithPath: #filePath)
        let readme = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let readmeText = try String(contentsOf: readme, encoding: .utf8)
        let source = try String(contentsOf: testFile, encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (marker, imports) in [("README example", "import Dossier"), ("README app example", "import Dossier\nimport Foundation")] {
            let begin = try #require(lines.firstIndex { $0.contains("// \(marker): begin") })
            let end = try #require(lines.firstIndex { $0.contains("// \(marker): end") })
            let indentation = 8
            let example = lines[(begin + 1)..<end].map { $0.count >= indentation ? String($0.dropFirst(indentation)) : "" }
            let block = "```swift\n\(imports)\n\n" + example.joined(separator: "\n") + "\n```"
            #expect(readmeText.contains(block), "README.md must show the example exactly as ReadmeExampleTests runs it:\n\(block)")
        }
    }
}
