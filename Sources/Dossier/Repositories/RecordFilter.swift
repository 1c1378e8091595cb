/// Which records a list returns, and from where: keyset pagination by id, so pages neither skip
/// nor repeat records while others are inserted.
///
/// The filters every kind shares are properties of their own; each kind adds one of its own,
/// reached the same way and checked by the compiler: `period` for events, `action` for
/// mechanisms, `evidenceLevel` for claims.
///
/// ```swift
/// var filter = RecordFilter<ClinicalClaim>(status: .published, entity: "ketamine", limit: 20)
/// filter.evidenceLevel = .notAssessed
/// var page = try content.claims.list(filter)
/// while let next = page.nextCursor {
///     filter.after = next
///     page = try content.claims.list(filter)
/// }
/// ```
@dynamicMemberLookup
public struct RecordFilter<Record: ContentRecord>: Sendable, Hashable {
    /// Only records with this status.
    public var status: RecordStatus?
    /// Only records with this certainty.
    public var certainty: Certainty?
    /// Only records that involve this entity, in any role.
    public var entity: EntitySlug?
    /// Only records of this dossier.
    public var dossier: String?
    /// Only records after this id: the previous page's ``Page/nextCursor``.
    public var after: RecordID?
    /// At most this many records (1 to 10,000).
    public var limit: Int
    /// The filter of this kind of record.
    public var kindFilter: Record.KindFilter

    /// Creates a filter; with no arguments, the first 100 records.
    public init(
        status: RecordStatus? = nil, certainty: Certainty? = nil, entity: EntitySlug? = nil, dossier: String? = nil,
        after: RecordID? = nil, limit: Int = 100
    ) {
        self.status = status
        self.certainty = certainty
        self.entity = entity
        self.dossier = dossier
        self.after = after
        self.limit = limit
        self.kindFilter = Record.KindFilter()
    }

    /// The kind's own filter: `filter.period` for events, `filter.action` for mechanisms,
    /// `filter.evidenceLevel` for claims.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Record.KindFilter, Value>) -> Value {
        get { kindFilter[keyPath: keyPath] }
        set { kindFilter[keyPath: keyPath] = newValue }
    }
}

/// The filter one kind of record adds to ``RecordFilter``.
public protocol RecordKindFilter: Sendable, Hashable {
    /// No filter.
    init()
    /// The text the list compares its kind's column with; `nil` for no filter.
    var filterValue: String? { get }
}

extension HistoricalEvent {
    /// Events dated by a period.
    public struct KindFilter: RecordKindFilter {
        /// Only events dated by this period entity.
        public var period: EntitySlug?
        /// No filter.
        public init() {}
        /// The period's slug.
        public var filterValue: String? { period?.rawValue }
    }
}

extension Mechanism {
    /// Mechanisms by action.
    public struct KindFilter: RecordKindFilter {
        /// Only mechanisms with this action.
        public var action: MechanismAction?
        /// No filter.
        public init() {}
        /// The action.
        public var filterValue: String? { action?.rawValue }
    }
}

extension ClinicalClaim {
    /// Claims by evidence level.
    public struct KindFilter: RecordKindFilter {
        /// Only claims with this evidence level.
        public var evidenceLevel: EvidenceLevel?
        /// No filter.
        public init() {}
        /// The evidence level.
        public var filterValue: String? { evidenceLevel?.rawValue }
    }
}

/// One page of a list.
public struct Page<Item: Sendable>: Sendable {
    /// The items, in id order.
    public var items: [Item]
    /// Pass as ``RecordFilter/after`` to get the next page; `nil` on the last page.
    public var nextCursor: RecordID?
    /// The records of this page that could not be read (a value this build does not know, a
    /// reference to a missing row), skipped so that the others still list. `check()` says what
    /// is wrong with each.
    public var unreadable: [UnreadableRecord] = []
}

extension Page: Equatable where Item: Equatable {}
extension Page: Hashable where Item: Hashable {}
