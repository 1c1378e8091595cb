internal import DossierDB

extension ContentWriter {
    /// The `sources` columns an insert writes; the last is the seed set that owns the row.
    private static let insertedSourceColumns = SourceColumn.writtenColumns
    /// The metadata an update changes: not the slug, the text (which never changes) or the owner.
    private static let updatedSourceColumns = SourceColumn.writtenColumns.filter {
        ![.slug, .text, .textSHA256, .textLength, .seedSet].contains($0)
    }

    private static let insertSourceSQL = DerivedSQL.insert(insertedSourceColumns)
    private static let updateSourceSQL = CachedSQL(
        "UPDATE sources SET \(DerivedSQL.assignments(updatedSourceColumns, from: 2)) WHERE id = ?1")

    /// Inserts a source, owned by a seed set when `seedSet` is given.
    func insert(_ source: Source, seedSet: String? = nil) throws -> SourceID {
        let subject = "source \(source.slug)"
        let issues = source.issues
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        return try translatingErrors(subject: subject, what: "source", key: source.slug) {
            let insert = try db.cachedStatement(Self.insertSourceSQL)
            try bind(
                Self.insertedSourceColumns.map { ($0.declaration, $0 == .seedSet ? SQLValue(seedSet) : source.value(of: $0)) },
                to: insert, from: 1)
            try insert.run()
            return SourceID(rawValue: db.lastInsertedRowID)
        }
    }

    /// Updates a source's metadata. Its text cannot change: a different text is a new source.
    func updateMetadata(_ source: Source) throws {
        let subject = "source \(source.slug)"
        let issues = source.issues
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        guard let stored = try self.source(slug: source.slug) else { throw ContentError.notFound(what: "source", key: source.slug) }
        guard stored.sha256 == source.textSHA256 else {
            throw ContentError.conflict(
                "\(subject): its text differs from the stored text, which never changes; add the new text as a new source with its own slug"
            )
        }
        try translatingErrors(subject: subject, what: "source", key: source.slug) {
            let update = try db.cachedStatement(Self.updateSourceSQL)
            try update.bind(stored.id, at: 1)
            try bind(Self.updatedSourceColumns.map { ($0.declaration, source.value(of: $0)) }, to: update, from: 2)
            try update.run()
        }
    }

    /// Deletes a source and its defects; refused while any citation points into it.
    func deleteSource(slug: String) throws {
        let citations =
            try db.fetchOne(
                "SELECT count(*) FROM citations WHERE source_id = (SELECT id FROM sources WHERE slug = ?)", [.text(slug)]
            ) { try $0.int(0) } ?? 0
        guard citations == 0 else {
            throw ContentError.conflict(
                "source \(slug) is cited \(citations) times; it cannot be deleted while records cite it (delete or re-cite those records first)"
            )
        }
        try db.execute("DELETE FROM sources WHERE slug = ?", [.text(slug)])
        guard db.changedRowCount == 1 else { throw ContentError.notFound(what: "source", key: slug) }
        sourcesForgotten(slug)
    }

    /// A defect located in its source's text, ready to store.
    struct LocatedDefect: Hashable {
        var sourceID: Int64
        var kind: SourceDefectKind
        var start: Int
        var end: Int
        var exact: String
        var intended: String?
        var note: String?
    }

    /// Locates a defect by its exact words (and a prefix or suffix when they occur more than
    /// once), checking its rules; writes nothing. `pin`, when given, is where it must be.
    func locateDefect(_ defect: SeedDefect, source slug: String, field: String = "defect") throws -> LocatedDefect {
        let subject = "source \(slug)"
        var issues = SourceDefect.issues(kind: defect.kind, exact: defect.exact, intended: defect.intended, note: defect.note, field: field)
        guard let source = try source(slug: slug) else {
            throw ContentError.validation([
                ValidationIssue(field: "\(field).source", rule: "must be the slug of an existing source", value: slug, subject: subject)
            ])
        }
        var match: SourceText.Match?
        switch source.text.find(defect.exact, prefix: defect.prefix, suffix: defect.suffix) {
        case .found(let found):
            if let pin = defect.pin, pin != found.start..<found.end {
                issues.append(
                    ValidationIssue(
                        field: "\(field).start",
                        rule: "the text is at \(found.start)–\(found.end), not at the given \(pin.lowerBound)–\(pin.upperBound)",
                        value: defect.exact))
            }
            match = found
        case .notFound:
            issues.append(
                ValidationIssue(
                    field: "\(field).exact",
                    rule: Self.notFoundRule(defect.exact, prefix: defect.prefix, suffix: defect.suffix, source: slug, in: source.text),
                    value: defect.exact))
        case .ambiguous(let count):
            issues.append(
                ValidationIssue(
                    field: "\(field).exact", rule: "occurs \(count) times; add a prefix or suffix to choose one", value: defect.exact))
        }
        guard issues.isEmpty, let match else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        return LocatedDefect(
            sourceID: source.id, kind: defect.kind, start: match.start, end: match.end,
            exact: source.text.slice(bytes: match.byteStart..<match.byteEnd), intended: defect.intended, note: defect.note)
    }

    private static let insertDefectSQL: CachedSQL = {
        // The exact text is cut from the stored text by SQLite, so it is verbatim by construction.
        let columns = SourceDefectColumn.writtenColumns
        let expressions = columns.map { column -> String in
            switch column {
            case .id: "NULL"
            case .sourceID: "id"
            case .kind: "?2"
            case .startOffset: "?3"
            case .endOffset: "?4"
            case .exact: "substr(text, ?3 + 1, ?4 - ?3)"
            case .intended: "?5"
            case .note: "?6"
            case .seedSet: "?7"
            }
        }
        return CachedSQL(
            "INSERT INTO source_defects(\(columns.map(\.name).joined(separator: ", "))) SELECT \(expressions.joined(separator: ", ")) FROM sources WHERE id = ?1"
        )
    }()

    /// Records damage in a source's text, located by its exact words like a quote.
    @discardableResult
    func insertDefect(_ defect: SeedDefect, source slug: String, field: String = "defect", seedSet: String? = nil) throws -> SourceDefectID
    {
        let located = try locateDefect(defect, source: slug, field: field)
        return try translatingErrors(subject: "source \(slug)", what: "defect", key: defect.exact) {
            try db.execute(
                Self.insertDefectSQL,
                [
                    .integer(located.sourceID), .text(located.kind.rawValue), .integer(Int64(located.start)), .integer(Int64(located.end)),
                    SQLValue(located.intended), SQLValue(located.note), SQLValue(seedSet),
                ])
            return SourceDefectID(rawValue: db.lastInsertedRowID)
        }
    }
}
