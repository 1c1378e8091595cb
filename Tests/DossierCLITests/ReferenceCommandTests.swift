import Dossier
import DossierTestSupport
import Foundation
import Testing

/// `dossier list references` and a claim's evidence in `dossier show`, through the real executable.
@Suite("dossier list references, dossier show: evidence")
struct ReferenceCommandTests {
    @Test("references are listed with their identifiers; show prints a claim's evidence as text and as JSON")
    func listAndShow() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(atPath: workspace.file("seeds"), withIntermediateDirectories: true)
        try """
        {"dossier": "refs",
         "sources": [{"slug": "article", "title": "Article", "kind": "web_article", "text": "Ketamine relieved depression within hours."}],
         "references": [{"slug": "zarate-2006", "title": "A randomized trial of an NMDA antagonist", "kind": "trial",
                         "doi": "10.1001/archpsyc.63.8.856", "pmid": "16894061"},
                        {"slug": "handbook", "title": "Handbook", "kind": "book", "isbn": "080442957X"}],
         "entities": [{"slug": "ketamine", "kind": "substance", "name": "Ketamine"}],
         "claims": [{"slug": "fast-relief", "title": "Fast relief", "statement": "Ketamine relieves depression fast.",
                     "certainty": "probable", "intervention": "ketamine", "outcome": "relief", "evidence_level": "randomized_trial",
                     "quotes": [{"exact": "relieved depression within hours"}],
                     "evidence": [{"reference": "zarate-2006", "note": "Response within 110 minutes."}]}]}
        """.write(toFile: workspace.file("seeds/refs.json"), atomically: true, encoding: .utf8)
        #expect(try workspace.dossier("migrate", "up").status == 0)
        #expect(try workspace.dossier("seed", "seeds").status == 0)

        let list = try workspace.dossier("list", "references", "--format", "csv")
        #expect(list.status == 0, "\(list.stderr)")
        let rows = list.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(rows.first == "slug,title,kind,doi,pmid,isbn,url,authors,published_on")
        #expect(
            rows.dropFirst() == [
                "handbook,Handbook,book,,,080442957X,,,",
                "zarate-2006,A randomized trial of an NMDA antagonist,trial,10.1001/archpsyc.63.8.856,16894061,,,,",
            ])
        let filtered = try workspace.dossier("list", "references", "--status", "draft")
        #expect(filtered.status != 0 && filtered.stderr.contains("not references"), "\(filtered.stderr)")

        let text = try workspace.dossier("show", "fast-relief")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Evidence (1)"))
        #expect(text.stdout.contains("(zarate-2006, trial) doi:10.1001/archpsyc.63.8.856 pmid:16894061"))
        #expect(text.stdout.contains("note: Response within 110 minutes."))
        #expect(!text.stdout.contains("handbook"))
        let json = try workspace.dossier("show", "fast-relief", "--format", "json")
        #expect(json.stdout.contains("\"reference\": \"zarate-2006\""), "\(json.stdout)")
    }
}
