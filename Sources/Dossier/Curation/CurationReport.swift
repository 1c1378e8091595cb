/// What the curation checks found.
public struct CurationReport: Sendable, Hashable, Codable {
    /// Every finding, errors first.
    public var findings: [CurationFinding]
    /// What was checked, in numbers: "records": 28, "citations": 41…
    public var checked: [String: Int]

    /// Errors and warnings: what `dossier check` fails on. Notices are information.
    public var problems: [CurationFinding] {
        findings.filter { $0.severity != .notice }
    }

    /// Whether there is no error and no warning.
    public var isClean: Bool { problems.isEmpty }
}

/// One thing the curation checks found.
public struct CurationFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious it is.
    public enum Severity: String, Vocabulary, Comparable {
        /// The data is wrong: a broken invariant, an unverifiable quote.
        case error
        /// A curator should look: an overclaim, a quote that includes injected text.
        case warning
        /// Information: a quote that crosses a corrupted word, with the word meant.
        case notice

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

        /// Errors first.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious it is.
    public var severity: Severity
    /// Which check found it.
    public var rule: CurationRule
    /// What it is about: "claim ketamine-rapid-relief", "source ketamine-journey".
    public var subject: String
    /// What is wrong, and what to do.
    public var message: String

    /// "warning [overclaiming] claim x: …".
    public var description: String {
        "\(severity.rawValue) [\(rule.rawValue)] \(subject): \(message)"
    }
}

/// The curation checks.
public enum CurationRule: String, Vocabulary {
    /// `PRAGMA integrity_check`.
    case integrity
    /// `PRAGMA foreign_key_check`.
    case foreignKeys = "foreign_keys"
    /// The schema is the one the applied migrations create: no trigger, table, index or view
    /// dropped or altered by hand.
    case schemaDrift = "schema_drift"
    /// A source's stored hash is the SHA-256 of its text.
    case sourceHash = "source_hash"
    /// A citation's quote is the source text at its offsets, with its prefix and suffix.
    case citationVerbatim = "citation_verbatim"
    /// A citation was made against the current text of its source.
    case citationHash = "citation_hash"
    /// Every published record has at least one citation.
    case publishedUncited = "published_uncited"
    /// A record stated as established whose quotes hedge.
    case overclaiming
    /// A citation overlaps a known defect of its source.
    case defectOverlap = "defect_overlap"
    /// Every record has its typed row.
    case typedRow = "typed_row"
    /// Event dates: bounds in order, as the EDTF value implies, within their period.
    case eventDate = "event_date"
    /// A hypothesised mechanism stated as established.
    case hypothesisCertainty = "hypothesis_certainty"
    /// A claim's evidence level is justified by a cited study.
    case evidenceLevel = "evidence_level"
    /// Every record that is not deprecated is in the search index.
    case searchIndex = "search_index"
}
