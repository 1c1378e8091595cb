import DossierDB
import Foundation

/// A new file a command writes its output to (`export --output FILE`): created exclusively, so
/// an existing file is never overwritten; every write checked; flushed to disk before the
/// command reports success; removed again when anything fails, so a full disk never leaves half
/// a file under the name asked for.
enum OutputFile {
    /// Writes `text` to a new file at `path`.
    ///
    /// - throws: ``CommandFailure`` (exit 1) naming the file and the cause.
    static func create(_ path: String, contents text: String) throws {
        try create(path) { write in try write(text) }
    }

    /// Writes a new file at `path` a chunk at a time: `body` gets a function that appends to
    /// it. The chunks go to a temporary name beside it (`path.partial-PID`), which takes the
    /// name asked for only once everything is written and on disk; whatever fails, it is
    /// removed, so no half file ever stands under that name.
    ///
    /// - throws: ``CommandFailure`` (exit 1) naming the file and the cause; what `body` throws.
    static func create(_ path: String, _ body: ((String) throws -> Void) throws -> Void) throws {
        if pathIsTaken(path) {
            throw CommandFailure("cannot create \(path): it already exists; choose another name or remove it first", status: .usage)
        }
        removeAbandonedPartials(of: path)
        let partial = partialPath(for: path)
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure(
                "cannot create \(path): \(String(cString: strerror(errno))); check that its folder exists and is writable", status: .failure
            )
        }
        var isOpen = true
        defer {
            if isOpen { close(descriptor) }
            removeFile(partial)
        }
        do {
            try body { chunk in try StandardStreams.writeAll(descriptor, chunk) }
            guard fsync(descriptor) == 0 else { throw StandardStreams.WriteError(reason: String(cString: strerror(errno))) }
            isOpen = false
            guard close(descriptor) == 0 else { throw StandardStreams.WriteError(reason: String(cString: strerror(errno))) }
        } catch let error as StandardStreams.WriteError {
            throw CommandFailure("cannot write \(path): \(error.reason); nothing was left behind", status: .failure)
        }
        if let code = moveFile(partial, to: path) {
            throw CommandFailure(
                "cannot create \(path): \(systemErrorDescription(code)); nothing was left behind",
                status: code == EEXIST ? .usage : .failure)
        }
    }

    /// Removes what earlier writes of `path` left when they were killed (`path.partial-PID`
    /// whose process is gone): such a file is never resumed, and each can be as large as the
    /// content, so repeated interrupted exports would fill the disk. Only a regular file that is
    /// empty or starts like an export (`{`) is removed; anything else by that name is left.
    private static func removeAbandonedPartials(of path: String) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        let prefix = (slash.map { String(path[path.index(after: $0)...]) } ?? path) + ".partial-"
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix) else { continue }
            let digits = name.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = pid_t(digits), pid > 0 else { continue }
            // kill(pid, 0) probes without signalling: ESRCH means no such process.
            guard pid != getpid(), kill(pid, 0) == -1, errno == ESRCH else { continue }
            let candidate = folder == "/" ? "/" + name : folder + "/" + name
            guard fileKind(candidate) == .regular else { continue }
            let descriptor = open(candidate, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            var first: UInt8 = 0
            let count = read(descriptor, &first, 1)
            close(descriptor)
            if count == 0 || (count == 1 && first == UInt8(ascii: "{")) { unlink(candidate) }
        }
    }

    /// For a command that writes a file where `-` was given: runs `write` with the path of a
    /// new file in a private temporary folder, copies that file to standard output, and removes
    /// the folder, whatever happens.
    ///
    /// - throws: ``CommandFailure`` (exit 1) when the temporary file cannot be made or read, or
    ///   standard output cannot be written; what `write` throws.
    static func throughStandardOutput(named name: String, _ write: (String) throws -> Void) throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast()) + Array("dossier-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } != nil }
        guard created, let folder = String(validating: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self) else {
            throw CommandFailure(
                "cannot create a temporary folder in \(base): \(String(cString: strerror(errno))); set TMPDIR to a writable folder",
                status: .failure)
        }
        let path = folder + "/" + name
        defer {
            unlink(path)
            rmdir(folder)
        }
        try write(path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot read \(path): \(String(cString: strerror(errno)))", status: .failure)
        }
        defer { close(descriptor) }
        // Open, the copy needs no name: a signal from here on leaves nothing behind.
        unlink(path)
        rmdir(folder)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read \(path): \(String(cString: strerror(errno)))", status: .failure)
            }
            if count == 0 { return }
            do {
                try chunk.withUnsafeBytes { try StandardStreams.writeAll(STDOUT_FILENO, UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            } catch let error as StandardStreams.WriteError {
                throw CommandFailure("cannot write to standard output: \(error.reason)", status: .failure)
            }
        }
    }
}
