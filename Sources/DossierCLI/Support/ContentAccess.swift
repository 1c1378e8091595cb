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
        let path = databasePath
        var options = ContentDatabase.OpenOptions.readOnlyExisting
        options.busyTimeout = busyTimeoutDuration
        let chosen = !immutable && TracelessReading.accessMode(forPath: path) == .immutable
        options.immutable = immutable || chosen
        let content: ContentDatabase
        do {
            content = try ContentDatabase(path: path, options: options)
        } catch let error as DatabaseError where chosen && error.resultCode.primary == .cannotOpen {
            // A writer opened the file between the look and the open (its -wal appeared): read
            // through SQLite's locks after all, as for any file another process has open.
            options.immutable = false
            return try ContentDatabase(path: path, options: options)
        }
        if chosen { Self.holdUntilExit(TracelessReading.SharedLock(path: path)) }
        return content
    }

    /// Opens `dossier query`'s connection, chosen as ``openForReading()`` chooses.
    func openQueryConnection() throws -> ReadOnlyConnection {
        let path = databasePath
        let chosen = !immutable && TracelessReading.accessMode(forPath: path) == .immutable
        let connection: ReadOnlyConnection
        do {
            connection = try ReadOnlyConnection(
                path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, immutable: immutable || chosen)
        } catch let error as DatabaseError where chosen && error.resultCode.primary == .cannotOpen {
            // As in openForReading(): a writer appeared meanwhile.
            return try ReadOnlyConnection(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        }
        if chosen { Self.holdUntilExit(TracelessReading.SharedLock(path: path)) }
        return connection
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
