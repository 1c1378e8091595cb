#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether anything exists at `path` (file, folder or link). POSIX: the SQLite layer takes from
/// Foundation only `Date` and `LocalizedError`.
package func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}

/// Whether `path` names anything at all, a symbolic link included even when it dangles: a
/// destination that must not be overwritten is taken when this is true.
package func pathIsTaken(_ path: String) -> Bool {
    var info = stat()
    return path.isEmpty || lstat(path, &info) == 0
}

/// What kind of thing a path names.
package enum FileKind: Equatable {
    /// Nothing is there.
    case missing
    /// A regular file.
    case regular
    /// A folder.
    case directory
    /// A named pipe: opening it would block until another process opens its other end.
    case fifo
    /// A device, a socket or anything else that is not a file of bytes.
    case other(String)

    /// A description for messages: "a named pipe (FIFO)".
    package var description: String {
        switch self {
        case .missing: return "nothing"
        case .regular: return "a regular file"
        case .directory: return "a folder"
        case .fifo: return "a named pipe (FIFO)"
        case .other(let kind): return kind
        }
    }
}

/// What `path` names, following symbolic links; no file is opened.
package func fileKind(_ path: String) -> FileKind {
    var info = stat()
    guard stat(path, &info) == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .directory
    case S_IFIFO: return .fifo
    case S_IFCHR: return .other("a character device")
    case S_IFBLK: return .other("a block device")
    case S_IFSOCK: return .other("a socket")
    default: return .other("not a regular file")
    }
}

/// Whether `path` names a directory.
package func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// Moves `source` to `destination` unless `destination` already exists, then removes nothing
/// else: how a finished copy takes its final name in one step, so no reader ever sees half of
/// it. (`link` + `unlink` would refuse an existing destination atomically, but not every file
/// system has hard links; the existence check leaves a tiny window instead.)
package func moveFile(_ source: String, to destination: String) -> Int32? {
    guard !fileExists(destination) else { return EEXIST }
    return rename(source, destination) == 0 ? nil : errno
}

/// Removes a file, ignoring a missing one.
package func removeFile(_ path: String) {
    _ = unlink(path)
}

/// A temporary name beside `path`, unique to this process, for a copy in progress.
package func partialPath(for path: String) -> String {
    "\(path).partial-\(getpid())"
}

/// Removes the copies in progress that killed processes left beside `path` (`name.partial-PID`
/// and its `-journal`, for any name in the same folder), so repeated interrupted backups do
/// not fill the disk. A file is removed only when its process no longer exists and it is empty
/// or starts with SQLite's header: a file that merely looks like one by name is left alone.
///
/// - returns: the paths removed.
@discardableResult
package func removeAbandonedPartialCopies(besides path: String) -> [String] {
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var removed: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard let marker = name.ranges(of: ".partial-").last else { continue }
        var digits = Substring(name[marker.upperBound...])
        if digits.hasSuffix("-journal") { digits = digits.dropLast("-journal".count) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = pid_t(digits), pid > 0 else { continue }
        // kill(pid, 0) probes without signalling: ESRCH means no such process. A live process
        // (or one we may not signal, EPERM) may still be copying.
        guard pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
        let candidate = folder == "/" ? "/" + name : folder + "/" + name
        guard fileKind(candidate) == .regular, startsLikeSQLiteFile(candidate, journal: name.hasSuffix("-journal")) else { continue }
        if unlink(candidate) == 0 { removed.append(candidate) }
    }
    return removed
}

/// Whether a file is empty or begins with the 16-byte header of an SQLite database, or with the
/// 8-byte magic of a rollback journal, or its zeroed magic (which a killed `VACUUM INTO` copy
/// leaves beside it).
private func startsLikeSQLiteFile(_ path: String, journal: Bool) -> Bool {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var header = [UInt8](repeating: 0, count: 16)
    let count = read(descriptor, &header, 16)
    if count == 0 { return true }
    if journal {
        // SQLite zeroes the magic of a journal it has finished with.
        let magic = Array(header.prefix(8))
        return count >= 8 && (magic == [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7] || magic == [UInt8](repeating: 0, count: 8))
    }
    return count == 16 && header == Array("SQLite format 3\0".utf8)
}

/// The system's description of an `errno` value.
package func systemErrorDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}
