internal import DossierDB

extension HistoricalEvent: ColumnMappedRecord {
    /// `historical_events`, joined with its period entity.
    public static let mapping = RecordMapping<HistoricalEvent>(kind: .event)

    static var filterColumn: HistoricalEventColumn { .period }

    /// Rebuilds an event. A row, or an export, gives every field of the date; a curator's file
    /// gives the words, the EDTF value or the period, and the rest is derived from them. A
    /// derived field a file gives anyway is kept, so that the date rules can say where it
    /// disagrees.
    init(info: RecordInfo, values: some ColumnValues<HistoricalEventColumn>) throws {
        let text = try values.optionalText(.dateText)
        let edtf = try values.optionalText(.dateEDTF)
        let period = try values.optionalText(.period).map { EntitySlug($0) }
        var date: EventDate
        if let precision = try values.optionalVocabulary(.precision, DatePrecision.self) {
            date = EventDate(text: text, edtf: edtf, precision: precision, period: period)
        } else if let edtf {
            // A value outside the supported EDTF subset is reported by the column's rule.
            date =
                (try? EventDate.edtf(edtf, text: text, period: period))
                ?? EventDate(text: text, edtf: edtf, precision: .year, period: period)
        } else if let period {
            date = .during(period, text: text)
        } else {
            date = .unknown(text: text)
        }
        if let earliest = try values.optionalText(.earliest) { date.earliest = earliest }
        if let latest = try values.optionalText(.latest) { date.latest = latest }
        if let approximate = try values.optionalFlag(.isApproximate) { date.isApproximate = approximate }
        if let uncertain = try values.optionalFlag(.isUncertain) { date.isUncertain = uncertain }
        self.init(info, date: date, place: try values.optionalText(.place))
    }

    func value(of column: HistoricalEventColumn) -> SQLValue {
        switch column {
        case .recordID: info.id.map { .integer($0.rawValue) } ?? .null
        case .dateText: SQLValue(date.text)
        case .dateEDTF: SQLValue(date.edtf)
        case .earliest: SQLValue(date.earliest)
        case .latest: SQLValue(date.latest)
        case .precision: .text(date.precision.rawValue)
        case .isApproximate: .integer(date.isApproximate ? 1 : 0)
        case .isUncertain: .integer(date.isUncertain ? 1 : 0)
        case .period: SQLValue(date.period)
        case .place: SQLValue(place)
        }
    }

    var rowIssues: [ValidationIssue] { Self.dateIssues(date) }

    /// The event as it is stored: dated only by its period, its bounds are the period's.
    ///
    /// - throws: ``ContentError/validation(_:)`` when the event gives bounds of its own that
    ///   are not its period's.
    func resolved(with entities: EntityResolver) throws -> HistoricalEvent {
        guard date.precision == .period, let period = date.period, let resolved = try entities.resolve(period) else { return self }
        var issues: [ValidationIssue] = []
        for (field, given, wanted) in [
            ("date.earliest", date.earliest, resolved.periodStart), ("date.latest", date.latest, resolved.periodEnd),
        ] {
            if let given, given != wanted {
                issues.append(
                    ValidationIssue(
                        field: field, rule: "must be the bound of period \(period) (\(wanted ?? "none")), or be left out to take it",
                        value: given))
            }
        }
        guard issues.isEmpty else { throw ContentError.validation(issues) }
        var event = self
        event.date.earliest = resolved.periodStart
        event.date.latest = resolved.periodEnd
        return event
    }

    /// A date's own consistency: what the EDTF value implies, what each precision requires.
    /// (An EDTF value that does not parse is its column's rule, reported there.)
    static func dateIssues(_ date: EventDate) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if let earliest = date.earliest, let latest = date.latest, earliest > latest {
            issues.append(ValidationIssue(field: "date.latest", rule: "must not be before date.earliest (\(earliest))", value: latest))
        }
        switch date.precision {
        case .unknown:
            if date.edtf != nil || date.earliest != nil || date.latest != nil || date.period != nil {
                issues.append(
                    ValidationIssue(
                        field: "date.precision", rule: "unknown means no EDTF value, no bounds and no period; a date is never invented",
                        value: "unknown"))
            }
        case .period:
            if date.period == nil {
                issues.append(ValidationIssue(field: "date.period", rule: "is required when the precision is period"))
            }
            if date.edtf != nil {
                issues.append(
                    ValidationIssue(field: "date.edtf", rule: "must be empty when the event is dated only by a period", value: date.edtf))
            }
        default:
            // The schema keeps both bounds of a calendar date (the EDTF parser refuses open ends).
            // An EDTF value that does not parse has said why already: it has no bounds to miss.
            let edtfParses = date.edtf.map { (try? EDTFDate($0)) != nil } ?? true
            if date.earliest == nil || date.latest == nil, edtfParses {
                issues.append(
                    ValidationIssue(
                        field: "date",
                        rule:
                            "a \(date.precision.rawValue) date needs both bounds (earliest and latest); open or unknown ends are not supported: give the known end, or use date.text for the wording",
                        value: date.edtf))
            }
            guard let edtf = date.edtf, let parsed = try? EDTFDate(edtf) else { return issues }
            if parsed.earliest != date.earliest || parsed.latest != date.latest || parsed.precision != date.precision
                || parsed.isApproximate != date.isApproximate || parsed.isUncertain != date.isUncertain
            {
                issues.append(
                    ValidationIssue(
                        field: "date",
                        rule:
                            "bounds, precision and flags must be those the EDTF value implies (\(parsed.earliest ?? "open") … \(parsed.latest ?? "open"), \(parsed.precision.rawValue)); build it with EventDate.edtf(_:)",
                        value: edtf))
            }
        }
        return issues
    }
}
