import Foundation

/// Reads a file (or a pipe, or text already in memory) a line at a time, in chunks of 256 KiB,
/// so that an NDJSON export of any size is read in bounded memory. A line may end in `\n` or
/// `\r\n`; the last line need not end at all.
final class ExportLineReader {
    /// Where the bytes come from.
    private enum Input {
        case file(descriptor: Int32)
        case bytes([UInt8])
    }

    /// Why reading stopped.
    enum Failure: Error {
        /// `read(2)` failed: errno's description.
        case unreadable(String)
        /// A line is longer than ``maximumLineLength``.
        case lineTooLong(line: Int)
    }

    /// The longest line accepted: a source's whole text is one line, so this is the largest
    /// text an NDJSON export can carry.
    static let maximumLineLength = 1 << 30
    private static let chunkSize = 1 << 18

    private let input: Input
    private var buffer: [UInt8] = []
    private var start = 0
    private var isAtEnd = false
    private var bytesOffset = 0
    /// The number of the line last returned, from 1.
    private(set) var lineNumber = 0

    /// Reads from an open file descriptor, which stays the caller's to close.
    init(fileDescriptor: Int32) {
        input = .file(descriptor: fileDescriptor)
    }

    /// Reads text already in memory.
    init(text: String) {
        input = .bytes(Array(text.utf8))
    }

    /// The next line, without its line ending, or `nil` at the end of the input.
    func nextLine() throws(Failure) -> ArraySlice<UInt8>? {
        var searched = start
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                lineNumber += 1
                return line
            }
            searched = buffer.count
            if isAtEnd {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lineNumber += 1
                return line
            }
            guard buffer.count - start <= Self.maximumLineLength else { throw .lineTooLong(line: lineNumber + 1) }
            // Drop what was consumed before reading more, so the buffer holds about one line.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                searched -= start
                start = 0
            }
            try fill()
        }
    }

    private func fill() throws(Failure) {
        switch input {
        case .bytes(let bytes):
            buffer += bytes[bytesOffset...]
            bytesOffset = bytes.count
            isAtEnd = true
        case .file(let descriptor):
            let oldCount = buffer.count
            buffer += repeatElement(0, count: Self.chunkSize)
            var count = -1
            repeat {
                count = buffer.withUnsafeMutableBytes { raw in
                    read(descriptor, raw.baseAddress.map { $0 + oldCount }, Self.chunkSize)
                }
            } while count < 0 && errno == EINTR
            guard count >= 0 else {
                buffer.removeSubrange(oldCount...)
                throw .unreadable(String(cString: strerror(errno)))
            }
            buffer.removeSubrange((oldCount + count)...)
            if count == 0 { isAtEnd = true }
        }
    }
}
