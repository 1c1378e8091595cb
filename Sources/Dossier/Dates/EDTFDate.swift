/// A date in the Extended Date/Time Format (ISO 8601-2), parsed into the bounds and precision
/// the schema stores.
///
/// Supported, from EDTF levels 0–2:
/// - `1962`, `1962-08`, `1962-08-03` — a year, month or day;
/// - `196X`, `19XX` — some year in a decade or century;
/// - a trailing `?` (uncertain), `~` (approximate) or `%` (both) on any of those: the bounds
///   widen by one unit of the precision (`1970~` is 1969-01-01 … 1971-12-31);
/// - `1964/1975`, `1985-04/..` (open end), `/1975` or `1964/` (unknown start or end) — intervals;
/// - `[1955-11-01..1975-04-30]` — one day, unknown which, in a range.
///
/// Anything else — BCE years, seasons, sets with several members — is rejected with the reason,
/// never guessed at.
///
/// Related specification: <https://www.loc.gov/standards/datetime/>
public struct EDTFDate: Sendable, Hashable {
    /// The EDTF text, as given.
    public let text: String
    /// The earliest day the value allows (ISO 8601), `nil` for an open or unknown start.
    public let earliest: String?
    /// The latest day the value allows (ISO 8601), `nil` for an open or unknown end.
    public let latest: String?
    /// The precision of the value (the coarser part of an interval).
    public let precision: DatePrecision
    /// Whether any part is approximate (`~` or `%`).
    public let isApproximate: Bool
    /// Whether any part is uncertain (`?` or `%`).
    public let isUncertain: Bool

