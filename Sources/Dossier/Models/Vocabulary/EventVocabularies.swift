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

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .day: "A day: `1962-08-03`."
        case .month: "A month: `1962-08`."
        case .year: "A year: `1962`."
        case .decade: "A decade: `196X`."
        case .century: "A century: `19XX`."
        case .period: "Only a named period (\"during the Vietnam War\"): the bounds are the period's."
        case .unknown: "The source gives no date at all: no bounds, never an invented date."
        }
    }
}
