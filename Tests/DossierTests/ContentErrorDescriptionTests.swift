import Dossier
import DossierTestSupport
import Foundation
import Testing

/// Programs show errors through `localizedDescription`: it must say what `description` says,
/// not "The operation could not be completed. (Dossier.ContentError error 2.)".
@Suite("Dossier errors as LocalizedError")
struct ContentErrorDescriptionTests {
    @Test("a ContentError's localizedDescription is its description")
    func contentError() throws {
        let errors: [ContentError] = [
            .databaseMissing(path: "x.sqlite"), .notFound(what: "record", key: "x"), .duplicate(what: "record", key: "x"),
            .staleVersion(slug: "x", expected: 1, actual: 2), .conflict("cannot"),
            .unknownValue(table: "records", column: "kind", value: "x"), .invalidSearch(query: "\"", reason: "unterminated"),
        ]
        for error in errors {
            #expect(error.localizedDescription == error.description)
        }
        // As a program meets it: thrown, and caught as any Error.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("missing.sqlite")
        do {
            _ = try ContentSchema.status(ofDatabaseAt: path)
            Issue.record("a missing database was opened")
        } catch {
            #expect(error.localizedDescription == ContentError.databaseMissing(path: path).description)
        }
    }

    @Test("a SeedError's localizedDescription is its description")
    func seedError() {
        let errors: [SeedError] = [
            .invalid([SeedProblem(file: "x.json", path: "", reason: "bad")]),
            .conflicts([SeedProblem(file: "x.json", path: "claims[0]", reason: "edited")]),
        ]
        for error in errors {
            #expect(error.localizedDescription == error.description)
            #expect((error as any Error).localizedDescription == error.description)
        }
    }
}
