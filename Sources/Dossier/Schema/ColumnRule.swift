internal import DossierDB

/// What values a column accepts beyond its type and nullability, with the library's check of
/// each (``issues(_:field:)``). The schema holds the same rules in CHECK constraints and
/// triggers; where SQL cannot express one (Unicode normalization, the EDTF grammar), the rule
/// says so and `dossier check` holds it instead.
package enum ColumnRule: Sendable, Hashable {
    /// A row id, assigned by SQLite.
    case rowID
    /// Lowercase ASCII letters and digits in words joined by single hyphens, 1 to 100 bytes.
    case slug
    /// Curated prose: not blank, no leading or trailing whitespace (Unicode White_Space), at
    /// most `maximum` code points, no control character but tab, line feed and carriage return.
    case prose(maximum: Int)
    /// One value of a closed vocabulary.
    case vocabulary(VocabularyDeclaration)
    /// An ISO 8601 calendar day that exists: `1962-08-03`.
    case isoDate
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    case partialDate
    /// An `http://` or `https://` URL of at most `maximum` code points, without whitespace or
    /// control characters.
    case url(maximum: Int)
    /// A BCP 47 language tag: 2 to 35 ASCII letters, digits and hyphens.
    case languageTag
    /// A SHA-256 digest: 64 lowercase hexadecimal digits.
    case sha256
    /// A source's verbatim text: not blank, LF line endings, no control character but tab and
    /// line feed, in Unicode Normalization Form C. (NFC is the library's alone: SQL cannot test it.)
    case sourceText
    /// A quote: 1 to `maximum` code points, without leading or trailing whitespace.
    case quote(maximum: Int)
    /// Source text next to a quote: at most `maximum` code points, anything else verbatim.
    case context(maximum: Int)
    /// Damaged source text, verbatim: not empty.
    case damagedText
    /// A position in a text, in code points: 0 or more.
    case offset
    /// A count: 0 or more.
    case count
    /// `0` or `1`; `false` or `true` in seed files.
    case flag
    /// A record's version: 1 or more.
    case version
    /// A UTC timestamp as the database writes it: `2026-12-02T22:28:21.123Z`.
    case timestamp
    /// The row id of a row of `table`; in seed files, its slug.
    case reference(table: String)
    /// The row id of the row of `table` this row belongs to (a citation's record, an alias's
    /// entity); in seed files the row is written inside its owner's object.
    case parent(table: String)
    /// An EDTF value of the supported subset (see ``EDTFDate``): SQL checks its length and
    /// characters, the library its grammar.
    case edtf
    /// An external identifier, in the shape its row's scheme requires (a rule of the row).
    case identifierValue
    /// A DOI: `10.`, a registrant of 4 digits then digits and dots, `/` and a suffix; at most 300
    /// code points, without whitespace or control characters (`10.1176/appi.ajp.163.5.856`).
    case doi
    /// A PubMed id: 1 to 9 ASCII digits, the first not 0 (`16651531`).
    case pmid
    /// An ISBN without hyphens: ISBN-10 (9 digits and a digit or `X`) or ISBN-13 (`978` or `979`
    /// and 10 digits), with a valid check digit. (The check digit is the library's alone: SQL
    /// checks the shape, and `dossier check` reports a wrong check digit.)
    case isbn
    /// A JSON object, as the audit triggers write it.
    case jsonObject
    /// Bookkeeping text with no rule of its own (a table name in the audit log).
    case unchecked

    /// Unicode's White_Space characters: what prose, quotes and URLs may not start or end with,
    /// and what SQL's `trim()` is told to strip when the schema checks the same rule.
    package static let whitespace: [Unicode.Scalar] = [
        "\u{9}", "\u{A}", "\u{B}", "\u{C}", "\u{D}", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}",
        "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}", "\u{200A}", "\u{2028}", "\u{2029}",
        "\u{202F}", "\u{205F}", "\u{3000}",
    ]

    /// The rules a non-`NULL` value of the right type breaks.
    func issues(_ value: SQLValue, field: String) -> [ValidationIssue] {
        switch value {
        case .text(let text): return issues(text: text, field: field)
        case .integer(let integer): return issues(integer: integer, field: field)
        default: return []
        }
    }

    private func issues(text: String, field: String) -> [ValidationIssue] {
        func issue(_ rule: String) -> [ValidationIssue] { [ValidationIssue(field: field, rule: rule, value: text)] }
        switch self {
        case .slug:
            return TextRules.slugIssues(text, field: field)
        case .prose(let maximum):
            return TextRules.proseIssues(text, field: field, maximum: maximum)
        case .vocabulary(let vocabulary):
            return vocabulary.values.contains(text) ? [] : issue("must be one of \(vocabulary.values.joined(separator: ", "))")
        case .isoDate:
            return TextRules.isISODate(text) ? [] : issue("must be a real date written YYYY-MM-DD")
        case .partialDate:
            let isYear = text.utf8.count == 4 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            return isYear || TextRules.isISODate(text + "-01") || TextRules.isISODate(text)
                ? [] : issue("must be YYYY, YYYY-MM or YYYY-MM-DD")
        case .url(let maximum):
            let valid =
                (text.hasPrefix("https://") && text.utf8.count > 8 || text.hasPrefix("http://") && text.utf8.count > 7)
                && !text.unicodeScalars.contains { Self.whitespace.contains($0) } && !TextRules.hasControlCharacters(text)
                && text.unicodeScalars.count <= maximum
            return valid ? [] : issue("must be an http(s) URL of at most \(maximum) characters, without spaces or control characters")
        case .languageTag:
            let valid =
                (2...35).contains(text.utf8.count)
                && text.utf8.allSatisfy {
                    $0 == UInt8(ascii: "-") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                }
            return valid ? [] : issue("must be a BCP 47 tag such as en or en-GB")
        case .sha256:
            let valid =
                text.utf8.count == 64
                && text.utf8.allSatisfy {
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
                }
            return valid ? [] : issue("must be 64 lowercase hexadecimal digits")
        case .sourceText:
            return TextRules.sourceTextIssues(text, field: field)
        case .quote(let maximum):
            if text.unicodeScalars.count > maximum { return issue("must be at most \(maximum) characters") }
            return text.isEmpty || !TextRules.isTrimmed(text) ? issue("must be non-empty words without leading or trailing whitespace") : []
        case .context(let maximum):
            return text.unicodeScalars.count <= maximum ? [] : issue("must be at most \(maximum) characters")
        case .damagedText:
            return text.isEmpty ? issue("must not be empty") : []
        case .timestamp:
            return TextRules.isTimestamp(text) ? [] : issue("must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ")
        case .edtf:
            do {
                _ = try EDTFDate(text)
                return []
            } catch let ContentError.validation(found) {
                return found.map { ValidationIssue(field: field, rule: $0.rule, value: text) }
            } catch {
                return issue("must be supported EDTF")
            }
        case .doi:
            return BibliographicIdentifier.isDOI(text)
                ? []
                : issue(
                    "must be a DOI: 10., a registrant of at least 4 digits, / and a suffix (10.1176/appi.ajp.163.5.856), without the https://doi.org/ prefix"
                )
        case .pmid:
            return BibliographicIdentifier.isPMID(text) ? [] : issue("must be a PubMed id: 1 to 9 digits, the first not 0")
        case .isbn:
            return BibliographicIdentifier.isbnIssue(text).map(issue) ?? []
        case .jsonObject:
            return text.hasPrefix("{") && text.hasSuffix("}") ? [] : issue("must be a JSON object")
        case .rowID, .offset, .count, .flag, .version, .reference, .parent, .identifierValue, .unchecked:
            return []
        }
    }

    private func issues(integer: Int64, field: String) -> [ValidationIssue] {
        func issue(_ rule: String) -> [ValidationIssue] { [ValidationIssue(field: field, rule: rule, value: String(integer))] }
        switch self {
        case .offset, .count: return integer >= 0 ? [] : issue("must be 0 or more")
        case .flag: return integer == 0 || integer == 1 ? [] : issue("must be 0 or 1")
        case .version: return integer >= 1 ? [] : issue("must be 1 or more")
        default: return []
        }
    }
}

/// A closed vocabulary as a column declares it: its name and its values, taken from the Swift
/// enum that models it, so the two cannot differ.
package struct VocabularyDeclaration: Sendable, Hashable {
    /// The Swift type's name, for messages and documentation.
    package let name: String
    /// The allowed values, in declaration order.
    package let values: [String]
    /// What each value means, in the order of ``values``.
    package let meanings: [String]

    /// The vocabulary of `type`.
    package init<Value: Vocabulary>(_ type: Value.Type) {
        name = String(describing: type)
        values = Value.allCases.map(\.rawValue)
        meanings = Value.allCases.map(\.meaning)
    }
}

extension ColumnRule {
    /// The vocabulary rule of `type`.
    static func vocabulary<Value: Vocabulary>(of type: Value.Type) -> ColumnRule {
        .vocabulary(VocabularyDeclaration(type))
    }
}
