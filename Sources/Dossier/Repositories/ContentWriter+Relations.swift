internal import DossierDB

extension ContentWriter {
    /// Inserts a relation between two records. The schema decides which predicates link which
    /// kinds, keeps causal chains acyclic, and stores symmetric relations once.
    func insert(_ relation: Relation, seedSet: String? = nil) throws -> RelationID {
        let subject = "relation \(relation.subject) \(relation.predicate.rawValue) \(relation.object)"
        var issues = TextRules.slugIssues(relation.subject, field: "subject")
            + TextRules.slugIssues(relation.object, field: "object")
            + TextRules.optionalProseIssues(relation.note, field: "note", maximum: 1000)
        if relation.subject == relation.object {
            issues.append(ValidationIssue(field: "object", rule: "must differ from the subject", value: relation.object))
        }
        var ids: [RecordID] = []
        for (field, slug) in [("subject", relation.subject), ("object", relation.object)] where TextRules.isValidSlug(slug) {
            if let id = try reader.recordID(slug: slug) {
                ids.append(id)
            } else {
                issues.append(ValidationIssue(field: field, rule: "must be the slug of an existing record", value: slug))
            }
        }
        guard issues.isEmpty, ids.count == 2 else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        do {
            try db.execute(
                "INSERT INTO relations(subject_record_id, predicate, object_record_id, note, seed_set) VALUES (?, ?, ?, ?, ?)",
                [.integer(ids[0].rawValue), .text(relation.predicate.rawValue), .integer(ids[1].rawValue), Self.value(relation.note),
                 Self.value(seedSet)])
            return RelationID(rawValue: db.lastInsertedRowID)
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw ContentError.duplicate(what: "relation", key: subject)
        } catch let error as DatabaseError where error.isConstraintViolation {
            // The trigger's message says which rule: kinds, symmetry or cycle.
            throw ContentError.validation([ValidationIssue(field: "predicate", rule: error.message, value: relation.predicate.rawValue, subject: subject)])
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
