import Foundation

/// A file written through stdio's buffer: the corpus and the exports go to disk as they are
/// made, so no process holds a whole corpus (a million claims is over a gigabyte).
final class FileSink {
    private let file: UnsafeMutablePointer<FILE>
    private(set) var bytes = 0

    init(path: String) throws {
        guard let file = fopen(path, "w") else { throw UsageError(message: "cannot write \(path)") }
        self.file = file
        setvbuf(file, nil, _IOFBF, 1 << 20)
    }

    deinit { fclose(file) }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0.bindMemory(to: UInt8.self)) }
    }

    func write(_ buffer: UnsafeBufferPointer<UInt8>) throws {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        guard fwrite(base, 1, buffer.count, file) == buffer.count else { throw UsageError(message: "a write failed") }
        bytes += buffer.count
    }

    /// Flushes stdio's buffer, so the file is complete on disk.
    func flush() throws {
        guard fflush(file) == 0 else { throw UsageError(message: "a write failed") }
    }
}
