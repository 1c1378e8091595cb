/// A typed link between two records: "the rapid relief of symptoms is explained by the reset of
/// neural pathways".
public struct Relation: Sendable, Hashable, Codable {
    /// The row id; `nil` until stored.
    public var id: RelationID?
    /// The slug of the subject record.
    public var subject: String
    /// How the subject relates to the object.
    public var predicate: RelationPredicate
    /// The slug of the object record.
    public var object: String
    /// A note for curators.
    public var note: String?

    /// Creates a relation.
    public init(_ subject: String, _ predicate: RelationPredicate, _ object: String, note: String? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.note = note
    }
}

/// A relation seen from one of its records: the other record, and which way the link runs.
public struct RelatedRecord: Sendable, Hashable, Codable {
    /// The relation.
    public var relation: Relation
    /// Whether the record is the relation's subject (outgoing) or object (incoming).
    public var isOutgoing: Bool
    /// The other record's slug.
    public var otherSlug: String
    /// The other record's kind.
    public var otherKind: RecordKind
    /// The other record's title.
    public var otherTitle: String
}
