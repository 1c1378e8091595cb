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

    private let db: DatabaseConnection
    private var cache: [String: Resolved?] = [:]
    private static let entityBySlugSQL = CachedSQL("SELECT id, kind, period_start, period_end FROM entities WHERE slug = ?")

    init(_ db: DatabaseConnection) {
        self.db = db
    }

    /// The entity with this slug, or `nil` when there is none.
    func resolve(_ slug: String) throws -> Resolved? {
        if let cached = cache[slug] { return cached }
        let found = try db.fetchOne(Self.entityBySlugSQL, [.text(slug)]) { row in
            Resolved(
                id: try row.int64(0), kind: EntityKind(rawValue: try row.text(1)),
                periodStart: try row.optionalText(2), periodEnd: try row.optionalText(3))
        }
        cache[slug] = .some(found)
        return found
    }

    /// Issues for each reference to an entity that does not exist.
    func missing(_ references: [EntityReference]) throws -> [ValidationIssue] {
        try references.compactMap { reference in
            try resolve(reference.slug) == nil
                ? ValidationIssue(field: reference.field, rule: "must be the slug of an existing entity", value: reference.slug)
                : nil
        }
    }

    /// The id of an entity already known to exist (checked by ``missing(_:)``).
    func id(_ slug: String?) throws -> Int64? {
        guard let slug else { return nil }
        return try resolve(slug)?.id
    }
}
