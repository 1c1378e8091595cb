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
}
