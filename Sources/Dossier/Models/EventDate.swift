/// When a historical event happened, as far as the sources say — and no further.
///
/// Three shapes:
/// - ``edtf(_:text:period:)``: the source gives a date, written in EDTF (`1962`, `196X`, `1970~`);
///   the bounds and precision follow from it.
/// - ``during(_:text:)``: the source names only a period ("during the Vietnam War"); the
///   bounds are the period entity's, filled in when the event is stored.
/// - ``unknown(text:)``: the source gives no date; there are no bounds, and none is invented.
public struct EventDate: Sendable, Hashable, Codable {
    /// The date as the source words it, verbatim ("during the Vietnam War").
    public var text: String?
    /// The EDTF value, when the source gives a calendar date.
    public var edtf: String?
    /// The earliest day the event may have happened (ISO 8601).
    public var earliest: String?
    /// The latest day the event may have happened (ISO 8601).
    public var latest: String?
    /// How precisely the date is known.
    public var precision: DatePrecision
    /// EDTF `~`: circa.
    public var isApproximate: Bool
    /// EDTF `?`: the source is unsure.
    public var isUncertain: Bool
    /// The slug of the period entity the event is dated by, if any.
    public var period: EntitySlug?

    /// Creates a date from its stored fields.
    public init(
        text: String? = nil, edtf: String? = nil, earliest: String? = nil, latest: String? = nil,
        precision: DatePrecision, isApproximate: Bool = false, isUncertain: Bool = false, period: EntitySlug? = nil
    ) {
        self.text = text
        self.edtf = edtf
        self.earliest = earliest
        self.latest = latest
        self.precision = precision
        self.isApproximate = isApproximate
        self.isUncertain = isUncertain
        self.period = period
    }

    /// The source gives no date.
    public static func unknown(text: String? = nil) -> EventDate {
        EventDate(text: text, precision: .unknown)
    }

    /// The source dates the event only by a period; the bounds come from the period entity.
    public static func during(_ period: EntitySlug, text: String? = nil) -> EventDate {
        EventDate(text: text, precision: .period, period: period)
    }

    /// The source gives a calendar date, written in EDTF.
    ///
    /// - throws: ``ContentError/validation(_:)`` when `value` is not supported EDTF.
    public static func edtf(_ value: String, text: String? = nil, period: EntitySlug? = nil) throws -> EventDate {
        let parsed = try EDTFDate(value)
        return EventDate(
            text: text, edtf: value, earliest: parsed.earliest, latest: parsed.latest, precision: parsed.precision,
            isApproximate: parsed.isApproximate, isUncertain: parsed.isUncertain, period: period)
    }

    /// A short human rendering: the verbatim phrase, else the EDTF value, else the bounds.
    public var displayText: String {
        if let text { return text }
        if let edtf { return edtf }
        switch (earliest, latest) {
        case (let from?, let to?): return from == to ? from : "\(from) – \(to)"
        case (let from?, nil): return "from \(from)"
        case (nil, let to?): return "until \(to)"
        default: return "date not stated"
        }
    }
}
