import Foundation

/// A source text prepared for finding quotes: its UTF-8 bytes, searched directly, with offsets
/// converted to Unicode code points — the unit of SQLite's `substr()` and `length()`, not
/// Swift `Character`s (grapheme clusters) and not UTF-16.
struct SourceText {
    let text: String
    let bytes: [UInt8]

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// Where a quote was found: code points (the stored unit) and UTF-8 bytes.
    struct Match: Hashable {
        var start: Int
        var end: Int
        var byteStart: Int
        var byteEnd: Int
    }

    /// The outcome of looking for a quote.
    enum Search: Hashable {
        case found(Match)
        case notFound
        case ambiguous(count: Int)
    }

    /// Finds `exact` (after NFC normalisation), optionally only where `prefix` ends right before
    /// it and `suffix` starts right after it.
    func find(_ exact: String, prefix: String? = nil, suffix: String? = nil) -> Search {
        let needle = Array(exact.precomposedStringWithCanonicalMapping.utf8)
        let before = prefix.map { Array($0.precomposedStringWithCanonicalMapping.utf8) } ?? []
        let after = suffix.map { Array($0.precomposedStringWithCanonicalMapping.utf8) } ?? []
        guard !needle.isEmpty, needle.count <= bytes.count else { return .notFound }
        let matches = byteOffsets(of: needle).filter { offset in
            offset >= before.count && bytes[offset - before.count..<offset].elementsEqual(before)
                && offset + needle.count + after.count <= bytes.count
                && bytes[offset + needle.count..<offset + needle.count + after.count].elementsEqual(after)
        }
        guard let byteStart = matches.first else { return .notFound }
        guard matches.count == 1 else { return .ambiguous(count: matches.count) }
        // A match of valid UTF-8 starts on a lead byte, so it never splits a scalar.
        let start = codePointCount(bytes[0..<byteStart])
        let end = start + codePointCount(bytes[byteStart..<byteStart + needle.count])
        return .found(Match(start: start, end: end, byteStart: byteStart, byteEnd: byteStart + needle.count))
    }

    /// Every byte offset where `needle` occurs (overlapping occurrences included), found with
    /// `memchr` and `memcmp`: a 50 MB source is searched in milliseconds.
    private func byteOffsets(of needle: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { haystack -> [Int] in
            needle.withUnsafeBufferPointer { pattern -> [Int] in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return [] }
                var offsets: [Int] = []
                var position = 0
                let last = haystack.count - pattern.count
                while position <= last {
                    guard let hit = memchr(base + position, Int32(pattern[0]), last - position + 1) else { break }
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, patternBase, pattern.count) == 0 {
                        offsets.append(offset)
                    }
                    position = offset + 1
                }
                return offsets
            }
        }
    }

    /// The number of code points in a run of UTF-8 bytes: every byte that is not a
    /// continuation byte (10xxxxxx) starts one.
    private func codePointCount(_ slice: ArraySlice<UInt8>) -> Int {
        slice.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// The text of a run of whole UTF-8 sequences.
    func slice(bytes range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// Up to `count` code points ending at a byte offset on a scalar boundary.
    func codePoints(before byteOffset: Int, count: Int) -> String {
        var start = byteOffset
        var taken = 0
        while start > 0, taken < count {
            start -= 1
            if bytes[start] & 0xC0 != 0x80 { taken += 1 }
        }
        return slice(bytes: start..<byteOffset)
    }

    /// Up to `count` code points starting at a byte offset on a scalar boundary.
    func codePoints(after byteOffset: Int, count: Int) -> String {
        var end = byteOffset
        var taken = 0
        while end < bytes.count, taken < count {
            end += 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            taken += 1
        }
        return slice(bytes: byteOffset..<end)
    }

    /// The text between two code-point offsets, clamped to the text.
    func slice(from start: Int, to end: Int) -> String {
        let scalars = text.unicodeScalars
        let lower = scalars.index(scalars.startIndex, offsetBy: max(0, start), limitedBy: scalars.endIndex) ?? scalars.endIndex
        let upper = scalars.index(lower, offsetBy: max(0, end - max(0, start)), limitedBy: scalars.endIndex) ?? scalars.endIndex
        return String(scalars[lower..<upper])
    }

    /// Whether a UTF-8 byte offset (on a scalar boundary) falls between two grapheme clusters
    /// (user-perceived characters), so that a quote starting or ending there does not cut one
    /// in half — "e" out of "é" written as e + U+0301, say.
    ///
    /// Clusters are local, so only a window of the text around the offset is examined: the
    /// check costs the same in a 2 KB text and a 50 MB one.
    func isCharacterBoundary(byteOffset: Int) -> Bool {
        guard byteOffset > 0, byteOffset < bytes.count else { return byteOffset == 0 || byteOffset == bytes.count }
        var lower = max(0, byteOffset - 256)
        while lower > 0, bytes[lower] & 0xC0 == 0x80 { lower -= 1 }
        // Regional indicators pair up from the start of their run, however long: a window that
        // began inside a run would shift every flag by half, so it begins where the run does.
        while lower >= 4, isRegionalIndicator(endingAt: lower) { lower -= 4 }
        var upper = min(bytes.count, byteOffset + 256)
        while upper < bytes.count, bytes[upper] & 0xC0 == 0x80 { upper += 1 }
        let window = String(decoding: bytes[lower..<upper], as: UTF8.self)
        let utf8 = window.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: byteOffset - lower)
        return index.samePosition(in: window) != nil
    }

    /// Whether the four bytes before `end` are the UTF-8 of a regional indicator (U+1F1E6–U+1F1FF).
    private func isRegionalIndicator(endingAt end: Int) -> Bool {
        bytes[end - 4] == 0xF0 && bytes[end - 3] == 0x9F && bytes[end - 2] == 0x87 && (0xA6...0xBF).contains(bytes[end - 1])
    }
}
