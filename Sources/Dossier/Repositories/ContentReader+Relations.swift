internal import DossierDB

extension ContentReader {
    private static let relationSelect =
        "SELECT \(RelationColumn.selectList(alias: "rel")) FROM relations rel \(RelationColumn.referenceJoins(alias: "rel"))"

    static func decodeRelation(_ row: Row) throws -> Relation {
        try Relation(RowValues<RelationColumn>(row: row, base: 0))
    }

    /// The relations of a record, both ways: where it is the subject (outgoing) and the object (incoming).
    func relations(ofRecord slug: String) throws -> [RelatedRecord] {
        let count = RelationColumn.allCases.count
        return try db.fetchAll(
            """
            SELECT \(RelationColumn.selectList(alias: "rel")), subject.slug = ?1,
                   CASE WHEN subject.slug = ?1 THEN object.kind ELSE subject.kind END,
                   CASE WHEN subject.slug = ?1 THEN object.title ELSE subject.title END
            FROM relations rel \(RelationColumn.referenceJoins(alias: "rel"))
            JOIN records subject ON subject.id = rel.subject_record_id
            JOIN records object ON object.id = rel.object_record_id
            WHERE subject.slug = ?1 OR object.slug = ?1
            ORDER BY subject.slug = ?1 DESC, rel.predicate, rel.id
            """, [.text(slug)]
        ) { row in
            let relation = try Self.decodeRelation(row)
            let isOutgoing = try row.bool(count)
            return RelatedRecord(
                relation: relation, isOutgoing: isOutgoing, otherSlug: isOutgoing ? relation.object : relation.subject,
                otherKind: try RecordKind.decode(row, count + 1, table: "records", column: "kind"), otherTitle: try row.text(count + 2))
        }
    }

    /// Every relation, by subject, predicate and object.
    func allRelations() throws -> [Relation] {
        try db.fetchAll(
            Self.relationSelect + " ORDER BY rel_subject_record_id.slug, rel.predicate, rel_object_record_id.slug", [], Self.decodeRelation)
    }
}
