internal import DossierDB

extension ContentWriter {
    /// A quote found in its source: where it is, and what the citation row will hold.
    struct LocatedQuote: Hashable {
        var source: String
        var sourceID: Int64
        var sourceSHA256: String
        var start: Int
        var end: Int
        var exact: String
        /// The 32 code points before the quote (fewer at the start of the text).
        var storedPrefix: String
        /// The 32 code points after it.
        var storedSuffix: String
        var note: String?
        var hedgeReview: String?
    }

    /// How many code points of text around a quote a citation stores.
    static let contextLength = 32

    /// Locates each quote in its source, writing nothing.
    ///
    /// Every problem is reported at once: a broken field rule, a missing source, words not in
    /// the source, words found more than once (add a prefix or suffix), a quote that would cut a
    /// character in half, and — when the file pins them, as exports do — a quote that is not
    /// where the file says or was made against another version of the source text.
    func locate(_ quotes: [SeedQuote], subject: String, field: String = "quotes") throws -> [LocatedQuote] {
        var issues: [ValidationIssue] = []
        var located: [LocatedQuote] = []
        for (index, item) in quotes.enumerated() {
            let quote = item.quote
            let path = "\(field)[\(index)]"
            let fields: [(CitationColumn, SQLValue)] = [
                (.source, .text(quote.source)), (.exact, .text(quote.exact)), (.prefix, .text(quote.prefix ?? "")),
                (.suffix, .text(quote.suffix ?? "")), (.note, SQLValue(quote.note)), (.hedgeReview, SQLValue(quote.hedgeReview)),
            ]
            let fieldIssues = fields.flatMap { column, value in
                column.declaration.issues(value, field: "\(path).\(column.declaration.field ?? column.name)")
            }
            issues += fieldIssues
            guard fieldIssues.isEmpty else { continue }
            guard let source = try source(slug: quote.source) else {
                issues.append(ValidationIssue(field: "\(path).source", rule: "must be the slug of an existing source", value: quote.source))
                continue
            }
            switch source.text.find(quote.exact, prefix: quote.prefix, suffix: quote.suffix) {
            case .notFound:
                issues.append(
                    ValidationIssue(
                        field: "\(path).exact",
                        rule: Self.notFoundRule(
                            quote.exact, prefix: quote.prefix, suffix: quote.suffix, source: quote.source, in: source.text),
                        value: quote.exact))
            case .ambiguous(let count):
                issues.append(
                    ValidationIssue(
                        field: "\(path).exact",
                        rule:
                            "must occur exactly once in source \(quote.source), but occurs \(count) times; add a prefix or suffix to choose one",
                        value: quote.exact))
            case .found(let match):
                if !source.text.isCharacterBoundary(byteOffset: match.byteStart)
                    || !source.text.isCharacterBoundary(byteOffset: match.byteEnd)
                {
                    issues.append(
                        ValidationIssue(
                            field: "\(path).exact",
                            rule: "must not start or end inside a character (a letter and its combining marks, an emoji sequence, a flag)",
                            value: quote.exact))
                } else if let pin = item.pin, pin != match.start..<match.end {
                    issues.append(
                        ValidationIssue(
                            field: "\(path).start",
                            rule: "the quote is at \(match.start)–\(match.end), not at the given \(pin.lowerBound)–\(pin.upperBound)",
                            value: quote.exact))
                } else if let pinned = item.sourceSHA256, pinned != source.sha256 {
                    issues.append(
                        ValidationIssue(
                            field: "\(path).source_sha256",
                            rule:
                                "is not the hash of source \(quote.source) (\(source.sha256)): the quote was made against another version of its text",
                            value: pinned))
                } else {
                    located.append(
                        LocatedQuote(
                            source: quote.source, sourceID: source.id, sourceSHA256: source.sha256, start: match.start, end: match.end,
                            exact: source.text.slice(bytes: match.byteStart..<match.byteEnd),
                            storedPrefix: source.text.codePoints(before: match.byteStart, count: Self.contextLength),
                            storedSuffix: source.text.codePoints(after: match.byteEnd, count: Self.contextLength),
                            note: quote.note, hedgeReview: quote.hedgeReview))
                }
            }
        }
        guard issues.isEmpty else { throw ContentError.validation(issues.map { $0.attributed(to: subject) }) }
        return located
    }

