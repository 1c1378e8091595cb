import Dossier
import DossierDB
import Foundation

/// What a database file holds after a fault, read the way recovery would: a read-write
/// connection (so SQLite rolls back a hot journal and replays the log), then only reads.
struct DatabaseState {
    var integrityProblems: [String]
    var foreignKeyProblems: [String]
    var appliedVersions: [Int]
    var schemaDrift: [String]
    var recordCount: Int

    /// Whether the file is sound: integrity, foreign keys, and a schema that is exactly what its
    /// applied migrations create.
    var isSound: Bool { integrityProblems.isEmpty && foreignKeyProblems.isEmpty && schemaDrift.isEmpty }

    var summary: String {
        "versions \(appliedVersions), \(recordCount) records, integrity \(integrityProblems), foreign keys \(foreignKeyProblems), drift \(schemaDrift)"
    }

    /// The versions of every migration this build carries: the ledger of a current database.
    static func currentVersions() throws -> [Int] {
        try ContentSchema.migrations().map(\.version)
    }

    static func inspect(_ path: String) throws -> DatabaseState {
        let db = try DatabaseConnection(path: path, configuration: ContentDatabase.configuration)
        let migrator = try ContentSchema.migrator()
        let status = try migrator.status(db)
        let integrity = try db.integrityCheck()
        let drift = integrity.isEmpty ? try migrator.schemaDrift(of: db, applied: status.applied).problems : []
        let records = try db.tableExists("records") ? try db.fetchOne("SELECT count(*) FROM records") { try $0.int(0) } ?? 0 : 0
        return DatabaseState(
            integrityProblems: integrity, foreignKeyProblems: try db.foreignKeyCheck().map(\.description),
            appliedVersions: status.applied.map(\.version), schemaDrift: drift, recordCount: records)
    }
}
