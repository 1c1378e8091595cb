import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// What a program linking the library sees: migrations through `ContentSchema`, messages in
/// the library's own terms.
@Suite("The library's migration API and its messages")
struct LibraryAPITests {
    @Test("status, migrate (to a version, dry run) and verify of a database file, as the CLI uses them")
    func migrationAPI() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("api.sqlite")
        #expect(throws: ContentError.databaseMissing(path: path)) { try ContentSchema.status(ofDatabaseAt: path) }
        #expect(throws: ContentError.databaseMissing(path: path)) { try ContentSchema.verify(databaseAt: path) }
        // A dry run of a missing database rehearses in memory and creates nothing.
        let rehearsal = try ContentSchema.migrate(databaseAt: path, dryRun: true)
        let known = try ContentSchema.migrations()
        #expect(rehearsal.isDryRun && rehearsal.applied.count == known.count)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: ContentError.databaseMissing(path: path)) { try ContentSchema.migrate(databaseAt: path, createIfMissing: false) }
        #expect(try ContentSchema.migrate(databaseAt: path, upTo: 2).applied.map(\.version) == [1, 2])
        let status = try ContentSchema.status(ofDatabaseAt: path)
        #expect(status.applied.map(\.version) == [1, 2] && !status.pending.isEmpty)
        #expect(!(try ContentSchema.verify(databaseAt: path)).isSound)
        #expect(try ContentSchema.migrate(databaseAt: path).applied.first?.version == 3)
        #expect(try ContentSchema.status(ofDatabaseAt: path).isUpToDate)
        #expect(try ContentSchema.verify(databaseAt: path).isSound)
    }

    @Test("library messages never tell a program to run a dossier command or pass a command-line flag")
    func messagesInTheLibrarysTerms() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try ContentSchema.migrate(databaseAt: folder.file("partial.sqlite"), upTo: 1)
        let status = try ContentSchema.status(ofDatabaseAt: folder.file("partial.sqlite"))
        let messages: [String] = [
            ContentError.databaseMissing(path: "x.sqlite").description, ContentError.schemaNotCurrent(status).description,
            ContentError.notFound(what: "record", key: "x").description, ContentError.duplicate(what: "record", key: "x").description,
            ContentError.staleVersion(slug: "x", expected: 1, actual: 2).description,
            ContentError.unknownValue(table: "records", column: "kind", value: "x").description,
            SeedError.conflicts([SeedProblem(file: "x.json", path: "claims[0]", reason: "edited")]).description,
            SeedError.invalid([SeedProblem(file: "x.json", path: "", reason: "bad")]).description,
            MigrationError.unknownMigrations(versions: [9], names: ["future"]).description,
        ]
        for message in messages {
            #expect(!message.contains("dossier ") && !message.contains("`dossier") && !message.contains(" --"), "\(message)")
        }
    }
}
