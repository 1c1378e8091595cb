#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A compact, self-contained copy of a database, made to be shipped and opened immutable:
/// what ``DatabaseConnection/bundle(to:applicationID:userVersion:)`` wrote.
public struct DatabaseBundle: Sendable, Hashable {
    /// The file's path, as it was asked for.
    public var path: String
    /// The file's size in bytes.
    public var byteCount: Int64
    /// The SHA-256 of the file's bytes, as 64 lowercase hexadecimal characters: what a build
    /// script or a download can be checked against.
    public var sha256: String
    /// The file's `PRAGMA application_id`.
    public var applicationID: Int32
    /// The file's `PRAGMA user_version`.
    public var userVersion: Int32

    /// A bundle description.
    public init(path: String, byteCount: Int64, sha256: String, applicationID: Int32, userVersion: Int32) {
        self.path = path
        self.byteCount = byteCount
        self.sha256 = sha256
        self.applicationID = applicationID
        self.userVersion = userVersion
    }
}

extension DatabaseConnection {
    /// Writes a compact copy of the database, ready to ship, to a new file.
    ///
    /// The copy is made with `VACUUM INTO` under a temporary name beside `path`, then opened to
    /// set `journal_mode=DELETE` (so that opening it never needs a `-wal` or `-shm` file),
    /// `PRAGMA application_id` and `PRAGMA user_version`; its `integrity_check` must pass. Only
    /// then is it renamed to `path` in one step: a reader never sees half a bundle, and a
    /// failure leaves nothing under `path`. Open the result with
    /// ``Configuration/AccessMode/immutable``.
    ///
    /// Run it outside a transaction, on a connection that may read (`VACUUM INTO` is refused
    /// under `PRAGMA query_only`). Other connections may go on writing meanwhile: the copy is
    /// the state committed when it starts.
    ///
    /// - parameters:
    ///   - path: the new file; it must not exist.
    ///   - applicationID: the value for `PRAGMA application_id`, which tells the file's format
    ///     apart from other SQLite files (see `file(1)` and SQLite's magic.txt).
    ///   - userVersion: the value for `PRAGMA user_version`, typically the schema's version.
    /// - returns: the file's path, size and SHA-256, and the header values written.
    /// - throws: ``DatabaseError`` when `path` exists (nothing is overwritten), the copy cannot
    ///   be written, or it fails its integrity check.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/lang_vacuum.html#vacuuminto>,
    /// <https://www.sqlite.org/pragma.html#pragma_application_id>
    public func bundle(to path: String, applicationID: Int32, userVersion: Int32) throws -> DatabaseBundle {
        guard !fileExists(path) else {
            throw DatabaseError(
                .cannotOpen, message: "\(path) already exists; a bundle is never written over a file: choose a new name or remove it first")
        }
        guard !isInsideTransaction else {
            throw DatabaseError(.misuse, message: "a bundle cannot be made inside a transaction: VACUUM INTO needs none open")
        }
        // A missing or read-only folder is named, rather than the temporary file SQLite fails to open.
        if let cause = openFailureCause(of: path, writing: true, creating: true) {
            throw DatabaseError(.cannotOpen, message: "cannot write the bundle \(path): \(cause)")
        }
        removeAbandonedPartialCopies(besides: path)
        // Absolute, so that a name starting with "file:" is never read as a URI by a connection
        // opened through one (an immutable connection is).
        let partial = absolutePath(partialPath(for: path))
        let digest: (byteCount: Int64, sha256: String)
        do {
            try FaultInjection.duringBackup(on: handle) {
                try internalExecute("VACUUM INTO ?", [.text(partial)])
            }
            try Self.stamp(partial, applicationID: applicationID, userVersion: userVersion)
            digest = try fileDigest(partial)
        } catch {
            removePartialCopy(partial)
            throw error
        }
        try finishCopy(partial, at: path)
        return DatabaseBundle(
            path: path, byteCount: digest.byteCount, sha256: digest.sha256, applicationID: applicationID, userVersion: userVersion)
    }

    /// Sets the journal mode and header values of a finished copy and checks its integrity;
    /// the connection is closed when this returns.
    private static func stamp(_ path: String, applicationID: Int32, userVersion: Int32) throws {
        var configuration = Configuration()
        configuration.journalMode = .delete
        configuration.synchronous = .full
        configuration.foreignKeysEnabled = false
        let copy = try DatabaseConnection(path: path, configuration: configuration)
        try copy.execute("PRAGMA application_id = \(applicationID)")
        try copy.execute("PRAGMA user_version = \(userVersion)")
        let problems = try copy.integrityCheck()
        guard problems.isEmpty else {
            throw DatabaseError(
                .corrupt, message: "the bundle failed its integrity check: \(problems.prefix(3).joined(separator: "; "))")
        }
    }
}

/// The size and SHA-256 of a file, read through a read-only mapping: the bytes are hashed where
/// the kernel keeps them, never copied into memory of the process.
func fileDigest(_ path: String) throws -> (byteCount: Int64, sha256: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        throw DatabaseError(.cannotOpen, message: "cannot read \(path) to hash it: \(systemErrorDescription(errno))")
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
        throw DatabaseError(.ioError, message: "cannot read \(path) to hash it: \(systemErrorDescription(errno))")
    }
    let size = Int(info.st_size)
    guard size > 0 else { return (0, SHA256.hexDigest(of: [UInt8]())) }
    guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
        throw DatabaseError(.ioError, message: "cannot read \(path) to hash it: \(systemErrorDescription(errno))")
    }
    defer { munmap(mapping, size) }
    let bytes = UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: size)
    return (Int64(size), SHA256.hexDigest(of: bytes))
}
