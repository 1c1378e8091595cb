/// A date in the Extended Date/Time Format (ISO 8601-2), parsed into the bounds and precision
/// the schema stores.
///
/// Supported, from EDTF levels 0–2:
/// - `1962`, `1962-08`, `1962-08-03` — a year, month or day;
/// - `196X`, `19XX` — some year in a decade or century;
/// - a trailing `?` (uncertain), `~` (approximate) or `%` (both) on any of those: the bounds
///   widen by one unit of the precision (`1970~` is 1969-01-01 … 1971-12-31);
/// - `1964/1975` — an interval with both ends;
/// - `[1955-11-01..1975-04-30]` — one day, unknown which, in a range.
///
/// Anything else — open or unknown interval ends (`1985/..`, `/1975`: the schema keeps both
/// bounds of a calendar date), times of day, BCE years, seasons, sets with several members — is
/// rejected with the reason and what to write instead, never guessed at.
///
/// Related specification: <https://www.loc.gov/standards/datetime/>
public struct EDTFDate: Sendable, Hashable {
    /// The EDTF text, as given.
    public let text: String
    /// The earliest day the value allows (ISO 8601). Never `nil` for a value that parsed: open
    /// and unknown interval ends are refused.
    public let earliest: String?
    /// The latest day the value allows (ISO 8601). Never `nil` for a value that parsed.
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
        guard !text.isEmpty else {
            throw reject("is empty: give an EDTF date such as 1962, 1962-08 or 1962-08-03, or leave it out")
        }
        guard text.count <= 60 else { throw reject("is \(text.count) characters long; an EDTF date has at most 60") }
        if text.hasPrefix("{") {
            throw reject("all-of sets ({…}) are not supported: give the range as an interval start/end")
        }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { throw reject("a one-of set opened with [ must end with ]") }
            let inner = text.dropFirst().dropLast()
            guard let dots = inner.firstRange(of: ".."), !inner[..<dots.lowerBound].isEmpty,
                !inner[dots.upperBound...].isEmpty, !inner[dots.upperBound...].contains("."), !inner.contains(",")
            else {
                throw reject(
                    "only a range [start..end] with both ends is supported inside brackets, not a list or an open range")
            }
            let start = try Self.point(String(inner[..<dots.lowerBound]), reject: reject)
            let end = try Self.point(String(inner[dots.upperBound...]), reject: reject)
            guard start.earliest <= end.latest else {
                throw reject("the range ends (\(inner[dots.upperBound...])) before it starts (\(inner[..<dots.lowerBound]))")
            }
            self.init(
                text: text, earliest: start.earliest.iso, latest: end.latest.iso,
                precision: Self.coarser(start.precision, end.precision),
                approximate: start.approximate || end.approximate, uncertain: start.uncertain || end.uncertain)
            return
        }
        if text.contains("/") {
            let sides = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard sides.count == 2 else {
                throw reject("has \(sides.count - 1) slashes; an interval is start/end, with exactly one /")
            }
            // The schema keeps both bounds of a calendar date, and an open end has none.
            if sides.contains("..") {
                throw reject(
                    "open intervals (..) are not supported: give the known end as a year (1985/1990), or use date.text for the wording")
            }
            if sides.contains("") {
                throw reject(
                    "intervals with an unknown start or end (\(sides[0].isEmpty ? "/" + sides[1] : sides[0] + "/")) are not supported: give both ends (1964/1975), or use date.text for the wording"
                )
            }
            let start = try Self.point(sides[0], reject: reject)
            let end = try Self.point(sides[1], reject: reject)
            if start.earliest > end.latest {
                throw reject("the interval ends (\(sides[1])) before it starts (\(sides[0]))")
            }
            self.init(
                text: text, earliest: start.earliest.iso, latest: end.latest.iso, precision: Self.coarser(start.precision, end.precision),
                approximate: start.approximate || end.approximate, uncertain: start.uncertain || end.uncertain)
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
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        // `1949-09-01T10:00`, or `1949-09-01 10:00`: a day, then a time.
        if let time = body.firstIndex(where: { $0 == "T" || $0 == " " }), body[..<time].count == 10,
            body[..<time].allSatisfy({ isDigit($0) || $0 == "-" }), body[time...].contains(":")
        {
            throw reject(
                "\(raw): a time of day (\(body[time...].trimmingPrefix(" "))) is not part of an EDTF level-0 date; give the day alone, \(body[..<time])"
            )
        }
        if body.contains(where: { "?~%".contains($0) }) {
            throw reject("\(raw): a qualifier (?, ~ or %) is supported once, at the very end of a date")
        }
        if body.hasPrefix("-") {
            throw reject("\(raw): years before year 0 (BCE) are not supported; give the wording in date.text")
        }
        if body.hasPrefix("Y") {
            throw reject("\(raw): years written with Y (beyond four digits) are not supported")
        }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 3 else {
            throw reject("\(raw) has \(parts.count) parts; an EDTF date is YYYY, YYYY-MM or YYYY-MM-DD")
        }
        guard parts[0].allSatisfy({ isDigit($0) || $0 == "X" }), !parts[0].isEmpty else {
            throw reject(
                "\(raw) is not an EDTF date: write YYYY, YYYY-MM or YYYY-MM-DD (1962-08-03); words and seasons go in date.text")
        }
        guard parts[0].count == 4 else {
            throw reject(
                parts[0].count < 4
                    ? "\(raw): the year must have four digits (0062 for the year 62)"
                    : "\(raw): years of more than four digits are not supported")
        }
        let yearText = parts[0]
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
            throw reject(
                "\(raw): an unspecified digit X may only end the year: 196X for a decade, 19XX for a century")
        }
        if parts.count >= 2 {
            guard precision == .year else {
                throw reject("\(raw): a month cannot follow an unspecified year (\(yearText)); give the year, or the decade alone")
            }
            guard parts[1].count == 2, parts[1].allSatisfy(isDigit), let month = Int(parts[1]) else {
                throw reject("\(raw): the month must be two digits, 01 to 12")
            }
            if (21...41).contains(month) {
                throw reject("\(raw): seasons (months 21 to 41) are not supported; give the months as an interval, or use date.text")
            }
            guard (1...12).contains(month) else { throw reject("\(raw): there is no month \(parts[1]); months are 01 to 12") }
            earliest = CalendarDate(year: earliest.year, month: month, day: 1)
            latest = CalendarDate(year: earliest.year, month: month, day: CalendarDate.daysIn(month: month, year: earliest.year))
            precision = .month
        }
        if parts.count == 3 {
            guard parts[2].count == 2, parts[2].allSatisfy(isDigit), let day = Int(parts[2]) else {
                throw reject("\(raw): the day must be two digits, 01 to 31")
            }
            let days = CalendarDate.daysIn(month: earliest.month, year: earliest.year)
            guard (1...days).contains(day) else {
                throw reject("\(raw) names a day that does not exist: \(yearText)-\(parts[1]) has \(days) days")
            }
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
