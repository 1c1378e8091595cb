#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `path` made absolute against the current folder; an absolute path is returned as it is.
package func absolutePath(_ path: String) -> String {
    guard !path.hasPrefix("/") else { return path }
    guard let folder = getcwd(nil, 0) else { return path }
    defer { free(folder) }
    let current = String(cString: folder)
    let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    return current.hasSuffix("/") ? current + relative : current + "/" + relative
}

/// The URI SQLite opens a file through immutably: `file://` with an empty authority, the
/// absolute path percent-encoded (every byte but unreserved ASCII and `/`, so `?`, `#`, `%`
/// and non-ASCII names stay part of the path), then `?immutable=1`.
///
/// Related SQLite documentation: <https://www.sqlite.org/uri.html>
package func immutableDatabaseURI(forPath path: String) -> String {
    "file://" + percentEncodedPath(absolutePath(path)) + "?immutable=1"
}

/// The path's UTF-8 bytes, with every byte that is not an ASCII letter, digit, `-`, `.`, `_`,
/// `~` or `/` written as `%XX`.
package func percentEncodedPath(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var encoded: [UInt8] = []
    encoded.reserveCapacity(path.utf8.count)
    for byte in path.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            encoded.append(byte)
        default:
            encoded.append(UInt8(ascii: "%"))
            encoded.append(hex[Int(byte >> 4)])
            encoded.append(hex[Int(byte & 0x0F)])
        }
    }
    return String(decoding: encoded, as: UTF8.self)
}

/// The folder holding `path`: `.` for a bare name, `/` for a file at the root.
package func parentFolder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
}

/// The size of the regular file at `path` in bytes; `nil` when there is none.
package func regularFileSize(_ path: String) -> Int64? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int64(info.st_size)
}

/// Whether the database file at `path` says, in its header, that it is in WAL mode (its read
/// and write versions, bytes 18 and 19, are 2).
package func databaseHeaderSaysWAL(_ path: String) -> Bool {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var header = [UInt8](repeating: 0, count: 20)
    guard read(descriptor, &header, 20) == 20 else { return false }
    return header[18] == 2 || header[19] == 2
}

/// Why SQLite could not open, or set up, the database at `path`, found by looking at the file
/// system: the path ends in a slash or names a folder, its folder is missing or is not a
/// folder, the file is missing, cannot be read or written, or its folder refuses the `-wal`,
/// `-shm` or `-journal` file SQLite creates beside it (a read-only file system, or no
/// permission). `nil` when nothing there explains the failure.
///
/// - parameters:
///   - path: the path as the caller gave it.
///   - writing: the connection was to be read-write (and may create the file).
///   - creating: a missing file was to be created.
package func openFailureCause(of path: String, writing: Bool, creating: Bool) -> String? {
    guard !path.isEmpty, path != ":memory:" else { return nil }
    if path.hasSuffix("/") {
        return "the path ends in \"/\", so it names a folder; give the path of a database file"
    }
    let kind = fileKind(path)
    if kind == .directory { return "it is a folder; give the path of a database file" }
    let folder = parentFolder(of: path)
    var folderInfo = stat()
    if stat(folder, &folderInfo) != 0 {
        let code = errno
        switch code {
        case ENOENT: return "its folder \(folder) does not exist; create the folder first, or check the path"
        case ENOTDIR: return "a part of \(folder) is a file, not a folder; check the path"
        default: return "its folder \(folder) cannot be reached: \(systemErrorDescription(code))"
        }
    }
    guard (folderInfo.st_mode & S_IFMT) == S_IFDIR else { return "\(folder) is not a folder; check the path" }
    if access(folder, X_OK) != 0 {
        return "no permission to enter its folder \(folder): \(systemErrorDescription(errno))"
    }
    let folderRefusal = refusalToCreateFiles(in: folder)
    if kind == .missing {
        guard creating else { return "there is no file at \(path); check the path" }
        if let folderRefusal { return "the file cannot be created: \(folderRefusal)" }
        return nil
    }
    if access(path, R_OK) != 0 {
        return "no permission to read the file: \(systemErrorDescription(errno))"
    }
    if writing, access(path, W_OK) != 0 {
        let code = errno
        if code == EROFS {
            return "the file is on a read-only file system; open it read-only or immutable, or copy it to a writable folder"
        }
        return "the file is not writable (\(systemErrorDescription(code))); check its permissions, or open it read-only"
    }
    guard let folderRefusal else { return nil }
    let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    let companions =
        databaseHeaderSaysWAL(path)
        ? "the \(name)-wal and \(name)-shm files a WAL database needs" : "the \(name)-journal file a write needs"
    return "\(folderRefusal), and SQLite must create \(companions) beside it;"
        + " open the file immutable (nothing is written then), or copy it to a writable folder"
}

/// Why no file can be created in `folder`, or `nil` when one can: its file system is mounted
/// read-only (`statvfs`'s `ST_RDONLY`, or `EROFS`), or the folder refuses new files (no write
/// permission, or an immutable attribute).
package func refusalToCreateFiles(in folder: String) -> String? {
    var info = statvfs()
    if statvfs(folder, &info) == 0, info.f_flag & UInt(ST_RDONLY) != 0 {
        return "the file system holding \(folder) is read-only"
    }
    guard access(folder, W_OK) != 0 else { return nil }
    let code = errno
    if code == EROFS { return "the file system holding \(folder) is read-only" }
    return "no permission to create files in \(folder) (\(systemErrorDescription(code)))"
}

extension DatabaseConnection {
    /// Refuses an immutable open that would not see the whole database: an in-memory database
    /// (there is no file), or a file whose `-wal` beside it holds data, which an immutable
    /// open ignores.
    static func checkImmutableOpen(of path: String) throws {
        if path.isEmpty || path == ":memory:" {
            throw DatabaseError(.misuse, message: "an in-memory database cannot be opened immutable; give the path of a database file")
        }
        if let size = regularFileSize(path + "-journal"), size > 0 {
            throw DatabaseError(
                .cannotOpen,
                message:
                    "cannot open database at \(path) immutable: \(path)-journal holds an interrupted transaction that must be rolled back first; open the file once read-write (any write command does it), or read a backup"
            )
        }
        if let size = regularFileSize(path + "-wal"), size > 0 {
            throw DatabaseError(
                .cannotOpen,
                message:
                    "cannot open database at \(path) immutable: \(path)-wal holds \(size) bytes of changes an immutable open would not see; checkpoint the database first, or ship a bundle made with `bundle(to:)`"
            )
        }
    }
}
