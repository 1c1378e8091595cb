/// Collects the text of an export in chunks of about 64 KiB before handing them on: a caller
/// writing to a file or a pipe makes one system call per chunk, not one per object.
final class ExportSink {
    private let write: (String) throws -> Void
    private var buffer = ""
    private static let chunkSize = 1 << 16

    init(_ write: @escaping (String) throws -> Void) {
        self.write = write
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends text, handing the buffer on once it is full.
    func append(_ text: String) throws {
        buffer += text
        if buffer.utf8.count >= Self.chunkSize { try flush() }
    }

    /// Hands on what is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer.removeAll(keepingCapacity: true)
        try write(chunk)
    }
}
