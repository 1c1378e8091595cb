#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a program that only reads opens an existing database file so that it leaves nothing
/// beside it, and can read it on read-only media.
///
/// SQLite's ordinary read-only open of a WAL database creates the `-wal` and `-shm` files it
/// needs, and, being read-only, cannot delete them when it closes: every read would leave them
/// behind, and on a read-only file system the open fails. But a WAL database with no `-wal`
/// file beside it is open nowhere — every connection in WAL mode keeps that file until the last
/// one closes and deletes it — and every commit is in the main file. Such a file is opened
/// `immutable`: no file is created, no lock is taken. Any other file is opened read-only as
/// usual: a rollback-journal database (reading it creates nothing), or a WAL database whose
/// `-wal` is there (another connection's, whose commits only SQLite's locking reads correctly)
/// — unless that `-wal` is empty and its folder cannot be written, when no writer can be
/// using it and there is nothing in it to miss.
///
/// Related SQLite documentation: <https://www.sqlite.org/wal.html#readonly>,
/// <https://www.sqlite.org/uri.html#uriimmutable>
package enum TracelessReading {
    /// The access mode that reads the database at `path` without creating a file.
    package static func accessMode(forPath path: String) -> Configuration.AccessMode {
        guard databaseHeaderSaysWAL(path) else { return .readOnly }
        guard let walSize = regularFileSize(path + "-wal") else { return .immutable }
        if walSize == 0, refusalToCreateFiles(in: parentFolder(of: path)) != nil { return .immutable }
        return .readOnly
    }

    /// Holds a shared lock on the database file, as an SQLite connection holds while it uses a
    /// WAL database, for as long as the value lives.
    ///
    /// An immutable reader takes no lock, so a writer that opens the file after the reader chose
    /// that mode would not know it is there. With this lock held, such a writer's last close
    /// cannot take the exclusive lock it needs to copy its log into the main file and delete it:
    /// it leaves both for the next connection, and the main file stays as the reader found it.
    /// (Only a writer whose log passes the automatic checkpoint's 1,000 pages during the read
    /// writes to the main file regardless.) POSIX locks belong to the process, and closing any
    /// descriptor of the file releases them: take this one after the connection is open.
    package final class SharedLock {
        private let descriptor: Int32

        /// Takes the lock, or gives nothing (`nil`) when the file cannot be opened or locked.
        package init?(path: String) {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { return nil }
            // SQLite's unix VFS: SHARED is a read lock on the 510 bytes after the pending and
            // reserved bytes at 1 GiB (os_unix.c, SHARED_FIRST and SHARED_SIZE).
            var lock = flock()
            lock.l_type = Int16(F_RDLCK)
            lock.l_whence = Int16(SEEK_SET)
            lock.l_start = off_t(0x4000_0002)
            lock.l_len = 510
            guard fcntl(descriptor, F_SETLK, &lock) == 0 else {
                close(descriptor)
                return nil
            }
            self.descriptor = descriptor
        }

        deinit {
            close(descriptor)
        }
    }
}
