internal import DossierDB
import Foundation

/// Rules for the text the content model stores, shared by every validator.
package enum TextRules {
    /// Lowercase ASCII words joined by single hyphens, 1 to 100 characters: the schema's CHECK.
    package static func isValidSlug(_ slug: String) -> Bool {
        let bytes = Array(slug.utf8)
        guard (1...100).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else {
            return false
        }
        var previousWasHyphen = false
        for byte in bytes {
            let isHyphen = byte == UInt8(ascii: "-")
            let isAllowed =
                isHyphen || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if !isAllowed || (isHyphen && previousWasHyphen) { return false }
            previousWasHyphen = isHyphen
        }
        return true
    }

    /// The slug rule, as a message.
    static let slugRule =
        "must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters (e.g. ketamine-nmda-blockade)"

    /// Whether the text holds a control character other than tab, line feed and carriage return.
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
                || (0x80..<0xA0).contains(scalar.value)
        }
    }

    /// Whether the text is in Unicode Normalization Form C, compared scalar by scalar (Swift's
    /// `==` on strings compares canonical equivalence and would call any form equal).
    static func isNFC(_ text: String) -> Bool {
        // Normalisation never reaches across a line feed (a starter that composes with nothing),
        // so lines can be checked one at a time, and a line made only of characters that are
        // NFC whatever surrounds them needs no normalising at all.
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true) {
            guard !line.allSatisfy(isAlwaysNFC) else { continue }
            let string = String(String.UnicodeScalarView(line))
            if !string.unicodeScalars.elementsEqual(string.precomposedStringWithCanonicalMapping.unicodeScalars) {
                return false
            }
        }
        return true
    }

    /// Characters whose NFC quick check is Yes and whose combining class is 0: a run of them is
    /// NFC. Below U+0300 (Latin, before the combining marks), general punctuation from U+2010
    /// (U+2000 and U+2001 decompose), the joiner and variation selector of emoji sequences,
    /// and the emoji blocks. Everything else goes through Foundation.
    private static func isAlwaysNFC(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0x2010...0x2027, 0x2030...0x205E, 0x200D, 0xFE0F, 0x1F300...0x1FAFF: return true
        default: return false
        }
    }

    /// Whether the text has no leading or trailing whitespace. (Scalar checks: Foundation's
    /// `trimmingCharacters` costs more than the rest of validating a record on Linux.)
    static func isTrimmed(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        return !first.properties.isWhitespace && !last.properties.isWhitespace
    }

    /// Whether the text is empty or only whitespace.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// Issues for a required piece of prose: not empty, trimmed, within `maximum` characters,
    /// no control characters.
    static func proseIssues(_ text: String, field: String, maximum: Int) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if isBlank(text) {
            issues.append(ValidationIssue(field: field, rule: "must not be empty", value: text))
        } else if !isTrimmed(text) {
            issues.append(ValidationIssue(field: field, rule: "must not start or end with whitespace", value: text))
        }
        if text.utf8.count > maximum, text.unicodeScalars.count > maximum {
            issues.append(ValidationIssue(field: field, rule: "must be at most \(maximum) characters", value: text))
        }
        if hasControlCharacters(text) {
            issues.append(ValidationIssue(field: field, rule: "must not contain control characters", value: text))
        }
        return issues
    }

    /// Issues for an optional piece of prose: `nil` is fine; otherwise as ``proseIssues(_:field:maximum:)``.
    static func optionalProseIssues(_ text: String?, field: String, maximum: Int) -> [ValidationIssue] {
        text.map { proseIssues($0, field: field, maximum: maximum) } ?? []
    }

    /// Issues for a slug field.
    static func slugIssues(_ slug: String, field: String) -> [ValidationIssue] {
        isValidSlug(slug) ? [] : [ValidationIssue(field: field, rule: slugRule, value: slug)]
    }

    /// Issues for a source's verbatim text: not blank, LF line endings, no control character
    /// but tab and line feed, NFC. One pass over the bytes for the first rules: a source may be
    /// tens of megabytes.
    static func sourceTextIssues(_ text: String, field: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if isBlank(text) {
            issues.append(ValidationIssue(field: field, rule: "must not be empty"))
        }
        var hasCarriageReturn = false
        var hasControl = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F {
            if byte == 0x0D { hasCarriageReturn = true } else if byte != 0x0A && byte != 0x09 { hasControl = true }
        }
        // C1 controls are two bytes in UTF-8 (C2 80 to C2 9F).
        if !hasControl, text.unicodeScalars.contains(where: { (0x80..<0xA0).contains($0.value) }) { hasControl = true }
        if hasCarriageReturn {
            issues.append(ValidationIssue(field: field, rule: "must use LF line endings (no carriage returns)"))
        }
        if hasControl {
            issues.append(ValidationIssue(field: field, rule: "must be plain text without control characters (tab and line feed allowed)"))
        }
        if !isNFC(text) {
            issues.append(
                ValidationIssue(field: field, rule: "must be in Unicode Normalization Form C (NFC), so that quotes match byte for byte"))
        }
        return issues
    }

    /// Whether the text is a UTC timestamp as the database writes them:
    /// `strftime('%Y-%m-%dT%H:%M:%fZ')`, e.g. `2026-12-02T22:28:21.123Z`.
    static func isTimestamp(_ text: String) -> Bool {
        DatabaseTimestamp.date(text) != nil
    }

    /// Whether the text is an ISO 8601 calendar date that exists (`2024-02-29`, not `2023-02-29`).
    static func isISODate(_ text: String) -> Bool {
        CalendarDate(iso: text) != nil
    }
}
