internal import DossierDB

extension ContentWriter {
    /// The rules of an entity.
    static func entityIssues(_ entity: Entity) -> [ValidationIssue] {
        var issues = TextRules.slugIssues(entity.slug, field: "slug")
            + TextRules.proseIssues(entity.name, field: "name", maximum: 200)
            + TextRules.optionalProseIssues(entity.description, field: "description", maximum: 1000)
        for (field, value) in [("period_start", entity.periodStart), ("period_end", entity.periodEnd)] {
            guard let value else { continue }
            if entity.kind != .period {
                issues.append(ValidationIssue(field: field, rule: "is only for entities of kind period", value: value))
            } else if !TextRules.isISODate(value) {
                issues.append(ValidationIssue(field: field, rule: "must be a real date written YYYY-MM-DD", value: value))
            }
        }
        if let start = entity.periodStart, let end = entity.periodEnd, start > end {
            issues.append(ValidationIssue(field: "period_end", rule: "must not be before period_start (\(start))", value: end))
        }
        for (index, alias) in entity.aliases.enumerated() {
            issues += TextRules.proseIssues(alias.name, field: "aliases[\(index)]", maximum: 200)
        }
        if Set(entity.aliases.map(\.name)).count != entity.aliases.count {
            issues.append(ValidationIssue(field: "aliases", rule: "must not list a name twice"))
        }
        for (index, identifier) in entity.identifiers.enumerated() where !identifier.scheme.accepts(identifier.value) {
            issues.append(ValidationIssue(
                field: "identifiers[\(index)]", rule: "is not a valid \(identifier.scheme.rawValue) identifier (e.g. \(identifier.scheme.example))",
                value: identifier.value))
        }
        if Set(entity.identifiers).count != entity.identifiers.count {
            issues.append(ValidationIssue(field: "identifiers", rule: "must not list an identifier twice"))
        }
        return issues
    }

    /// Inserts an entity with its aliases and identifiers, owned by a seed set when `seedSet` is given.
    func insert(_ entity: Entity, seedSet: String? = nil) throws -> EntityID {
        let subject = "entity \(entity.slug)"
        let issues = Self.entityIssues(entity)
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        return try translatingErrors(subject: subject, what: "entity", key: entity.slug) {
            try db.execute(
                "INSERT INTO entities(slug, kind, name, description, period_start, period_end, seed_set) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.text(entity.slug), .text(entity.kind.rawValue), .text(entity.name), Self.value(entity.description),
                 Self.value(entity.periodStart), Self.value(entity.periodEnd), Self.value(seedSet)])
            let id = db.lastInsertedRowID
            try syncNames(entityID: id, entity: entity)
            return EntityID(rawValue: id)
        }
    }

    /// Updates an entity (found by slug), its aliases and its identifiers, touching only what changed.
    func update(_ entity: Entity) throws {
        let subject = "entity \(entity.slug)"
        let issues = Self.entityIssues(entity)
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        guard let id = try reader.entityID(slug: entity.slug) else { throw ContentError.notFound(what: "entity", key: entity.slug) }
        try translatingErrors(subject: subject, what: "entity", key: entity.slug) {
            try db.execute(
                """
                UPDATE entities SET kind = ?2, name = ?3, description = ?4, period_start = ?5, period_end = ?6,
                  updated_at = max(created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                WHERE id = ?1 AND (kind, name, description, period_start, period_end) IS NOT (?2, ?3, ?4, ?5, ?6)
                """,
                [.integer(id.rawValue), .text(entity.kind.rawValue), .text(entity.name), Self.value(entity.description),
                 Self.value(entity.periodStart), Self.value(entity.periodEnd)])
            try syncNames(entityID: id.rawValue, entity: entity)
        }
    }

    /// Brings the stored aliases and identifiers to the entity's, changing only the differences.
    private func syncNames(entityID: Int64, entity: Entity) throws {
        let storedAliases = try db.fetchAll("SELECT alias, kind FROM entity_aliases WHERE entity_id = ?", [.integer(entityID)]) {
            Entity.Alias(try $0.text(0), kind: AliasKind(rawValue: try $0.text(1)) ?? .synonym)
        }
        for alias in storedAliases where !entity.aliases.contains(alias) {
            try db.execute("DELETE FROM entity_aliases WHERE entity_id = ? AND alias = ?", [.integer(entityID), .text(alias.name)])
        }
        for alias in entity.aliases where !storedAliases.contains(alias) {
            try db.execute(
                "INSERT INTO entity_aliases(entity_id, alias, kind) VALUES (?, ?, ?)",
                [.integer(entityID), .text(alias.name), .text(alias.kind.rawValue)])
        }
        let storedIdentifiers = try db.fetchAll("SELECT scheme, value FROM entity_identifiers WHERE entity_id = ?", [.integer(entityID)]) {
            Entity.ExternalIdentifier(IdentifierScheme(rawValue: try $0.text(0)) ?? .wikidata, try $0.text(1))
        }
        for identifier in storedIdentifiers where !entity.identifiers.contains(identifier) {
            try db.execute(
                "DELETE FROM entity_identifiers WHERE entity_id = ? AND scheme = ? AND value = ?",
                [.integer(entityID), .text(identifier.scheme.rawValue), .text(identifier.value)])
        }
        for identifier in entity.identifiers where !storedIdentifiers.contains(identifier) {
            try db.execute(
                "INSERT INTO entity_identifiers(entity_id, scheme, value) VALUES (?, ?, ?)",
                [.integer(entityID), .text(identifier.scheme.rawValue), .text(identifier.value)])
        }
    }

    /// Deletes an entity; refused while records name it.
    func deleteEntity(slug: String) throws {
        let users = try db.fetchOne(
            "SELECT count(DISTINCT record_id) FROM record_entity_links WHERE entity_id = (SELECT id FROM entities WHERE slug = ?)",
            [.text(slug)]) { try $0.int(0) } ?? 0
        guard users == 0 else {
            throw ContentError.conflict("entity \(slug) is named by \(users) records; it cannot be deleted while they do")
        }
        try translatingErrors(subject: "entity \(slug)", what: "entity", key: slug) {
            try db.execute("DELETE FROM entities WHERE slug = ?", [.text(slug)])
        }
        guard db.changedRowCount == 1 else { throw ContentError.notFound(what: "entity", key: slug) }
    }
}
