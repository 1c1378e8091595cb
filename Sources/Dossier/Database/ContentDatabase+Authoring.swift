internal import DossierDB

extension ContentDatabase {
    /// The record with this slug in the seed-file format, or `nil` when there is none.
    package func recordImage(slug: String) throws -> RecordImage? {
        try pool.read { db in try Self.recordImage(slug: slug, db: LibraryConnection(db)) }
    }

    /// A new record of `kind` with every field the seed format gives it, unset (`null`), and
    /// its status draft: what `dossier add` opens in an editor.
    package static func recordTemplate(kind: RecordKind) -> JSONObject {
        let columns: [ColumnDeclaration]
        switch kind {
        case .event: columns = HistoricalEvent.mapping.columns
        case .mechanism: columns = Mechanism.mapping.columns
        case .claim: columns = ClinicalClaim.mapping.columns
        }
        var object = ExportEncoding.object(RecordColumn.declarations, RecordColumn.declarations.map { _ in .null })
        object["status"] = .string(RecordStatus.draft.rawValue)
        object["deprecation_reason"] = nil
        object["about"] = .array([])
        ExportEncoding.add(columns, columns.map { _ in .null }, to: &object)
        object["quotes"] = .array([])
        return object
    }

    /// Replaces the record `slug` with `object` (the seed-file format, as ``recordImage(slug:)``
    /// gives it), validated as seeding validates, in one transaction — if the record is still
    /// at `expectedVersion`. The slug, the status and the deprecation reason cannot change this
    /// way (a status changes by ``review(slug:status:note:by:)``); an object without a status
    /// or a deprecation reason keeps the record's. When no stored field changes,
    /// nothing is written: the outcome has no changes and the version stays.
    ///
    /// - Parameters:
    ///   - origin: where `object` came from (a file path), named in problems.
    ///   - dryRun: validate and compute the changes, then roll everything back.
    /// - Throws: `SeedError.invalid` naming each field of `object` that is wrong;
    ///   `ContentError.staleVersion` when the record moved past `expectedVersion`;
    ///   `ContentError.notFound` when it is gone; `ContentError.validation` when its quotes are
    ///   not in their sources. Nothing is written then.
    package func replaceRecord(
        slug: String, with object: JSONObject, expectedVersion: Int, origin: String, dryRun: Bool
    ) throws -> AuthoringOutcome {
        try writeOrRollBack(dryRun: dryRun) { db in
            guard let before = try Self.recordImage(slug: slug, db: db) else {
                throw ContentError.notFound(what: "record", key: slug)
            }
            // Another write since the object was read: say so before judging the object against
            // a record it was not made from.
            guard before.version == expectedVersion else {
                throw ContentError.staleVersion(slug: slug, expected: expectedVersion, actual: before.version)
            }
            // An object without them keeps them.
            var object = object
            for field in ["status", "deprecation_reason"] where object[field] == nil { object[field] = before.object[field] }
            if object["status"] != before.object["status"]
                || (object["deprecation_reason"] ?? .null) != (before.object["deprecation_reason"] ?? .null)
            {
                throw SeedError.invalid([
                    SeedProblem(
                        file: origin, path: "status",
                        reason:
                            "a status changes through dossier review, which records who changed it and why; keep \(before.object["status"]?.rendered() ?? "it") and its deprecation_reason here"
                    )
                ])
            }
            if case .string(let newSlug)? = object["slug"], newSlug != slug {
                throw SeedError.invalid([
                    SeedProblem(
                        file: origin, path: "slug",
                        reason: "a record's slug cannot be changed by editing it (\(slug) → \(newSlug)); keep \(slug)")
                ])
            }
            switch before.kind {
            case .event: try Self.replace(HistoricalEvent.self, object, version: expectedVersion, origin: origin, db: db)
            case .mechanism: try Self.replace(Mechanism.self, object, version: expectedVersion, origin: origin, db: db)
            case .claim: try Self.replace(ClinicalClaim.self, object, version: expectedVersion, origin: origin, db: db)
            }
            guard let after = try Self.recordImage(slug: slug, db: db) else {
                throw ContentError.notFound(what: "record", key: slug)
            }
            let changes = FieldDiff.changes(from: before.object, to: after.object)
            // Nothing to record: roll the version bump back.
            return (
                AuthoringOutcome(
                    slug: slug, fromVersion: before.version, toVersion: changes.isEmpty ? before.version : after.version, dossier: nil,
                    changes: changes),
                keep: !changes.isEmpty
            )
        }
    }

