/// Why the migrator refused to run, or what failed while it ran. Each case names the
/// migration file, and the description says what to do.
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A migration file name does not follow `NNNN_name.sql`.
    case invalidFileName(String, reason: String)
    /// Two migrations share a version.
    case duplicateVersion(Int, files: [String])
    /// An applied migration's text changed since it was applied.
    case modified(fileName: String, appliedChecksum: String, currentChecksum: String)
    /// The database carries migrations this build does not know: it was migrated by a newer build.
    case unknownMigrations(versions: [Int], names: [String])
    /// The ledger table name given to the migrator is not a plain SQL identifier.
    case invalidLedgerTable(String)
    /// The requested target version is not one of the known migrations.
    case unknownTarget(Int)
    /// The requested target is below the database's current version; migrations only go forward.
    case targetBelowCurrent(target: Int, current: Int)
    /// A migration's SQL failed; its transaction was rolled back and nothing of it remains.
    case failed(fileName: String, error: DatabaseError)
    /// A migration left rows that break foreign keys; it was rolled back.
    case foreignKeyViolations(fileName: String, violations: [ForeignKeyViolation])
    /// The backup taken before migrating failed, so nothing was migrated.
    case backupFailed(path: String, error: DatabaseError)
    /// The schema differs from what the applied migrations create (a trigger, index, view or
    /// table was dropped or altered outside them), so a write could skip the rules the schema
    /// holds; nothing was written.
    case schemaDrift(problems: [String])
    /// ``Migrator/repair(_:backup:)`` cannot restore the schema: a table was changed in a way it
    /// cannot undo. Nothing was changed.
    case repairImpossible(problems: [String])

    /// What failed, where, and what to do.
    public var description: String {
        switch self {
        case .invalidFileName(let file, let reason):
            return "migration file \(file) has an invalid name: \(reason)"
        case .duplicateVersion(let version, let files):
            return "migration version \(version) is used by several files: \(files.joined(separator: ", ")); give each a distinct number"
        case .modified(let file, let applied, let current):
            return
                "migration \(file) was edited after it was applied (applied checksum \(applied.prefix(12))…, file now \(current.prefix(12))…); restore the file and put the change in a new migration"
        case .unknownMigrations(let versions, let names):
            let list = zip(versions, names).map { "\($0.0) (\($0.1))" }.joined(separator: ", ")
            return
                "the database carries migrations this build does not know: \(list); it was migrated by a newer version of the program, so use that version — or, if they are another program's own migrations recorded in this ledger by mistake, move them to that program's ledger (Migrator.moveLedgerEntries; a Dossier ContentDatabase does it when they are passed as its app migrations)"
        case .invalidLedgerTable(let name):
            return
                "the migration ledger table name \"\(name)\" is not a plain identifier (letters, digits and underscores, not starting with a digit, at most 64 characters)"
        case .unknownTarget(let version):
            return "there is no migration with version \(version)"
        case .targetBelowCurrent(let target, let current):
            return
                "the database is already at version \(current), beyond the target \(target); migrations only go forward (restore a backup to go back)"
        case .failed(let file, let error):
            return "migration \(file) failed and was rolled back, leaving the database as it was: \(error.message)"
                + (error.sql.map { "\n  while executing: \(DatabaseError.abbreviated($0))" } ?? "")
        case .foreignKeyViolations(let file, let violations):
            let sample = violations.prefix(3).map(\.description).joined(separator: "; ")
            return "migration \(file) would leave \(violations.count) rows breaking foreign keys (\(sample)); it was rolled back"
        case .backupFailed(let path, let error):
            return "could not back up the database to \(path) before migrating, so nothing was migrated: \(error.message)"
        case .schemaDrift(let problems):
            return
                "the schema differs from what its migrations create, so nothing was written: \(problems.joined(separator: "; ")); repair it with `dossier migrate repair` (Migrator.repair), which backs the file up first, or restore a backup"
        case .repairImpossible(let problems):
            return "the schema cannot be repaired, and nothing was changed: \(problems.joined(separator: "; ")); restore a backup"
        }
    }
}
