internal import DossierDB

/// Resolves entity slugs to rows within one transaction, remembering what it found: a batch of
/// records naming the same few entities looks each up once.
final class EntityResolver {
    /// What a record needs to know about an entity it names.
    struct Resolved {
        var id: Int64
        var kind: EntityKind?
        var periodStart: String?
        var periodEnd: String?
    }

    private let db: LibraryConnection
    private var cache: [EntitySlug: Resolved] = [:]
    private static let entityBySlugSQL = CachedSQL("SELECT id, kind, period_start, period_end FROM entities WHERE slug = ?")

    init(_ db: LibraryConnection) {
        self.db = db
    }

    /// The entity with this slug, or `nil` when there is none. Only entities found are
    /// remembered: one missing now may be inserted later in the same transaction (a seed folder
    /// whose first file names an entity its second defines), and must then be found.
    func resolve(_ slug: EntitySlug) throws -> Resolved? {
        if let cached = cache[slug] { return cached }
        let found = try db.fetchOne(Self.entityBySlugSQL, [.text(slug.rawValue)]) { row in
            Resolved(
                id: try row.int64(0), kind: EntityKind(rawValue: try row.text(1)),
                periodStart: try row.optionalText(2), periodEnd: try row.optionalText(3))
        }
        if let found { cache[slug] = found }
        return found
    }

    /// Forgets what was found about an entity, after it was updated or deleted.
    func forget(_ slug: EntitySlug) {
        cache[slug] = nil
    }

    /// Issues for each reference to an entity that does not exist, or that a field needs of
    /// another kind (an event's period must be a period).
    func missing(_ references: [EntityReference]) throws -> [ValidationIssue] {
        try references.compactMap { reference in
            guard let found = try resolve(reference.slug) else {
                return ValidationIssue(
                    field: reference.field,
                    rule:
                        "must be the slug of an existing entity (entities are shared by all dossiers: define it in this dossier's entities, or seed the dossier that defines it first)",
                    value: reference.slug.rawValue)
            }
            if let kind = reference.kind, found.kind != kind {
                return ValidationIssue(
                    field: reference.field, rule: "must be an entity of kind \(kind.rawValue), not \(found.kind?.rawValue ?? "unknown")",
                    value: reference.slug.rawValue)
            }
            return nil
        }
    }

    /// The id of an entity already known to exist (checked by ``missing(_:)``).
    func id(_ slug: EntitySlug?) throws -> Int64? {
        guard let slug else { return nil }
        return try resolve(slug)?.id
    }
}

/// An entity named by a field of a record.
struct EntityReference: Hashable {
    /// The field, as seed files name it (`intervention`, `about[2]`).
    var field: String
    /// The entity's slug.
    var slug: EntitySlug
    /// The kind the field requires, if it requires one.
    var kind: EntityKind? = nil
}
