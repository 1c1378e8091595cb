internal import DossierDB

extension ClinicalClaim: ColumnMappedRecord {
    /// `clinical_claims`, joined with its intervention, indication and comparator entities.
    public static let mapping = RecordMapping<ClinicalClaim>(kind: .claim)

    static var filterColumn: ClinicalClaimColumn { .evidenceLevel }

    @inline(__always)
    init(info: RecordInfo, values: some ColumnValues<ClinicalClaimColumn>) throws {
        let onsetText = try values.optionalText(.onsetText)
        let lower = try values.optionalVocabulary(.onsetLowerUnit, TimeUnit.self)
        let upper = try values.optionalVocabulary(.onsetUpperUnit, TimeUnit.self)
        let comparatorEntity = try values.optionalText(.comparatorEntity).map { EntitySlug($0) }
        let comparatorText = try values.optionalText(.comparatorText)
        let comparatorOnset = try values.optionalText(.comparatorOnsetText)
        let comparatorUnit = try values.optionalVocabulary(.comparatorOnsetUnit, TimeUnit.self)
        let hasComparator = comparatorEntity != nil || comparatorText != nil || comparatorOnset != nil || comparatorUnit != nil
        self.init(
            info, intervention: EntitySlug(try values.text(.intervention)),
            indication: try values.optionalText(.indication).map { EntitySlug($0) }, population: try values.optionalText(.population),
            outcome: try values.text(.outcome),
            // Units without the words they come from cannot be held; the row rules refuse them
            // (see `rowIssues`), so the value below is only ever read from a sound row.
            onset: onsetText.map { Onset(text: $0, lowerUnit: lower, upperUnit: upper) }
                ?? (lower != nil || upper != nil ? Onset(text: "", lowerUnit: lower, upperUnit: upper) : nil),
            comparator: hasComparator
                ? Comparator(entity: comparatorEntity, text: comparatorText, onsetText: comparatorOnset, onsetUnit: comparatorUnit)
                : nil,
            evidenceLevel: try values.vocabulary(.evidenceLevel, EvidenceLevel.self))
    }

    func value(of column: ClinicalClaimColumn) -> SQLValue {
        switch column {
        case .recordID: info.id.map { .integer($0.rawValue) } ?? .null
        case .intervention: SQLValue(intervention)
        case .indication: SQLValue(indication)
        case .population: SQLValue(population)
        case .outcome: .text(outcome)
        case .onsetText: SQLValue(onset?.text)
        case .onsetLowerUnit: SQLValue(onset?.lowerUnit)
        case .onsetUpperUnit: SQLValue(onset?.upperUnit)
        case .comparatorEntity: SQLValue(comparator?.entity)
        case .comparatorText: SQLValue(comparator?.text)
        case .comparatorOnsetText: SQLValue(comparator?.onsetText)
        case .comparatorOnsetUnit: SQLValue(comparator?.onsetUnit)
        case .evidenceLevel: .text(evidenceLevel.rawValue)
        }
    }

    var rowIssues: [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if let lower = onset?.lowerUnit, let upper = onset?.upperUnit, upper < lower {
            issues.append(
                ValidationIssue(
                    field: "onset.upper_unit", rule: "must not be shorter than onset.lower_unit (\(lower.rawValue))", value: upper.rawValue)
            )
        }
        if let comparator {
            if comparator.entity == nil && comparator.text == nil {
                issues.append(ValidationIssue(field: "comparator", rule: "needs an entity or a text"))
            }
            if let entity = comparator.entity, entity == intervention {
                issues.append(
                    ValidationIssue(field: "comparator.entity", rule: "must differ from the intervention", value: entity.rawValue))
            }
            if comparator.onsetUnit != nil && comparator.onsetText == nil {
                issues.append(ValidationIssue(field: "comparator.onset_unit", rule: "needs comparator.onset_text, the words it comes from"))
            }
        }
        return issues
    }
}
