internal import DossierDB

extension ContentDatabase {
    /// Sets the record's status and appends the review — who, why, from what to what — to the
    /// `reviews` trail (and through its trigger to the audit log), in one transaction.
    ///
    /// Deprecating takes the note as the record's deprecation reason; any other status clears
    /// the reason.
    ///
    /// - Throws: `ContentError.notFound` when there is no such record; `ContentError.validation`
    ///   when the reviewer or the note breaks its rule (empty, untrimmed, too long, control
    ///   characters) or the record cannot take the status (a published record cites at least
    ///   one quote).
    ///   Nothing is written then.
    package func review(slug: String, status: RecordStatus, note: String, by reviewer: String) throws -> ReviewOutcome {
        let issues =
            ReviewColumn.reviewer.declaration.issues(.text(reviewer), field: "reviewer (--by)")
            + ReviewColumn.note.declaration.issues(.text(note), field: "note (--note)")
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: "review of \(slug)") }) }
        return try pool.write { connection in
            let db = LibraryConnection(connection)
            let writer = ContentWriter(db)
            guard let record = try writer.reader.anyRecord(slug: slug) else { throw ContentError.notFound(what: "record", key: slug) }
            let version: Int
            switch record {
            case .event(let event): version = try Self.setStatus(event, status, note: note, writer: writer)
            case .mechanism(let mechanism): version = try Self.setStatus(mechanism, status, note: note, writer: writer)
            case .claim(let claim): version = try Self.setStatus(claim, status, note: note, writer: writer)
            }
            guard let id = record.info.id else { throw ContentError.notFound(what: "record", key: slug) }
            // What a reader is told is published stands on a quote, as seeding and `check` require.
            if status == .published,
                try db.fetchOne("SELECT count(*) FROM citations WHERE record_id = ?", [.integer(id.rawValue)], { try $0.int(0) }) == 0
            {
                throw ContentError.validation([
                    ValidationIssue(
                        field: "status", rule: "a published record must cite at least one quote; add one (dossier edit), then publish it",
                        subject: "\(record.kind.rawValue) \(slug)")
                ])
            }
            try db.execute(
                "INSERT INTO reviews(record_id, from_status, to_status, reviewer, note) VALUES (?, ?, ?, ?, ?)",
                [
                    .integer(id.rawValue), .text(record.info.status.rawValue), .text(status.rawValue), .text(reviewer), .text(note),
                ])
            return ReviewOutcome(
                slug: slug, fromStatus: record.info.status, toStatus: status, version: version, reviewer: reviewer, note: note)
        }
    }

    /// Writes the record with its new status, at the version it was read; returns the new version.
    private static func setStatus<Record: ContentRecord>(_ record: Record, _ status: RecordStatus, note: String, writer: ContentWriter)
        throws -> Int
    {
        var changed = record
        changed.info.status = status
        changed.info.deprecationReason = status == .deprecated ? note : nil
        _ = try writer.update(changed)
        return record.info.version + 1
    }
}
