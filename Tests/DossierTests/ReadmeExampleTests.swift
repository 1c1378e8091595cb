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

    @Test("the README shows this code")
    func readmeMatches() throws {
        let testFile = URL(fileURLWithPath: #filePath)
        let readme = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let readmeText = try String(contentsOf: readme, encoding: .utf8)
        let source = try String(contentsOf: testFile, encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let begin = try #require(lines.firstIndex { $0.contains("// README example: begin") })
        let end = try #require(lines.firstIndex { $0.contains("// README example: end") })
        let indentation = 8
        let example = lines[(begin + 1)..<end].map { $0.count >= indentation ? String($0.dropFirst(indentation)) : "" }
        let block = "```swift\nimport Dossier\n\n" + example.joined(separator: "\n") + "\n```"
        #expect(readmeText.contains(block), "README.md must show the example exactly as ReadmeExampleTests runs it:\n\(block)")
    }
}
