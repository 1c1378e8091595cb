import DossierDB
import Foundation
import Testing

/// Programs show errors through `localizedDescription`: it must say what `description` says.
@Suite("DossierDB errors as LocalizedError")
struct ErrorDescriptionTests {
    @Test("a DatabaseError's localizedDescription is its description")
    func databaseError() {
        let error = DatabaseError(.constraintForeignKey, message: "FOREIGN KEY constraint failed", sql: "DELETE FROM t")
        #expect(error.localizedDescription == error.description)
        #expect((error as any Error).localizedDescription == error.description)
        #expect(error.description.hasPrefix("SQLite error 19"))
    }

    @Test("a MigrationError's localizedDescription is its description")
    func migrationError() {
        let errors: [MigrationError] = [
            .unknownTarget(9),
            .failed(fileName: "0002_x.sql", error: DatabaseError(.error, message: "no such table: t", sql: "DROP TABLE t")),
        ]
        for error in errors {
            #expect(error.localizedDescription == error.description)
            #expect((error as any Error).localizedDescription == error.description)
        }
    }
}
