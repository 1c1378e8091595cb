internal import DossierDB

/// The checks for what raw SQL can do behind the library's back: a rewritten or deleted audit
/// row, a change that left no audit row, bytes that are not UTF-8, a ledger whose fields were
/// edited.
extension CurationCheck {
    /// The audit chain against its seals, and every content row against its latest audit image.
    func auditTrail() throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        let chain = try AuditChain.verify(db)
        for damaged in chain.breaks {
            findings.append(
                finding(
                    .error, .auditTrail, "audit_log rows \(damaged.after + 1)–\(damaged.through)",
                    "do not hash to the seal written at \(damaged.sealedAt): audit rows in this range were deleted, rewritten or inserted after the fact, so the history of these changes cannot be trusted; restore a backup to see what was there",
                    table: AuditLogColumn.table, key: "\(damaged.after + 1)-\(damaged.through)"))
        }
        if chain.unsealedRows > 0 {
            findings.append(
                finding(
                    .notice, .auditTrail, "audit_log",
                    "\(chain.unsealedRows) audit row(s) are not sealed yet: they were written outside Dossier since its last write (raw SQL), and the next write through Dossier seals them",
                    table: AuditLogColumn.table))
        }
        // The content tables, and the review trail (audited by its insert trigger).
        for table in ContentTables.all {
            guard table.isAudited, let key = table.auditKey else { continue }
            findings += try unauditedChanges(in: table, key: key)
        }
        return findings
    }

    /// Rows that differ from the image of their latest audit row, rows with none, and audit rows
    /// of rows that are gone without a delete: changes made while the audit triggers were
    /// dropped or suppressed (a temporary trigger with `RAISE(IGNORE)` on `audit_log`).
    private func unauditedChanges(in table: TableDeclaration, key: String) throws -> [CurationFinding] {
        let audited = table.columns.filter { $0.audit == .included }
        let label = table.columns.contains { $0.name == "slug" } ? "t.slug" : "'row ' || t.\(key)"
        // The names of the columns that differ, each followed by a space ('' when none).
        let differing = audited.map { column in
            "CASE WHEN json_extract(l.new_values, '$.\(column.name)') IS NOT t.\(column.name) THEN '\(column.name) ' ELSE '' END"
        }.joined(separator: " || ")
        let sql = """
            WITH latest AS (
              SELECT row_id, operation, new_values, max(id) AS last FROM audit_log WHERE table_name = '\(table.name)' GROUP BY row_id)
            SELECT \(label), l.operation, rtrim(\(differing))
            FROM \(table.name) t LEFT JOIN latest l ON l.row_id = t.\(key)
            WHERE l.row_id IS NULL OR l.operation = 'delete' OR (\(differing)) <> ''
            UNION ALL
            SELECT 'row ' || l.row_id, 'gone', NULL FROM latest l
            WHERE l.operation <> 'delete' AND NOT EXISTS (SELECT 1 FROM \(table.name) WHERE \(key) = l.row_id)
            """
        // Columns no export carries (timestamps, versions): an unaudited change to them alone
        // alters no content, so it is a warning.
        let bookkeeping = Set(audited.filter { $0.field == nil }.map(\.name))
        return try db.fetchAll(sql) { row in
            let subject = try row.text(0)
            let message: String
            var severity = CurationFinding.Severity.error
            switch try row.optionalText(1) {
            case nil, "delete":
                message = "has no audit row for its current state: it was written while the audit triggers were dropped or suppressed"
            case "gone":
                message = "was deleted without an audit row: its audit history ends in an insert or update"
            default:
                let columns = (try row.optionalText(2) ?? "").split(separator: " ").map(String.init)
                if !columns.isEmpty, columns.allSatisfy(bookkeeping.contains) { severity = .warning }
                message =
                    "differs from its latest audit image in \(columns.joined(separator: ", ")): it was changed while the audit triggers were dropped or suppressed, so its history is incomplete"
            }
            return finding(
                severity, .auditTrail, "\(table.name) \(subject)",
                message + "; review it, then write it again through Dossier to record it",
                table: table.name, key: subject)
        }
    }

    /// Every text column of every table holds UTF-8 as SQLite stored it. Raw SQL can store any
    /// bytes as TEXT (an overlong encoding passes a GLOB); reading converts them, so the next
    /// export would silently change them.
    func encoding() throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        for table in ContentTables.all {
            let texts = table.columns.filter { $0.type == .text }
            guard !texts.isEmpty else { continue }
            let blobs = texts.map { "CAST(\($0.name) AS BLOB)" }.joined(separator: ", ")
            // Tables WITHOUT ROWID (aliases, identifiers) are named by their first key column.
            let keyColumn = table.columns.contains { $0.name == "id" } ? "id" : table.columns[0].name
            let cursor = try db.cursor("SELECT '\(keyColumn) ' || \(keyColumn), \(blobs) FROM \(table.name) ORDER BY \(keyColumn)")
            while let row = try cursor.next() {
                for (index, column) in texts.enumerated() {
                    guard case .blob(let bytes) = try row.value(index + 1) else { continue }
                    if String(validating: bytes, as: UTF8.self) == nil {
                        let key = try row.text(0)
                        findings.append(
                            finding(
                                .error, .encoding, "\(table.name) \(key)",
                                "\(column.name) holds bytes that are not valid UTF-8 (stored by raw SQL); an export would change them; rewrite the value as text",
                                table: table.name, key: key))
                    }
                }
            }
        }
        return findings
    }

    /// The ledgers field by field: the migration ledger (names, checksum algorithm, times in
    /// order), seed runs in time order, seed marks within the audit log, every dossier named.
    func ledgers() throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        let migrator = try ContentSchema.migrator()
        for problem in try migrator.ledgerProblems(db.connection) {
            findings.append(finding(.error, .ledger, ContentSchema.ledgerTable, problem, table: ContentSchema.ledgerTable))
        }
        let backwards = try db.fetchAll(
            "SELECT b.id, b.at, a.at FROM seed_runs a JOIN seed_runs b ON b.id = (SELECT min(id) FROM seed_runs WHERE id > a.id) WHERE b.at < a.at"
        ) { row in (try row.int64(0), try row.text(1), try row.text(2)) }
        for (id, at, previous) in backwards {
            findings.append(
                finding(
                    .error, .ledger, "seed_runs row \(id)",
                    "is dated \(at), before the run logged before it (\(previous)): the ledger was edited",
                    table: SeedRunColumn.table, key: "row \(id)"))
        }
        let marks = try db.fetchAll(
            """
            SELECT r.slug, s.audit_mark FROM record_seeds s JOIN records r ON r.id = s.record_id
            WHERE s.audit_mark > coalesce((SELECT max(id) FROM audit_log), 0) ORDER BY r.slug
            """
        ) { row in (try row.text(0), try row.int64(1)) }
        for (slug, mark) in marks {
            findings.append(
                finding(
                    .error, .ledger, "record_seeds \(slug)",
                    "marks audit row \(mark), beyond the newest audit row: the mark was edited, and would hide later edits from seeding",
                    table: RecordSeedColumn.table, key: slug))
        }
        // Every dossier that owns rows is named in `dossiers`, or listings and filters miss it.
        let unnamed = try db.fetchAll(
            """
            SELECT seed_set FROM record_seeds UNION SELECT seed_set FROM sources WHERE seed_set IS NOT NULL
            UNION SELECT seed_set FROM entities WHERE seed_set IS NOT NULL UNION SELECT seed_set FROM relations WHERE seed_set IS NOT NULL
            EXCEPT SELECT slug FROM dossiers ORDER BY 1
            """
        ) { try $0.text(0) }
        for name in unnamed {
            findings.append(
                finding(
                    .warning, .ledger, "dossier \(name)",
                    "owns rows but has no row in dossiers, so dossier list dossiers and --dossier \(name) do not see it; seed its files again",
                    table: DossierColumn.table, key: name))
        }
        return findings
    }
}
