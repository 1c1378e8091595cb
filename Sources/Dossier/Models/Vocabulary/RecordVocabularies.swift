/// The kind of a record: which subtype table holds its typed fields.
public enum RecordKind: String, Vocabulary {
    /// A historical event (`historical_events`).
    case event
    /// A mechanism of action (`mechanisms`).
    case mechanism
    /// A clinical claim (`clinical_claims`).
    case claim

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .event: "A historical event (`historical_events`)."
        case .mechanism: "A mechanism of action (`mechanisms`)."
        case .claim: "A clinical claim (`clinical_claims`)."
        }
    }
}

/// How firmly the source states a record — the source's wording, not the curator's belief.
///
/// "X blocks Y" is established; "X is believed to…" or "is thought to be linked to…" is at
/// most probable; "may", "potential" possible; a guess speculative.
public enum Certainty: String, Vocabulary {
    /// Stated as fact, without hedging.
    case established
    /// Hedged with belief or likelihood: "is believed", "is thought", "likely".
    case probable
    /// Stated as a possibility: "may", "might", "could", "potential".
    case possible
    /// Conjecture.
    case speculative

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .established: "Stated as fact, without hedging."
        case .probable: "Hedged with belief or likelihood: \"is believed\", \"is thought\", \"likely\"."
        case .possible: "Stated as a possibility: \"may\", \"might\", \"could\", \"potential\"."
        case .speculative: "Conjecture."
        }
    }
}

/// Where a record stands in the editorial workflow.
public enum RecordStatus: String, Vocabulary {
    /// Being written.
    case draft
    /// Checked by a second curator.
    case reviewed
    /// Shown to readers.
    case published
    /// Superseded or found wrong; kept for history with a reason, and left out of search.
    case deprecated

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .draft: "Being written."
        case .reviewed: "Checked by a second curator."
        case .published: "Shown to readers."
        case .deprecated: "Superseded or found wrong; kept for history with a reason, and left out of search."
        }
    }
}
