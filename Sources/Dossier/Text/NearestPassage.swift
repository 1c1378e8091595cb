/// The passage of a source a quote that was not found was most likely copied from: one that
/// matches it once case, quote marks, dashes and spacing are set aside — the characters a
/// curator's keyboard or editor changes without asking.
///
/// Both texts are read as units (a run of whitespace is one unit; any other scalar is one, its
/// case folded and its curly quotes and dashes made straight) and the quote's units searched
/// for in the source's: two passes over the source's bytes, no copy of the text as scalars,
/// so a long source costs what its length does, and only on the error path.
struct NearestPassage: Hashable {
    /// One place the quote differs from the passage.
    struct Difference: Hashable {
        /// Where, in code points from the start of the quote.
        var position: Int
        /// What the quote has there.
        var quoted: String
        /// What the source has.
        var source: String
    }

    /// Where the passage starts in the source, in code points.
    var start: Int
    /// The passage, as the source has it.
    var passage: String
    /// How the quote differs from it, in order.
    var differences: [Difference]
    /// How many other passages match as loosely.
    var otherMatches: Int

    /// At most this many differences are named; the rest are counted.
    static let namedDifferences = 5

    /// One way of reading a message: "' (U+0027) where the source has ’ (U+2019) at position 7;
    /// …" with every difference, or the first few and how many more.
    var differenceText: String {
        let named = differences.prefix(Self.namedDifferences).map { difference in
            "\(Self.describe(difference.quoted)) where the source has \(Self.describe(difference.source)) at position \(difference.position)"
        }
        let more = differences.count > Self.namedDifferences ? "; and \(differences.count - Self.namedDifferences) more" : ""
        return named.joined(separator: "; ") + more
    }

    /// A run of characters for a message: each visible one as itself, each invisible one by
    /// name, then the code points: `’ (U+2019)`, `two spaces (U+0020 U+0020)`.
    static func describe(_ run: String) -> String {
        let scalars = Array(run.unicodeScalars)
        let codes = scalars.map { "U+" + hex($0.value) }.joined(separator: " ")
        let names: String
        if scalars.count > 1, Set(scalars).count == 1, let name = invisibleName(scalars[0]) {
            names = "\(scalars.count) \(name)s"
        } else {
            names = scalars.map { invisibleName($0) ?? String($0) }.joined(separator: " ")
        }
        return "\(names) (\(codes))"
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func invisibleName(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x20: return "space"
        case 0x09: return "tab"
        case 0x0A: return "line break"
        case 0xA0: return "no-break space"
        case 0x202F: return "narrow no-break space"
        case 0x2009: return "thin space"
        case 0x3000: return "ideographic space"
        case 0..<0x20, 0x7F...0x9F: return "control character"
        default: return ColumnRule.whitespace.contains(scalar) ? "space-like character" : nil
        }
    }
}

extension SourceText {
    /// The passage `exact` (a quote not found verbatim) matches once case, quote marks, dashes
    /// and spacing are set aside, and how the two differ; `nil` when no passage matches even so
    /// — then the quote's words are not the source's, and no passage is suggested.
    func nearestPassage(to exact: String) -> NearestPassage? {
        let quoteBytes = Array(exact.precomposedStringWithCanonicalMapping.utf8)
        let needle = LooseText.normalized(quoteBytes)
        guard !needle.isEmpty else { return nil }
        let haystack = LooseText.normalized(bytes)
        let hits = LooseText.offsets(of: needle, in: haystack, limit: 101)
        guard let first = hits.first else { return nil }
        // Find the source's bytes of the match: walk its units again until the normalized
        // length reaches the match's start, then its end.
        guard let range = LooseText.originalRange(in: bytes, normalizedStart: first, normalizedCount: needle.count) else {
            return nil
        }
        let quoteUnits = LooseText.units(quoteBytes[...])
        let sourceUnits = LooseText.units(bytes[range])
        guard quoteUnits.count == sourceUnits.count else { return nil }
        var differences: [NearestPassage.Difference] = []
        var position = 0
        for (quoteUnit, sourceUnit) in zip(quoteUnits, sourceUnits) {
            let quoted = quoteBytes[quoteUnit.range]
            let found = bytes[sourceUnit.range.lowerBound + range.lowerBound..<sourceUnit.range.upperBound + range.lowerBound]
            if !quoted.elementsEqual(found) {
                differences.append(
                    NearestPassage.Difference(
                        position: position, quoted: String(decoding: quoted, as: UTF8.self), source: String(decoding: found, as: UTF8.self))
                )
            }
            position += quoted.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }
        let start = bytes[0..<range.lowerBound].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return NearestPassage(
            start: start, passage: slice(bytes: range), differences: differences, otherMatches: hits.count - 1)
    }
}

