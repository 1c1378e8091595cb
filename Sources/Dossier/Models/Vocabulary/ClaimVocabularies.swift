/// A coarse unit of time, ordered from shortest to longest, for onsets given in words
/// ("within hours or days").
public enum TimeUnit: String, Vocabulary, Comparable {
    /// Minutes.
    case minutes
    /// Hours.
    case hours
    /// Days.
    case days
    /// Weeks.
    case weeks
    /// Months.
    case months
    /// Years.
    case years

    private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Shorter units sort first.
    public static func < (lhs: TimeUnit, rhs: TimeUnit) -> Bool { lhs.order < rhs.order }

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .minutes: "Minutes."
        case .hours: "Hours."
        case .days: "Days."
        case .weeks: "Weeks."
        case .months: "Months."
        case .years: "Years."
        }
    }
}

/// The level of evidence behind a clinical claim. `notAssessed` unless a cited study justifies
/// more: an uncited web article supports no level at all (it is not "low", it is unassessed).
public enum EvidenceLevel: String, Vocabulary {
    /// No appraisal of the evidence has been made.
    case notAssessed = "not_assessed"
    /// Expert opinion or mechanism-based reasoning.
    case expertOpinion = "expert_opinion"
    /// Case series or reports.
    case caseSeries = "case_series"
    /// Observational studies.
    case observational
    /// At least one randomised controlled trial.
    case randomizedTrial = "randomized_trial"
    /// A systematic review of trials.
    case systematicReview = "systematic_review"

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .notAssessed: "No appraisal of the evidence has been made."
        case .expertOpinion: "Expert opinion or mechanism-based reasoning."
        case .caseSeries: "Case series or reports."
        case .observational: "Observational studies."
        case .randomizedTrial: "At least one randomised controlled trial."
        case .systematicReview: "A systematic review of trials."
        }
    }
}
