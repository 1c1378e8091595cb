/// `records`: the fields every event, mechanism and claim shares.
package enum RecordColumn: Int, TableColumns {
    case id, slug, kind, title, statement, certainty, status, deprecationReason, version, createdAt, updatedAt

    package static let table = "records"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .slug: ColumnDeclaration("slug", .text, .slug, field: "slug")
        // Which array of a seed file a record sits in says its kind.
        case .kind: ColumnDeclaration("kind", .text, .vocabulary(of: RecordKind.self))
        case .title: ColumnDeclaration("title", .text, .prose(maximum: 200), field: "title")
        case .statement: ColumnDeclaration("statement", .text, .prose(maximum: 4000), field: "statement")
        case .certainty: ColumnDeclaration("certainty", .text, .vocabulary(of: Certainty.self), field: "certainty")
        case .status: ColumnDeclaration("status", .text, .vocabulary(of: RecordStatus.self), field: "status", default: "draft")
        case .deprecationReason:
            ColumnDeclaration("deprecation_reason", .text, .prose(maximum: 1000), nullable: true, field: "deprecation_reason")
        case .version: ColumnDeclaration("version", .integer, .version, default: 1)
        case .createdAt: ColumnDeclaration("created_at", .text, .timestamp)
        case .updatedAt: ColumnDeclaration("updated_at", .text, .timestamp)
        }
    }
}

/// `record_entities`: the entities a record is about beyond those its typed fields name (the
/// `about` list of a seed file).
package enum RecordEntityColumn: Int, TableColumns {
    case recordID, entityID

    package static let table = "record_entities"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .recordID: ColumnDeclaration("record_id", .integer, .parent(table: "records"))
        case .entityID: ColumnDeclaration("entity_id", .integer, .reference(table: "entities"), field: "about")
        }
    }
}
