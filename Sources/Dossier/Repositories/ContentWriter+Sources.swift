internal import DossierDB

extension ContentWriter {
    /// The rules of a source's metadata and text.
    static func sourceIssues(_ source: Source) -> [ValidationIssue] {
        var issues = TextRules.slugIssues(source.slug, field: "slug")
            + TextRules.proseIssues(source.title, field: "title", maximum: 300)
            + TextRules.optionalProseIssues(source.publisher, field: "publisher", maximum: 300)
            + TextRules.optionalProseIssues(source.author, field: "author", maximum: 300)
        if let url = source.url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count < 9 || url.contains(" ") {
            issues.append(ValidationIssue(field: "url", rule: "must be an http(s) URL without spaces", value: url))
        }
        if let published = source.publishedOn {
            let valid = (published.count == 4 && published.allSatisfy { $0.isASCII && $0.isNumber })
                || TextRules.isISODate(published + "-01") || TextRules.isISODate(published)
            if !valid {
                issues.append(ValidationIssue(field: "published_on", rule: "must be YYYY, YYYY-MM or YYYY-MM-DD", value: published))
            }
        }
        if let retrieved = source.retrievedOn, !TextRules.isISODate(retrieved) {
            issues.append(ValidationIssue(field: "retrieved_on", rule: "must be a real date written YYYY-MM-DD", value: retrieved))
        }
        if !(2...35).contains(source.language.count)
            || !source.language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        {
            issues.append(ValidationIssue(field: "language", rule: "must be a BCP 47 tag such as en or en-GB", value: source.language))
        }
        if TextRules.isBlank(source.text) {
            issues.append(ValidationIssue(field: "text", rule: "must not be empty"))
        }
        // One pass over the bytes for both rules: a source may be tens of megabytes.
        var hasCarriageReturn = false, hasControl = false
        for byte in source.text.utf8 where byte < 0x20 || byte == 0x7F {
            if byte == 0x0D { hasCarriageReturn = true } else if byte != 0x0A && byte != 0x09 { hasControl = true }
        }
        if hasCarriageReturn {
            issues.append(ValidationIssue(field: "text", rule: "must use LF line endings (no carriage returns)"))
        }
        if hasControl {
            issues.append(ValidationIssue(field: "text", rule: "must be plain text without control characters (tab and line feed allowed)"))
        }
        if !TextRules.isNFC(source.text) {
            issues.append(ValidationIssue(field: "text", rule: "must be in Unicode Normalization Form C (NFC), so that quotes match byte for byte"))
        }
        return issues
    }

    /// Inserts a source, owned by a seed set when `seedSet` is given.
    func insert(_ source: Source, seedSet: String? = nil) throws -> SourceID {
        let subject = "source \(source.slug)"
        let issues = Self.sourceIssues(source)
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        return try translatingErrors(subject: subject, what: "source", key: source.slug) {
            try db.execute(
                """
                INSERT INTO sources(slug, title, kind, url, publisher, author, published_on, retrieved_on, language,
                                    text, text_sha256, text_length, seed_set)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(source.slug), .text(source.title), .text(source.kind.rawValue), Self.value(source.url),
                 Self.value(source.publisher), Self.value(source.author), Self.value(source.publishedOn),
                 Self.value(source.retrievedOn), .text(source.language), .text(source.text), .text(source.textSHA256),
                 .integer(Int64(source.textLength)), Self.value(seedSet)])
            return SourceID(rawValue: db.lastInsertedRowID)
        }
    }

    /// Updates a source's metadata. Its text cannot change: a different text is a new source.
    func updateMetadata(_ source: Source) throws {
        let subject = "source \(source.slug)"
        let issues = Self.sourceIssues(source)
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        guard let stored = try self.source(slug: source.slug) else { throw ContentError.notFound(what: "source", key: source.slug) }
        guard stored.sha256 == source.textSHA256 else {
            throw ContentError.conflict("\(subject): its text differs from the stored text, which never changes; add the new text as a new source with its own slug")
        }
        try translatingErrors(subject: subject, what: "source", key: source.slug) {
            try db.execute(
                """
                UPDATE sources SET title = ?2, kind = ?3, url = ?4, publisher = ?5, author = ?6, published_on = ?7,
                  retrieved_on = ?8, language = ?9, updated_at = max(created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                WHERE id = ?1
                """,
                [.integer(stored.id), .text(source.title), .text(source.kind.rawValue), Self.value(source.url),
                 Self.value(source.publisher), Self.value(source.author), Self.value(source.publishedOn),
                 Self.value(source.retrievedOn), .text(source.language)])
        }
    }

    /// Deletes a source and its defects; refused while any citation points into it.
    func deleteSource(slug: String) throws {
        let citations = try db.fetchOne(
            "SELECT count(*) FROM citations WHERE source_id = (SELECT id FROM sources WHERE slug = ?)", [.text(slug)]
        ) { try $0.int(0) } ?? 0
        guard citations == 0 else {
            throw ContentError.conflict("source \(slug) is cited \(citations) times; it cannot be deleted while records cite it (delete or re-cite those records first)")
        }
        try db.execute("DELETE FROM sources WHERE slug = ?", [.text(slug)])
        guard db.changedRowCount == 1 else { throw ContentError.notFound(what: "source", key: slug) }
        sourcesForgotten(slug)
    }

    /// Records damage in a source's text, located by its exact words like a quote.
    func insertDefect(
        source slug: String, kind: SourceDefectKind, exact: String, prefix: String? = nil, suffix: String? = nil,
        intended: String? = nil, note: String? = nil, field: String = "defect", seedSet: String? = nil
    ) throws -> SourceDefectID {
        let subject = "source \(slug)"
        var issues = TextRules.optionalProseIssues(intended, field: "\(field).intended", maximum: 200)
            + TextRules.optionalProseIssues(note, field: "\(field).note", maximum: 1000)
        if kind == .corruptedWord, intended == nil {
            issues.append(ValidationIssue(field: "\(field).intended", rule: "is required for a corrupted word: the word meant"))
        }
        if kind == .injectedText, intended != nil {
            issues.append(ValidationIssue(field: "\(field).intended", rule: "must be empty for injected text, which should not be there at all", value: intended))
        }
        guard let source = try source(slug: slug) else {
            throw ContentError.validation([ValidationIssue(field: "\(field).source", rule: "must be the slug of an existing source", value: slug, subject: subject)])
        }
        var match: SourceText.Match?
        switch source.text.find(exact, prefix: prefix, suffix: suffix) {
        case .found(let found): match = found
        case .notFound:
            issues.append(ValidationIssue(field: "\(field).exact", rule: "must occur in the source, character for character", value: exact))
        case .ambiguous(let count):
            issues.append(ValidationIssue(field: "\(field).exact", rule: "occurs \(count) times; add a prefix or suffix to choose one", value: exact))
        }
        guard issues.isEmpty, let match else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        return try translatingErrors(subject: subject, what: "defect", key: exact) {
            try db.execute(
                """
                INSERT INTO source_defects(source_id, kind, start_offset, end_offset, exact, intended, note, seed_set)
                SELECT id, ?2, ?3, ?4, substr(text, ?3 + 1, ?4 - ?3), ?5, ?6, ?7 FROM sources WHERE id = ?1
                """,
                [.integer(source.id), .text(kind.rawValue), .integer(Int64(match.start)), .integer(Int64(match.end)),
                 Self.value(intended), Self.value(note), Self.value(seedSet)])
            return SourceDefectID(rawValue: db.lastInsertedRowID)
        }
    }

    static func value(_ text: String?) -> SQLValue {
        text.map { .text($0) } ?? .null
    }
}
