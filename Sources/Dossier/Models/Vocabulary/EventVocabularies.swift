/// How precisely an event's date is known.
public enum DatePrecision: String, Vocabulary {
    /// A day: `1962-08-03`.
    case day
    /// A month: `1962-08`.
    case month
    /// A year: `1962`.
    case year
    /// A decade: `196X`.
    case decade
    /// A century: `19XX`.
    case century
    /// Only a named period ("during the Vietnam War"): the bounds are the period's.
    case period
    /// The source gives no date at all: no bounds, never an invented date.
    case unknown
}
