/// How a connection, or every connection of a pool, is opened and set up.
///
/// The defaults are the ones a content database wants: WAL, `synchronous=NORMAL`, foreign keys
/// on, a five-second busy timeout, and SQLite's defensive switches (`SQLITE_DBCONFIG_DEFENSIVE`,
/// `trusted_schema=OFF`, no extension loading, no double-quoted string literals).
///
/// Related SQLite documentation: <https://www.sqlite.org/pragma.html>,
/// <https://www.sqlite.org/c3ref/c_dbconfig_defensive.html>
public struct Configuration: Sendable, Hashable {
    /// Whether a connection may write, and whether it may create a missing file.
    public enum AccessMode: Sendable, Hashable {
        /// Read and write; create the file when `createIfMissing` is true.
        case readWrite(createIfMissing: Bool)
        /// `SQLITE_OPEN_READONLY`: SQLite refuses every write, and a missing file is an error.
        case readOnly
        /// Read-only, through the URI `file:<path>?immutable=1`: SQLite takes no locks and
        /// never creates or reads a `-wal`, `-shm` or `-journal` file, so nothing is written
        /// anywhere. For a database that nothing changes while it is open — one shipped inside
        /// an app bundle or a container image, or on a read-only file system. A file whose
        /// header says WAL opens too; a `-wal` file beside it that holds data is refused, since
        /// an immutable open would not see what it holds.
        ///
        /// Another process changing the file while it is open gives wrong answers or
        /// `SQLITE_CORRUPT`. The path is still a path: it is percent-encoded into the URI.
        ///
        /// Related SQLite documentation: <https://www.sqlite.org/uri.html#uriimmutable>
        case immutable
    }

    /// The journal mode set when a read-write connection opens.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_journal_mode>
    public enum JournalMode: String, Sendable, Hashable {
        /// Write-ahead logging: readers never block the writer, nor the writer readers.
        case wal = "WAL"
        /// The rollback journal, deleted at the end of each transaction.
        case delete = "DELETE"
    }

    /// `PRAGMA synchronous`.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_synchronous>
    public enum Synchronous: String, Sendable, Hashable {
        /// Sync at checkpoints only. In WAL mode a power loss may lose the last transactions
        /// but never corrupts the database.
        case normal = "NORMAL"
        /// Sync at every commit.
        case full = "FULL"
    }

    /// Read-write (creating the file) by default.
    public var accessMode: AccessMode = .readWrite(createIfMissing: true)

    /// How long a statement waits for another connection's lock before failing with
    /// `SQLITE_BUSY`. Related SQLite documentation: <https://www.sqlite.org/c3ref/busy_timeout.html>
    public var busyTimeoutMilliseconds: Int32 = 5_000

    /// `PRAGMA foreign_keys`. On by default; SQLite's own default is off.
    public var foreignKeysEnabled = true

    /// The journal mode of read-write connections. Ignored for in-memory and read-only connections.
    public var journalMode: JournalMode = .wal

    /// `PRAGMA synchronous`.
    public var synchronous: Synchronous = .normal

    /// `PRAGMA query_only`: the connection refuses to change the database.
    public var queryOnly = false

    /// `SQLITE_DBCONFIG_TRUSTED_SCHEMA`. Off by default: triggers and views may then only use
    /// functions and virtual tables SQLite marks innocuous, so a crafted database file cannot
    /// make its schema call anything with side effects.
    ///
    /// Turn it on only for a connection that writes to a schema you created and verified: in
    /// SQLite 3.40, FTS5 tables and the JSON functions are not marked innocuous, so a trigger
    /// that maintains a full-text index fails with "unsafe use of virtual table" when it is off.
    /// A ``DatabasePool`` gives its readers the same setting as its writer, so that a view over
    /// an FTS5 table reads the same on a file as in memory, where reads use the writer.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_trusted_schema>
    public var trustedSchema = false

    /// How many reader connections a ``DatabasePool`` opens at most.
    public var maximumReaderCount = 4

    /// The default configuration.
    public init() {}
}
