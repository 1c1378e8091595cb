internal import DossierDB

/// Reads content through one connection, inside the caller's transaction. The public
/// repositories open the transaction; the seeder, exporter and checks reuse this.
struct ContentReader {
    let db: DatabaseConnection

    // MARK: - Records

    func record<Record: ContentRecord>(_ type: Record.Type, id: RecordID) throws -> Record? {
        let mapping = Record.mapping
        return try db.fetchOne(mapping.selectByIDSQL, [.integer(id.rawValue)]) { row in
            try mapping.decode(row)
        }
    }

    func record<Record: ContentRecord>(_ type: Record.Type, slug: String) throws -> Record? {
        let mapping = Record.mapping
        return try db.fetchOne(mapping.selectBySlugSQL, [.text(slug)]) { row in
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

    func list<Record: ContentRecord>(_ type: Record.Type, _ filter: RecordFilter) throws -> Page<Record> {
        let mapping = Record.mapping
        let kindValue = try Self.kindSpecificFilterValue(filter, kind: mapping.kind)
        if let entity = filter.entity, try self.entityID(slug: entity) == nil {
            throw ContentError.notFound(what: "entity", key: entity)
        }
        guard (1...10_000).contains(filter.limit) else {
            throw ContentError.validation([ValidationIssue(field: "limit", rule: "must be between 1 and 10000", value: String(filter.limit))])
        }
        let sql = mapping.selectSQL + """
             WHERE (?1 IS NULL OR r.status = ?1) AND (?2 IS NULL OR r.certainty = ?2) \
            AND (?3 IS NULL OR r.id IN (SELECT l.record_id FROM record_entity_links l JOIN entities e ON e.id = l.entity_id WHERE e.slug = ?3)) \
            AND r.id > ?4 AND \(mapping.filterClause) ORDER BY r.id LIMIT ?6
            """
        // One more than asked, to know whether another page follows.
        let arguments: StatementArguments = [
            filter.status.map { .text($0.rawValue) } ?? .null,
            filter.certainty.map { .text($0.rawValue) } ?? .null,
            filter.entity.map { .text($0) } ?? .null,
            .integer(filter.after?.rawValue ?? 0),
            kindValue,
            .integer(Int64(filter.limit + 1)),
        ]
        var items = try db.fetchAll(sql, arguments) { row in try mapping.decode(row) }
        var next: RecordID?
        if items.count > filter.limit {
            items.removeLast()
            next = items.last?.info.id
        }
        return Page(items: items, nextCursor: next)
    }

    /// Every record of a kind, in id order, in memory.
    func allRecords<Record: ContentRecord>(_ type: Record.Type) throws -> [Record] {
        let mapping = Record.mapping
        let cursor = try db.cursor(mapping.selectAllSQL)
        var records: [Record] = []
        while let row = try cursor.next() {
            records.append(try mapping.decode(row))
        }
        return records
    }

    /// Every record of a kind, in id order, streamed: one record in memory at a time.
    func forEachRecord<Record: ContentRecord>(_ type: Record.Type, _ body: (Record) throws -> Void) throws {
        let mapping = Record.mapping
        let cursor = try db.cursor(mapping.selectAllSQL)
        while let row = try cursor.next() {
            try body(try mapping.decode(row))
        }
    }

    /// The value of the kind-specific filter, after checking no other kind's filter is set.
    private static func kindSpecificFilterValue(_ filter: RecordFilter, kind: RecordKind) throws -> SQLValue {
        var issues: [ValidationIssue] = []
        if filter.period != nil, kind != .event {
            issues.append(ValidationIssue(field: "period", rule: "filters events only", value: filter.period))
        }
        if filter.action != nil, kind != .mechanism {
            issues.append(ValidationIssue(field: "action", rule: "filters mechanisms only", value: filter.action?.rawValue))
        }
        if filter.evidenceLevel != nil, kind != .claim {
            issues.append(ValidationIssue(field: "evidence_level", rule: "filters claims only", value: filter.evidenceLevel?.rawValue))
        }
        guard issues.isEmpty else { throw ContentError.validation(issues) }
        switch kind {
        case .event: return filter.period.map { .text($0) } ?? .null
        case .mechanism: return filter.action.map { .text($0.rawValue) } ?? .null
        case .claim: return filter.evidenceLevel.map { .text($0.rawValue) } ?? .null
        }
    }

    func recordID(slug: String) throws -> RecordID? {
        try db.fetchOne("SELECT id FROM records WHERE slug = ?", [.text(slug)]) { RecordID(rawValue: try $0.int64(0)) }
    }

    func entityID(slug: String) throws -> EntityID? {
        try db.fetchOne("SELECT id FROM entities WHERE slug = ?", [.text(slug)]) { EntityID(rawValue: try $0.int64(0)) }
    }
}
