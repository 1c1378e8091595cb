internal import DossierDB

extension ClinicalClaim {
    /// `clinical_claims`, joined with its intervention, indication and comparator entities.
    public static let mapping = RecordMapping<ClinicalClaim>(
        kind: .claim,
        table: "clinical_claims",
        joins: """
            JOIN clinical_claims s ON s.record_id = r.id JOIN entities intervention ON intervention.id = s.intervention_entity_id \
            LEFT JOIN entities indication ON indication.id = s.indication_entity_id \
            LEFT JOIN entities comparator ON comparator.id = s.comparator_entity_id
            """,
        columns: """
            intervention.slug, indication.slug, s.population, s.outcome, s.onset_text, s.onset_lower_unit, \
            s.onset_upper_unit, comparator.slug, s.comparator_text, s.comparator_onset_text, s.comparator_onset_unit, \
            s.evidence_level
            """,
        writeColumns: ["intervention_entity_id", "indication_entity_id", "population", "outcome", "onset_text",
                       "onset_lower_unit", "onset_upper_unit", "comparator_entity_id", "comparator_text",
                       "comparator_onset_text", "comparator_onset_unit", "evidence_level"],
        filterClause: "(?5 IS NULL OR s.evidence_level = ?5)",
        decode: { row in
            let info = try RecordColumns.decode(row)
            let base = RecordColumns.count
            func unit(_ index: Int, _ column: String) throws -> TimeUnit? {
                try TimeUnit.decodeIfPresent(row, index, table: "clinical_claims", column: column)
            }
            let onset = try row.optionalText(base + 4).map { text in
                ClinicalClaim.Onset(
                    text: text, lowerUnit: try unit(base + 5, "onset_lower_unit"), upperUnit: try unit(base + 6, "onset_upper_unit"))
            }
            let comparatorEntity = try row.optionalText(base + 7)
            let comparatorText = try row.optionalText(base + 8)
            let comparatorOnset = try row.optionalText(base + 9)
            let comparatorUnit = try unit(base + 10, "comparator_onset_unit")
            let comparator = comparatorEntity == nil && comparatorText == nil && comparatorOnset == nil && comparatorUnit == nil
                ? nil
                : ClinicalClaim.Comparator(entity: comparatorEntity, text: comparatorText, onsetText: comparatorOnset, onsetUnit: comparatorUnit)
            return ClinicalClaim(
                info, intervention: try row.text(base), indication: try row.optionalText(base + 1),
                population: try row.optionalText(base + 2), outcome: try row.text(base + 3), onset: onset,
                comparator: comparator,
                evidenceLevel: try EvidenceLevel.decode(row, base + 11, table: "clinical_claims", column: "evidence_level"))
        },
        validate: { claim in
            var issues = TextRules.proseIssues(claim.outcome, field: "outcome", maximum: 1000)
                + TextRules.optionalProseIssues(claim.population, field: "population", maximum: 300)
            if let onset = claim.onset {
                issues += TextRules.proseIssues(onset.text, field: "onset.text", maximum: 200)
                if let lower = onset.lowerUnit, let upper = onset.upperUnit, upper < lower {
                    issues.append(ValidationIssue(field: "onset.upper_unit", rule: "must not be shorter than onset.lower_unit (\(lower.rawValue))", value: upper.rawValue))
                }
            }
            if let comparator = claim.comparator {
                if comparator.entity == nil && comparator.text == nil {
                    issues.append(ValidationIssue(field: "comparator", rule: "needs an entity or a text"))
                }
                if comparator.entity != nil, comparator.entity == claim.intervention {
                    issues.append(ValidationIssue(field: "comparator.entity", rule: "must differ from the intervention", value: comparator.entity))
                }
                issues += TextRules.optionalProseIssues(comparator.text, field: "comparator.text", maximum: 300)
                issues += TextRules.optionalProseIssues(comparator.onsetText, field: "comparator.onset_text", maximum: 200)
                if comparator.onsetUnit != nil && comparator.onsetText == nil {
                    issues.append(ValidationIssue(field: "comparator.onset_unit", rule: "needs comparator.onset_text, the words it comes from"))
                }
            }
            return issues
        },
        entityReferences: { claim in
            [EntityReference(field: "intervention", slug: claim.intervention)]
                + (claim.indication.map { [EntityReference(field: "indication", slug: $0)] } ?? [])
                + (claim.comparator?.entity.map { [EntityReference(field: "comparator.entity", slug: $0)] } ?? [])
        },
        bind: { claim, statement, entities in
            try statement.bind(try entities.id(claim.intervention), at: 2)
            try statement.bind(try entities.id(claim.indication), at: 3)
            try statement.bind(claim.population, at: 4)
            try statement.bind(claim.outcome, at: 5)
            try statement.bind(claim.onset?.text, at: 6)
            try statement.bind(claim.onset?.lowerUnit?.rawValue, at: 7)
            try statement.bind(claim.onset?.upperUnit?.rawValue, at: 8)
            try statement.bind(try entities.id(claim.comparator?.entity), at: 9)
            try statement.bind(claim.comparator?.text, at: 10)
            try statement.bind(claim.comparator?.onsetText, at: 11)
            try statement.bind(claim.comparator?.onsetUnit?.rawValue, at: 12)
            try statement.bind(claim.evidenceLevel.rawValue, at: 13)
        })
}
