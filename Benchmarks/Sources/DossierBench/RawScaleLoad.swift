import CBenchSQLite
import Foundation

/// The hand-written reference for the import: the same rows a claim import writes (records,
/// clinical_claims, record_entities, citations cut from the source text by SQLite) into the same
/// migrated schema, every trigger on, in one transaction with prepared statements.
///
/// It copies the shipped claims' stored rows under the corpus's slugs, so it measures SQLite and
/// the schema alone: no file is read or parsed. Two ways: a row at a time (``run(path:claims:)``),
/// and set-based (``runSetBased(path:claims:)``), the new slugs staged in a temporary table and
/// each table filled by one INSERT…SELECT: the schema's triggers cost several times less per
/// row in one statement than in a statement per row.
struct RawScaleLoad {
    /// One shipped claim's stored rows, as protected copies of SQLite's values.
    private struct Template {
        var slug: String
        var record: [OpaquePointer]
        var claim: [OpaquePointer]
        var entities: [Int64]
        var citations: [[OpaquePointer]]
    }

    private static let recordColumns = "slug, kind, title, statement, certainty, status, deprecation_reason"
    private static let claimColumns = """
        intervention_entity_id, indication_entity_id, population, outcome, onset_text, onset_lower_unit, onset_upper_unit,
        comparator_entity_id, comparator_text, comparator_onset_text, comparator_onset_unit, evidence_level
        """

