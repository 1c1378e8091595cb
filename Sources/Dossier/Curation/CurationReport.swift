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

    /// The errors: what keeps the content from surviving an export and an import. A database
    /// has none exactly when its export imports into a new database and exports identically.
    public var errors: [CurationFinding] {
        findings.filter { $0.severity == .error }
    }

    /// Whether there is no error and no warning.
    public var isClean: Bool { problems.isEmpty }
}

/// One thing the curation checks found.
public struct CurationFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious it is.
    public enum Severity: String, Vocabulary, Comparable {
        /// The data is wrong: a broken rule of the content model, an unverifiable quote,
        /// damage — anything an export would not carry to a new database unchanged.
        case error
        /// Someone should look: an overclaim, a quote that includes injected text, a stale
        /// search index or bookkeeping column (which an export and import rebuild).
        case warning
        /// Information: a quote that crosses a corrupted word, with the word meant.
        case notice

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

        /// Errors first.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

        /// What the value means, in one line (`dossier vocab` prints it).
        public var meaning: String {
            switch self {
            case .error:
                "The data is wrong: a broken rule of the content model, an unverifiable quote, damage — anything an export would not carry to a new database unchanged."
            case .warning:
                "Someone should look: an overclaim, a quote that includes injected text, a stale search index or bookkeeping column (which an export and import rebuild)."
            case .notice: "Information: a quote that crosses a corrupted word, with the word meant."
            }
        }
    }

    /// How serious it is.
    public var severity: Severity
    /// Which check found it.
    public var rule: CurationRule
    /// What it is about: "claim ketamine-rapid-relief", "source ketamine-journey".
    public var subject: String
    /// What is wrong, and what to do.
    public var message: String
    /// The table of the row at fault, when the finding is about one row.
    public var table: String?
    /// The row's key in that table: its slug, or "row <rowid>".
    public var key: String?

    /// Creates a finding.
    public init(
        severity: Severity, rule: CurationRule, subject: String, message: String, table: String? = nil, key: String? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.subject = subject
        self.message = message
        self.table = table
        self.key = key
    }

    /// "warning [overclaiming] claim x: …".
    public var description: String {
        "\(severity.rawValue) [\(rule.rawValue)] \(subject): \(message)"
    }
}

/// The curation checks.
public enum CurationRule: String, Vocabulary {
    /// `PRAGMA integrity_check`.
    case integrity
    /// `PRAGMA foreign_key_check`: a row whose parent is gone.
    case foreignKeys = "foreign_keys"
    /// A value or a row breaks a rule of the content model: the rules an import applies, from
    /// the column declarations and the rules across columns.
    case content
    /// A row that breaks no rule but would be stored differently by an import.
    case roundTrip = "round_trip"
    /// Damage no export can carry: a record of no known kind, typed fields of another kind's
    /// record, two identifiers of one scheme.
    case damage
    /// A relation that links kinds its predicate does not, repeats a symmetric relation, or
    /// closes a cycle.
    case relationRule = "relation_rule"
    /// A column that describes the database rather than the content (timestamps, versions,
    /// seed ownership, the audit log) holds a value outside its rule.
    case bookkeeping
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
    /// A record stated as established whose quotes hedge (see ``HedgeLexicon``), and a quote's
    /// `hedge_review` that reviews no hedge.
    case overclaiming
    /// A citation overlaps a known defect of its source.
    case defectOverlap = "defect_overlap"
    /// Every record has its typed row.
    case typedRow = "typed_row"
    /// Event dates: bounds in order, as the EDTF value implies, within their period.
    case eventDate = "event_date"
    /// Relations that order events (`preceded`, `led_to`) against the events' dates — one
    /// event put before another its dates place wholly after it — and against each other:
    /// relations of different predicates that order events in a circle.
    case eventOrder = "event_order"
    /// A hypothesised mechanism stated as established.
    case hypothesisCertainty = "hypothesis_certainty"
    /// A claim's evidence level is justified by a cited study.
    case evidenceLevel = "evidence_level"
    /// Every record that is not deprecated is in the search index.
    case searchIndex = "search_index"
    /// The audit log is whole (its hash chain matches its seals) and every content row matches
    /// the image of its latest audit row.
    case auditTrail = "audit_trail"
    /// Every text value is valid UTF-8.
    case encoding
    /// The ledgers (migrations, seed runs, seed marks) hold what the program wrote.
    case ledger

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .integrity: "`PRAGMA integrity_check`."
        case .foreignKeys: "`PRAGMA foreign_key_check`: a row whose parent is gone."
        case .content:
            "A value or a row breaks a rule of the content model: the rules an import applies, from the column declarations and the rules across columns."
        case .roundTrip: "A row that breaks no rule but would be stored differently by an import."
        case .damage:
            "Damage no export can carry: a record of no known kind, typed fields of another kind's record, two identifiers of one scheme."
        case .relationRule: "A relation that links kinds its predicate does not, repeats a symmetric relation, or closes a cycle."
        case .bookkeeping:
            "A column that describes the database rather than the content (timestamps, versions, seed ownership, the audit log) holds a value outside its rule."
        case .schemaDrift:
            "The schema is the one the applied migrations create: no trigger, table, index or view dropped or altered by hand."
        case .sourceHash: "A source's stored hash is the SHA-256 of its text."
        case .citationVerbatim: "A citation's quote is the source text at its offsets, with its prefix and suffix."
        case .citationHash: "A citation was made against the current text of its source."
        case .publishedUncited: "Every published record has at least one citation."
        case .overclaiming: "A record stated as established whose quotes hedge."
        case .defectOverlap: "A citation overlaps a known defect of its source."
        case .typedRow: "Every record has its typed row."
        case .eventDate: "Event dates: bounds in order, as the EDTF value implies, within their period."
        case .eventOrder:
            "Relations that order events (preceded, led_to) against the events' dates, or of different predicates in a circle."
        case .hypothesisCertainty: "A hypothesised mechanism stated as established."
        case .evidenceLevel: "A claim's evidence level is justified by a cited study."
        case .searchIndex: "Every record that is not deprecated is in the search index."
        case .auditTrail:
            "The audit log is whole (its hash chain matches its seals) and every content row matches the image of its latest audit row."
        case .encoding: "Every text value is valid UTF-8."
        case .ledger: "The ledgers (migrations, seed runs, seed marks) hold what the program wrote."
        }
    }
}
