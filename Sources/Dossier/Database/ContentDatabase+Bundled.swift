internal import DossierDB

/// What ``ContentDatabase/bundle(to:)`` wrote: a file ready to ship, and how to recognise it.
public struct ContentBundleReport: Sendable, Hashable {
    /// The bundle's path, as it was asked for.
    public var path: String
    /// The bundle's size in bytes.
    public var byteCount: Int64
    /// The SHA-256 of the bundle's bytes, as 64 lowercase hexadecimal characters.
    public var sha256: String
    /// The schema version the bundle is at (the latest migration this build carries), also
    /// stored in its `PRAGMA user_version`.
    public var schemaVersion: Int

    /// A report.
    public init(path: String, byteCount: Int64, sha256: String, schemaVersion: Int) {
        self.path = path
        self.byteCount = byteCount
        self.sha256 = sha256
        self.schemaVersion = schemaVersion
    }
}

extension ContentDatabase {
    /// The `PRAGMA application_id` of a Dossier bundle: `0x444F5353`, "DOSS" in ASCII, which
    /// tells a Dossier file apart from other SQLite files.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_application_id>
    public static let applicationID: Int32 = 0x444F_5353

    /// Opens a database shipped with a program — inside an app bundle, a container image, or on
    /// a read-only file system — without writing anything anywhere.
    ///
    /// The file is opened read-only through SQLite's `immutable=1` URI: no lock is taken and no
    /// `-wal`, `-shm` or `-journal` file is created, so a read-only folder is no obstacle. The
    /// file must be at this build's schema, as ``bundle(to:)`` leaves it. Everything reads as
    /// usual; every write — the repositories', seeding, import, and `pool.write` — is refused
    /// with ``ContentError/readOnlyDatabase(path:)`` before anything is written.
    ///
    /// Nothing may change the file while it is open: an immutable open does not see changes.
    ///
    /// ```swift
    /// let content = try ContentDatabase(bundled: "/app/Resources/dossier.sqlite")
    /// let hits = try content.search.find("NMDA receptor")
    /// ```
    ///
    /// - throws: ``ContentError/databaseMissing(path:)`` when there is no file;
    ///   ``ContentError/schemaNotCurrent(_:)`` when it has migrations pending; `MigrationError`
    ///   when its migrations were edited or are newer than this build; `DatabaseError` when it
    ///   is not a database, or a `-wal` file beside it holds changes an immutable open would
    ///   miss.
    public convenience init(bundled path: String) throws {
        var options = OpenOptions.readOnlyExisting
        options.immutable = true
        try self.init(path: path, options: options)
        // A read-only connection would refuse a write inside SQLite with "attempt to write a
        // readonly database"; refusing before the caller's closure runs says why, and what to do.
        let refusal = ContentError.readOnlyDatabase(path: path)
        pool.installWriteHooks(
            DatabasePool.WriteHooks(beforeBody: { _ in throw refusal }, beforeCommit: { _ in throw refusal }))
    }

    /// Writes a compact copy of the database to a new file, ready to ship and to open with
    /// ``init(bundled:)``.
    ///
    /// The copy is made with `VACUUM INTO` under a temporary name, set to `journal_mode=DELETE`
    /// (so that opening it needs no `-wal` or `-shm` file), stamped with
    /// ``applicationID`` and, as `PRAGMA user_version`, the schema version; its integrity is
    /// checked, and only then is it renamed to `path` in one step. Other connections may go on
    /// writing meanwhile: the bundle holds what was committed when it started.
    ///
    /// - returns: the bundle's path, size, SHA-256 and schema version.
    /// - throws: ``ContentError/destinationExists(path:)`` when `path` exists (nothing is
    ///   overwritten); ``ContentError/schemaNotCurrent(_:)`` or `MigrationError` when the
    ///   database is not at this build's schema; `DatabaseError` when the copy fails, leaving
    ///   nothing under `path`.
    public func bundle(to path: String) throws -> ContentBundleReport {
        guard !pathIsTaken(path) else { throw ContentError.destinationExists(path: path) }
        let migrator = try ContentSchema.migrator()
        return try pool.writeWithoutTransaction { db in
            let status = try migrator.status(db)
            if let refusal = status.refusal { throw refusal }
            guard status.pending.isEmpty, let version = status.currentVersion, let userVersion = Int32(exactly: version) else {
                throw ContentError.schemaNotCurrent(status)
            }
            let bundle = try db.bundle(to: path, applicationID: Self.applicationID, userVersion: userVersion)
            return ContentBundleReport(path: bundle.path, byteCount: bundle.byteCount, sha256: bundle.sha256, schemaVersion: version)
        }
    }
}
