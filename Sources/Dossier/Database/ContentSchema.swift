public import DossierDB

/// The content schema: the SQL migrations of the package's `Migrations/` folder, compiled into
/// the library.
public enum ContentSchema {
    /// The embedded migrations, by version.
    ///
    /// - throws: ``MigrationError`` when a file name is not `NNNN_name.sql` (a build defect the
    ///   test suite would catch first).
    public static func migrations() throws -> [Migration] {
        try embedded.get()
    }

    /// The embedded migrations, read and checksummed once per process: opening a database
    /// compares its ledger with them, and hashing every file each time costs more than the rest.
    private static let embedded = Result<[Migration], any Error> {
        try EmbeddedFile.files(in: "Migrations").map { file in
            try Migration(fileName: String(file.path.dropFirst("Migrations/".count)), sql: file.contents)
        }
    }

    /// The table that records which of Dossier's migrations a database has applied.
    public static let ledgerTable = "dossier_migrations"

    /// A migrator over the embedded migrations.
    public static func migrator() throws -> Migrator {
        try Migrator(migrations: migrations(), ledgerTable: ledgerTable)
    }
}
