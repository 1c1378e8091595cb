/// One schema migration: a numbered SQL script (or Swift closure), applied once, in order,
/// never edited afterwards.
///
/// Migrations come from files named `NNNN_name.sql` (`0001_create_notes.sql`: version 1,
/// name `content_schema`). The checksum is the SHA-256 of the *normalised* text — line endings
/// as LF, trailing whitespace removed from every line and from the end — so a CRLF checkout or
/// an editor that adds a final newline does not count as an edit, while any change to the SQL does.
public struct Migration: Sendable, Hashable {
    /// The work of a migration written in Swift: it runs inside the migration's transaction.
    public typealias Body = @Sendable (DatabaseConnection) throws -> Void

    /// The version: the number the file name starts with.
    public let version: Int
    /// The name: the rest of the file name, without the extension.
    public let name: String
    /// The file the migration came from, for messages.
    public let fileName: String
    /// The SQL script.
    public let sql: String
    /// SHA-256 of the normalised SQL, 64 lowercase hexadecimal characters. For a Swift
    /// migration, of its name and revision: see ``init(version:name:revision:body:)``.
    public let checksum: String
    /// The Swift work of a migration made by ``init(version:name:revision:body:)``; `nil` for SQL.
    public let body: Body?

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
        self.body = nil
    }

    /// A migration written in Swift, for work SQL cannot express (filling a column computed by
    /// the app, say).
    ///
    /// A closure cannot be hashed, so its checksum is that of `"swift:<name>:<revision>"`:
    /// an edited closure is not detected unless you change `revision` with it — which makes
    /// databases that applied the old one refuse to open, as an edited SQL file does.
    ///
    /// - throws: ``MigrationError/invalidFileName(_:reason:)`` when the version is not positive
    ///   or the name is empty.
    public init(version: Int, name: String, revision: String = "1", body: @escaping Body) throws {
        try self.init(version: version, name: name, sql: "", fileName: "\(version)_\(name).swift")
        self = Migration(copying: self, checksum: SHA256.hexDigest(of: "swift:\(name):\(revision)"), body: body)
    }

    private init(copying other: Migration, checksum: String, body: @escaping Body) {
        version = other.version
        name = other.name
        fileName = other.fileName
        sql = other.sql
        self.checksum = checksum
        self.body = body
    }

    /// Runs the migration's SQL or Swift work on `db`, inside the caller's transaction.
    func run(on db: DatabaseConnection) throws {
        if let body { try body(db) } else { try db.execute(sql) }
    }

    /// Migrations are equal when their version, name, file, text and checksum are: a Swift
    /// body is identified by its checksum.
    public static func == (lhs: Migration, rhs: Migration) -> Bool {
        lhs.version == rhs.version && lhs.name == rhs.name && lhs.fileName == rhs.fileName && lhs.sql == rhs.sql
            && lhs.checksum == rhs.checksum
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(version)
        hasher.combine(checksum)
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
