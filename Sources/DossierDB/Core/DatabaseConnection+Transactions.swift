/// The kind of lock a transaction takes when it begins.
///
/// Related SQLite documentation: <https://www.sqlite.org/lang_transaction.html>
public enum TransactionKind: String, Sendable, Hashable {
    /// Locks are taken when first needed. Right for reads.
    case deferred = "DEFERRED"
    /// The write lock is taken at `BEGIN`: a writer waits for the lock there (busy timeout),
    /// instead of failing with `SQLITE_BUSY` when a read transaction tries to upgrade.
    case immediate = "IMMEDIATE"
    /// Like `immediate`; in WAL mode the two are the same.
    case exclusive = "EXCLUSIVE"
}

extension DatabaseConnection {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Called inside a transaction, it runs `body` in a savepoint instead, so transactions
    /// nest: an inner failure rolls back the inner work only, and the outer transaction goes on
    /// (or rolls back, if the error keeps propagating).
    ///
    /// If SQLite rolled the transaction back by itself (after `SQLITE_FULL`, an I/O error or an
    /// interrupt), the error is rethrown and no second rollback is attempted.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/lang_transaction.html>,
    /// <https://www.sqlite.org/lang_savepoint.html>
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInsideTransaction {
            return try savepoint(body)
        }
        try internalCachedStatement("BEGIN \(kind.rawValue) TRANSACTION").run()
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIfActive()
            throw error
        }
        do {
            try internalCachedStatement("COMMIT TRANSACTION").run()
        } catch {
            // A failed COMMIT (e.g. a deferred foreign key violation) leaves the transaction open.
            rollbackIfActive()
            throw error
        }
        return result
    }

    /// Runs `body` in a savepoint: released when it returns, rolled back when it throws.
    /// Works inside or outside a transaction.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "dossier_savepoint_\(savepointDepth)"
        try internalCachedStatement("SAVEPOINT \(name)").run()
        let result: T
        do {
            result = try body()
        } catch {
            if isInsideTransaction {
                // ROLLBACK TO keeps the savepoint open; RELEASE closes it.
                try? internalCachedStatement("ROLLBACK TO SAVEPOINT \(name)").run()
                try? internalCachedStatement("RELEASE SAVEPOINT \(name)").run()
            }
            throw error
        }
        try internalCachedStatement("RELEASE SAVEPOINT \(name)").run()
        return result
    }

    private func rollbackIfActive() {
        guard isInsideTransaction else { return }
        // ROLLBACK only fails when no transaction is active, which was just checked.
        try? internalCachedStatement("ROLLBACK TRANSACTION").run()
    }
}
