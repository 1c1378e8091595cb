#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// A migration recorded in the database's ledger.
public struct AppliedMigration: Sendable, Hashable {
    /// The version.
    public var version: Int
    /// The name recorded when it was applied.
    public var name: String
    /// The checksum recorded when it was applied.
    public var checksum: String
    /// When it was applied; `nil` when the ledger's text is not a timestamp as the migrator
    /// writes it (``DatabaseTimestamp``): the ledger was edited, and
    /// ``Migrator/ledgerProblems(_:)`` says so. The status still reads, so that a tampered
    /// ledger does not hide what else is wrong.
    public var appliedAt: Date?
}

/// Where a database stands against the migrations this build knows.
public struct MigrationStatus: Sendable, Hashable {
    /// Migrations recorded in the ledger, by version.
    public var applied: [AppliedMigration]
    /// Known migrations not yet applied, by version.
    public var pending: [Migration]
    /// Applied migrations whose file changed since: each is the file and the ledger entry.
    public var modified: [Modification]
    /// Ledger entries for versions this build has no file for (a newer database).
    public var unknown: [AppliedMigration]

    /// An applied migration whose text no longer matches.
    public struct Modification: Sendable, Hashable {
        /// The migration as this build has it.
        public var migration: Migration
        /// The ledger entry made when it was applied.
        public var applied: AppliedMigration
    }

    /// The highest applied version, `nil` for a database never migrated.
    public var currentVersion: Int? { applied.last?.version }

    /// Nothing pending, nothing modified, nothing unknown.
    public var isUpToDate: Bool { pending.isEmpty && modified.isEmpty && unknown.isEmpty }

    /// The first reason the migrator would refuse this database, if any.
    public var refusal: MigrationError? {
        if let first = modified.first {
            return .modified(
                fileName: first.migration.fileName, appliedChecksum: first.applied.checksum,
                currentChecksum: first.migration.checksum)
        }
        if !unknown.isEmpty {
            return .unknownMigrations(versions: unknown.map(\.version), names: unknown.map(\.name))
        }
        return nil
    }
}

/// What ``Migrator/migrate(_:upTo:dryRun:backup:)`` did.
public struct MigrationReport: Sendable, Hashable {
    /// The migrations applied (or, in a dry run, that would be), in order.
    public var applied: [Migration]
    /// Where the pre-migration backup was written, if one was taken.
    public var backupPath: String?
    /// Whether this was a dry run: the migrations ran and were rolled back.
    public var isDryRun: Bool
    /// The version after migrating (before, in a dry run).
    public var currentVersion: Int?

    /// Creates a report.
    public init(applied: [Migration], backupPath: String?, isDryRun: Bool, currentVersion: Int?) {
        self.applied = applied
        self.backupPath = backupPath
        self.isDryRun = isDryRun
        self.currentVersion = currentVersion
    }
}

/// What ``Migrator/verify(_:)`` found: an empty list means the database is sound.
public struct MigrationVerification: Sendable, Hashable {
    /// Problems, one sentence each: drifted or unknown migrations, pending ones,
    /// `integrity_check` and `foreign_key_check` findings.
    public var problems: [String]
    /// The schema objects that are missing or altered compared with what the applied migrations
    /// create (also listed in ``problems``).
    public var schemaDrift: [String] = []
    /// Objects in the database that no migration created (tables a program keeps for itself,
    /// say): not a problem, but worth knowing, as `type name`.
    public var unmanagedObjects: [String] = []
    /// The status the verification started from.
    public var status: MigrationStatus

    /// Whether nothing was found.
    public var isSound: Bool { problems.isEmpty }
}
