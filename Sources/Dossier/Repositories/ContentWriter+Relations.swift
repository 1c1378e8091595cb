internal import DossierDB

extension ContentWriter {
    private static let insertRelationSQL = DerivedSQL.insert(RelationColumn.writtenColumns)

    /// Inserts a relation between two records. The schema decides which predicates link which
    /// kinds, keeps causal chains acyclic, and stores symmetric relations once.
    func insert(_ relation: Relation, seedSet: String? = nil) throws -> RelationID {
        let subject = "relation \(relation.subject) \(relation.predicate.rawValue) \(relation.object)"
        var issues = relation.issues
        var ids: [Int64] = []
        for (field, slug) in [("subject", relation.subject), ("object", relation.object)] where TextRules.isValidSlug(slug) {
            if let id = try reader.recordID(slug: slug) {
                ids.append(id.rawValue)
            } else {
                issues.append(ValidationIssue(field: field, rule: "must be the slug of an existing record", value: slug))
            }
        }
        guard issues.isEmpty, ids.count == 2 else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        do {
            let values: [RelationColumn: SQLValue] = [
                .subject: .integer(ids[0]), .object: .integer(ids[1]), .seedSet: SQLValue(seedSet),
            ]
            try db.execute(
                Self.insertRelationSQL,
                StatementArguments(RelationColumn.writtenColumns.map { values[$0] ?? relation.value(of: $0) }))
            return RelationID(rawValue: db.lastInsertedRowID)
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw ContentError.duplicate(what: "relation", key: subject)
        } catch let error as DatabaseError where error.isConstraintViolation {
            // The trigger's message says which rule: kinds, symmetry or cycle.
            throw ContentError.validation([
                ValidationIssue(field: "predicate", rule: error.message, value: relation.predicate.rawValue, subject: subject)
            ])
        }
    }

    /// Deletes the relation with this subject, predicate and object.
    func delete(_ relation: Relation) throws {
        try db.execute(
            """
            DELETE FROM relations WHERE predicate = ?2
              AND subject_record_id = (SELECT id FROM records WHERE slug = ?1)
              AND object_record_id = (SELECT id FROM records WHERE slug = ?3)
            """, [.text(relation.subject), .text(relation.predicate.rawValue), .text(relation.object)])
        guard db.changedRowCount == 1 else {
            throw ContentError.notFound(what: "relation", key: "\(relation.subject) \(relation.predicate.rawValue) \(relation.object)")
        }
    }
}