/// Text read loosely: whitespace runs as one space, letters in lower case, curly quotes and
/// apostrophes straight, dashes and minus signs as hyphens. Each unit reads as one scalar (or
/// one space), so a quote and its loose match have the same units, side by side.
enum LooseText {
    /// One unit of a text: its bytes, and what it reads as.
    struct Unit {
        var range: Range<Int>
        var key: [UInt8]
    }

    /// The units of UTF-8 `bytes` (valid UTF-8, as a Swift string's are).
    static func units(_ bytes: ArraySlice<UInt8>) -> [Unit] {
        var units: [Unit] = []
        forEachUnit(bytes) { range, key in
            units.append(Unit(range: range.lowerBound - bytes.startIndex..<range.upperBound - bytes.startIndex, key: key))
            return true
        }
        return units
    }

    /// What `bytes` read as, unit after unit.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        forEachUnit(bytes[...]) { _, key in
            out.append(contentsOf: key)
            return true
        }
        return out
    }

    /// The bytes of `bytes` whose units read as `normalized[normalizedStart..<normalizedStart + normalizedCount]`.
    static func originalRange(in bytes: [UInt8], normalizedStart: Int, normalizedCount: Int) -> Range<Int>? {
        var length = 0
        var lower: Int?
        var upper: Int?
        forEachUnit(bytes[...]) { range, key in
            if lower == nil, length == normalizedStart { lower = range.lowerBound }
            length += key.count
            if lower != nil, length == normalizedStart + normalizedCount {
                upper = range.upperBound
                return false
            }
            return length <= normalizedStart + normalizedCount
        }
        guard let lower, let upper else { return nil }
        return lower..<upper
    }

    /// Where `needle` occurs in `haystack`, at most `limit` offsets.
    static func offsets(of needle: [UInt8], in haystack: [UInt8], limit: Int) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        var found: [Int] = []
        var position = 0
        let last = haystack.count - needle.count
        while position <= last, found.count < limit {
            if haystack[position] == needle[0], haystack[position..<position + needle.count].elementsEqual(needle) {
                found.append(position)
            }
            position += 1
        }
        return found
    }

    /// Calls `body` with each unit's byte range and key, until it returns false.
    private static func forEachUnit(_ bytes: ArraySlice<UInt8>, _ body: (Range<Int>, [UInt8]) -> Bool) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let (scalar, length) = decode(bytes, at: index)
            if isWhitespace(scalar) {
                var end = index + length
                while end < bytes.endIndex {
                    let (next, nextLength) = decode(bytes, at: end)
                    guard isWhitespace(next) else { break }
                    end += nextLength
                }
                if !body(index..<end, [0x20]) { return }
                index = end
                continue
            }
            if !body(index..<index + length, key(scalar)) { return }
            index += length
        }
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : ColumnRule.whitespace.contains(scalar)
    }

    private static func key(_ scalar: Unicode.Scalar) -> [UInt8] {
        switch scalar.value {
        case 0x41...0x5A: return [UInt8(scalar.value + 0x20)]
        case 0..<0x80: return [UInt8(scalar.value)]
        case 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032, 0x00B4: return [UInt8(ascii: "'")]
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return [UInt8(ascii: "\"")]
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return [UInt8(ascii: "-")]
        default:
            let lower = scalar.properties.lowercaseMapping
            return Array((lower.unicodeScalars.count == 1 ? lower : String(scalar)).utf8)
        }
    }

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    private static func decode(_ bytes: ArraySlice<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= bytes.endIndex else { return (Unicode.Scalar(0xFFFD) ?? " ", 1) }
        var value: UInt32
        switch length {
        case 1: value = UInt32(lead)
        case 2: value = UInt32(lead & 0x1F)
        case 3: value = UInt32(lead & 0x0F)
        default: value = UInt32(lead & 0x07)
        }
        for offset in 1..<max(1, length) {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD) ?? " ", length)
    }
}
