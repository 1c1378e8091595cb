internal import DossierDB

/// Which dossier a record belongs to, for records written outside the seeder (`dossier add`):
/// the one place that says how such a record joins a dossier.
enum DossierMembership {
    /// The checksum of a record no seed file wrote: 64 zeros, which no SHA-256 of a seeded
    /// record is.
    static let unseededChecksum = String(repeating: "0", count: 64)

    /// Makes the record a member of `dossier`, inside the caller's transaction.
    static func add(recordID: Int64, to dossier: String, db: LibraryConnection) throws {
        try db.execute(
            "INSERT INTO record_seeds(record_id, seed_set, checksum, audit_mark) VALUES (?, ?, ?, 0)",
            [.integer(recordID), .text(dossier), .text(unseededChecksum)])
    }

    /// Every dossier the database knows, sorted: the `dossiers` table names each one seeded.
    static func names(db: LibraryConnection) throws -> [String] {
        try db.fetchAll("SELECT slug FROM dossiers ORDER BY slug") { try $0.text(0) }
    }
}
