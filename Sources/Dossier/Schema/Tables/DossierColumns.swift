/// `dossiers`: each dossier's name (its slug, the `seed_set` of its rows) and description.
package enum DossierColumn: Int, TableColumns {
    case id, slug, description, createdAt

    package static let table = "dossiers"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .slug: ColumnDeclaration("slug", .text, .slug)
        case .description: ColumnDeclaration("description", .text, .prose(maximum: 2000), nullable: true)
        case .createdAt: ColumnDeclaration("created_at", .text, .timestamp)
        }
    }
}

/// `entity_definitions`: which dossiers define each shared entity.
package enum EntityDefinitionColumn: Int, TableColumns {
    case id, entityID, dossier

    package static let table = "entity_definitions"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .entityID: ColumnDeclaration("entity_id", .integer, .parent(table: "entities"))
        case .dossier: ColumnDeclaration("dossier", .text, .slug)
        }
    }
}
