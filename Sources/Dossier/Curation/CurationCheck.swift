internal import DossierDB

/// Runs every curation check over one read transaction.
///
/// Errors are what keeps the content from surviving an export and an import: every row is
/// judged by the very rules an import applies (``ContentRowCheck``), plus what only the whole
/// database shows (damage, relation rules and cycles). Warnings are for a curator (hedged
/// quotes stated as established, uncited published records…) or for derived data an import
/// rebuilds (the search index, bookkeeping columns).
struct CurationCheck {
    let db: LibraryConnection
    /// Told after each row the row check reads back.
    var progress: ContentProgress.Handler?
    private var reader: ContentReader { ContentReader(db: db) }

    init(db: DatabaseConnection, progress: ContentProgress.Handler? = nil) {
        self.db = LibraryConnection(db)
        self.progress = progress
    }

    func run() throws -> CurationReport {
        var findings: [CurationFinding] = []
        findings += try integrity()
        findings += try schema()
        findings += try damage()
        let incomplete = try typedRows()
        findings += incomplete.findings
        findings += try ContentRowCheck(db: db).run(skipping: incomplete.slugs, progress: progress)
        findings += try relationRules()
        findings += try eventOrder()
        findings += try citations()
        findings += try publishedUncited()
        findings += try mechanismCertainty()
        findings += try evidenceLevels()
        findings += try searchIndex()
        findings += try bookkeeping()
        findings += try auditTrail()
        findings += try encoding()
        findings += try ledgers()
        let checked =
            try db.fetchOne(
                """
                SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM citations), (SELECT count(*) FROM sources),
                       (SELECT count(*) FROM source_defects), (SELECT count(*) FROM entities), (SELECT count(*) FROM relations)
                """
            ) { row in
                [
                    "records": try row.int(0), "citations": try row.int(1), "sources": try row.int(2),
                    "source_defects": try row.int(3), "entities": try row.int(4), "relations": try row.int(5),
                ]
            } ?? [:]
        let ordered = findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
        }.map(\.element)
        return CurationReport(findings: ordered, checked: checked)
    }

    func finding(
        _ severity: CurationFinding.Severity, _ rule: CurationRule, _ subject: String, _ message: String, table: String? = nil,
        key: String? = nil
    ) -> CurationFinding {
        CurationFinding(severity: severity, rule: rule, subject: subject, message: message, table: table, key: key)
    }

    /// `integrity_check`. On a read-only connection SQLite skips CHECK constraints there; the
    /// rules they hold are checked row by row anyway, and a notice says so.
    private func integrity() throws -> [CurationFinding] {
        var findings = try db.connection.integrityCheck().map { finding(.error, .integrity, "database", "\($0); restore from a backup") }
        if try db.fetchOne("PRAGMA query_only", [], { try $0.bool(0) }) == false, db.connection.configuration.accessMode == .readOnly {
            findings.append(
                finding(
                    .notice, .integrity, "database",
                    "the file was opened read-only, where SQLite's integrity_check skips CHECK constraints; every row was checked against the same rules by the library"
                ))
        }
        return findings
    }

    /// The triggers and constraints the library relies on are the ones the migrations made.
    private func schema() throws -> [CurationFinding] {
        let migrator = try ContentSchema.migrator()
        let status = try migrator.status(db.connection)
        guard status.modified.isEmpty, status.unknown.isEmpty else { return [] }  // opening refuses these first
        return try migrator.schemaDrift(of: db.connection, applied: status.applied).problems.map {
            finding(.error, .schemaDrift, "schema", $0)
        }
    }

    /// Damage no export can carry: orphaned rows, records of no known kind, typed rows of
    /// another kind, two identifiers of one scheme.
    private func damage() throws -> [CurationFinding] {
        try ContentDamage.find(in: db).map { damage in
            let rule: CurationRule = damage.problem.hasPrefix("references a missing row") ? .foreignKeys : .damage
            return finding(.error, rule, "\(damage.table) \(damage.key)", damage.problem, table: damage.table, key: damage.key)
        }
    }

    /// Records without their typed row, and their slugs (the row checks skip them).
    private func typedRows() throws -> (findings: [CurationFinding], slugs: Set<String>) {
        let rows = try db.fetchAll(
            """
            SELECT kind, slug FROM records r
            WHERE (kind = 'event' AND NOT EXISTS (SELECT 1 FROM historical_events WHERE record_id = r.id))
               OR (kind = 'mechanism' AND NOT EXISTS (SELECT 1 FROM mechanisms WHERE record_id = r.id))
               OR (kind = 'claim' AND NOT EXISTS (SELECT 1 FROM clinical_claims WHERE record_id = r.id))
            ORDER BY slug
            """
        ) { (try $0.text(0), try $0.text(1)) }
        let findings = rows.map { kind, slug in
            finding(
                .error, .typedRow, "\(kind) \(slug)", "has no row in its typed table; it was written around the library", table: "records",
                key: slug)
        }
        return (findings, Set(rows.map(\.1)))
    }

    /// What the relations trigger refuses: a predicate linking kinds it does not, a symmetric
    /// relation stored both ways, a chain that loops back on itself.
    private func relationRules() throws -> [CurationFinding] {
        let edges = try db.fetchAll(
            """
            SELECT rel.id, s.slug, rel.predicate, o.slug, s.kind, o.kind,
                   EXISTS (SELECT 1 FROM relation_rules rule WHERE rule.predicate = rel.predicate
                             AND rule.subject_kind = s.kind AND rule.object_kind = o.kind)
            FROM relations rel JOIN records s ON s.id = rel.subject_record_id JOIN records o ON o.id = rel.object_record_id
            ORDER BY s.slug, rel.predicate, o.slug, rel.id
            """
        ) { row in
            (
                id: try row.int64(0), subject: try row.text(1), predicate: try row.text(2), object: try row.text(3),
                subjectKind: try row.text(4), objectKind: try row.text(5), allowed: try row.bool(6)
            )
        }
        var findings: [CurationFinding] = []
        var seen: Set<[String]> = []
        for edge in edges {
            let key = "\(edge.subject) \(edge.predicate) \(edge.object)"
            func add(_ message: String) {
                findings.append(finding(.error, .relationRule, "relation \(key)", message, table: RelationColumn.table, key: key))
            }
            if !edge.allowed {
                add("\(edge.predicate) does not link a \(edge.subjectKind) to a \(edge.objectKind) (see relation_rules)")
            }
            if let predicate = RelationPredicate(rawValue: edge.predicate), predicate.isSymmetric,
                seen.contains([edge.object, edge.predicate, edge.subject])
            {
                add("the reverse of this symmetric relation is stored too; keep one")
            }
            seen.insert([edge.subject, edge.predicate, edge.object])
        }
        // Every chain of an acyclic predicate, followed from each record: a record that reaches
        // itself closes a cycle, reported once per cycle at its smallest slug.
        let acyclic = Set(try db.fetchAll("SELECT DISTINCT predicate FROM relation_rules WHERE is_acyclic", []) { try $0.text(0) })
        for predicate in acyclic.sorted() {
            var next: [String: [String]] = [:]
            for edge in edges where edge.predicate == predicate { next[edge.subject, default: []].append(edge.object) }
            var reported: Set<String> = []
            for start in next.keys.sorted() {
                guard let cycle = Self.cycle(from: start, next: next), cycle.min() == start, reported.insert(start).inserted else {
                    continue
                }
                let path = (cycle + [start]).joined(separator: " → ")
                findings.append(
                    finding(
                        .error, .relationRule, "relation cycle \(start)", "\(predicate) relations loop back: \(path)",
                        table: RelationColumn.table,
                        key: start))
            }
        }
        return findings
    }

    /// A path of records from `start` back to it, if there is one.
    private static func cycle(from start: String, next: [String: [String]]) -> [String]? {
        var stack: [(String, [String])] = [(start, [start])]
        var visited: Set<String> = []
        while let (node, path) = stack.popLast() {
            for target in next[node] ?? [] {
                if target == start { return path }
                if visited.insert(target).inserted { stack.append((target, path + [target])) }
            }
        }
        return nil
    }

    /// What each citation says, for a curator: hedges under an established record, and the
    /// known defects of the source it crosses. (Whether it is verbatim is the row checks'.)
    private func citations() throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        // Defects whose kind this build cannot read are the row checks' to report; skip them here.
        let defects = Dictionary(
            grouping: try db.fetchAll(
                "SELECT s.slug, d.kind, d.start_offset, d.end_offset, d.exact, d.intended, d.note FROM source_defects d JOIN sources s ON s.id = d.source_id"
            ) { row -> SourceDefect? in
                guard let kind = SourceDefectKind(rawValue: try row.text(1)) else { return nil }
                return SourceDefect(
                    source: try row.text(0), kind: kind, start: try row.int(2), end: try row.int(3), exact: try row.text(4),
                    intended: try row.optionalText(5), note: try row.optionalText(6))
            }.compactMap { $0 }, by: \.source)
        let cursor = try db.cursor(
            """
            SELECT c.id, r.slug, r.kind, r.certainty, s.slug, c.exact, c.start_offset, c.end_offset, c.hedge_review
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
            let start = try row.int(6)
            let end = try row.int(7)
            let subject = "\(kind) \(slug)"
            let location = "citation \(id) [\(start), \(end)) of source \(source)"
            let overlapping = (defects[source] ?? []).filter { $0.start < end && start < $0.end }
            for defect in overlapping {
                switch defect.kind {
                case .injectedText:
                    findings.append(
                        finding(
                            .warning, .defectOverlap, subject,
                            "\(location) includes injected text \"\(defect.exact)\", which is not the author's; quote around it"))
                case .corruptedWord:
                    findings.append(
                        finding(
                            .notice, .defectOverlap, subject,
                            "\(location) crosses the corrupted word \"\(defect.exact)\" (meant: \"\(defect.intended ?? "?")\"); the quote stays verbatim, the statement uses the word meant"
                        ))
                case .other:
                    findings.append(
                        finding(
                            .notice, .defectOverlap, subject,
                            "\(location) crosses damaged text \"\(defect.exact)\"\(defect.note.map { ": \($0)" } ?? "")"))
                }
            }
            let review = try row.optionalText(8)
            if certainty == Certainty.established.rawValue || review != nil {
                let reading = Self.intendedReading(exact, start: start, defects: overlapping)
                let cues = HedgeLexicon.cues(in: reading)
                if let review, cues.isEmpty {
                    findings.append(
                        finding(
                            .notice, .overclaiming, subject,
                            "\(location) carries a hedge review (\(review)), but the quote uses no hedge word; remove the note, or keep it if the lexicon misses a hedge there"
                        ))
                } else if certainty != Certainty.established.rawValue {
                    // A review under a record that claims no more than its quotes: nothing to say.
                } else if let review {
                    findings.append(
                        finding(
                            .notice, .overclaiming, subject,
                            "\(location) uses \(cues.map { "\"\($0)\"" }.joined(separator: ", ")), reviewed by a curator: \(review)"))
                } else if !cues.isEmpty {
                    hedged[slug, default: (kind, [])].cues.formUnion(cues)
                }
            }
        }
        for (slug, value) in hedged.sorted(by: { $0.key < $1.key }) {
            findings.append(
                finding(
                    .warning, .overclaiming, "\(value.kind) \(slug)",
                    "stated as established, but its quotes hedge (\(value.cues.sorted().map { "\"\($0)\"" }.joined(separator: ", "))); lower the certainty to probable or possible, or record on the quote why the words do not hedge this record (hedge_review)"
                ))
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
            """
        ) { row in
            finding(
                .error, .publishedUncited, "\(try row.text(0)) \(try row.text(1))",
                "is published but cites nothing, so its export would not import; add a quote or set it to draft",
                table: "records", key: try row.text(1))
        }
    }

    private func mechanismCertainty() throws -> [CurationFinding] {
        try db.fetchAll(
            """
            SELECT r.slug FROM mechanisms m JOIN records r ON r.id = m.record_id
            WHERE m.role = 'hypothesised' AND r.certainty = 'established' ORDER BY r.slug
            """
        ) { row in
            finding(
                .warning, .hypothesisCertainty, "mechanism \(try row.text(0))",
                "is hypothesised yet stated as established; one of the two is wrong")
        }
    }

    /// A claim's evidence level above not assessed stands on a study it cites: a quoted source,
    /// or a reference of its evidence, of a study kind (``SourceKind/isStudy``).
    private func evidenceLevels() throws -> [CurationFinding] {
        let studyKinds = SourceKind.allCases.filter(\.isStudy).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try db.fetchAll(
            """
            SELECT r.slug, c.evidence_level FROM clinical_claims c JOIN records r ON r.id = c.record_id
            WHERE c.evidence_level <> 'not_assessed' AND NOT EXISTS (
              SELECT 1 FROM citations ci JOIN sources s ON s.id = ci.source_id
              WHERE ci.record_id = r.id AND s.kind IN (\(studyKinds)))
              AND NOT EXISTS (
              SELECT 1 FROM claim_evidence ev JOIN bibliographic_references b ON b.id = ev.reference_id
              WHERE ev.record_id = r.id AND b.kind IN (\(studyKinds)))
            ORDER BY r.slug
            """
        ) { row in
            finding(
                .warning, .evidenceLevel, "claim \(try row.text(0))",
                "has evidence level \(try row.text(1)) but cites no study; quote a study source, add a study reference (a trial, review or other study by DOI, PMID, ISBN or URL) to its evidence, or set it to not_assessed"
            )
        }
    }

    /// The search index holds, for every record that is not deprecated, exactly what the
    /// triggers would write. It is derived data, rebuilt by any import, so a difference is a
    /// warning.
    private func searchIndex() throws -> [CurationFinding] {
        let missing = try db.fetchAll(
            """
            SELECT kind, slug FROM records r
            WHERE status <> 'deprecated' AND NOT EXISTS (SELECT 1 FROM search_index WHERE rowid = r.id) ORDER BY slug
            """
        ) { row in
            finding(
                .warning, .searchIndex, "\(try row.text(0)) \(try row.text(1))", "is missing from the search index; search cannot find it",
                table: "search_index", key: try row.text(1))
        }
        let differing = try db.fetchAll(
            """
            SELECT rowid, coalesce((SELECT kind || ' ' || slug FROM records WHERE id = stale.rowid), 'row ' || rowid) FROM (
              SELECT rowid, title, statement, quotes, entity_terms, kind FROM search_index
              EXCEPT SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents) AS stale
            ORDER BY rowid
            """
        ) { row in
            finding(
                .warning, .searchIndex, try row.text(1),
                "the search index holds text this record does not have (it was edited by hand, or the record is deprecated or gone); search results for it are wrong",
                table: "search_index", key: "row \(try row.int64(0))")
        }
        // The row 0 outlives its load only when a commit ran with foreign keys off (the stock
        // sqlite3 shell): the search triggers then note records instead of indexing them.
        let pending = try db.fetchAll("SELECT record_id FROM search_index_pending WHERE record_id = 0") { _ in
            finding(
                .warning, .searchIndex, "search_index_pending",
                "holds the row 0, left by a load committed with foreign keys off: the search index no longer follows edits; delete its rows (DELETE FROM search_index_pending) and re-import, or edit the records again",
                table: "search_index_pending", key: "row 0")
        }
        return missing + differing + pending
    }

    /// Columns that describe the database rather than its content — timestamps, versions,
    /// seed ownership, the audit log — hold values within their rules. An import rebuilds them,
    /// so a broken one is a warning.
    private func bookkeeping() throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        for table in ContentTables.all {
            let columns = table.columns.filter { column in
                guard column.field == nil, table.name != RecordColumn.table || column.name != RecordColumn.kind.name else { return false }
                switch column.rule {
                case .rowID, .parent, .reference: return false
                default: return true
                }
            }
            guard !columns.isEmpty else { continue }
            let hasSlug = table.columns.contains { $0.name == "slug" }
            let key = hasSlug ? "slug" : table.columns.contains { $0.rule == .rowID } ? "'row ' || rowid" : "'record ' || record_id"
            let sql = "SELECT \(key), \(columns.map(\.name).joined(separator: ", ")) FROM \(table.name) ORDER BY rowid"
            let cursor = try db.cursor(sql)
            while let row = try cursor.next() {
                let rowKey = try row.text(0)
                var values: [String: SQLValue] = [:]
                for (index, column) in columns.enumerated() {
                    let value = try row.value(index + 1)
                    values[column.name] = value
                    for issue in column.issues(value, field: column.name) {
                        findings.append(
                            finding(
                                .warning, .bookkeeping, "\(table.name) \(rowKey)", issue.description, table: table.name, key: rowKey))
                    }
                }
                if case .text(let created)? = values["created_at"], case .text(let updated)? = values["updated_at"], updated < created {
                    findings.append(
                        finding(
                            .warning, .bookkeeping, "\(table.name) \(rowKey)", "updated_at is before created_at (\(created))",
                            table: table.name,
                            key: rowKey))
                }
            }
        }
        return findings
    }
}
