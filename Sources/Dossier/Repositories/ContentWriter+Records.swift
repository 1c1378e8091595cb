internal import DossierDB

extension ContentWriter {
    /// The `records` columns an insert writes, in case order (the kind comes from the type).
    private static let insertedRecordColumns = RecordColumn.writtenColumns

    /// The `records` columns an update writes: a record's kind never changes.
    private static let updatedRecordColumns = RecordColumn.writtenColumns.filter { $0 != .kind }

    static let insertRecordSQL = DerivedSQL.insert(insertedRecordColumns)

    /// Updates the shared fields if the version is still the one read, bumping it; the
    /// database keeps `updated_at`. The last three parameters: id, expected version, kind.
    static let updateRecordSQL: CachedSQL = {
        let count = updatedRecordColumns.count
        return CachedSQL(
            "UPDATE records SET \(DerivedSQL.assignments(updatedRecordColumns, from: 1)), version = version + 1 "
                + "WHERE id = ?\(count + 1) AND version = ?\(count + 2) AND kind = ?\(count + 3)")
    }()

    static let linkEntitySQL = DerivedSQL.insert(RecordEntityColumn.allCases)

    /// Every issue of a record: each column's rule, the rules across its columns, and each
    /// entity it names that does not exist. Writes nothing.
    func issues<Record: ContentRecord>(of record: Record) throws -> [ValidationIssue] {
        let mapping = Record.mapping
        var issues = record.info.issues
        let values = mapping.values(record)
        var references: [EntityReference] = []
        for (column, value) in zip(mapping.columns, values) {
            guard let field = column.field else { continue }
            issues += column.issues(value, field: field)
            if case .reference = column.rule, case .text(let slug) = value, TextRules.isValidSlug(slug) {
                references.append(EntityReference(field: field, slug: EntitySlug(slug), kind: field == "date.period" ? .period : nil))
            }
        }
        issues += mapping.rowRules(record)
        references += record.info.about.enumerated().compactMap { index, slug in
            TextRules.isValidSlug(slug.rawValue) ? EntityReference(field: "about[\(index)]", slug: slug) : nil
        }
        issues += try entities.missing(references)
        return issues
    }

    /// The record as it will be stored, after checking every rule.
    private func validated<Record: ContentRecord>(_ record: Record, subject: String) throws -> Record {
        let found = try issues(of: record)
        guard found.isEmpty else { throw ContentError.validation(found.map { $0.attributed(to: subject) }) }
        do {
            return try Record.mapping.resolve(record, entities)
        } catch ContentError.validation(let found) {
            throw ContentError.validation(found.map { $0.attributed(to: subject) })
        }
    }

    /// Binds the subtype's columns of `record` from parameter 2 (parameter 1 is the record id).
    private func bindSubtype<Record: ContentRecord>(_ record: Record, to statement: Statement) throws {
        let mapping = Record.mapping
        let values = mapping.values(record)
        try bind(mapping.writtenColumns.map { ($0.declaration, values[$0.position]) }, to: statement, from: 2)
    }

    /// Inserts a record, its typed row, its entity links and its citations.
    func insert<Record: ContentRecord>(_ record: Record, quotes: [Quote] = []) throws -> RecordID {
        let mapping = Record.mapping
        let subject = "\(mapping.kind.rawValue) \(record.info.slug)"
        let stored = try validated(record, subject: subject)
        try searchIndexDeferral?.begin()
        let id = try translatingErrors(subject: subject, what: "record", key: record.info.slug) { () throws -> Int64 in
            let insert = try db.cachedStatement(Self.insertRecordSQL)
            try bind(
                Self.insertedRecordColumns.map { ($0.declaration, $0 == .kind ? .text(mapping.kind.rawValue) : stored.info.value(of: $0)) },
                to: insert, from: 1)
            try insert.run()
            let id = db.lastInsertedRowID
            let subtype = try db.cachedStatement(mapping.insertSQL)
            try subtype.bind(id, at: 1)
            try bindSubtype(stored, to: subtype)
            try subtype.run()
            try link(recordID: id, to: stored.info.about)
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
        let stored = try validated(record, subject: subject)
        guard let id = try record.info.id ?? reader.recordID(slug: record.info.slug) else {
            throw ContentError.notFound(what: mapping.kind.rawValue, key: record.info.slug)
        }
        try translatingErrors(subject: subject, what: "record", key: record.info.slug) {
            let update = try db.cachedStatement(Self.updateRecordSQL)
            let columns = Self.updatedRecordColumns
            try bind(columns.map { ($0.declaration, stored.info.value(of: $0)) }, to: update, from: 1)
            try update.bind(id.rawValue, at: columns.count + 1)
            try update.bind(record.info.version, at: columns.count + 2)
            try update.bind(mapping.kind.rawValue, at: columns.count + 3)
            try update.run()
            guard db.changedRowCount == 1 else {
                let current = try db.fetchOne("SELECT version, kind FROM records WHERE id = ?", [.integer(id.rawValue)]) {
                    (try $0.int(0), try $0.text(1))
                }
                guard let current else { throw ContentError.notFound(what: mapping.kind.rawValue, key: record.info.slug) }
                guard current.1 == mapping.kind.rawValue else {
                    throw ContentError.conflict(
                        "\(record.info.slug) is a \(current.1), not a \(mapping.kind.rawValue); a record's kind cannot change")
                }
                throw ContentError.staleVersion(slug: record.info.slug, expected: record.info.version, actual: current.0)
            }
            let subtype = try db.cachedStatement(mapping.updateSQL)
            try subtype.bind(id.rawValue, at: 1)
            try bindSubtype(stored, to: subtype)
            try subtype.run()
            try relink(recordID: id.rawValue, to: stored.info.about)
        }
        return id
    }

    /// Links a new record to the entities it is about.
    private func link(recordID: Int64, to slugs: [EntitySlug]) throws {
        guard !slugs.isEmpty else { return }
        let insert = try db.cachedStatement(Self.linkEntitySQL)
        for slug in slugs {
            try insert.bind(recordID, at: 1)
            try insert.bind(try entities.id(slug), at: 2)
            try insert.run()
        }
    }

    /// Brings a record's entity links to `slugs`, touching only the links that change.
    private func relink(recordID: Int64, to slugs: [EntitySlug]) throws {
        let current = Set(
            try db.fetchAll(
                "SELECT e.slug FROM record_entities re JOIN entities e ON e.id = re.entity_id WHERE re.record_id = ?",
                [.integer(recordID)]
            ) { EntitySlug(try $0.text(0)) })
        let wanted = Set(slugs)
        for slug in current.subtracting(wanted) {
            try db.execute(
                "DELETE FROM record_entities WHERE record_id = ? AND entity_id = (SELECT id FROM entities WHERE slug = ?)",
                [.integer(recordID), .text(slug.rawValue)])
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
