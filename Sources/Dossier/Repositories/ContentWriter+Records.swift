internal import DossierDB

extension ContentWriter {
    static let insertRecordSQL = CachedSQL(
        """
        INSERT INTO records(slug, kind, title, statement, certainty, status, deprecation_reason)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)

    static let updateRecordSQL = CachedSQL(
        """
        UPDATE records SET slug = ?1, title = ?2, statement = ?3, certainty = ?4, status = ?5,
          deprecation_reason = ?6, version = version + 1,
          updated_at = max(created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        WHERE id = ?7 AND version = ?8 AND kind = ?9
        """)

    static let linkEntitySQL = CachedSQL("INSERT INTO record_entities(record_id, entity_id) VALUES (?, ?)")

    /// The rules of the shared fields.
    static func infoIssues(_ info: RecordInfo) -> [ValidationIssue] {
        var issues = TextRules.slugIssues(info.slug, field: "slug")
            + TextRules.proseIssues(info.title, field: "title", maximum: 200)
            + TextRules.proseIssues(info.statement, field: "statement", maximum: 4000)
        if info.status == .deprecated {
            if let reason = info.deprecationReason {
                issues += TextRules.proseIssues(reason, field: "deprecation_reason", maximum: 1000)
            } else {
                issues.append(ValidationIssue(field: "deprecation_reason", rule: "is required to deprecate a record"))
            }
        } else if info.deprecationReason != nil {
            issues.append(ValidationIssue(field: "deprecation_reason", rule: "is only for deprecated records", value: info.deprecationReason))
        }
        for (index, slug) in info.about.enumerated() {
            issues += TextRules.slugIssues(slug, field: "about[\(index)]")
        }
        if Set(info.about).count != info.about.count {
            issues.append(ValidationIssue(field: "about", rule: "must not list an entity twice"))
        }
        return issues
    }

    /// Every issue of a record, including entities it names that do not exist.
    private func issues<Record: ContentRecord>(of record: Record) throws -> [ValidationIssue] {
        let mapping = Record.mapping
        var issues = Self.infoIssues(record.info) + mapping.validate(record)
        let references = mapping.entityReferences(record)
            + record.info.about.enumerated().map { EntityReference(field: "about[\($0.offset)]", slug: $0.element) }
        // Only look up well-formed slugs: a malformed one already has its issue.
        issues += try entities.missing(references.filter { TextRules.isValidSlug($0.slug) })
        for reference in references where !TextRules.isValidSlug(reference.slug) {
            issues.append(ValidationIssue(field: reference.field, rule: TextRules.slugRule, value: reference.slug))
        }
        return issues
    }

    /// Inserts a record, its typed row, its entity links and its citations.
    func insert<Record: ContentRecord>(_ record: Record, quotes: [Quote] = []) throws -> RecordID {
        let mapping = Record.mapping
        let subject = "\(mapping.kind.rawValue) \(record.info.slug)"
        let found = try issues(of: record)
        guard found.isEmpty else { throw ContentError.validation(found.map { $0.attributed(to: subject) }) }
        let id = try translatingErrors(subject: subject, what: "record", key: record.info.slug) { () throws -> Int64 in
            let insert = try db.cachedStatement(Self.insertRecordSQL)
            try insert.bind(record.info.slug, at: 1)
            try insert.bind(mapping.kind.rawValue, at: 2)
            try insert.bind(record.info.title, at: 3)
            try insert.bind(record.info.statement, at: 4)
            try insert.bind(record.info.certainty.rawValue, at: 5)
            try insert.bind(record.info.status.rawValue, at: 6)
            try insert.bind(record.info.deprecationReason, at: 7)
            try insert.run()
            let id = db.lastInsertedRowID
            let subtype = try db.cachedStatement(mapping.insertSQL)
            try subtype.bind(id, at: 1)
            try mapping.bind(record, subtype, entities)
            try subtype.run()
            try link(recordID: id, to: record.info.about)
            return id
        }
        if !quotes.isEmpty {
            try cite(recordID: id, subject: subject, quotes: quotes)
        }
        return RecordID(rawValue: id)
    }

    /// Updates a record if its version is still the one it was read at; the version goes up by one.
    func update<Record: ContentRecord>(_ record: Record) throws -> RecordID {
        let mapping = Record.mapping
        let subject = "\(mapping.kind.rawValue) \(record.info.slug)"
        let found = try issues(of: record)
        guard found.isEmpty else { throw ContentError.validation(found.map { $0.attributed(to: subject) }) }
        guard let id = try record.info.id ?? reader.recordID(slug: record.info.slug) else {
            throw ContentError.notFound(what: mapping.kind.rawValue, key: record.info.slug)
        }
        try translatingErrors(subject: subject, what: "record", key: record.info.slug) {
            let update = try db.cachedStatement(Self.updateRecordSQL)
            try update.bind(record.info.slug, at: 1)
            try update.bind(record.info.title, at: 2)
            try update.bind(record.info.statement, at: 3)
            try update.bind(record.info.certainty.rawValue, at: 4)
            try update.bind(record.info.status.rawValue, at: 5)
            try update.bind(record.info.deprecationReason, at: 6)
            try update.bind(id.rawValue, at: 7)
            try update.bind(record.info.version, at: 8)
            try update.bind(mapping.kind.rawValue, at: 9)
            try update.run()
            guard db.changedRowCount == 1 else {
                let current = try db.fetchOne("SELECT version, kind FROM records WHERE id = ?", [.integer(id.rawValue)]) {
                    (try $0.int(0), try $0.text(1))
                }
                guard let current else { throw ContentError.notFound(what: mapping.kind.rawValue, key: record.info.slug) }
                guard current.1 == mapping.kind.rawValue else {
                    throw ContentError.conflict("\(record.info.slug) is a \(current.1), not a \(mapping.kind.rawValue); a record's kind cannot change")
                }
                throw ContentError.staleVersion(slug: record.info.slug, expected: record.info.version, actual: current.0)
            }
            let subtype = try db.cachedStatement(mapping.updateSQL)
            try subtype.bind(id.rawValue, at: 1)
            try mapping.bind(record, subtype, entities)
            try subtype.run()
            try relink(recordID: id.rawValue, to: record.info.about)
        }
        return id
    }

    /// Links a new record to the entities it is about.
    private func link(recordID: Int64, to slugs: [String]) throws {
        guard !slugs.isEmpty else { return }
        let insert = try db.cachedStatement(Self.linkEntitySQL)
        for slug in slugs {
            try insert.bind(recordID, at: 1)
            try insert.bind(try entities.id(slug), at: 2)
            try insert.run()
        }
    }

    /// Brings a record's entity links to `slugs`, touching only the links that change.
    private func relink(recordID: Int64, to slugs: [String]) throws {
        let current = Set(try db.fetchAll(
            "SELECT e.slug FROM record_entities re JOIN entities e ON e.id = re.entity_id WHERE re.record_id = ?",
            [.integer(recordID)]) { try $0.text(0) })
        let wanted = Set(slugs)
        for slug in current.subtracting(wanted) {
            try db.execute(
                "DELETE FROM record_entities WHERE record_id = ? AND entity_id = (SELECT id FROM entities WHERE slug = ?)",
                [.integer(recordID), .text(slug)])
        }
        try link(recordID: recordID, to: slugs.filter { !current.contains($0) })
    }

    /// Deletes a record; its typed row, entity links, citations and relations go with it
    /// (ON DELETE CASCADE), its sources and entities stay.
    func deleteRecord(slug: String) throws {
        try db.execute("DELETE FROM records WHERE slug = ?", [.text(slug)])
        guard db.changedRowCount == 1 else { throw ContentError.notFound(what: "record", key: slug) }
    }
}