    /// Parses an EDTF value.
    ///
    /// - throws: ``ContentError/validation(_:)`` with the reason, for text outside the supported subset.
    public init(_ text: String) throws {
        func reject(_ reason: String) -> ContentError {
            .validation([ValidationIssue(field: "date_edtf", rule: reason, value: text)])
        }
        guard !text.isEmpty, text.count <= 60 else { throw reject("must be 1 to 60 characters of EDTF") }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { throw reject("a one-of-set must end with ]") }
            let inner = text.dropFirst().dropLast()
            guard let dots = inner.firstRange(of: ".."), !inner[..<dots.lowerBound].isEmpty,
                !inner[dots.upperBound...].isEmpty, !inner[dots.upperBound...].contains(".")
            else {
                throw reject("only a range [start..end] is supported inside brackets")
            }
            let start = try Self.point(String(inner[..<dots.lowerBound]), reject: reject)
            let end = try Self.point(String(inner[dots.upperBound...]), reject: reject)
            guard start.earliest <= end.latest else { throw reject("the range ends before it starts") }
            self.init(
                text: text, earliest: start.earliest.iso, latest: end.latest.iso,
                precision: Self.coarser(start.precision, end.precision),
                approximate: start.approximate || end.approximate, uncertain: start.uncertain || end.uncertain)
            return
        }
        if text.contains("/") {
            let sides = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard sides.count == 2 else { throw reject("an interval has exactly one /") }
            let start = sides[0] == ".." || sides[0].isEmpty ? nil : try Self.point(sides[0], reject: reject)
            let end = sides[1] == ".." || sides[1].isEmpty ? nil : try Self.point(sides[1], reject: reject)
            guard start != nil || end != nil else { throw reject("an interval needs at least one date") }
            if let start, let end, start.earliest > end.latest {
                throw reject("the interval ends before it starts")
            }
            let precision: DatePrecision
            switch (start, end) {
            case (let start?, let end?): precision = Self.coarser(start.precision, end.precision)
            case (let start?, nil): precision = start.precision
            case (nil, let end?): precision = end.precision
            case (nil, nil): precision = .unknown
            }
            self.init(
                text: text, earliest: start?.earliest.iso, latest: end?.latest.iso, precision: precision,
                approximate: (start?.approximate ?? false) || (end?.approximate ?? false),
                uncertain: (start?.uncertain ?? false) || (end?.uncertain ?? false))
            return
        }
        let point = try Self.point(text, reject: reject)
        self.init(
            text: text, earliest: point.earliest.iso, latest: point.latest.iso, precision: point.precision,
            approximate: point.approximate, uncertain: point.uncertain)
    }

    private init(text: String, earliest: String?, latest: String?, precision: DatePrecision, approximate: Bool, uncertain: Bool) {
        self.text = text
        self.earliest = earliest
        self.latest = latest
        self.precision = precision
        self.isApproximate = approximate
        self.isUncertain = uncertain
    }

    private struct Point {
        var earliest: CalendarDate
        var latest: CalendarDate
        var precision: DatePrecision
        var approximate: Bool
        var uncertain: Bool
    }

    /// One date: `YYYY[-MM[-DD]]`, `YYYX`, `YYXX`, with an optional qualifier.
    private static func point(_ raw: String, reject: (String) -> ContentError) throws -> Point {
        var body = Substring(raw)
        var approximate = false
        var uncertain = false
        switch body.last {
        case "~":
            approximate = true
            body = body.dropLast()
        case "?":
            uncertain = true
            body = body.dropLast()
        case "%":
            approximate = true
            uncertain = true
            body = body.dropLast()
        default: break
        }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4 else {
            throw reject("\(raw) is not YYYY, YYYY-MM or YYYY-MM-DD (BCE years are not supported)")
        }
        let yearText = parts[0]
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        var earliest: CalendarDate
        var latest: CalendarDate
        var precision: DatePrecision
        if yearText.allSatisfy(isDigit), let year = Int(yearText) {
            earliest = CalendarDate(year: year, month: 1, day: 1)
            latest = CalendarDate(year: year, month: 12, day: 31)
            precision = .year
        } else if yearText.prefix(3).allSatisfy(isDigit), yearText.last == "X", let decade = Int(yearText.prefix(3)) {
            earliest = CalendarDate(year: decade * 10, month: 1, day: 1)
            latest = CalendarDate(year: decade * 10 + 9, month: 12, day: 31)
            precision = .decade
        } else if yearText.prefix(2).allSatisfy(isDigit), yearText.hasSuffix("XX"), let century = Int(yearText.prefix(2)) {
            earliest = CalendarDate(year: century * 100, month: 1, day: 1)
            latest = CalendarDate(year: century * 100 + 99, month: 12, day: 31)
            precision = .century
        } else {
            throw reject("\(raw) has a year that is neither four digits, YYYX nor YYXX")
        }
        if parts.count >= 2 {
            guard precision == .year, parts[1].count == 2, parts[1].allSatisfy(isDigit),
                let month = Int(parts[1]), (1...12).contains(month)
            else { throw reject("\(raw) has a month that is not 01 to 12") }
            earliest = CalendarDate(year: earliest.year, month: month, day: 1)
            latest = CalendarDate(year: earliest.year, month: month, day: CalendarDate.daysIn(month: month, year: earliest.year))
            precision = .month
        }
        if parts.count == 3 {
            guard parts[2].count == 2, parts[2].allSatisfy(isDigit), let day = Int(parts[2]),
                (1...CalendarDate.daysIn(month: earliest.month, year: earliest.year)).contains(day)
            else { throw reject("\(raw) names a day that does not exist") }
            earliest = CalendarDate(year: earliest.year, month: earliest.month, day: day)
            latest = earliest
            precision = .day
        }
        if approximate || uncertain {
            // Qualified: the value may be off by one unit of its precision either way.
            switch precision {
            case .day:
                earliest = earliest.adding(days: -1)
                latest = latest.adding(days: 1)
            case .month:
                earliest = earliest.adding(months: -1)
                latest = latest.adding(months: 1)
            case .year:
                earliest = earliest.adding(months: -12)
                latest = latest.adding(months: 12)
            case .decade:
                earliest = earliest.adding(months: -120)
                latest = latest.adding(months: 120)
            default:
                earliest = earliest.adding(months: -1200)
                latest = latest.adding(months: 1200)
            }
            if precision != .day {
                // Moving by months may clamp the day (31 → 28): the end stays the last day of its month.
                latest.day = CalendarDate.daysIn(month: latest.month, year: latest.year)
            }
        }
        guard earliest.year >= 0, latest.year <= 9999 else {
            throw reject("\(raw) lies outside the years 0000 to 9999")
        }
        return Point(earliest: earliest, latest: latest, precision: precision, approximate: approximate, uncertain: uncertain)
    }

    private static func coarser(_ a: DatePrecision, _ b: DatePrecision) -> DatePrecision {
        let order: [DatePrecision] = [.day, .month, .year, .decade, .century, .period, .unknown]
        return (order.firstIndex(of: a) ?? 0) >= (order.firstIndex(of: b) ?? 0) ? a : b
    }
}
