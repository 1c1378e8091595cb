internal import DossierDB

/// Reads content through one connection, inside the caller's transaction. The public
/// repositories open the transaction; the seeder, exporter and checks reuse this.
struct ContentReader {
    let db: LibraryConnection

    init(db: DatabaseConnection) {
        self.db = LibraryConnection(db)
    }

    init(db: LibraryConnection) {
        self.db = db
    }

    // MARK: - Records

    func record<Record: ContentRecord>(_ type: Record.Type, id: RecordID) throws -> Record? {
        let mapping = Record.mapping
        return try db.fetchOne(mapping.selectByIDSQL, binding: .integer(id.rawValue)) { row in
            try mapping.decode(row)
        }
    }

    func record<Record: ContentRecord>(_ type: Record.Type, slug: String) throws -> Record? {
        let mapping = Record.mapping
        return try db.fetchOne(mapping.selectBySlugSQL, binding: .text(slug)) { row in
            try mapping.decode(row)
        }
    }

    /// A record of any kind.
    func anyRecord(slug: String) throws -> AnyRecord? {
        guard let kind = try db.fetchOne("SELECT kind FROM records WHERE slug = ?", [.text(slug)], { try $0.text(0) }) else {
            return nil
        }
        switch try RecordKind.decode(kind, table: "records", column: "kind") {
        case .event: return try record(HistoricalEvent.self, slug: slug).map(AnyRecord.event)
        case .mechanism: return try record(Mechanism.self, slug: slug).map(AnyRecord.mechanism)
        case .claim: return try record(ClinicalClaim.self, slug: slug).map(AnyRecord.claim)
        }
    }

    func list<Record: ContentRecord>(_ type: Record.Type, _ filter: RecordFilter<Record>) throws -> Page<Record> {
        let mapping = Record.mapping
        if let entity = filter.entity, try self.entityID(slug: entity) == nil {
            throw ContentError.notFound(what: "entity", key: entity.rawValue)
        }
        if let dossier = filter.dossier { try ContentDatabase.requireDossier(dossier, db.connection) }
        guard (1...10_000).contains(filter.limit) else {
            throw ContentError.validation([
                ValidationIssue(field: "limit", rule: "must be between 1 and 10000", value: String(filter.limit))
            ])
        }
        let sql =
            mapping.selectSQL + """
                 WHERE (?1 IS NULL OR r.status = ?1) AND (?2 IS NULL OR r.certainty = ?2) \
                AND (?3 IS NULL OR r.id IN (SELECT l.record_id FROM record_entity_links l JOIN entities e ON e.id = l.entity_id WHERE e.slug = ?3)) \
                AND r.id > ?4 AND \(mapping.filterClause) \
                AND (?7 IS NULL OR r.id IN (SELECT record_id FROM record_seeds WHERE seed_set = ?7)) ORDER BY r.id LIMIT ?6
                """
        // One more than asked, to know whether another page follows.
        let arguments: StatementArguments = [
            SQLValue(filter.status), SQLValue(filter.certainty), SQLValue(filter.entity),
            .integer(filter.after?.rawValue ?? 0), SQLValue(filter.kindFilter.filterValue), .integer(Int64(filter.limit + 1)),
            SQLValue(filter.dossier),
        ]
        var items: [Record] = []
        var unreadable: [UnreadableRecord] = []
        var count = 0
        var lastID: RecordID?
        var next: RecordID?
        let cursor = try db.cursor(sql, arguments)
        while let row = try cursor.next() {
            // The row past the limit only says that another page follows.
            if count == filter.limit {
                next = lastID
                break
            }
            count += 1
            lastID = RecordID(rawValue: try row.int64(RecordColumn.id.rawValue))
            do {
                items.append(try mapping.decode(row))
            } catch let error as ContentError {
                unreadable.append(try UnreadableRecord(row: row, kind: mapping.kind, reason: error.description))
            } catch let error as DatabaseError where error.resultCode == .mismatch {
                unreadable.append(try UnreadableRecord(row: row, kind: mapping.kind, reason: error.message))
            }
        }
        return Page(items: items, nextCursor: next, unreadable: unreadable)
    }

    /// Every record of a kind, in id order, in memory.
    func allRecords<Record: ContentRecord>(_ type: Record.Type) throws -> [Record] {
        let mapping = Record.mapping
        let cursor = try db.cursor(mapping.selectAllSQL)
        var records: [Record] = []
        // Appended straight from the decoder, not through `forEachRecord`: a closure borrows
        // its argument, so appending it there copied every field of every record.
        while let row = try cursor.next() {
            records.append(try mapping.decode(row))
        }
        return records
    }

    /// Every record of a kind, in id order, streamed: one record in memory at a time. A row
    /// that cannot be read (see ``UnreadableRecord``) is passed to `unreadable` when given, and
    /// otherwise stops the walk with its error.
    func forEachRecord<Record: ContentRecord>(
        _ type: Record.Type, unreadable: ((UnreadableRecord) -> Void)? = nil, _ body: (Record) throws -> Void
    ) throws {
        let mapping = Record.mapping
        let cursor = try db.cursor(mapping.selectAllSQL)
        while let row = try cursor.next() {
            let record: Record
            do {
                record = try mapping.decode(row)
            } catch let error as ContentError where unreadable != nil {
                unreadable?(try UnreadableRecord(row: row, kind: mapping.kind, reason: error.description))
                continue
            } catch let error as DatabaseError where unreadable != nil && error.resultCode == .mismatch {
                unreadable?(try UnreadableRecord(row: row, kind: mapping.kind, reason: error.message))
                continue
            }
            try body(record)
        }
    }

    func recordID(slug: String) throws -> RecordID? {
        try db.fetchOne("SELECT id FROM records WHERE slug = ?", [.text(slug)]) { RecordID(rawValue: try $0.int64(0)) }
    }

    func entityID(slug: EntitySlug) throws -> EntityID? {
        try db.fetchOne("SELECT id FROM entities WHERE slug = ?", [.text(slug.rawValue)]) { EntityID(rawValue: try $0.int64(0)) }
    }
}

/// A record whose row the library cannot read: a value this build does not know (written by a
/// newer version, or by hand), or a reference to a missing row. Lists and timelines skip it and
/// say so; `check()` says what is wrong with it.
public struct UnreadableRecord: Sendable, Hashable, Codable {
    /// The record's id.
    public var id: RecordID
    /// Its slug.
    public var slug: String
    /// The kind of record it was listed as.
    public var kind: RecordKind
    /// Why it cannot be read.
    public var reason: String

    init(row: Row, kind: RecordKind, reason: String) throws {
        id = RecordID(rawValue: try row.int64(RecordColumn.id.rawValue))
        slug = try row.text(RecordColumn.slug.rawValue)
        self.kind = kind
        self.reason = reason
    }
}
