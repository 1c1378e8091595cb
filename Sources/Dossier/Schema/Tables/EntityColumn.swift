/// `entities`: what records are about.
package enum EntityColumn: Int, TableColumns {
    case id, slug, kind, name, description, periodStart, periodEnd, createdAt, updatedAt, seedSet

    package static let table = "entities"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .slug: ColumnDeclaration("slug", .text, .slug, field: "slug")
        case .kind: ColumnDeclaration("kind", .text, .vocabulary(of: EntityKind.self), field: "kind")
        case .name: ColumnDeclaration("name", .text, .prose(maximum: 200), field: "name")
        case .description: ColumnDeclaration("description", .text, .prose(maximum: 1000), nullable: true, field: "description")
        case .periodStart: ColumnDeclaration("period_start", .text, .isoDate, nullable: true, field: "period_start")
        case .periodEnd: ColumnDeclaration("period_end", .text, .isoDate, nullable: true, field: "period_end")
        case .createdAt: ColumnDeclaration("created_at", .text, .timestamp)
        case .updatedAt: ColumnDeclaration("updated_at", .text, .timestamp)
        case .seedSet: ColumnDeclaration("seed_set", .text, .slug, nullable: true)
        }
    }
}

/// `entity_aliases`: other names of an entity.
package enum EntityAliasColumn: Int, TableColumns {
    case entityID, alias, kind

    package static let table = "entity_aliases"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .entityID: ColumnDeclaration("entity_id", .integer, .parent(table: "entities"))
        case .alias: ColumnDeclaration("alias", .text, .prose(maximum: 200), field: "name")
        case .kind: ColumnDeclaration("kind", .text, .vocabulary(of: AliasKind.self), field: "kind", default: "synonym")
        }
    }
}

/// `entity_identifiers`: an entity's identifiers in external vocabularies, one per scheme
/// (written in seed files as an object from scheme to value).
package enum EntityIdentifierColumn: Int, TableColumns {
    case entityID, scheme, value

    package static let table = "entity_identifiers"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .entityID: ColumnDeclaration("entity_id", .integer, .parent(table: "entities"))
        case .scheme: ColumnDeclaration("scheme", .text, .vocabulary(of: IdentifierScheme.self), field: "scheme")
        case .value: ColumnDeclaration("value", .text, .identifierValue, field: "value")
        }
    }
}
