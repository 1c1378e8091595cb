/// The shapes of a bibliographic reference's identifiers, as ``ColumnRule/doi``,
/// ``ColumnRule/pmid`` and ``ColumnRule/isbn`` declare them. The schema's CHECKs hold the same
/// shapes; an ISBN's check digit is tested here alone.
enum BibliographicIdentifier {
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// `10.` + registrant (4 digits, then digits and dots) + `/` + a suffix of at least one
    /// character; at most 300 code points, no whitespace or control character.
    static func isDOI(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard text.unicodeScalars.count <= 300, bytes.starts(with: Array("10.".utf8)),
            let slash = bytes.firstIndex(of: UInt8(ascii: "/"))
        else { return false }
        let registrant = bytes[3..<slash]
        guard registrant.count >= 4, registrant.prefix(4).allSatisfy(isDigit),
            registrant.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }), slash + 1 < bytes.count
        else { return false }
        return !text.unicodeScalars.contains { ColumnRule.whitespace.contains($0) } && !TextRules.hasControlCharacters(text)
    }

    /// 1 to 9 ASCII digits, the first not 0.
    static func isPMID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (1...9).contains(bytes.count) && bytes.allSatisfy(isDigit) && bytes[0] != UInt8(ascii: "0")
    }

    /// What is wrong with an ISBN, or `nil` when it is valid: its shape, then its check digit.
    static func isbnIssue(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        let shape =
            "must be an ISBN without hyphens: 10 characters (9 digits and a digit or X) or 13 digits starting 978 or 979"
        let digits = bytes.map { Int($0) - Int(UInt8(ascii: "0")) }
        if bytes.count == 10, bytes.prefix(9).allSatisfy(isDigit), isDigit(bytes[9]) || bytes[9] == UInt8(ascii: "X") {
            // Weights 10 down to 1; X is 10; the sum is a multiple of 11.
            let last = bytes[9] == UInt8(ascii: "X") ? 10 : digits[9]
            let sum = (0..<9).reduce(0) { $0 + digits[$1] * (10 - $1) } + last
            return sum % 11 == 0 ? nil : "has a wrong ISBN-10 check digit (the last character): check it against the book"
        }
        if bytes.count == 13, bytes.allSatisfy(isDigit), bytes.starts(with: Array("978".utf8)) || bytes.starts(with: Array("979".utf8)) {
            // Weights 1 and 3 alternately; the sum is a multiple of 10.
            let sum = (0..<13).reduce(0) { $0 + digits[$1] * ($1 % 2 == 0 ? 1 : 3) }
            return sum % 10 == 0 ? nil : "has a wrong ISBN-13 check digit (the last digit): check it against the book"
        }
        return shape
    }
}
