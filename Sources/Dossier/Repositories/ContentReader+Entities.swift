internal import DossierDB

extension ContentReader {
    private static let entityColumns = "id, slug, kind, name, description, period_start, period_end"

    private func decodeEntity(_ row: Row) throws -> Entity {
        var entity = Entity(
            slug: try row.text(1), kind: try EntityKind.decode(row, 2, table: "entities", column: "kind"),
            name: try row.text(3), description: try row.optionalText(4), periodStart: try row.optionalText(5),
            periodEnd: try row.optionalText(6))
        entity.id = EntityID(rawValue: try row.int64(0))
        return entity
    }

    /// Fills in aliases and identifiers.
    private func complete(_ entity: Entity) throws -> Entity {
        guard let id = entity.id else { return entity }
        var entity = entity
        entity.aliases = try db.fetchAll(
            "SELECT alias, kind FROM entity_aliases WHERE entity_id = ? ORDER BY alias", [.integer(id.rawValue)]
        ) { row in
            Entity.Alias(try row.text(0), kind: try AliasKind.decode(row, 1, table: "entity_aliases", column: "kind"))
        }
        entity.identifiers = try db.fetchAll(
            "SELECT scheme, value FROM entity_identifiers WHERE entity_id = ? ORDER BY scheme, value", [.integer(id.rawValue)]
        ) { row in
            Entity.ExternalIdentifier(
                try IdentifierScheme.decode(row, 0, table: "entity_identifiers", column: "scheme"), try row.text(1))
        }
        return entity
    }

    func entity(slug: String) throws -> Entity? {
        try db.fetchOne("SELECT \(Self.entityColumns) FROM entities WHERE slug = ?", [.text(slug)], decodeEntity)
            .map(complete)
    }

    func entities(kind: EntityKind?) throws -> [Entity] {
        try db.fetchAll(
            "SELECT \(Self.entityColumns) FROM entities WHERE ?1 IS NULL OR kind = ?1 ORDER BY slug",
            [kind.map { .text($0.rawValue) } ?? .null], decodeEntity
        ).map(complete)
    }
}
