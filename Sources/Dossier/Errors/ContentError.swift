public import DossierDB

/// Why a content operation failed. Each case says what failed and where (slug, field, table),
/// and its description says what to do. A failed operation changes nothing.
public enum ContentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database file does not exist, and the caller asked not to create one.
    case databaseMissing(path: String)
    /// The database has migrations pending and the caller asked not to migrate.
    case schemaNotCurrent(MigrationStatus)
    /// Input broke one or more rules; nothing was written.
    case validation([ValidationIssue])
    /// Nothing has this key: `what` is "record", "source", "entity"…
    case notFound(what: String, key: String)
    /// Something with this slug already exists.
    case duplicate(what: String, key: String)
    /// The record changed since it was read: its version is no longer the one the update started from.
    case staleVersion(slug: String, expected: Int, actual: Int)
    /// The operation would break a rule of the content model (deleting a cited source, say).
    case conflict(String)
    /// A value in the database that this build does not know: a newer build or a hand edit wrote it.
    case unknownValue(table: String, column: String, value: String)
    /// A search query that FTS5 cannot parse (only with the raw FTS5 syntax).
    case invalidSearch(query: String, reason: String)
    /// A write to a database opened read-only and immutable (``ContentDatabase/init(bundled:)``):
    /// refused before anything was written.
    case readOnlyDatabase(path: String)
    /// The file an operation would create already exists: it was left as it was.
    case destinationExists(path: String)
    /// A file could not be written (an export's seed files): the reason is the system's.
    case cannotWrite(path: String, reason: String)
    /// No dossier has this name; `known` lists those the database has.
    case unknownDossier(name: String, known: [String])

    /// What failed, where, and what to do.
    public var description: String {
        switch self {
        case .databaseMissing(let path):
            return "no database at \(path); check the path, or open it with createIfMissing to create one"
        case .schemaNotCurrent(let status):
            let pending = status.pending.map(\.fileName).joined(separator: ", ")
            return
                "the database schema is not current (pending: \(pending)); migrate it first (ContentSchema.migrate(databaseAt:), or open it with migrate on)"
        case .validation(let issues):
            let shown = issues.prefix(10).map(\.description).joined(separator: "; ")
            let more = issues.count > 10 ? "; and \(issues.count - 10) more" : ""
            return "invalid content, nothing was written: \(shown)\(more)"
        case .notFound(let what, let key):
            return "no \(what) \"\(MessageText.escaped(key))\"; check the slug"
        case .duplicate(let what, let key):
            return "a \(what) \"\(MessageText.escaped(key))\" already exists; choose another slug or update the existing one"
        case .staleVersion(let slug, let expected, let actual):
            return
                "record \(slug) changed since it was read (version \(actual), expected \(expected)); read it again and reapply the change"
        case .conflict(let reason):
            return reason
        case .unknownValue(let table, let column, let value):
            return
                "\(table).\(column) holds \"\(MessageText.escaped(value))\", which this version of Dossier does not know; it was written by a newer version or by hand"
        case .invalidSearch(let query, let reason):
            return "cannot search for \"\(MessageText.escaped(query))\": \(reason)"
        case .readOnlyDatabase(let path):
            return
                "the database at \(path) was opened as a bundle (read-only and immutable), so it cannot be changed and nothing was written; to change it, copy the file to a writable folder and open the copy with ContentDatabase(path:)"
        case .destinationExists(let path):
            return "\(path) already exists and is never overwritten; choose a new file name, or remove the file first"
        case .unknownDossier(let name, let known):
            let list = known.isEmpty ? "the database holds none yet; seed one first" : "the dossiers are \(known.joined(separator: ", "))"
            return "no dossier \"\(MessageText.escaped(name))\" in the database: \(list)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason); check that the folder exists, is writable and has space"
        }
    }
}
