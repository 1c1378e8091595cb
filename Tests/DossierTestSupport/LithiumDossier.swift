import Foundation

/// A second dossier for the tests, on lithium, written for them (its source is a short note of
/// our own, not a publication): it shares the entity `depression` with the ketamine dossier,
/// adding an identifier ketamine's definition lacks, dates its events (ketamine's are mostly
/// undated), and relates them.
public enum LithiumDossier {
    /// The source text.
    public static let text = """
        Lithium salts were given for gout in the nineteenth century. In 1949 John Cade reported that \
        lithium calmed patients with mania. Lithium is thought to lower the risk of suicide in mood \
        disorders, and it can help depression when added to an antidepressant.

        """

    /// The dossier file, with `depression` defined as ketamine defines it plus a MeSH id.
    public static let json = """
        {
          "dossier": "lithium",
          "description": "Lithium in psychiatry, from a short note written for the tests.",
          "sources": [
            { "slug": "lithium-notes", "title": "Notes on lithium", "kind": "other", "file": "sources/lithium-notes.txt" }
          ],
          "entities": [
            { "slug": "lithium", "kind": "substance", "name": "Lithium" },
            { "slug": "mania", "kind": "condition", "name": "Mania" },
            { "slug": "depression", "kind": "condition", "name": "Depression", "identifiers": { "mesh": "D003866" } }
          ],
          "events": [
            { "slug": "lithium-for-gout", "title": "Lithium salts for gout",
              "statement": "Lithium salts were given for gout in the nineteenth century.", "certainty": "established",
              "about": ["lithium"], "date": { "text": "in the nineteenth century", "edtf": "18XX" },
              "quotes": [ { "exact": "Lithium salts were given for gout in the nineteenth century." } ] },
            { "slug": "cade-reports-lithium", "title": "Cade reports lithium calms mania",
              "statement": "John Cade reported in 1949 that lithium calmed patients with mania.", "certainty": "established",
              "about": ["lithium", "mania"], "date": { "text": "In 1949", "edtf": "1949" },
              "quotes": [ { "exact": "In 1949 John Cade reported that lithium calmed patients with mania." } ] }
          ],
          "claims": [
            { "slug": "lithium-augments-antidepressants", "title": "Lithium added to an antidepressant",
              "statement": "Lithium can help depression when added to an antidepressant.", "certainty": "possible",
              "intervention": "lithium", "indication": "depression", "outcome": "helps depression when added to an antidepressant",
              "quotes": [ { "exact": "it can help depression when added to an antidepressant." } ] }
          ],
          "relations": [
            { "subject": "lithium-for-gout", "predicate": "preceded", "object": "cade-reports-lithium" }
          ]
        }
        """

    /// The seed files, as `SeedBundle.files` takes them; `json` replaces the dossier file.
    public static func files(json: String = json) -> [String: String] {
        ["lithium.json": json, "sources/lithium-notes.txt": text]
    }

    /// Writes the seed files into `folder`.
    public static func write(to folder: String, json: String = json) throws {
        try FileManager.default.createDirectory(atPath: folder + "/sources", withIntermediateDirectories: true)
        for (name, contents) in files(json: json) {
            try contents.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
    }
}

/// The repository's own seed folder (`Seeds/`), the ketamine dossier.
public enum RepositorySeeds {
    /// The folder's path.
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Seeds").path

    /// Copies the seed files into `destination`.
    public static func copy(to destination: String) throws {
        try FileManager.default.copyItem(atPath: folder, toPath: destination)
    }
}
