/// `relations`: typed links between records.
package enum RelationColumn: Int, TableColumns {
    case id, subject, predicate, object, note, createdAt, seedSet

    package static let table = "relations"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .subject: ColumnDeclaration("subject_record_id", .integer, .reference(table: "records"), field: "subject")
        case .predicate: ColumnDeclaration("predicate", .text, .vocabulary(of: RelationPredicate.self), field: "predicate")
        case .object: ColumnDeclaration("object_record_id", .integer, .reference(table: "records"), field: "object")
        case .note: ColumnDeclaration("note", .text, .prose(maximum: 1000), nullable: true, field: "note")
        case .createdAt: ColumnDeclaration("created_at", .text, .timestamp)
        case .seedSet: ColumnDeclaration("seed_set", .text, .slug, nullable: true)
        }
    }
}
