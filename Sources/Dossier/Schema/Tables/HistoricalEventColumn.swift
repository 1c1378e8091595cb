/// `historical_events`: an event's date, as the sources give it, and its place.
package enum HistoricalEventColumn: Int, TableColumns {
    case recordID, dateText, dateEDTF, earliest, latest, precision, isApproximate, isUncertain, period, place

    package static let table = "historical_events"

    /// Events are records of this kind.
    package static let recordKind = RecordKind.event

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .recordID: ColumnDeclaration("record_id", .integer, .parent(table: "records"))
        case .dateText: ColumnDeclaration("date_text", .text, .prose(maximum: 200), nullable: true, field: "date.text")
        case .dateEDTF: ColumnDeclaration("date_edtf", .text, .edtf, nullable: true, field: "date.edtf")
        // The bounds, precision and flags follow from the EDTF value or the period.
        case .earliest: ColumnDeclaration("earliest", .text, .isoDate, nullable: true, field: "date.earliest", derived: true)
        case .latest: ColumnDeclaration("latest", .text, .isoDate, nullable: true, field: "date.latest", derived: true)
        case .precision:
            ColumnDeclaration("precision", .text, .vocabulary(of: DatePrecision.self), field: "date.precision", derived: true)
        case .isApproximate:
            ColumnDeclaration("is_approximate", .integer, .flag, field: "date.is_approximate", default: 0, derived: true)
        case .isUncertain:
            ColumnDeclaration("is_uncertain", .integer, .flag, field: "date.is_uncertain", default: 0, derived: true)
        case .period:
            ColumnDeclaration("period_entity_id", .integer, .reference(table: "entities"), nullable: true, field: "date.period")
        case .place: ColumnDeclaration("place", .text, .prose(maximum: 200), nullable: true, field: "place")
        }
    }
}
