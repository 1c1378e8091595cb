/// `clinical_claims`: intervention, indication or population, outcome, onset and comparator.
package enum ClinicalClaimColumn: Int, TableColumns {
    case recordID, intervention, indication, population, outcome, onsetText, onsetLowerUnit, onsetUpperUnit
    case comparatorEntity, comparatorText, comparatorOnsetText, comparatorOnsetUnit, evidenceLevel

    package static let table = "clinical_claims"

    /// Claims are records of this kind.
    package static let recordKind = RecordKind.claim

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .recordID: ColumnDeclaration("record_id", .integer, .parent(table: "records"))
        case .intervention:
            ColumnDeclaration("intervention_entity_id", .integer, .reference(table: "entities"), field: "intervention")
        case .indication:
            ColumnDeclaration("indication_entity_id", .integer, .reference(table: "entities"), nullable: true, field: "indication")
        case .population: ColumnDeclaration("population", .text, .prose(maximum: 300), nullable: true, field: "population")
        case .outcome: ColumnDeclaration("outcome", .text, .prose(maximum: 1000), field: "outcome")
        case .onsetText: ColumnDeclaration("onset_text", .text, .prose(maximum: 200), nullable: true, field: "onset.text")
        case .onsetLowerUnit:
            ColumnDeclaration("onset_lower_unit", .text, .vocabulary(of: TimeUnit.self), nullable: true, field: "onset.lower_unit")
        case .onsetUpperUnit:
            ColumnDeclaration("onset_upper_unit", .text, .vocabulary(of: TimeUnit.self), nullable: true, field: "onset.upper_unit")
        case .comparatorEntity:
            ColumnDeclaration(
                "comparator_entity_id", .integer, .reference(table: "entities"), nullable: true, field: "comparator.entity")
        case .comparatorText:
            ColumnDeclaration("comparator_text", .text, .prose(maximum: 300), nullable: true, field: "comparator.text")
        case .comparatorOnsetText:
            ColumnDeclaration(
                "comparator_onset_text", .text, .prose(maximum: 200), nullable: true, field: "comparator.onset_text")
        case .comparatorOnsetUnit:
            ColumnDeclaration(
                "comparator_onset_unit", .text, .vocabulary(of: TimeUnit.self), nullable: true, field: "comparator.onset_unit")
        case .evidenceLevel:
            ColumnDeclaration(
                "evidence_level", .text, .vocabulary(of: EvidenceLevel.self), field: "evidence_level", default: "not_assessed")
        }
    }
}
