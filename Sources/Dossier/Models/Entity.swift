/// Something records are about: a substance, a receptor, a neurotransmitter system, a condition,
/// a procedure, a period…
public struct Entity: Sendable, Hashable, Codable {
    /// The row id; `nil` until stored.
    public var id: EntityID?
    /// The stable key.
    public var slug: EntitySlug
    /// What it is.
    public var kind: EntityKind
    /// Its preferred name.
    public var name: String
    /// A one-sentence description, if any.
    public var description: String?
    /// For a period: its first day (ISO 8601).
    public var periodStart: String?
    /// For a period: its last day (ISO 8601).
    public var periodEnd: String?
    /// Other names: abbreviations, brands, synonyms.
    public var aliases: [Alias]
    /// Identifiers in external vocabularies (MeSH, DrugBank, ChEBI, Wikidata…).
    public var identifiers: [ExternalIdentifier]

    /// Another name of an entity.
    public struct Alias: Sendable, Hashable, Codable {
        /// The name.
        public var name: String
        /// What kind of name it is.
        public var kind: AliasKind

        /// Creates an alias.
        public init(_ name: String, kind: AliasKind = .synonym) {
            self.name = name
            self.kind = kind
        }
    }

    /// An identifier of the entity in an external vocabulary.
    public struct ExternalIdentifier: Sendable, Hashable, Codable {
        /// The vocabulary.
        public var scheme: IdentifierScheme
        /// The identifier, in the scheme's canonical form (`D007649`, `CHEBI:6121`).
        public var value: String

        /// Creates an identifier.
        public init(_ scheme: IdentifierScheme, _ value: String) {
            self.scheme = scheme
            self.value = value
        }
    }

    /// Creates an entity.
    public init(
        slug: EntitySlug, kind: EntityKind, name: String, description: String? = nil, periodStart: String? = nil,
        periodEnd: String? = nil, aliases: [Alias] = [], identifiers: [ExternalIdentifier] = []
    ) {
        self.slug = slug
        self.kind = kind
        self.name = name
        self.description = description
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.aliases = aliases
        self.identifiers = identifiers
    }
}
