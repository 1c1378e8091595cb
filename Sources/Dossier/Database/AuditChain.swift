internal import DossierDB

/// The hash chain over the audit log, and the seals that store it (`audit_seals`, migration
/// 0007).
///
/// Each audit row extends the chain: the link is the SHA-256, in hexadecimal, of the previous
/// link (64 zeros before the first row) followed by the row's eight columns, each as a type byte, a length and
/// its bytes (text as stored, without conversion, so bytes that are not valid UTF-8 count too).
/// The library seals the rows its write transaction added, or that raw SQL added since its last
/// write, by storing the newest link. Recomputing the chain then shows a sealed row that was
/// deleted, rewritten, or inserted into the past. Without a secret key this is evidence, not
/// proof: someone who can drop the schema's triggers can also recompute the hashes.
enum AuditChain {
    /// The link before the first audit row.
    static let origin = String(repeating: "0", count: 64)

    /// The rows of the audit log, oldest first, with every text column read as its stored bytes.
    private static let rowsAfter = CachedSQL(
        """
        SELECT id, CAST(at AS BLOB), CAST(table_name AS BLOB), row_id, record_id, CAST(operation AS BLOB),
               CAST(old_values AS BLOB), CAST(new_values AS BLOB)
        FROM audit_log WHERE id > ?1 AND id <= ?2 ORDER BY id
        """)

    private static let lastSeal = CachedSQL(
        "SELECT last_audit_id, chain_hash FROM audit_seals ORDER BY last_audit_id DESC LIMIT 1")
    private static let newestAuditRow = CachedSQL("SELECT max(id) FROM audit_log")
    private static let insertSeal = CachedSQL("INSERT INTO audit_seals(last_audit_id, chain_hash) VALUES (?1, ?2)")

    /// Seals the audit rows written since the last seal. Runs inside the caller's write
    /// transaction, just before it commits, on a schema the write guard found current (so
    /// `audit_seals` exists); does nothing when no audit row is new.
    static func seal(_ db: LibraryConnection) throws {
        let newest = try db.fetchOne(newestAuditRow) { try $0.optionalInt64(0) } ?? nil
        guard let newest else { return }
        let last = try db.fetchOne(lastSeal) { (try $0.int64(0), try $0.text(1)) }
        let lastID = last?.0 ?? 0
        guard newest > lastID else { return }
        var link = last?.1 ?? origin
        let cursor = try db.cursor(rowsAfter.text, [.integer(lastID), .integer(newest)])
        while let row = try cursor.next() {
            link = try extend(link, with: row)
        }
        try db.execute(insertSeal, [.integer(newest), .text(link)])
    }

    /// A break in the chain: the rows after one seal up to the next do not hash to it.
    struct Break: Sendable, Hashable {
        /// The range of audit ids the failing seal covers, `(after, through]`.
        var after: Int64
        var through: Int64
        /// When the seal was written.
        var sealedAt: String
    }

    /// What ``verify(_:)`` found.
    struct Verification: Sendable, Hashable {
        var breaks: [Break] = []
        /// Audit rows after the last seal: written by raw SQL since the library last wrote.
        var unsealedRows = 0
        /// How many seals were checked.
        var seals = 0
    }

    /// Recomputes the chain over the whole audit log and compares it with every seal. After a
    /// break the chain restarts from the stored seal, so each damaged range is reported once.
    static func verify(_ db: LibraryConnection) throws -> Verification {
        var verification = Verification()
        guard try db.connection.tableExists("audit_seals") else { return verification }
        let seals = try db.fetchAll("SELECT last_audit_id, chain_hash, at FROM audit_seals ORDER BY last_audit_id") { row in
            (through: try row.int64(0), hash: try row.text(1), at: try row.text(2))
        }
        verification.seals = seals.count
        var link = origin
        var after: Int64 = 0
        for seal in seals {
            let cursor = try db.cursor(rowsAfter.text, [.integer(after), .integer(seal.through)])
            while let row = try cursor.next() {
                link = try extend(link, with: row)
            }
            if link != seal.hash {
                verification.breaks.append(Break(after: after, through: seal.through, sealedAt: seal.at))
                link = seal.hash
            }
            after = seal.through
        }
        verification.unsealedRows =
            try db.fetchOne("SELECT count(*) FROM audit_log WHERE id > ?1", [.integer(after)]) { try $0.int(0) } ?? 0
        return verification
    }

    /// The next link: SHA-256 of the previous link and the row's columns.
    private static func extend(_ link: String, with row: Row) throws -> String {
        var buffer = Array(link.utf8)
        for index in 0..<8 {
            switch try row.value(index) {
            case .null:
                buffer.append(0)
            case .integer(let value):
                buffer.append(1)
                append(UInt64(bitPattern: value), to: &buffer)
            case .real(let value):
                buffer.append(2)
                append(value.bitPattern, to: &buffer)
            case .text(let text):
                buffer.append(3)
                append(UInt64(text.utf8.count), to: &buffer)
                buffer.append(contentsOf: text.utf8)
            case .blob(let bytes):
                buffer.append(4)
                append(UInt64(bytes.count), to: &buffer)
                buffer.append(contentsOf: bytes)
            }
        }
        return SHA256.hexDigest(of: buffer)
    }

    private static func append(_ value: UInt64, to buffer: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            buffer.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
