import ArgumentParser
import Dossier
import DossierDB

extension GlobalOptions {
    /// Opens an existing, current database for a command that only reads: it never creates a
    /// database, nothing it does can change one, and it leaves no `-wal` or `-shm` file behind.
    ///
    /// A WAL database no process has open is read immutable (``TracelessReading``), which also
    /// reads it on read-only media; the shared lock taken then keeps a writer that starts
    /// meanwhile from rewriting the main file under the read. A command lives for one read, so
    /// the lock is held until the process ends.
    func openForReading() throws -> ContentDatabase {
        try openTraceless { immutable in
            var options = ContentDatabase.OpenOptions.readOnlyExisting
            options.busyTimeout = busyTimeoutDuration
            options.immutable = immutable
            return try ContentDatabase(path: databasePath, options: options)
        }
    }

    /// Opens `dossier query`'s connection, chosen as ``openForReading()`` chooses.
    func openQueryConnection() throws -> ReadOnlyConnection {
        try openTraceless { immutable in
            try ReadOnlyConnection(path: databasePath, busyTimeoutMilliseconds: busyTimeoutMilliseconds, immutable: immutable)
        }
    }

    /// Runs `open` immutable when `--immutable` says so or ``TracelessReading`` chooses it, and
    /// holds the shared lock in the second case. When a writer opened the file between the look
    /// and the open (its `-wal` appeared, and the immutable open refuses it), the file is read
    /// through SQLite's locks after all, as any file another process has open.
    private func openTraceless<Opened>(_ open: (_ immutable: Bool) throws -> Opened) throws -> Opened {
        guard !immutable else { return try open(true) }
        guard TracelessReading.accessMode(forPath: databasePath) == .immutable else { return try open(false) }
        let opened: Opened
        do {
            opened = try open(true)
        } catch let error as DatabaseError where error.resultCode.primary == .cannotOpen {
            return try open(false)
        }
        Self.holdUntilExit(TracelessReading.SharedLock(path: databasePath))
        return opened
    }

    /// Opens an existing, current database for a command that writes, without creating or
    /// migrating it: a mistyped path is an error, and migrating is `migrate up`'s decision.
    func openForWriting() throws -> ContentDatabase {
        try refuseImmutable()
        var options = ContentDatabase.OpenOptions()
        options.createIfMissing = false
        options.migrate = false
        options.busyTimeout = busyTimeoutDuration
        return try ContentDatabase(path: databasePath, options: options)
    }

    /// `--immutable` is for reading: a command that writes refuses it.
    func refuseImmutable() throws {
        if immutable { throw ValidationError("--immutable is for commands that only read; this one writes") }
    }

    /// Keeps `value` alive until the process exits (a command runs once, then the process ends).
    private static func holdUntilExit(_ value: TracelessReading.SharedLock?) {
        if let value { _ = Unmanaged.passRetained(value) }
    }
}

/// Prints rows as the output options ask.
func printRows(_ table: OutputTable, _ output: FormatOptions) throws {
    try StandardStreams.write(output.render(table))
}

/// Prints a line on standard output.
func printLine(_ line: String) throws {
    try StandardStreams.write(line + "\n")
}

/// Parses an option value of a closed vocabulary; a wrong value is a usage error listing the
/// allowed ones.
func vocabularyOption<Value: Vocabulary>(_ text: String?, _ option: String) throws -> Value? {
    guard let text else { return nil }
    guard let value = Value(rawValue: text) else {
        throw ValidationError("\(option) must be one of \(Value.allowedValues) (got \"\(text)\")")
    }
    return value
}
