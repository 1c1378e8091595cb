internal import DossierDB

/// Typed links between records: `content.relations`.
public struct RelationRepository: Sendable {
    let pool: DatabasePool

    /// Stores a relation and returns it with its id.
    ///
    /// - throws: ``ContentError/validation(_:)`` when a record is missing, the predicate does
    ///   not link these kinds, or the link would close a cycle.
    @discardableResult
    public func insert(_ relation: Relation) throws -> Relation {
        try pool.write { db in
            var stored = relation
            stored.id = try ContentWriter(db).insert(relation)
            return stored
        }
    }

    /// The relations of a record, both ways.
    public func of(_ slug: String) throws -> [RelatedRecord] {
        try pool.read { db in try ContentReader(db: db).relations(ofRecord: slug) }
    }

    /// Every relation.
    public func all() throws -> [Relation] {
        try pool.read { db in try ContentReader(db: db).allRelations() }
    }

    /// Deletes the relation with this subject, predicate and object.
    public func delete(_ relation: Relation) throws {
        try pool.write { db in try ContentWriter(db).delete(relation) }
    }
}
