import Dossier
import DossierTestSupport
import Foundation
import Testing

/// What `dossier seed` tells a curator about a refused date and a quote copied with other
/// characters, through the real executable.
@Suite("dossier seed: authoring messages")
struct SeedAuthoringCLITests {
    @Test("a refused date and a loosely matching quote name the file, the field and what to write")
    func messages() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(atPath: workspace.file("seeds/texts"), withIntermediateDirectories: true)
        try "It’s a well-known fact — in 1980 the drug was used.\n".write(
            toFile: workspace.file("seeds/texts/fact.txt"), atomically: true, encoding: .utf8)
        try """
        {"dossier": "facts", "sources": [{"slug": "fact", "title": "Fact", "kind": "book", "file": "texts/fact.txt"}],
         "events": [
           {"slug": "open", "title": "Open", "statement": "Open.", "certainty": "established", "date": {"edtf": "../1980"}},
           {"slug": "timed", "title": "Timed", "statement": "Timed.", "certainty": "established", "date": {"edtf": "1949-09-01T10:00"}},
           {"slug": "quoted", "title": "Quoted", "statement": "Quoted.", "certainty": "established",
            "quotes": [{"exact": "It's a well-known fact - in 1980"}]}]}
        """.write(toFile: workspace.file("seeds/facts.json"), atomically: true, encoding: .utf8)
        #expect(try workspace.dossier("migrate", "up").status == 0)
        let result = try workspace.dossier("seed", "seeds")
        #expect(result.status == 4, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let expected = [
            "facts.json: events[0].date.edtf: open intervals (..) are not supported",
            "facts.json: events[1].date.edtf: 1949-09-01T10:00: a time of day (T10:00) is not part of an EDTF level-0 date; give the day alone, 1949-09-01",
            "facts.json: events[2].quotes[0].exact: not found in source fact; the nearest passage (at 0: \"It’s a well-known fact — in 1980\") differs only in: ' (U+0027) where the source has ’ (U+2019) at position 2; - (U+002D) where the source has — (U+2014) at position 23",
        ]
        for text in expected {
            #expect(lines.contains { $0.contains(text) }, "expected \(text) in:\n\(result.stderr)")
        }
        #expect(!result.stderr.contains("CHECK"), "\(result.stderr)")
        #expect(lines.count == 4, "one line per problem and the summary:\n\(result.stderr)")
    }
}
