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
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            let advice = errno == EEXIST ? "choose another name or remove it first" : "check that its folder exists and is writable"
            throw CommandFailure("cannot create \(path): \(reason); \(advice)", status: .failure)
        }
        do {
            try StandardStreams.writeAll(descriptor, text)
            guard fsync(descriptor) == 0 else { throw StandardStreams.WriteError(reason: String(cString: strerror(errno))) }
            guard close(descriptor) == 0 else {
                unlink(path)
                throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno))); nothing was left behind", status: .failure)
            }
        } catch let error as StandardStreams.WriteError {
            close(descriptor)
            unlink(path)
            throw CommandFailure("cannot write \(path): \(error.reason); nothing was left behind", status: .failure)
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
