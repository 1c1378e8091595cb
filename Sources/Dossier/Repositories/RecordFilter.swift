/// Which records a list returns, and from where: keyset pagination by id, so pages neither skip
/// nor repeat records while others are inserted.
///
/// ```swift
/// var filter = RecordFilter(status: .published, entity: "ketamine", limit: 20)
/// var page = try content.claims.list(filter)
/// while let next = page.nextCursor {
///     filter.after = next
///     page = try content.claims.list(filter)
/// }
/// ```
public struct RecordFilter: Sendable, Hashable {
    /// Only records with this status.
    public var status: RecordStatus?
    /// Only records with this certainty.
    public var certainty: Certainty?
    /// Only records that involve this entity (by slug), in any role.
    public var entity: String?
    /// Events only: only those dated by this period entity (by slug).
    public var period: String?
    /// Mechanisms only: only those with this action.
    public var action: MechanismAction?
    /// Claims only: only those with this evidence level.
    public var evidenceLevel: EvidenceLevel?
    /// Only records after this id: the previous page's ``Page/nextCursor``.
    public var after: RecordID?
    /// At most this many records (1 to 10,000).
    public var limit: Int

    /// Creates a filter; with no arguments, the first 100 records.
    public init(
        status: RecordStatus? = nil, certainty: Certainty? = nil, entity: String? = nil, period: String? = nil,
        action: MechanismAction? = nil, evidenceLevel: EvidenceLevel? = nil, after: RecordID? = nil, limit: Int = 100
    ) {
        self.status = status
        self.certainty = certainty
        self.entity = entity
        self.period = period
        self.action = action
        self.evidenceLevel = evidenceLevel
        self.after = after
        self.limit = limit
    }
}

/// One page of a list.
public struct Page<Item: Sendable>: Sendable {
    /// The items, in id order.
    public var items: [Item]
    /// Pass as ``RecordFilter/after`` to get the next page; `nil` on the last page.
    public var nextCursor: RecordID?
}

extension Page: Equatable where Item: Equatable {}
extension Page: Hashable where Item: Hashable {}