    /// Loads `claims` claims into `path`, a migrated database that holds the shipped dossier,
    /// whose claims are the templates (and are deleted first, since the corpus reuses their
    /// slugs). Returns the seconds of the load alone and the claim count afterwards.
    static func run(path: String, claims: Int) throws -> (seconds: Double, claims: Int) {
        let raw = try RawImplementation(path: path, workload: Workload(rows: 1, lookups: 1, searches: 1))
        let templates = try readTemplates(raw)
        defer {
            for template in templates {
                (template.record + template.claim + template.citations.flatMap { $0 }).forEach { sqlite3_value_free($0) }
            }
        }
        try raw.exec("DELETE FROM records WHERE kind = 'claim'")
        let record = try raw.prepare(
            "INSERT INTO records(\(recordColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        let claim = try raw.prepare(
            "INSERT INTO clinical_claims(record_id, \(claimColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
        let link = try raw.prepare("INSERT INTO record_entities(record_id, entity_id) VALUES (?1, ?2)")
        // As the library does: the quote and its context are cut from the stored text.
        let cite = try raw.prepare(
            """
            INSERT INTO citations(record_id, source_id, source_sha256, exact, prefix, suffix, start_offset, end_offset, note, hedge_review)
            SELECT ?1, id, text_sha256, substr(text, ?3 + 1, ?4 - ?3), substr(text, max(1, ?3 - 31), min(?3, 32)), substr(text, ?4 + 1, 32),
                   ?3, ?4, ?5, ?6
            FROM sources WHERE id = ?2
            """)
        defer { [record, claim, link, cite].forEach { sqlite3_finalize($0) } }

        let start = DispatchTime.now().uptimeNanoseconds
        try raw.exec("BEGIN IMMEDIATE")
        for index in 0..<claims {
            let template = templates[index % templates.count]
            let copy = index / templates.count
            let slug = copy == 0 ? template.slug : "\(template.slug)-\(copy)"
            sqlite3_bind_text(record, 1, slug, -1, bench_sqlite_transient())
            for (offset, value) in template.record.enumerated().dropFirst() { sqlite3_bind_value(record, Int32(offset + 1), value) }
            try raw.step(record)
            sqlite3_reset(record)
            let id = sqlite3_last_insert_rowid(raw.db)
            sqlite3_bind_int64(claim, 1, id)
            for (offset, value) in template.claim.enumerated() { sqlite3_bind_value(claim, Int32(offset + 2), value) }
            try raw.step(claim)
            sqlite3_reset(claim)
            for entity in template.entities {
                sqlite3_bind_int64(link, 1, id)
                sqlite3_bind_int64(link, 2, entity)
                try raw.step(link)
                sqlite3_reset(link)
            }
            for citation in template.citations {
                sqlite3_bind_int64(cite, 1, id)
                for (offset, value) in citation.enumerated() { sqlite3_bind_value(cite, Int32(offset + 2), value) }
                try raw.step(cite)
                sqlite3_reset(cite)
            }
        }
        try raw.exec("COMMIT")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        let count = try raw.prepare("SELECT count(*) FROM clinical_claims")
        defer { sqlite3_finalize(count) }
        try raw.step(count)
        return (seconds, Int(sqlite3_column_int64(count, 0)))
    }

    /// The same rows, set-based: the slugs go into a temporary table, then one INSERT…SELECT per
    /// table joins them to the templates (copied to temporary tables beforehand, untimed).
    static func runSetBased(path: String, claims: Int) throws -> (seconds: Double, claims: Int) {
        let raw = try RawImplementation(path: path, workload: Workload(rows: 1, lookups: 1, searches: 1))
        let prefixed = { (alias: String, columns: String) in
            columns.split(separator: ",").map { alias + "." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        }
        try raw.exec(
            """
            CREATE TEMP TABLE template_claims AS
              SELECT row_number() OVER (ORDER BY r.slug) - 1 AS template, r.id AS record_id, \(prefixed("r", recordColumns)),
                     \(prefixed("c", claimColumns))
              FROM records r JOIN clinical_claims c ON c.record_id = r.id;
            CREATE TEMP TABLE template_links AS
              SELECT t.template, re.entity_id FROM temp.template_claims t JOIN record_entities re ON re.record_id = t.record_id;
            CREATE TEMP TABLE template_citations AS
              SELECT t.template, q.id AS citation, q.source_id, q.start_offset, q.end_offset, q.note, q.hedge_review
              FROM temp.template_claims t JOIN citations q ON q.record_id = t.record_id;
            CREATE TEMP TABLE staged(n INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, template INTEGER NOT NULL);
            DELETE FROM records WHERE kind = 'claim';
            """)
        let count = try raw.prepare("SELECT count(*) FROM temp.template_claims")
        try raw.step(count)
        let templates = Int(sqlite3_column_int64(count, 0))
        sqlite3_finalize(count)
        guard templates > 0 else { throw RawImplementation.Failure(description: "the database holds no claim to copy") }
        let slugs = try raw.prepare("SELECT slug FROM temp.template_claims ORDER BY template")
        var templateSlugs: [String] = []
        while sqlite3_step(slugs) == SQLITE_ROW { templateSlugs.append(sqlite3_column_text(slugs, 0).map { String(cString: $0) } ?? "") }
        sqlite3_finalize(slugs)
        let stage = try raw.prepare("INSERT INTO temp.staged(n, slug, template) VALUES (?1, ?2, ?3)")
        defer { sqlite3_finalize(stage) }

        let start = DispatchTime.now().uptimeNanoseconds
        try raw.exec("BEGIN IMMEDIATE")
        for index in 0..<claims {
            let template = index % templates
            let copy = index / templates
            sqlite3_bind_int64(stage, 1, Int64(index))
            sqlite3_bind_text(
                stage, 2, copy == 0 ? templateSlugs[template] : "\(templateSlugs[template])-\(copy)", -1, bench_sqlite_transient())
            sqlite3_bind_int64(stage, 3, Int64(template))
            try raw.step(stage)
            sqlite3_reset(stage)
        }
        try raw.exec(
            """
            INSERT INTO records(\(recordColumns))
              SELECT s.slug, \(prefixed("t", recordColumns).split(separator: ",").dropFirst().joined(separator: ","))
              FROM temp.staged s JOIN temp.template_claims t USING (template) ORDER BY s.n;
            INSERT INTO clinical_claims(record_id, \(claimColumns))
              SELECT r.id, \(prefixed("t", claimColumns))
              FROM temp.staged s JOIN temp.template_claims t USING (template) JOIN records r ON r.slug = s.slug ORDER BY s.n;
            INSERT INTO record_entities(record_id, entity_id)
              SELECT r.id, l.entity_id FROM temp.staged s JOIN temp.template_links l USING (template) JOIN records r ON r.slug = s.slug
              ORDER BY s.n;
            INSERT INTO citations(record_id, source_id, source_sha256, exact, prefix, suffix, start_offset, end_offset, note, hedge_review)
              SELECT r.id, src.id, src.text_sha256, substr(src.text, q.start_offset + 1, q.end_offset - q.start_offset),
                     substr(src.text, max(1, q.start_offset - 31), min(q.start_offset, 32)), substr(src.text, q.end_offset + 1, 32),
                     q.start_offset, q.end_offset, q.note, q.hedge_review
              FROM temp.staged s JOIN temp.template_citations q USING (template) JOIN sources src ON src.id = q.source_id
                JOIN records r ON r.slug = s.slug
              ORDER BY s.n, q.citation;
            COMMIT;
            """)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        let total = try raw.prepare("SELECT count(*) FROM clinical_claims")
        defer { sqlite3_finalize(total) }
        try raw.step(total)
        return (seconds, Int(sqlite3_column_int64(total, 0)))
    }

    /// The shipped claims' rows, in slug order as the export writes them.
    private static func readTemplates(_ raw: RawImplementation) throws -> [Template] {
        let claims = try raw.prepare(
            "SELECT r.id, \(recordColumns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")), "
                + "\(claimColumns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")) "
                + "FROM records r JOIN clinical_claims c ON c.record_id = r.id ORDER BY r.slug")
        let entities = try raw.prepare("SELECT entity_id FROM record_entities WHERE record_id = ? ORDER BY entity_id")
        let citations = try raw.prepare(
            "SELECT source_id, start_offset, end_offset, note, hedge_review FROM citations WHERE record_id = ? ORDER BY id")
        defer { [claims, entities, citations].forEach { sqlite3_finalize($0) } }
        func values(_ statement: OpaquePointer, _ range: Range<Int32>) throws -> [OpaquePointer] {
            try range.map { column in
                guard let value = sqlite3_column_value(statement, column), let copy = sqlite3_value_dup(value) else {
                    throw RawImplementation.Failure(description: "out of memory")
                }
                return copy
            }
        }
        var templates: [Template] = []
        while sqlite3_step(claims) == SQLITE_ROW {
            let id = sqlite3_column_int64(claims, 0)
            let slug = sqlite3_column_text(claims, 1).map { String(cString: $0) } ?? ""
            var template = Template(
                slug: slug, record: try values(claims, 1..<8), claim: try values(claims, 8..<20), entities: [], citations: [])
            sqlite3_bind_int64(entities, 1, id)
            while sqlite3_step(entities) == SQLITE_ROW { template.entities.append(sqlite3_column_int64(entities, 0)) }
            sqlite3_reset(entities)
            sqlite3_bind_int64(citations, 1, id)
            while sqlite3_step(citations) == SQLITE_ROW { template.citations.append(try values(citations, 0..<5)) }
            sqlite3_reset(citations)
            templates.append(template)
        }
        guard !templates.isEmpty else { throw RawImplementation.Failure(description: "the database holds no claim to copy") }
        return templates
    }
}
