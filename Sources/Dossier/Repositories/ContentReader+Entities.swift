internal import DossierDB

extension ContentReader {
    private static let entitySelect = "SELECT \(EntityColumn.selectList(alias: "e")) FROM entities e"
    private static let aliasSelect =
        "SELECT \(EntityAliasColumn.selectList(alias: "a")) FROM entity_aliases a WHERE a.entity_id = ? ORDER BY a.alias"
    private static let identifierSelect =
        "SELECT \(EntityIdentifierColumn.selectList(alias: "i")) FROM entity_identifiers i WHERE i.entity_id = ? ORDER BY i.scheme, i.value"

    /// The aliases and identifiers of the entity with this id.
    func names(ofEntity id: Int64) throws -> (aliases: [Entity.Alias], identifiers: [Entity.ExternalIdentifier]) {
        let aliases = try db.fetchAll(Self.aliasSelect, [.integer(id)]) { row in
            try Entity.Alias(RowValues<EntityAliasColumn>(row: row, base: 0))
        }
        let identifiers = try db.fetchAll(Self.identifierSelect, [.integer(id)]) { row in
            let values = RowValues<EntityIdentifierColumn>(row: row, base: 0)
            return Entity.ExternalIdentifier(try values.vocabulary(.scheme, IdentifierScheme.self), try values.text(.value))
        }
        return (aliases, identifiers)
    }

    private func decodeEntity(_ row: Row) throws -> Entity {
        let values = RowValues<EntityColumn>(row: row, base: 0)
        let names = try names(ofEntity: try values.integer(.id))
        return try Entity(values, aliases: names.aliases, identifiers: names.identifiers)
    }

    func entity(slug: EntitySlug) throws -> Entity? {
        try db.fetchOne(Self.entitySelect + " WHERE e.slug = ?", [.text(slug.rawValue)], decodeEntity)
    }

    func entities(kind: EntityKind?) throws -> [Entity] {
        try db.fetchAll(Self.entitySelect + " WHERE ?1 IS NULL OR e.kind = ?1 ORDER BY e.slug", [SQLValue(kind)], decodeEntity)
    }
}
