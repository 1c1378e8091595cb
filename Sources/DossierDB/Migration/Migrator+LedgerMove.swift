/// Moving ledger entries between two migrators' ledgers: the way out for a database where an
/// application's migrations were recorded in a library's ledger.
///
/// Before applications had a ledger of their own, running the public ``Migrator`` with the
/// library's migrations and the application's in one list recorded both in the library's
/// ledger; the library, which does not know the application's versions, then refused the
/// file as "migrated by a newer version". Moving those entries to the application's ledger —
/// same name, checksum, algorithm and time — makes both ledgers true again.
extension Migrator {
    /// Moves the entries of `versions` from this migrator's ledger to `destination`'s,
    /// unchanged, in one transaction: all of them or, on any error, none.
    ///
    /// The ledger refuses deletions by trigger; the trigger is dropped and recreated inside the
    /// transaction, so no other connection ever sees the ledger unguarded.
    ///
    /// - throws: ``MigrationError/failed(fileName:error:)`` when a version is not in this
    ///   ledger, or `destination`'s ledger holds it with another checksum.
    public func moveLedgerEntries(versions: [Int], to destination: Migrator, in db: DatabaseConnection) throws {
        guard !versions.isEmpty else { return }
        guard destination.ledgerTable != ledgerTable else {
            throw MigrationError.failed(
                fileName: "(ledger)",
                error: DatabaseError(.misuse, message: "cannot move ledger entries to the same ledger, \(ledgerTable)"))
        }
        try db.transaction(.immediate) {
            try destination.createLedgerIfNeeded(db)
            let source = try status(db).applied
            let present = try destination.status(db).applied
            for version in versions {
                guard let entry = source.first(where: { $0.version == version }) else {
                    throw MigrationError.failed(
                        fileName: "(ledger)",
                        error: DatabaseError(.error, message: "the ledger \(ledgerTable) has no migration \(version) to move"))
                }
                if let existing = present.first(where: { $0.version == version }) {
                    guard existing.checksum == entry.checksum else {
                        throw MigrationError.failed(
                            fileName: "(ledger)",
                            error: DatabaseError(
                                .constraint,
                                message:
                                    "migration \(version) is in both \(ledgerTable) and \(destination.ledgerTable) with different checksums; resolve by hand"
                            ))
                    }
                    continue
                }
                try db.internalExecute(
                    """
                    INSERT INTO \(destination.ledgerTable)(version, name, checksum, checksum_algorithm, applied_at)
                    SELECT version, name, checksum, checksum_algorithm, applied_at FROM \(ledgerTable) WHERE version = ?
                    """, [.integer(Int64(version))])
            }
            try db.execute("DROP TRIGGER IF EXISTS \(ledgerTable)_no_delete")
            for version in versions {
                try db.internalExecute("DELETE FROM \(ledgerTable) WHERE version = ?", [.integer(Int64(version))])
            }
            // Recreates the trigger just dropped, with the text the ledger always had.
            try createLedgerIfNeeded(db)
        }
    }
}