    /// Inserts a new record of `kind` from `object` (the seed-file format) as a draft, with its
    /// quotes, as a member of `dossier` — or of the only dossier when `dossier` is `nil` — in
    /// one transaction.
    ///
    /// - Throws: `SeedError.invalid` naming each wrong field; `ContentError.duplicate` when the
    ///   slug is taken; `ContentError.conflict` when the dossier is unknown (the message lists
    ///   the known ones), or `ContentError.conflict` when no dossier is named and there is not
    ///   exactly one. Nothing is written then.
    package func addRecord(
        kind: RecordKind, from object: JSONObject, dossier: String?, origin: String, dryRun: Bool
    ) throws -> AuthoringOutcome {
        try writeOrRollBack(dryRun: dryRun) { db in
            let known = try DossierMembership.names(db: db)
            let chosen: String
            if let dossier {
                try Self.requireDossier(dossier, db.connection)
                chosen = dossier
            } else {
                guard known.count == 1, let only = known.first else {
                    throw ContentError.conflict(
                        known.isEmpty
                            ? "the database holds no dossier yet; seed one first (dossier seed), then add records to it"
                            : "choose a dossier with --dossier NAME (known: \(known.joined(separator: ", ")))")
                }
                chosen = only
            }
            var fields = object
            if fields["status"] == nil { fields["status"] = .string(RecordStatus.draft.rawValue) }
            if fields["status"] != .string(RecordStatus.draft.rawValue) {
                throw SeedError.invalid([
                    SeedProblem(
                        file: origin, path: "status",
                        reason: "a new record is a draft; leave status out (or \"draft\") and change it with dossier review")
                ])
            }
            let id: Int64
            switch kind {
            case .event: id = try Self.insert(HistoricalEvent.self, fields, origin: origin, dossier: chosen, db: db)
            case .mechanism: id = try Self.insert(Mechanism.self, fields, origin: origin, dossier: chosen, db: db)
            case .claim: id = try Self.insert(ClinicalClaim.self, fields, origin: origin, dossier: chosen, db: db)
            }
            try DossierMembership.add(recordID: id, to: chosen, db: db)
            let slug = try db.fetchOne("SELECT slug FROM records WHERE id = ?", [.integer(id)]) { try $0.text(0) } ?? ""
            guard let after = try Self.recordImage(slug: slug, db: db) else {
                throw ContentError.notFound(what: "record", key: slug)
            }
            return (
                AuthoringOutcome(
                    slug: slug, fromVersion: nil, toVersion: after.version, dossier: chosen,
                    // A new record: the fields it leaves empty are no news.
                    changes: FieldDiff.changes(from: nil, to: after.object).filter { $0.new != .null && $0.new != .array([]) }),
                keep: true
            )
        }
    }

    /// Runs `body` in a write transaction, rolled back at the end when `dryRun` is set or
    /// `body` says not to keep what it did.
    func writeOrRollBack<T>(dryRun: Bool, _ body: (LibraryConnection) throws -> (T, keep: Bool)) throws -> T {
        var planned: T?
        do {
            return try pool.write { db in
                let (result, keep) = try body(LibraryConnection(db))
                guard !dryRun, keep else {
                    planned = result
                    throw AuthoringRollback()
                }
                return result
            }
        } catch is AuthoringRollback {
            guard let planned else { throw ContentError.conflict("the dry run produced no result; nothing was written") }
            return planned
        }
    }

    // MARK: - Reading and writing one record

    static func recordImage(slug: String, db: LibraryConnection) throws -> RecordImage? {
        guard let kindText = try db.fetchOne("SELECT kind FROM records WHERE slug = ?", [.text(slug)], { try $0.text(0) }) else {
            return nil
        }
        let kind = try RecordKind.decode(kindText, table: "records", column: "kind")
        let exporter = ContentExporter(db: db)
        let found: (object: JSONObject, version: Int64)?
        switch kind {
        case .event: found = try exporter.record(HistoricalEvent.self, slug: slug)
        case .mechanism: found = try exporter.record(Mechanism.self, slug: slug)
        case .claim: found = try exporter.record(ClinicalClaim.self, slug: slug)
        }
        return found.map { RecordImage(kind: kind, version: Int($0.version), object: $0.object) }
    }

    /// `object` read as a record of `type` with its quotes, exactly as a seed file's record is.
    private static func parse<Record: ContentRecord>(
        _ type: Record.Type, _ object: JSONObject, origin: String, defaultSource: String? = nil
    ) throws -> SeededRecord<Record> {
        let problems = SeedProblems()
        let parser = SeedObjectParser(flavor: .seed, bundle: nil, problems: problems)
        let item = parser.record(SeedObject(fields: object, path: "", file: origin, problems: problems), type, defaultSource: defaultSource)
        guard let item, problems.list.isEmpty else {
            throw SeedError.invalid(
                problems.list.isEmpty
                    ? [SeedProblem(file: origin, path: "", reason: "is not a valid \(Record.kind.rawValue)")] : problems.list)
        }
        return item
    }

    private static func replace<Record: ContentRecord>(
        _ type: Record.Type, _ object: JSONObject, version: Int, origin: String, db: LibraryConnection
    ) throws {
        let item = try parse(type, object, origin: origin)
        let writer = ContentWriter(db)
        let slug = item.record.info.slug
        let subject = "\(Record.kind.rawValue) \(slug)"
        guard let id = try writer.reader.recordID(slug: slug) else { throw ContentError.notFound(what: "record", key: slug) }
        let located = try writer.locate(item.quotes, subject: subject)
        var desired = item.record
        desired.info.id = id
        desired.info.version = version
        _ = try writer.update(desired)
        try writer.replaceCitations(recordID: id.rawValue, slug: slug, subject: subject, with: located)
    }

    /// Inserts `object` as a record of `type`; a quote that names no source cites the
    /// dossier's source when it has only one, as in its seed file.
    private static func insert<Record: ContentRecord>(
        _ type: Record.Type, _ object: JSONObject, origin: String, dossier: String, db: LibraryConnection
    ) throws -> Int64 {
        let sources = try db.fetchAll("SELECT slug FROM sources WHERE seed_set = ? ORDER BY slug", [.text(dossier)]) { try $0.text(0) }
        let item = try parse(type, object, origin: origin, defaultSource: sources.count == 1 ? sources.first : nil)
        let writer = ContentWriter(db)
        let slug = item.record.info.slug
        if try writer.reader.recordID(slug: slug) != nil { throw ContentError.duplicate(what: "record", key: slug) }
        let subject = "\(Record.kind.rawValue) \(slug)"
        let located = try writer.locate(item.quotes, subject: subject)
        let id = try writer.insert(item.record)
        try writer.insertCitations(recordID: id.rawValue, subject: subject, located)
        return id.rawValue
    }
}

/// Thrown out of a write transaction to roll back a dry run.
private struct AuthoringRollback: Error {}
