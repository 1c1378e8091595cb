/// `reviews`: the review trail, who changed a record's status, when, from what to what, and why.
package enum ReviewColumn: Int, TableColumns {
    case id, recordID, fromStatus, toStatus, reviewer, note, at

    package static let table = "reviews"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .recordID: ColumnDeclaration("record_id", .integer, .unchecked)
        case .fromStatus: ColumnDeclaration("from_status", .text, .vocabulary(of: RecordStatus.self))
        case .toStatus: ColumnDeclaration("to_status", .text, .vocabulary(of: RecordStatus.self))
        case .reviewer: ColumnDeclaration("reviewer", .text, .prose(maximum: 100))
        case .note: ColumnDeclaration("note", .text, .prose(maximum: 1000))
        case .at: ColumnDeclaration("at", .text, .timestamp)
        }
    }
}
