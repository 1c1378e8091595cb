internal import DossierDB

extension HistoricalEvent {
    /// `historical_events`, joined with its period entity.
    public static let mapping = RecordMapping<HistoricalEvent>(
        kind: .event,
        table: "historical_events",
        joins: "JOIN historical_events s ON s.record_id = r.id LEFT JOIN entities period ON period.id = s.period_entity_id",
        columns: "s.date_text, s.date_edtf, s.earliest, s.latest, s.precision, s.is_approximate, s.is_uncertain, period.slug, s.place",
        writeColumns: ["date_text", "date_edtf", "earliest", "latest", "precision", "is_approximate", "is_uncertain",
                       "period_entity_id", "place"],
        filterClause: "(?5 IS NULL OR period.slug = ?5)",
        decode: { row in
            let info = try RecordColumns.decode(row)
            let base = RecordColumns.count
            let date = EventDate(
                text: try row.optionalText(base), edtf: try row.optionalText(base + 1),
                earliest: try row.optionalText(base + 2), latest: try row.optionalText(base + 3),
                precision: try DatePrecision.decode(row, base + 4, table: "historical_events", column: "precision"),
                isApproximate: try row.bool(base + 5), isUncertain: try row.bool(base + 6),
                period: try row.optionalText(base + 7))
            return HistoricalEvent(info, date: date, place: try row.optionalText(base + 8))
        },
        validate: { event in
            var issues = TextRules.optionalProseIssues(event.date.text, field: "date.text", maximum: 200)
                + TextRules.optionalProseIssues(event.place, field: "place", maximum: 200)
            issues += dateIssues(event.date)
            return issues
        },
        entityReferences: { event in
            event.date.period.map { [EntityReference(field: "date.period", slug: $0)] } ?? []
        },
        bind: { event, statement, entities in
            var date = event.date
            if date.precision == .period, let period = date.period, let resolved = try entities.resolve(period) {
                // Dated only by its period: the bounds are the period's, whatever the caller passed.
                date.earliest = resolved.periodStart
                date.latest = resolved.periodEnd
            }
            try statement.bind(date.text, at: 2)
            try statement.bind(date.edtf, at: 3)
            try statement.bind(date.earliest, at: 4)
            try statement.bind(date.latest, at: 5)
            try statement.bind(date.precision.rawValue, at: 6)
            try statement.bind(date.isApproximate, at: 7)
            try statement.bind(date.isUncertain, at: 8)
            try statement.bind(try entities.id(date.period), at: 9)
            try statement.bind(event.place, at: 10)
        })

    /// A date's own consistency: what the EDTF value implies, what each precision requires.
    static func dateIssues(_ date: EventDate) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (field, value) in [("date.earliest", date.earliest), ("date.latest", date.latest)] {
            if let value, !TextRules.isISODate(value) {
                issues.append(ValidationIssue(field: field, rule: "must be a real date written YYYY-MM-DD", value: value))
            }
        }
        if let earliest = date.earliest, let latest = date.latest, earliest > latest {
            issues.append(ValidationIssue(field: "date.latest", rule: "must not be before date.earliest (\(earliest))", value: latest))
        }
        switch date.precision {
        case .unknown:
            if date.edtf != nil || date.earliest != nil || date.latest != nil || date.period != nil {
                issues.append(ValidationIssue(field: "date.precision", rule: "unknown means no EDTF value, no bounds and no period; a date is never invented", value: "unknown"))
            }
        case .period:
            if date.period == nil {
                issues.append(ValidationIssue(field: "date.period", rule: "is required when the precision is period"))
            }
            if date.edtf != nil {
                issues.append(ValidationIssue(field: "date.edtf", rule: "must be empty when the event is dated only by a period", value: date.edtf))
            }
        default:
            guard let edtf = date.edtf else {
                if date.earliest == nil && date.latest == nil {
                    issues.append(ValidationIssue(field: "date.edtf", rule: "is required for a \(date.precision.rawValue) precision"))
                }
                return issues
            }
            do {
                let parsed = try EDTFDate(edtf)
                if parsed.earliest != date.earliest || parsed.latest != date.latest || parsed.precision != date.precision
                    || parsed.isApproximate != date.isApproximate || parsed.isUncertain != date.isUncertain
                {
                    issues.append(ValidationIssue(
                        field: "date", rule: "bounds, precision and flags must be those the EDTF value implies (\(parsed.earliest ?? "open") … \(parsed.latest ?? "open"), \(parsed.precision.rawValue)); build it with EventDate.edtf(_:)",
                        value: edtf))
                }
            } catch let ContentError.validation(found) {
                issues += found.map { ValidationIssue(field: "date.edtf", rule: $0.rule, value: edtf) }
            } catch {
                issues.append(ValidationIssue(field: "date.edtf", rule: "must be supported EDTF", value: edtf))
            }
        }
        return issues
    }
}
