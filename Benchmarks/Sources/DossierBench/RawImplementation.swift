import CBenchSQLite
@_spi(Benchmarks) import Dossier

/// The raw SQLite C API from Swift, used as efficiently as possible: the physical limit.
final class RawImplementation: BenchImplementation {
    static let name = "raw"
    let db: OpaquePointer
    let workload: Workload
    private var entityIDs: [String: Int64] = [:]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String, workload: Workload) throws {
        self.db = try Self.open(path)
        self.workload = workload
        try exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000")
        let statement = try prepare("SELECT slug, id FROM entities")
        while sqlite3_step(statement) == SQLITE_ROW {
            entityIDs[text(statement, 0)] = sqlite3_column_int64(statement, 1)
        }
        sqlite3_finalize(statement)
    }

    deinit { sqlite3_close_v2(db) }

    static func open(_ path: String) throws -> OpaquePointer {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let handle
        else {
            throw Failure(description: "cannot open \(path)")
        }
        return handle
    }

    func exec(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "?"
            sqlite3_free(error)
            throw Failure(description: "\(message) in \(sql.prefix(80))")
        }
    }

    func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: "\(String(cString: sqlite3_errmsg(db))) in \(sql.prefix(80))")
        }
        return statement
    }

    func step(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
    }

    private func bind(_ statement: OpaquePointer, _ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(statement, index)
            return
        }
        var copy = value
        copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                sqlite3_bind_text(statement, index, "", 0, nil)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_bind_text(statement, index, $0, Int32(buffer.count), bench_sqlite_transient())
            }
        }
    }

    private func text(_ statement: OpaquePointer, _ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    private func optionalText(_ statement: OpaquePointer, _ column: Int32) -> String? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : text(statement, column)
    }

    // MARK: Phases

    func insert() throws {
        try insert(into: .schema)
    }

    enum Target { case schema, plainTable }

    /// The repository's two inserts per claim, or one insert into a plain table without the
    /// schema's triggers and subtype row (the cost of the guarantees, measured separately).
    func insert(into target: Target) throws {
        let records: OpaquePointer
        let claims: OpaquePointer
        switch target {
        case .schema:
            records = try prepare(
                "INSERT INTO records(slug, kind, title, statement, certainty, status, deprecation_reason) VALUES (?, 'claim', ?, ?, ?, ?, NULL)"
            )
            claims = try prepare(
                """
                INSERT INTO clinical_claims(record_id, intervention_entity_id, indication_entity_id, population, outcome, onset_text,
                  onset_lower_unit, onset_upper_unit, comparator_entity_id, comparator_text, comparator_onset_text,
                  comparator_onset_unit, evidence_level)
                VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, NULL, NULL, NULL, NULL, 'not_assessed')
                """)
        case .plainTable:
            try exec(
                """
                CREATE TABLE plain_claims(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
                  statement TEXT NOT NULL, certainty TEXT NOT NULL, status TEXT NOT NULL, intervention_entity_id INTEGER,
                  indication_entity_id INTEGER, outcome TEXT NOT NULL, onset_text TEXT, onset_lower_unit TEXT,
                  onset_upper_unit TEXT) STRICT
                """)
            records = try prepare(
                "INSERT INTO plain_claims(slug, title, statement, certainty, status, intervention_entity_id, indication_entity_id, outcome, onset_text, onset_lower_unit, onset_upper_unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
            )
            claims = records
        }
        defer {
            sqlite3_finalize(records)
            if target == .schema { sqlite3_finalize(claims) }
        }
        try exec("BEGIN IMMEDIATE")
        for claim in workload.claims {
            bind(records, 1, claim.slug)
            bind(records, 2, claim.title)
            bind(records, 3, claim.statement)
            bind(records, 4, claim.certainty)
            bind(records, 5, claim.status)
            let intervention = entityIDs[claim.intervention] ?? 0
            let indication = claim.indication.flatMap { entityIDs[$0] }
            if target == .plainTable {
                sqlite3_bind_int64(records, 6, intervention)
                if let indication { sqlite3_bind_int64(records, 7, indication) } else { sqlite3_bind_null(records, 7) }
                bind(records, 8, claim.outcome)
                bind(records, 9, claim.onsetText)
                bind(records, 10, claim.onsetLower)
                bind(records, 11, claim.onsetUpper)
                try step(records)
                sqlite3_reset(records)
                continue
            }
            try step(records)
            sqlite3_reset(records)
            sqlite3_bind_int64(claims, 1, sqlite3_last_insert_rowid(db))
            sqlite3_bind_int64(claims, 2, intervention)
            if let indication { sqlite3_bind_int64(claims, 3, indication) } else { sqlite3_bind_null(claims, 3) }
            bind(claims, 4, claim.outcome)
            bind(claims, 5, claim.onsetText)
            bind(claims, 6, claim.onsetLower)
            bind(claims, 7, claim.onsetUpper)
            try step(claims)
            sqlite3_reset(claims)
        }
        try exec("COMMIT")
    }

    private func decode(_ statement: OpaquePointer) -> PlainClaim {
        // Positions of Dossier's select list: the records columns (kind at 2), the slugs of the
        // entities the record is about (11), then the clinical_claims columns from record_id (12).
        PlainClaim(
            id: sqlite3_column_int64(statement, 0), slug: text(statement, 1), title: text(statement, 3),
            statement: text(statement, 4), certainty: text(statement, 5), status: text(statement, 6),
            deprecationReason: optionalText(statement, 7), version: sqlite3_column_int64(statement, 8),
            createdAt: text(statement, 9), updatedAt: text(statement, 10), about: optionalText(statement, 11),
            intervention: text(statement, 13), indication: optionalText(statement, 14), population: optionalText(statement, 15),
            outcome: text(statement, 16), onsetText: optionalText(statement, 17), onsetLower: optionalText(statement, 18),
            onsetUpper: optionalText(statement, 19), comparator: optionalText(statement, 20),
            comparatorText: optionalText(statement, 21), comparatorOnsetText: optionalText(statement, 22),
            comparatorOnsetUnit: optionalText(statement, 23), evidenceLevel: text(statement, 24))
    }

    func fetchAll() throws -> Checksum {
        let statement = try prepare(ClinicalClaim.mapping.selectSQL + " ORDER BY r.id")
        defer { sqlite3_finalize(statement) }
        try exec("BEGIN")
        var claims: [PlainClaim] = []
        while sqlite3_step(statement) == SQLITE_ROW { claims.append(decode(statement)) }
        try exec("COMMIT")
        return Checksum(claims)
    }

    func lookupByID(_ ids: [Int64]) throws -> Checksum {
        let statement = try prepare(ClinicalClaim.mapping.selectSQL + " WHERE r.id = ?")
        defer { sqlite3_finalize(statement) }
        // The models are kept until the end, as Dossier's get(ids:) returns them: an app gets an array.
        var claims: [PlainClaim] = []
        try exec("BEGIN")
        for id in ids {
            sqlite3_bind_int64(statement, 1, id)
            if sqlite3_step(statement) == SQLITE_ROW { claims.append(decode(statement)) }
            sqlite3_reset(statement)
        }
        try exec("COMMIT")
        return Checksum(claims)
    }

    func lookupBySlug(_ slugs: [String]) throws -> Checksum {
        let statement = try prepare(ClinicalClaim.mapping.selectSQL + " WHERE r.slug = ?")
        defer { sqlite3_finalize(statement) }
        var claims: [PlainClaim] = []
        try exec("BEGIN")
        for slug in slugs {
            bind(statement, 1, slug)
            if sqlite3_step(statement) == SQLITE_ROW { claims.append(decode(statement)) }
            sqlite3_reset(statement)
        }
        try exec("COMMIT")
        return Checksum(claims)
    }

    func singleLookupsBySlug(_ slugs: [String]) throws -> Checksum {
        let statement = try prepare(ClinicalClaim.mapping.selectSQL + " WHERE r.slug = ?")
        let begin = try prepare("BEGIN")
        let commit = try prepare("COMMIT")
        defer { [statement, begin, commit].forEach { sqlite3_finalize($0) } }
        var checksum = Checksum()
        for slug in slugs {
            try step(begin)
            sqlite3_reset(begin)
            bind(statement, 1, slug)
            if sqlite3_step(statement) == SQLITE_ROW { decode(statement).addTo(&checksum) }
            sqlite3_reset(statement)
            try step(commit)
            sqlite3_reset(commit)
        }
        return checksum
    }

    func search(_ queries: [String]) throws -> Checksum {
        let statement = try prepare(SearchRepository.sql)
        defer { sqlite3_finalize(statement) }
        var checksum = Checksum()
        // One search per call, each in its own (autocommit) read transaction, as an app runs a
        // search per request and as Dossier's `find` does. Inside one long transaction FTS5 keeps
        // its segment structure loaded between queries, which a single search never gets.
        for query in queries {
            bind(statement, 1, query)
            sqlite3_bind_null(statement, 2)
            sqlite3_bind_int64(statement, 3, 20)
            sqlite3_bind_null(statement, 4)
            while sqlite3_step(statement) == SQLITE_ROW {
                checksum.add(id: sqlite3_column_int64(statement, 0), text(statement, 1), text(statement, 3), optionalText(statement, 5))
            }
            sqlite3_reset(statement)
        }
        return checksum
    }

    func stream() throws -> Checksum {
        let statement = try prepare(streamSQL)
        defer { sqlite3_finalize(statement) }
        var checksum = Checksum()
        while sqlite3_step(statement) == SQLITE_ROW {
            checksum.add(id: sqlite3_column_int64(statement, 0), text(statement, 1))
        }
        return checksum
    }

    /// What Dossier's migrator does for a new database: each migration and its ledger row in
    /// one transaction, foreign keys off around it and checked before commit.
    static func openAndMigrate(path: String) throws {
        let raw = try RawImplementation.Connection(path: path)
        try raw.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        try raw.exec(
            """
            CREATE TABLE IF NOT EXISTS dossier_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
              checksum_algorithm TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT
            """)
        for migration in try ContentSchema.migrations() {
            try raw.exec("PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE")
            try raw.exec(migration.sql)
            try raw.exec(
                "INSERT INTO dossier_migrations VALUES (\(migration.version), '\(migration.name)', '\(migration.checksum)', 'sha256', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
            )
            try raw.exec("PRAGMA foreign_key_check; COMMIT; PRAGMA foreign_keys = ON")
        }
    }

    /// A bare connection for the migrate phase.
    final class Connection {
        let db: OpaquePointer
        init(path: String) throws { db = try RawImplementation.open(path) }
        deinit { sqlite3_close_v2(db) }
        func exec(_ sql: String) throws {
            var error: UnsafeMutablePointer<CChar>?
            guard sqlite3_exec(db, sql, nil, nil, &error) == SQLITE_OK else {
                let message = error.map { String(cString: $0) } ?? "?"
                sqlite3_free(error)
                throw Failure(description: message)
            }
        }
    }
}
