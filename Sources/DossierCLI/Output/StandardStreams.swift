import Foundation

/// Standard input, output and error through `read(2)` and `write(2)`, every call checked.
///
/// Foundation's `FileHandle` traps on a failed write (a full disk, a closed descriptor) and
/// `print` drops the failure on the floor; either way a command could crash or exit 0 with its
/// output lost. Here a failed write of standard output is an error the command reports (exit 1);
/// a failed write of standard error is ignored, since there is nowhere left to say it.
enum StandardStreams {
    /// Makes a write to a closed pipe an error (`EPIPE`) rather than a signal that kills the
    /// process: `dossier export | head -1` then ends with a message, not a crash.
    static func setUp() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `text` to standard output, all of it.
    ///
    /// - throws: ``CommandFailure`` (exit 1) naming the cause: a full disk, a closed pipe…
    static func write(_ text: String) throws {
        do {
            try writeAll(STDOUT_FILENO, text)
        } catch let error as WriteError {
            throw CommandFailure("cannot write to standard output: \(error.reason)", status: .failure)
        }
    }

    /// Writes `text` to standard error; a failure is ignored.
    static func writeError(_ text: String) {
        try? writeAll(STDERR_FILENO, text)
    }

    /// Writes `text` to `descriptor`, retrying after a signal and after a short write.
    static func writeAll(_ descriptor: Int32, _ text: String) throws {
        var text = text
        try text.withUTF8 { try writeAll(descriptor, UnsafeRawBufferPointer($0)) }
    }

    /// Writes `bytes` to `descriptor`, retrying after a signal and after a short write.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Foundation.write(descriptor, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(reason: String(cString: strerror(errno)))
            }
            pointer += written
            remaining -= written
        }
    }

    /// Why a write failed: the system's words for `errno`.
    struct WriteError: Error {
        var reason: String
    }

    /// Everything on standard input, at most `limit` bytes.
    ///
    /// - throws: ``CommandFailure``: exit 1 when standard input cannot be read (closed, a
    ///   folder…), exit 2 when it holds more than `limit` bytes.
    static func readInput(limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read standard input: \(String(cString: strerror(errno)))", status: .failure)
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            if bytes.count > limit {
                throw CommandFailure("standard input holds more than \(limit / 1_048_576) MB; give a file instead", status: .usage)
            }
        }
    }
}
