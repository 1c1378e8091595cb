/// One schema migration: a numbered SQL script, applied once, in order, never edited afterwards.
///
/// Migrations come from files named `NNNN_name.sql` (`0001_create_notes.sql`: version 1,
/// name `content_schema`). The checksum is the SHA-256 of the *normalised* text — line endings
/// as LF, trailing whitespace removed from every line and from the end — so a CRLF checkout or
/// an editor that adds a final newline does not count as an edit, while any change to the SQL does.
public struct Migration: Sendable, Hashable {
    /// The version: the number the file name starts with.
    public let version: Int
    /// The name: the rest of the file name, without the extension.
    public let name: String
    /// The file the migration came from, for messages.
    public let fileName: String
    /// The SQL script.
    public let sql: String
    /// SHA-256 of the normalised SQL, 64 lowercase hexadecimal characters.
    public let checksum: String

    /// The name of the normalisation and hash recorded in the ledger with each checksum, so a
    /// future change of either can be told apart from an edited migration.
    public static let checksumAlgorithm = "sha256/lf/rtrim/v1"

    /// Creates a migration from its parts.
    ///
    /// - throws: ``MigrationError/invalidFileName(_:reason:)`` when the version is not positive
    ///   or the name is empty.
    public init(version: Int, name: String, sql: String, fileName: String? = nil) throws {
        let fileName = fileName ?? "\(version)_\(name).sql"
        guard version > 0 else {
            throw MigrationError.invalidFileName(fileName, reason: "the version must be a positive number")
        }
        guard !name.isEmpty else {
            throw MigrationError.invalidFileName(fileName, reason: "the name after the version is empty")
        }
        self.version = version
        self.name = name
        self.fileName = fileName
        self.sql = sql
        self.checksum = SHA256.hexDigest(of: Self.normalizedText(sql))
    }

    /// Creates a migration from a file name `NNNN_name.sql` and its contents.
    ///
    /// - throws: ``MigrationError/invalidFileName(_:reason:)`` naming the file.
    public init(fileName: String, sql: String) throws {
        guard fileName.hasSuffix(".sql") else {
            throw MigrationError.invalidFileName(fileName, reason: "a migration file ends with .sql")
        }
        let stem = fileName.dropLast(4)
        guard let separator = stem.firstIndex(of: "_") else {
            throw MigrationError.invalidFileName(fileName, reason: "expected NNNN_name.sql, e.g. 0001_create_notes.sql")
        }
        let digits = stem[..<separator]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int(digits) else {
            throw MigrationError.invalidFileName(fileName, reason: "the name must start with a version number, e.g. 0001_")
        }
        try self.init(version: version, name: String(stem[stem.index(after: separator)...]), sql: sql, fileName: fileName)
    }

    /// The text that is hashed: LF line endings, no trailing whitespace on any line, no
    /// trailing blank lines, no byte order mark.
    public static func normalizedText(_ sql: String) -> String {
        var text = sql
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        // Split on CRLF, CR and LF alike ("\r\n" is a single Character in Swift).
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var trimmed = lines.map { line -> Substring in
            var line = line
            while let last = line.last, last == " " || last == "\t" { line.removeLast() }
            return line
        }
        while let last = trimmed.last, last.isEmpty { trimmed.removeLast() }
        return trimmed.joined(separator: "\n")
    }
}
