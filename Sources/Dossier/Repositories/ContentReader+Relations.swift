internal import DossierDB

extension ContentReader {
    /// The relations of a record, both ways: where it is the subject (outgoing) and the object (incoming).
    func relations(ofRecord slug: String) throws -> [RelatedRecord] {
        try db.fetchAll(
            """
            SELECT rel.id, subject.slug, rel.predicate, object.slug, rel.note, subject.slug = ?1,
                   CASE WHEN subject.slug = ?1 THEN object.kind ELSE subject.kind END,
                   CASE WHEN subject.slug = ?1 THEN object.title ELSE subject.title END
            FROM relations rel
            JOIN records subject ON subject.id = rel.subject_record_id
            JOIN records object ON object.id = rel.object_record_id
            WHERE subject.slug = ?1 OR object.slug = ?1
            ORDER BY subject.slug = ?1 DESC, rel.predicate, rel.id
            """, [.text(slug)]
        ) { row in
            let relation = try Self.decodeRelation(row)
            let isOutgoing = try row.bool(5)
            return RelatedRecord(
                relation: relation, isOutgoing: isOutgoing, otherSlug: isOutgoing ? relation.object : relation.subject,
                otherKind: try RecordKind.decode(row, 6, table: "records", column: "kind"), otherTitle: try row.text(7))
        }
    }

    /// Every relation, by subject, predicate and object.
    func allRelations() throws -> [Relation] {
        try db.fetchAll(
            """
            SELECT rel.id, subject.slug, rel.predicate, object.slug, rel.note FROM relations rel
            JOIN records subject ON subject.id = rel.subject_record_id
            JOIN records object ON object.id = rel.object_record_id
            ORDER BY subject.slug, rel.predicate, object.slug
            """, [], Self.decodeRelation)
    }

    static func decodeRelation(_ row: Row) throws -> Relation {
        var relation = Relation(
            try row.text(1), try RelationPredicate.decode(row, 2, table: "relations", column: "predicate"),
            try row.text(3), note: try row.optionalText(4))
        relation.id = RelationID(rawValue: try row.int64(0))
        return relation
    }
}
