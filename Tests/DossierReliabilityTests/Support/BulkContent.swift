import Dossier
import DossierTestSupport
import Foundation

/// A large export: the shipped dossier plus many generated claims, so that importing it takes
/// long enough to be interrupted at many moments.
enum BulkContent {
    /// The export of the shipped dossier plus `claims` draft claims, written to `path`; returns
    /// the number of records it holds.
    static func writeExport(to path: String, claims: Int, workspace: Workspace) throws -> Int {
        let scratch = workspace.file("bulk-source.sqlite")
        let content = try ContentDatabase(path: scratch)
        try content.seed()
        try content.claims.insert(contentsOf: (0..<claims).map(claim))
        let export = try content.exportJSON()
        try export.write(toFile: path, atomically: true, encoding: .utf8)
        return try content.records.counts().values.reduce(0, +)
    }

    /// The `index`th generated claim.
    static func claim(_ index: Int) -> ClinicalClaim {
        ClinicalClaim(
            RecordInfo(
                slug: "bulk-claim-\(index)", title: "Generated claim \(index)",
                statement: "Generated claim number \(index) says ketamine relieves symptom \(index % 97).",
                certainty: .possible, status: .draft),
            intervention: "ketamine", outcome: "relief of symptom \(index % 97)")
    }
}

/// Files and their fingerprints.
enum Files {
    /// Copies a database file (and its write-ahead log, if any) to `destination`.
    static func copyDatabase(_ source: String, to destination: String) throws {
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            try? manager.removeItem(atPath: destination + suffix)
        }
        try manager.copyItem(atPath: source, toPath: destination)
        if manager.fileExists(atPath: source + "-wal") {
            try manager.copyItem(atPath: source + "-wal", toPath: destination + "-wal")
        }
    }

    /// The bytes of a file, or empty when it does not exist.
    static func bytes(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }

    /// The names in a folder.
    static func names(in folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? []
    }
}