    /// Why words (a quote, a defect) are not in source `slug`, and what to do: when they are
    /// there with other quote marks, dashes, spacing or case, the passage and each character
    /// that differs.
    static func notFoundRule(_ exact: String, prefix: String?, suffix: String?, source slug: String, in text: SourceText) -> String {
        if prefix != nil || suffix != nil, text.find(exact) != .notFound {
            return
                "occurs in source \(slug), but not with the given prefix and suffix; check them against the source, character for character"
        }
        guard let nearest = text.nearestPassage(to: exact) else {
            return
                "not found in source \(slug), not even ignoring case, quote marks, dashes and spacing; copy the words from the source, character for character (damage included)"
        }
        let elsewhere = nearest.otherMatches > 0 ? " (one of \(nearest.otherMatches + 1) such passages)" : ""
        let differences =
            nearest.differences.isEmpty
            ? "differs only in how its characters are composed" : "differs only in: \(nearest.differenceText)"
        let shown = nearest.passage.unicodeScalars.count > 120 ? String(nearest.passage.prefix(119)) + "…" : nearest.passage
        return
            "not found in source \(slug); the nearest passage (at \(nearest.start)\(elsewhere): \"\(MessageText.escaped(shown))\") \(differences); copy the source's characters"
    }

    /// Locates each quote in its source and stores it as a citation of the record.
    @discardableResult
    func cite(recordID: Int64, subject: String, quotes: [Quote], field: String = "quotes") throws -> [CitationID] {
        try insertCitations(recordID: recordID, subject: subject, try locate(quotes.map { SeedQuote($0) }, subject: subject, field: field))
    }

    /// `INSERT INTO citations(…) SELECT … FROM sources`: the quote, its prefix and its suffix
    /// are cut from the stored text by SQLite itself, in code points, so the stored citation is
    /// verbatim by construction. Parameters: record id, source id, start, end, note, hedge review.
    static let insertCitationSQL: CachedSQL = {
        let columns = CitationColumn.writtenColumns
        let expressions = columns.map { column -> String in
            switch column {
            case .id: "NULL"
            case .recordID: "?1"
            case .source: "id"
            case .sourceSHA256: "text_sha256"
            case .exact: "substr(text, ?3 + 1, ?4 - ?3)"
            case .prefix: "substr(text, max(1, ?3 - \(contextLength - 1)), min(?3, \(contextLength)))"
            case .suffix: "substr(text, ?4 + 1, \(contextLength))"
            case .startOffset: "?3"
            case .endOffset: "?4"
            case .note: "?5"
            case .hedgeReview: "?6"
            }
        }
        return CachedSQL(
            "INSERT INTO citations(\(columns.map(\.name).joined(separator: ", "))) SELECT \(expressions.joined(separator: ", ")) FROM sources WHERE id = ?2"
        )
    }()

    /// Stores located quotes as citations of the record.
    @discardableResult
    func insertCitations(recordID: Int64, subject: String, _ located: [LocatedQuote]) throws -> [CitationID] {
        if !located.isEmpty { try searchIndexDeferral?.begin() }
        return try translatingErrors(subject: subject, what: "citation", key: subject) {
            let insert = try db.cachedStatement(Self.insertCitationSQL)
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

    /// Brings a record's citations to the located quotes, touching only the ones that differ,
    /// so that the audit log shows what changed.
    func replaceCitations(recordID: Int64, slug: String, subject: String, with located: [LocatedQuote]) throws {
        func key(_ source: String, _ start: Int, _ end: Int, _ note: String?, _ review: String?) -> [String] {
            [source, String(start), String(end), note ?? "", review ?? ""]
        }
        let stored = try reader.citations(ofRecord: slug)
        let wanted = Set(located.map { key($0.source, $0.start, $0.end, $0.note, $0.hedgeReview) })
        for citation in stored
        where !wanted.contains(key(citation.source, citation.start, citation.end, citation.note, citation.hedgeReview)) {
            try removeCitation(citation.id)
        }
        let kept = Set(stored.map { key($0.source, $0.start, $0.end, $0.note, $0.hedgeReview) })
        try insertCitations(
            recordID: recordID, subject: subject,
            located.filter { !kept.contains(key($0.source, $0.start, $0.end, $0.note, $0.hedgeReview)) })
    }

    /// Removes one citation.
    func removeCitation(_ id: CitationID) throws {
        try db.execute("DELETE FROM citations WHERE id = ?", [.integer(id.rawValue)])
        guard db.changedRowCount == 1 else { throw ContentError.notFound(what: "citation", key: id.description) }
    }
}
