internal import DossierDB

extension ContentWriter {
    /// The `entities` columns an insert writes; the last is the seed set that owns the row.
    private static let insertedEntityColumns = EntityColumn.writtenColumns
    /// The columns an update changes: its fields, not its slug or owner.
    private static let updatedEntityColumns = EntityColumn.writtenColumns.filter { $0 != .slug && $0 != .seedSet }

    private static let insertEntitySQL = DerivedSQL.insert(insertedEntityColumns)

    /// Updates the fields of entity `?1` that differ; the database keeps `updated_at`.
    private static let updateEntitySQL: CachedSQL = {
        let columns = updatedEntityColumns
        let names = columns.map(\.name).joined(separator: ", ")
        let parameters = (2...columns.count + 1).map { "?\($0)" }.joined(separator: ", ")
        return CachedSQL(
            "UPDATE entities SET \(DerivedSQL.assignments(columns, from: 2)) WHERE id = ?1 AND (\(names)) IS NOT (\(parameters))")
    }()

    private static let insertAliasSQL = DerivedSQL.insert(EntityAliasColumn.allCases)
    private static let insertIdentifierSQL = DerivedSQL.insert(EntityIdentifierColumn.allCases)

    /// Inserts an entity with its aliases and identifiers, owned by a seed set when `seedSet` is given.
    func insert(_ entity: Entity, seedSet: String? = nil) throws -> EntityID {
        let subject = "entity \(entity.slug)"
        let issues = entity.issues
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        return try translatingErrors(subject: subject, what: "entity", key: entity.slug.rawValue) {
            let insert = try db.cachedStatement(Self.insertEntitySQL)
            try bind(
                Self.insertedEntityColumns.map { ($0.declaration, $0 == .seedSet ? SQLValue(seedSet) : entity.value(of: $0)) },
                to: insert, from: 1)
            try insert.run()
            let id = db.lastInsertedRowID
            try syncNames(entityID: id, entity: entity)
            return EntityID(rawValue: id)
        }
    }

    /// Updates an entity (found by slug), its aliases and its identifiers, touching only what changed.
    func update(_ entity: Entity) throws {
        entities.forget(entity.slug)
        let subject = "entity \(entity.slug)"
        let issues = entity.issues
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        guard let id = try reader.entityID(slug: entity.slug) else {
            throw ContentError.notFound(what: "entity", key: entity.slug.rawValue)
        }
        try translatingErrors(subject: subject, what: "entity", key: entity.slug.rawValue) {
            let update = try db.cachedStatement(Self.updateEntitySQL)
            try update.bind(id.rawValue, at: 1)
            try bind(Self.updatedEntityColumns.map { ($0.declaration, entity.value(of: $0)) }, to: update, from: 2)
            try update.run()
            try syncNames(entityID: id.rawValue, entity: entity)
        }
    }

    /// Brings the stored aliases and identifiers to the entity's, changing only the differences.
    private func syncNames(entityID: Int64, entity: Entity) throws {
        let stored = try reader.names(ofEntity: entityID)
        for alias in stored.aliases where !entity.aliases.contains(alias) {
            try db.execute("DELETE FROM entity_aliases WHERE entity_id = ? AND alias = ?", [.integer(entityID), .text(alias.name)])
        }
        let insertAlias = try db.cachedStatement(Self.insertAliasSQL)
        for alias in entity.aliases where !stored.aliases.contains(alias) {
            try insertAlias.bind(entityID, at: 1)
            try bind(EntityAliasColumn.allCases.dropFirst().map { ($0.declaration, alias.value(of: $0)) }, to: insertAlias, from: 2)
            try insertAlias.run()
        }
        for identifier in stored.identifiers where !entity.identifiers.contains(identifier) {
            try db.execute(
                "DELETE FROM entity_identifiers WHERE entity_id = ? AND scheme = ? AND value = ?",
                [.integer(entityID), .text(identifier.scheme.rawValue), .text(identifier.value)])
        }
        let insertIdentifier = try db.cachedStatement(Self.insertIdentifierSQL)
        for identifier in entity.identifiers where !stored.identifiers.contains(identifier) {
            try insertIdentifier.bind(entityID, at: 1)
            try insertIdentifier.bind(identifier.scheme.rawValue, at: 2)
            try insertIdentifier.bind(identifier.value, at: 3)
            try insertIdentifier.run()
        }
    }

    /// Deletes an entity; refused while records name it.
    func deleteEntity(slug: EntitySlug) throws {
        entities.forget(slug)
        let users =
            try db.fetchOne(
                "SELECT count(DISTINCT record_id) FROM record_entity_links WHERE entity_id = (SELECT id FROM entities WHERE slug = ?)",
                [.text(slug.rawValue)]
            ) { try $0.int(0) } ?? 0
        guard users == 0 else {
            throw ContentError.conflict("entity \(slug) is named by \(users) records; it cannot be deleted while they do")
        }
        try translatingErrors(subject: "entity \(slug)", what: "entity", key: slug.rawValue) {
            try db.execute("DELETE FROM entities WHERE slug = ?", [.text(slug.rawValue)])
        }
        guard db.changedRowCount == 1 else { throw ContentError.notFound(what: "entity", key: slug.rawValue) }
    }
}
