internal import DossierDB

extension ContentWriter {
    /// A quote found in its source.
    struct LocatedQuote: Hashable {
        var source: String
        var sourceID: Int64
        var start: Int
        var end: Int
        var note: String?
        var hedgeReview: String?
    }

    /// Locates each quote in its source, writing nothing.
    ///
    /// Every problem is reported at once: a missing source, words not in the source, words
    /// found more than once (add a prefix or suffix), a quote that would cut a character in half.
    func locate(_ quotes: [Quote], subject: String, field: String = "quotes") throws -> [LocatedQuote] {
        var issues: [ValidationIssue] = []
        var located: [LocatedQuote] = []
        for (index, quote) in quotes.enumerated() {
            let prefix = "\(field)[\(index)]"
            issues += TextRules.slugIssues(quote.source, field: "\(prefix).source")
            issues += TextRules.optionalProseIssues(quote.note, field: "\(prefix).note", maximum: 1000)
            issues += TextRules.optionalProseIssues(quote.hedgeReview, field: "\(prefix).hedge_review", maximum: 1000)
            if quote.exact.unicodeScalars.count > 2000 {
                issues.append(ValidationIssue(field: "\(prefix).exact", rule: "must be at most 2000 characters", value: quote.exact))
                continue
            }
            if quote.exact.isEmpty || !TextRules.isTrimmed(quote.exact) {
                issues.append(ValidationIssue(field: "\(prefix).exact", rule: "must be non-empty words without leading or trailing whitespace", value: quote.exact))
                continue
            }
            guard TextRules.isValidSlug(quote.source) else { continue }
            guard let source = try source(slug: quote.source) else {
                issues.append(ValidationIssue(field: "\(prefix).source", rule: "must be the slug of an existing source", value: quote.source))
                continue
            }
            switch source.text.find(quote.exact, prefix: quote.prefix, suffix: quote.suffix) {
            case .notFound:
                issues.append(ValidationIssue(
                    field: "\(prefix).exact",
                    rule: "must occur in source \(quote.source), character for character (damage included)\(quote.prefix != nil || quote.suffix != nil ? " with the given prefix and suffix" : "")",
                    value: quote.exact))
            case .ambiguous(let count):
                issues.append(ValidationIssue(
                    field: "\(prefix).exact",
                    rule: "must occur exactly once in source \(quote.source), but occurs \(count) times; add a prefix or suffix to choose one",
                    value: quote.exact))
            case .found(let match):
                if !source.text.isCharacterBoundary(byteOffset: match.byteStart) || !source.text.isCharacterBoundary(byteOffset: match.byteEnd) {
                    issues.append(ValidationIssue(
                        field: "\(prefix).exact", rule: "must not start or end inside a character (a letter and its combining marks, an emoji sequence)",
                        value: quote.exact))
                } else {
                    located.append(LocatedQuote(
                        source: quote.source, sourceID: source.id, start: match.start, end: match.end, note: quote.note,
                        hedgeReview: quote.hedgeReview))
                }
            }
        }
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        return located
    }

    /// Locates each quote in its source and stores it as a citation of the record.
    @discardableResult
    func cite(recordID: Int64, subject: String, quotes: [Quote], field: String = "quotes") throws -> [CitationID] {
        try insertCitations(recordID: recordID, subject: subject, try locate(quotes, subject: subject, field: field))
    }

    /// Stores located quotes as citations of the record.
    @discardableResult
    func insertCitations(recordID: Int64, subject: String, _ located: [LocatedQuote]) throws -> [CitationID] {
        try translatingErrors(subject: subject, what: "citation", key: subject) {
            // The quote, its prefix and its suffix are cut from the stored text by SQLite itself,
            // in code points: the stored citation is verbatim by construction.
            let insert = try db.cachedStatement(
                """
                INSERT INTO citations(record_id, source_id, source_sha256, exact, prefix, suffix, start_offset, end_offset, note,
                                      hedge_review)
                SELECT ?1, id, text_sha256, substr(text, ?3 + 1, ?4 - ?3), substr(text, max(1, ?3 - 31), min(?3, 32)),
                       substr(text, ?4 + 1, 32), ?3, ?4, ?5, ?6
                FROM sources WHERE id = ?2
                """)
            return try located.map { quote in
                try insert.bind(recordID, at: 1)
                try insert.bind(quote.sourceID, at: 2)
                try insert.bind(quote.start, at: 3)
                try insert.bind(quote.end, at: 4)
                try insert.bind(quote.note, at: 5)
                try insert.bind(quote.hedgeReview, at: 6)
                try insert.run()
                return CitationID(rawValue: db.lastInsertedRowID)
            }
        }
    }

    /// Removes one citation.
    func removeCitation(_ id: CitationID) throws {
        try db.execute("DELETE FROM citations WHERE id = ?", [.integer(id.rawValue)])
        guard db.changedRowCount == 1 else { throw ContentError.notFound(what: "citation", key: id.description) }
    }
}
