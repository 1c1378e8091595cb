/// A claim about treatment: an intervention, for an indication or population, with an outcome,
/// an onset, and what it is compared with.
public struct ClinicalClaim: ContentRecord {
    /// The shared record fields.
    public var info: RecordInfo
    /// The slug of the intervention entity (ketamine).
    public var intervention: EntitySlug
    /// The slug of the condition treated, if any.
    public var indication: EntitySlug?
    /// The population, as the source words it, if it says.
    public var population: String?
    /// The outcome, in clean prose.
    public var outcome: String
    /// How soon the outcome appears, if the source says.
    public var onset: Onset?
    /// What the intervention is compared with, if anything.
    public var comparator: Comparator?
    /// The level of evidence behind the claim; `.notAssessed` unless a cited study justifies more.
    public var evidenceLevel: EvidenceLevel

    /// Onset as the source gives it: a phrase, and the coarse units it spans.
    public struct Onset: Sendable, Hashable, Codable {
        /// The phrase, verbatim ("within hours or days").
        public var text: String
        /// The shortest unit the phrase allows.
        public var lowerUnit: TimeUnit?
        /// The longest unit the phrase allows.
        public var upperUnit: TimeUnit?

        /// Creates an onset.
        public init(text: String, lowerUnit: TimeUnit? = nil, upperUnit: TimeUnit? = nil) {
            self.text = text
            self.lowerUnit = lowerUnit
            self.upperUnit = upperUnit
        }
    }

    /// The comparison the claim makes.
    public struct Comparator: Sendable, Hashable, Codable {
        /// The slug of the comparator entity (traditional antidepressants), if there is one.
        public var entity: EntitySlug?
        /// The comparator as the source words it.
        public var text: String?
        /// The comparator's onset, verbatim ("may take weeks").
        public var onsetText: String?
        /// The unit of the comparator's onset.
        public var onsetUnit: TimeUnit?

        /// Creates a comparator. At least one of `entity` and `text` is required.
        public init(entity: EntitySlug? = nil, text: String? = nil, onsetText: String? = nil, onsetUnit: TimeUnit? = nil) {
            self.entity = entity
            self.text = text
            self.onsetText = onsetText
            self.onsetUnit = onsetUnit
        }
    }

    /// Creates a claim.
    @inline(__always)
    public init(
        _ info: RecordInfo, intervention: EntitySlug, indication: EntitySlug? = nil, population: String? = nil,
        outcome: String, onset: Onset? = nil, comparator: Comparator? = nil, evidenceLevel: EvidenceLevel = .notAssessed
    ) {
        self.info = info
        self.intervention = intervention
        self.indication = indication
        self.population = population
        self.outcome = outcome
        self.onset = onset
        self.comparator = comparator
        self.evidenceLevel = evidenceLevel
    }
}
