#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether anything exists at `path` (file, folder or link). POSIX, to keep Foundation out of
/// the SQLite layer.
package func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
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

/// The system's description of an `errno` value.
package func systemErrorDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}
