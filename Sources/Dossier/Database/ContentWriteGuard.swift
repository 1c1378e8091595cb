internal import DossierDB

/// What every write transaction of a content database does besides the caller's work: it first
/// confirms that the schema is the one the migrations create, and it seals the audit rows it
/// wrote before committing.
///
/// The schema is compared in full (``Migrator``'s drift check) only when SQLite's schema cookie
/// (`PRAGMA schema_version`, bumped by every change to the schema) differs from the one last
/// found sound, so an unchanged schema costs one pragma per transaction. A write to a drifted
/// schema could skip the audit trail or the rules its triggers hold: it is refused with
/// `MigrationError.schemaDrift`, before the caller's closure runs.
///
/// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_schema_version>
final class ContentWriteGuard: Sendable {
    private let migrator: Migrator
    /// The schema cookie of the last schema found sound.
    private let soundSchemaVersion = Lock<Int64?>(nil)

    init(migrator: Migrator) {
        self.migrator = migrator
    }

    /// The hooks to install on the pool.
    var hooks: DatabasePool.WriteHooks {
        DatabasePool.WriteHooks(
            beforeBody: { [self] db in try confirmSchema(db) },
            beforeCommit: { db in try AuditChain.seal(LibraryConnection(db)) })
    }

    private static let schemaVersion = CachedSQL("PRAGMA schema_version")

    /// Throws `MigrationError.schemaDrift` unless the schema is what the migrations create.
    func confirmSchema(_ db: DatabaseConnection) throws {
        let library = LibraryConnection(db)
        let version = try library.fetchOne(Self.schemaVersion) { try $0.int64(0) }
        if let version, soundSchemaVersion.withLock({ $0 == version }) { return }
        let status = try migrator.status(db)
        if let refusal = status.refusal { throw refusal }
        let problems = try migrator.schemaDrift(of: db, applied: status.applied).problems
        guard problems.isEmpty else { throw MigrationError.schemaDrift(problems: problems) }
        soundSchemaVersion.withLock { $0 = version }
    }
}
