import Dossier
import Testing

@Suite("Full-text search")
struct SearchTests {
    private func database() throws -> ContentDatabase {
        let content = try Fixtures.database()
        try content.mechanisms.insert(Fixtures.blockade(), citing: [Quote("By blocking these receptors", from: Fixtures.articleSlug)])
        try content.claims.insert(
            Fixtures.rapidRelief(), citing: [Quote("ketamine often works within hours or days", from: Fixtures.articleSlug)])
        try content.events.insert(Fixtures.battlefield())
        return content
    }

    @Test("finds by title, statement, quote and entity alias, ranked, with a snippet")
    func finds() throws {
        let content = try database()
        let hits = try content.search.find("NMDA receptors")
        #expect(hits.first?.slug == "nmda-blockade")
        #expect(hits.first?.snippet.contains("[") == true)
        // Porter stemming: "blocking" finds "blocks".
        #expect(try content.search.find("block").map(\.slug).contains("nmda-blockade"))
        // The brand name is an alias of the ketamine entity.
        #expect(Set(try content.search.find("Ketalar").map(\.slug)) == ["nmda-blockade", "rapid-relief", "battlefield-use"])
        #expect(try content.search.find("ketalar", kind: .claim).map(\.slug) == ["rapid-relief"])
        #expect(try content.search.find("hours days", kind: .mechanism).isEmpty)
        #expect(try content.search.find("zebra").isEmpty)
    }

    @Test(
        "every FTS5 operator character is plain text",
        arguments: [
            "\"", "\"\"", "'", "*", "AND", "OR", "NOT", "NEAR(", "NEAR(nmda", "(", ")", "^", ":", "-", "+", "{", "}", "[", "]",
            "nmda\"", "nmda*", "title:nmda", "a AND OR NOT b", "NEAR(ketamine receptors, 2)", "\u{0}", "\\", "%", "_", "😀",
            "Ketamine’s", "ketamine\" OR \"x", String(repeating: "(", count: 10_000), String(repeating: "word ", count: 5_000),
        ])
    func hostileQueries(query: String) throws {
        let content = try database()
        _ = try content.search.find(query)
        _ = try content.search.find(query, kind: .event)
    }

    @Test("the raw FTS5 syntax reports a malformed query as an error")
    func rawSyntax() throws {
        let content = try database()
        #expect(try content.search.find("NEAR(nmda receptors, 10)", syntax: .fts5).first?.slug == "nmda-blockade")
        let error = try #require(throws: ContentError.self) { try content.search.find("NEAR(", syntax: .fts5) }
        guard case .invalidSearch = error else {
            Issue.record("expected invalidSearch, got \(error)")
            return
        }
        #expect(throws: ContentError.self) { try content.search.find("\"unterminated", syntax: .fts5) }
        #expect(throws: ContentError.self) { try content.search.find("x", limit: 0) }
    }

    @Test("the index follows edits, renames and deprecation")
    func indexFollowsChanges() throws {
        let content = try database()
        var claim = try #require(try content.claims.get(slug: "rapid-relief"))
        claim.title = "Quick response in refractory illness"
        claim = try content.claims.update(claim)
        #expect(try content.search.find("refractory").map(\.slug) == ["rapid-relief"])
        var ketamine = try #require(try content.entities.get(slug: "ketamine"))
        ketamine.aliases.append(.init("Special K", kind: .synonym))
        try content.entities.update(ketamine)
        #expect(try content.search.find("special").count == 3)
        claim.info.status = .deprecated
        claim.info.deprecationReason = "Superseded by a better-sourced claim."
        try content.claims.update(claim)
        #expect(try content.search.find("refractory").isEmpty)
    }
}
