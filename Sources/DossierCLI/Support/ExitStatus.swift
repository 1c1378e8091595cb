/// The documented, stable exit codes of `dossier`.
enum ExitStatus: Int32, CaseIterable {
    /// Success.
    case ok = 0
    /// A failure not covered below.
    case failure = 1
    /// The command line is wrong.
    case usage = 2
    /// A slug, source or file named on the command line does not exist.
    case notFound = 3
    /// Input was rejected by validation, or `check` found problems.
    case validation = 4
    /// Migrations drifted (an applied file was edited), the database is newer than this build,
    /// or it needs migrating first.
    case migration = 5
    /// A query tried to write.
    case readOnlyViolation = 6
    /// A query ran past its time limit.
    case timeout = 7
    /// The database file cannot be opened: missing, a folder, not a database, or unreadable.
    case cannotOpen = 8
    /// A resource limit was reached: `query` needed more memory than `--max-memory`, or a
    /// value longer than SQLite's limit.
    case resourceLimit = 9
    /// Another process held the database locked for longer than `--busy-timeout` (SQLite's
    /// `SQLITE_BUSY`): nothing was done, and running the command again later may succeed.
    case busy = 10
    /// `query` printed only the first `--max-rows` rows: more were left out. What was printed
    /// is complete and well-formed (a closed JSON array, whole CSV lines); `--max-rows 0`
    /// prints every row.
    case truncated = 11
}

/// Thrown by a command that has printed all it has to say and only ends with a status that is
/// not success: ``Main`` exits with it and prints nothing more (as for `query`'s cut output).
extension ExitStatus: Error {}
