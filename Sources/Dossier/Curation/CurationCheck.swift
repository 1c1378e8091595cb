internal import DossierDB

/// Runs every curation check over one read transaction.
struct CurationCheck {
    let db: DatabaseConnection
    private var reader: ContentReader { ContentReader(db: db) }

    func run() throws -> CurationReport {
        var findings: [CurationFinding] = []
        findings += try integrity()
        findings += try schema()
        findings += try sourceHashes()
        findings += try citations()
        findings += try publishedUncited()
        findings += try typedRows()
        findings += try eventDates()
        findings += try mechanismCertainty()
        findings += try evidenceLevels()
        findings += try searchIndex()
        let checked = try db.fetchOne(
            """
            SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM citations), (SELECT count(*) FROM sources),
                   (SELECT count(*) FROM source_defects), (SELECT count(*) FROM entities), (SELECT count(*) FROM relations)
            """) { row in
            ["records": try row.int(0), "citations": try row.int(1), "sources": try row.int(2),
             "source_defects": try row.int(3), "entities": try row.int(4), "relations": try row.int(5)]
        } ?? [:]
        let ordered = findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
        }.map(\.element)
        return CurationReport(findings: ordered, checked: checked)
    }

    private func finding(_ severity: CurationFinding.Severity, _ rule: CurationRule, _ subject: String, _ message: String) -> CurationFinding {
        CurationFinding(severity: severity, rule: rule, subject: subject, message: message)
    }

    private func integrity() throws -> [CurationFinding] {
        try db.integrityCheck().map { finding(.error, .integrity, "database", "\($0); restore from a backup") }
            + db.foreignKeyCheck().map { finding(.error, .foreignKeys, $0.table, $0.description) }
    }

    /// The triggers and constraints the library relies on are the ones the migrations made.
    private func schema() throws -> [CurationFinding] {
        let migrator = try ContentSchema.migrator()
        let status = try migrator.status(db)
        guard status.modified.isEmpty, status.unknown.isEmpty else { return [] }  // opening refuses these first
        return try migrator.schemaDrift(of: db, applied: status.applied).problems.map { finding(.error, .schemaDrift, "schema", $0) }
    }

    /// A stored hash that is not the text's: the text or the hash was changed behind the library's back.
    private func sourceHashes() throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        let cursor = try db.cursor("SELECT slug, text, text_sha256 FROM sources ORDER BY slug")
        while let row = try cursor.next() {
            let slug = try row.text(0)
            if SHA256.hexDigest(of: try row.text(1)) != (try row.text(2)) {
                findings.append(finding(.error, .sourceHash, "source \(slug)", "the stored SHA-256 is not the hash of the stored text; the text was altered, so every citation of it is suspect"))
            }
        }
        return findings
    }

    /// Each citation: verbatim at its offsets, against the current hash, hedges, defects.
    private func citations() throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        let defects = Dictionary(grouping: try reader.defects(ofSource: nil), by: \.source)
        let cursor = try db.cursor(
            """
            SELECT c.id, r.slug, r.kind, r.certainty, s.slug, c.exact, c.prefix, c.suffix, c.start_offset, c.end_offset,
                   c.source_sha256 = s.text_sha256,
                   substr(s.text, c.start_offset + 1, c.end_offset - c.start_offset) IS c.exact,
                   substr(s.text, c.start_offset - length(c.prefix) + 1, length(c.prefix)) IS c.prefix
                     AND c.start_offset >= length(c.prefix),
                   substr(s.text, c.end_offset + 1, length(c.suffix)) IS c.suffix,
                   c.hedge_review
            FROM citations c JOIN records r ON r.id = c.record_id JOIN sources s ON s.id = c.source_id
            ORDER BY r.slug, c.start_offset
            """)
        var hedged: [String: (kind: String, cues: Set<String>)] = [:]
        while let row = try cursor.next() {
            let id = try row.int64(0)
            let slug = try row.text(1)
            let kind = try row.text(2)
            let certainty = try row.text(3)
            let source = try row.text(4)
            let exact = try row.text(5)
            let start = try row.int(8)
            let end = try row.int(9)
            let subject = "\(kind) \(slug)"
            let where_ = "citation \(id) [\(start), \(end)) of source \(source)"
            if !(try row.bool(10)) {
                findings.append(finding(.error, .citationHash, subject, "\(where_) was made against another version of the source text; re-cite it"))
            }
            if !(try row.bool(11)) {
                findings.append(finding(.error, .citationVerbatim, subject, "\(where_): the quote is not the source text at its offsets"))
            } else if try !row.bool(12) || !row.bool(13) {
                findings.append(finding(.error, .citationVerbatim, subject, "\(where_): the prefix or suffix does not surround the quote"))
            }
            let overlapping = (defects[source] ?? []).filter { $0.start < end && start < $0.end }
            for defect in overlapping {
                switch defect.kind {
                case .injectedText:
                    findings.append(finding(.warning, .defectOverlap, subject, "\(where_) includes injected text \"\(defect.exact)\", which is not the author's; quote around it"))
                case .corruptedWord:
                    findings.append(finding(.notice, .defectOverlap, subject, "\(where_) crosses the corrupted word \"\(defect.exact)\" (meant: \"\(defect.intended ?? "?")\"); the quote stays verbatim, the statement uses the word meant"))
                case .other:
                    findings.append(finding(.notice, .defectOverlap, subject, "\(where_) crosses damaged text \"\(defect.exact)\"\(defect.note.map { ": \($0)" } ?? "")"))
                }
            }
            if certainty == Certainty.established.rawValue {
                let reading = Self.intendedReading(exact, start: start, defects: overlapping)
                let cues = HedgeLexicon.cues(in: reading)
                if let review = try row.optionalText(14), !cues.isEmpty {
                    findings.append(finding(
                        .notice, .overclaiming, subject,
                        "\(where_) uses \(cues.map { "\"\($0)\"" }.joined(separator: ", ")), reviewed by a curator: \(review)"))
                } else if !cues.isEmpty {
                    hedged[slug, default: (kind, [])].cues.formUnion(cues)
                }
            }
        }
        for (slug, value) in hedged.sorted(by: { $0.key < $1.key }) {
            findings.append(finding(
                .warning, .overclaiming, "\(value.kind) \(slug)",
                "stated as established, but its quotes hedge (\(value.cues.sorted().map { "\"\($0)\"" }.joined(separator: ", "))); lower the certainty to probable or possible, or record on the quote why the words do not hedge this record (hedge_review)"))
        }
        return findings
    }

    /// The quote as its author meant it: corrupted words replaced by the intended ones,
    /// injected text left out.
    static func intendedReading(_ exact: String, start: Int, defects: [SourceDefect]) -> String {
        var scalars = Array(exact.unicodeScalars)
        // Right to left, so earlier offsets stay valid.
        for defect in defects.sorted(by: { $0.start > $1.start }) {
            let lower = max(defect.start - start, 0)
            let upper = min(defect.end - start, scalars.count)
            guard lower < upper else { continue }
            let replacement: [Unicode.Scalar] = defect.kind == .injectedText ? [] : Array((defect.intended ?? "").unicodeScalars)
            scalars.replaceSubrange(lower..<upper, with: replacement)
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    private func publishedUncited() throws -> [CurationFinding] {
        try db.fetchAll(
            """
            SELECT kind, slug FROM records r
            WHERE status = 'published' AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.record_id = r.id)
            ORDER BY slug
            """) { row in
            finding(.error, .publishedUncited, "\(try row.text(0)) \(try row.text(1))", "is published but cites nothing; add a quote or unpublish it")
        }
    }

    private func typedRows() throws -> [CurationFinding] {
        try db.fetchAll(
            """
            SELECT kind, slug FROM records r
            WHERE (kind = 'event' AND NOT EXISTS (SELECT 1 FROM historical_events WHERE record_id = r.id))
               OR (kind = 'mechanism' AND NOT EXISTS (SELECT 1 FROM mechanisms WHERE record_id = r.id))
               OR (kind = 'claim' AND NOT EXISTS (SELECT 1 FROM clinical_claims WHERE record_id = r.id))
            ORDER BY slug
            """) { row in
            finding(.error, .typedRow, "\(try row.text(0)) \(try row.text(1))", "has no row in its typed table; it was written around the library")
        }
    }

    private func eventDates() throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        try reader.forEachRecord(HistoricalEvent.self) { event in
            let subject = "event \(event.info.slug)"
            for issue in HistoricalEvent.dateIssues(event.date) {
                findings.append(finding(.error, .eventDate, subject, "\(issue.field): \(issue.rule)"))
            }
        }
        findings += try db.fetchAll(
            """
            SELECT r.slug, p.slug FROM historical_events e JOIN records r ON r.id = e.record_id
            JOIN entities p ON p.id = e.period_entity_id
            WHERE e.precision = 'period' AND (e.earliest IS NOT p.period_start OR e.latest IS NOT p.period_end)
            """) { row in
            finding(.error, .eventDate, "event \(try row.text(0))", "dated by period \(try row.text(1)), but its bounds are not the period's; save the event again to refresh them")
        }
        return findings
    }

    private func mechanismCertainty() throws -> [CurationFinding] {
        try db.fetchAll(
            """
            SELECT r.slug FROM mechanisms m JOIN records r ON r.id = m.record_id
            WHERE m.role = 'hypothesised' AND r.certainty = 'established' ORDER BY r.slug
            """) { row in
            finding(.warning, .hypothesisCertainty, "mechanism \(try row.text(0))", "is hypothesised yet stated as established; one of the two is wrong")
        }
    }

    private func evidenceLevels() throws -> [CurationFinding] {
        let studyKinds = SourceKind.allCases.filter(\.isStudy).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try db.fetchAll(
            """
            SELECT r.slug, c.evidence_level FROM clinical_claims c JOIN records r ON r.id = c.record_id
            WHERE c.evidence_level <> 'not_assessed' AND NOT EXISTS (
              SELECT 1 FROM citations ci JOIN sources s ON s.id = ci.source_id
              WHERE ci.record_id = r.id AND s.kind IN (\(studyKinds)))
            ORDER BY r.slug
            """) { row in
            finding(.warning, .evidenceLevel, "claim \(try row.text(0))", "has evidence level \(try row.text(1)) but cites no study; cite one or set it to not_assessed")
        }
    }

    private func searchIndex() throws -> [CurationFinding] {
        try db.fetchAll(
            """
            SELECT kind, slug FROM records r
            WHERE status <> 'deprecated' AND NOT EXISTS (SELECT 1 FROM search_index WHERE rowid = r.id) ORDER BY slug
            """) { row in
            finding(.error, .searchIndex, "\(try row.text(0)) \(try row.text(1))", "is missing from the search index")
        }
    }
}
