public import DossierDB

/// Why a content operation failed. Each case says what failed, where (slug, field, file), and
/// its description says what to do.
public enum ContentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database file does not exist, and the caller asked not to create one.
    case databaseMissing(path: String)
    /// The database has migrations pending and the caller asked not to migrate.
    case schemaNotCurrent(MigrationStatus)

    /// What failed, where, and what to do.
    public var description: String {
        switch self {
        case .databaseMissing(let path):
            return "no database at \(path); check the path, or create one with `dossier setup --database \(path)`"
        case .schemaNotCurrent(let status):
            let pending = status.pending.map(\.fileName).joined(separator: ", ")
            return "the database schema is not current (pending: \(pending)); run `dossier migrate up` first"
        }
    }
}
