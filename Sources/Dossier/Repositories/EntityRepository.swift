internal import DossierDB

/// What records are about, with aliases and external identifiers: `content.entities`.
public struct EntityRepository: Sendable {
    let pool: DatabasePool

    /// The entity with this slug, with its aliases and identifiers, or `nil`.
    public func get(slug: EntitySlug) throws -> Entity? {
        try pool.read { db in try ContentReader(db: db).entity(slug: slug) }
    }

    /// Every entity (of one kind, when given), by slug.
    public func list(kind: EntityKind? = nil) throws -> [Entity] {
        try pool.read { db in try ContentReader(db: db).entities(kind: kind) }
    }

    /// Stores a new entity and returns it as stored.
    @discardableResult
    public func insert(_ entity: Entity) throws -> Entity {
        try pool.write { db in
            _ = try ContentWriter(db).insert(entity)
            guard let stored = try ContentReader(db: db).entity(slug: entity.slug) else {
                throw ContentError.notFound(what: "entity", key: entity.slug.rawValue)
            }
            return stored
        }
    }

    /// Updates an entity found by slug: its fields, aliases and identifiers.
    @discardableResult
    public func update(_ entity: Entity) throws -> Entity {
        try pool.write { db in
            try ContentWriter(db).update(entity)
            guard let stored = try ContentReader(db: db).entity(slug: entity.slug) else {
                throw ContentError.notFound(what: "entity", key: entity.slug.rawValue)
            }
            return stored
        }
    }

    /// Deletes an entity no record names.
    public func delete(slug: EntitySlug) throws {
        try pool.write { db in try ContentWriter(db).deleteEntity(slug: slug) }
    }
}
