import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// The declarations in Swift and the migrated schema say the same thing, column by column:
/// the same tables, columns, types and nullability; the same verdict on every value at a rule's
/// limit and one past it, through raw SQL and through the library's validators; the same
/// vocabularies; audit images of every column.
@Suite("The column declarations and the migrated schema agree")
struct SchemaDeclarationTests {
    /// A migrated database with a row of every table, each optional field set, so that a value
    /// probe changes one column of a row that otherwise keeps every rule.
    static func probeDatabase(path: String? = nil) throws -> ContentDatabase {
        let content = try path.map { try ContentDatabase(path: $0) } ?? ContentDatabase.inMemory()
        try Fixtures.seed(content)
        // Seeded content, for the seed bookkeeping tables.
        try content.seed(
            from: .files([
                "probe.json": """
                {"dossier": "probe", "sources": [{"slug": "probe-source", "title": "Probe", "kind": "other", "text": "A probe text."}],
                 "events": [{"slug": "probe-event", "title": "Probe", "statement": "A probe.", "certainty": "possible",
                             "quotes": [{"exact": "probe text"}]}]}
                """
            ]))
        try content.mechanisms.insert(Fixtures.blockade(), citing: [Quote("a state of dissociation", from: Fixtures.articleSlug)])
        try content.entities.insert(Entity(slug: "glutamate-system", kind: .neurotransmitterSystem, name: "Glutamate system"))
        try content.mechanisms.insert(
            Mechanism(
                RecordInfo(
                    slug: "probe-mechanism", title: "Probe mechanism", statement: "A mechanism with every field.", certainty: .possible,
                    status: .deprecated, deprecationReason: "Merged into another.", about: ["depression"]),
                agent: "ketamine", action: .affects, target: "nmda-receptor", system: "glutamate-system", effect: "an effect",
                role: .contributing))
        var event = Fixtures.battlefield()
        event.place = "Vietnam"
        try content.events.insert(event)
        try content.sources.recordDefect(
            in: Fixtures.articleSlug, kind: .corruptedWord, exact: "attribut", intended: "attributed", note: "A note.")
        try content.entities.insert(
            Entity(slug: "probe-period", kind: .period, name: "Probe period", description: "A period with no bounds."))
        try content.claims.insert(
            ClinicalClaim(
                RecordInfo(slug: "probe-claim", title: "Probe claim", statement: "A claim with every field.", certainty: .possible),
                intervention: "ketamine", indication: "depression", population: "adults", outcome: "relief",
                onset: .init(text: "within hours", lowerUnit: .hours, upperUnit: .days),
                comparator: .init(entity: "antidepressants", text: "older drugs", onsetText: "weeks", onsetUnit: .weeks)),
            citing: [Quote("within hours or days", from: Fixtures.articleSlug, note: "A note.", hedgeReview: "Reviewed.")])
        try content.relations.insert(Relation("probe-claim", .explainedBy, "nmda-blockade", note: "A note."))
        // The review trail, for its own table.
        _ = try content.review(slug: "probe-claim", status: .reviewed, note: "A note.", by: "Probe reviewer")
        try content.pool.write { db in
            try db.execute(
                """
                UPDATE sources SET url = 'https://example.org', publisher = 'P', author = 'A', published_on = '2020',
                  retrieved_on = '2020-01-01' WHERE slug = 'article';
                INSERT INTO bibliographic_references(slug, title, kind, doi, pmid, isbn, url, authors, published_on, seed_set)
                  VALUES ('probe-reference', 'Probe reference', 'trial', '10.1000/probe', '12345', '9780306406157',
                          'https://example.org/reference', 'A. Author', '2006', 'probe');
                INSERT INTO claim_evidence(record_id, reference_id, note)
                  SELECT r.id, b.id, 'A note.' FROM records r, bibliographic_references b
                  WHERE r.slug = 'probe-claim' AND b.slug = 'probe-reference';
                """)
        }
        return content
    }

    // MARK: - Columns

    @Test("a database with every optional field of every table set checks clean, and its export imports and exports identically")
    func everyFieldRoundTrips() throws {
        let content = try Self.probeDatabase()
        #expect(try content.check().errors.isEmpty)
        let export = try content.exportJSON()
        // Every declared field of the record tables appears in the export with a value.
        for column in ClinicalClaimColumn.declarations + MechanismColumn.declarations + RecordColumn.declarations {
            guard let field = column.field, !field.contains("."), column.isNullable else { continue }
            #expect(export.contains("\"\(field)\": \"") || export.contains("\"\(field)\": ["), "\(field) is set somewhere")
        }
        let copy = try ContentDatabase.inMemory()
        try copy.importJSON(export)
        #expect(try copy.exportJSON() == export)
    }

    @Test("every table of the schema is declared, with its columns, types, nullability and defaults")
    func tablesAndColumns() throws {
        let content = try ContentDatabase.inMemory()
        try content.pool.read { db in
            let declared = Dictionary(uniqueKeysWithValues: ContentTables.all.map { ($0.name, $0) })
            let tables = try db.tableNames().filter {
                !$0.hasPrefix("search_index") && $0 != ContentSchema.ledgerTable && !$0.hasPrefix("sqlite_")
            }
            #expect(Set(tables) == Set(declared.keys))
            for table in tables {
                guard let declaration = declared[table] else { continue }
                let columns = try db.columns(of: table).filter { $0.position >= 0 }
                #expect(Set(columns.map(\.name)) == Set(declaration.columns.map(\.name)), "\(table)")
                for column in columns {
                    guard let declared = declaration.columns.first(where: { $0.name == column.name }) else { continue }
                    #expect(column.declaredType == declared.type.rawValue, "\(table).\(column.name) type")
                    // An INTEGER PRIMARY KEY is NOT NULL whatever the pragma says.
                    if column.primaryKeyPosition == 0 || declared.type != .integer
                        || columns.filter({ $0.primaryKeyPosition > 0 }).count > 1
                    {
                        #expect(column.isNotNull == !declared.isNullable, "\(table).\(column.name) nullability")
                    }
                    if let value = declared.defaultValue {
                        #expect(column.defaultValueSQL == value.description, "\(table).\(column.name) default")
                    }
                }
            }
        }
    }

    @Test("every vocabulary the schema lists is the Swift enum's, value for value")
    func vocabularies() throws {
        let content = try ContentDatabase.inMemory()
        try content.pool.read { db in
            for table in ContentTables.all {
                let sql =
                    try db.fetchOne("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(table.name)]) {
                        try $0.text(0)
                    } ?? ""
                for column in table.columns {
                    guard case .vocabulary(let vocabulary) = column.rule else { continue }
                    let literals = Self.literals(comparedWith: column.name, in: sql)
                    #expect(
                        literals.isSubset(of: Set(vocabulary.values)),
                        "\(table.name).\(column.name): \(literals.subtracting(vocabulary.values))")
                    #expect(
                        Set(vocabulary.values).isSubset(of: literals),
                        "\(table.name).\(column.name): \(Set(vocabulary.values).subtracting(literals))")
                }
            }
            // Which predicates link which kinds: every predicate and kind of relation_rules is declared.
            let rules = try db.fetchAll("SELECT predicate, subject_kind, object_kind FROM relation_rules") {
                [try $0.text(0), try $0.text(1), try $0.text(2)]
            }
            #expect(Set(rules.map { $0[0] }).isSubset(of: RelationPredicate.allCases.map(\.rawValue)))
            #expect(Set(rules.flatMap { $0[1...] }).isSubset(of: RecordKind.allCases.map(\.rawValue)))
        }
    }

    /// The string literals a table's SQL compares a column with (`col = 'x'`, `col IN ('x', 'y')`).
    static func literals(comparedWith column: String, in sql: String) -> Set<String> {
        var found: Set<String> = []
        let equal = try? Regex("\\b\(column)\\s*(?:=|<>)\\s*'([^']*)'")
        let list = try? Regex("\\b\(column)\\s+IN\\s*\\(([^)]*)\\)")
        if let equal {
            for match in sql.matches(of: equal) {
                if let literal = match.output[1].substring { found.insert(String(literal)) }
            }
        }
        if let list {
            for match in sql.matches(of: list) {
                guard let inner = match.output[1].substring else { continue }
                for item in inner.split(separator: ",") {
                    let trimmed = item.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("'") && trimmed.hasSuffix("'") { found.insert(String(trimmed.dropFirst().dropLast())) }
                }
            }
        }
        return found
    }

    // MARK: - Values at the limits

    /// How a value is written into a column through raw SQL, and why some columns are not
    /// probed this way.
    enum Probe {
        /// `UPDATE <table> SET <column> = ?1<also> WHERE <row>`.
        case update(row: String, also: String)
        /// `INSERT INTO <table>(…) SELECT …` copying a row with the column replaced.
        case insertCopy(row: String)
        /// Not probed here, for the reason given (and tested where the reason says).
        case skipped(String)
    }

    static func probe(table: String, column: String, rule: ColumnRule) -> Probe {
        let first = "rowid = (SELECT min(rowid) FROM \(table))"
        switch rule {
        case .rowID, .parent, .reference:
            return .skipped("a row id or a key of another row: foreign keys and the library's writes set it")
        default: break
        }
        switch (table, column) {
        case ("sources", "text"), ("sources", "text_sha256"), ("sources", "text_length"):
            return .skipped("a source's text is immutable; its rules are probed by inserting sources (sourceTexts)")
        case ("citations", _) where ["exact", "prefix", "suffix", "start_offset", "end_offset", "source_sha256"].contains(column):
            return .skipped("anchored to the source text by trigger: probed by citationAnchors")
        case ("source_defects", _) where ["exact", "start_offset", "end_offset"].contains(column):
            return .skipped("anchored to the source text by trigger: probed by citationAnchors")
        case ("historical_events", _)
        where ["date_edtf", "earliest", "latest", "precision", "is_approximate", "is_uncertain"].contains(column):
            return .skipped("derived from the EDTF value or the period and tied together by CHECKs: probed by eventDates")
        case ("dossiers", "slug"):
            return .skipped("immutable by trigger (the dossier's rows name it); its rule is the CHECK every slug has")
        case ("entity_definitions", "dossier"):
            return .skipped("the slug of a dossiers row, by foreign key; its rule is the CHECK every slug has")
        case ("dossiers", "created_at"):
            return .update(row: first, also: "")
        case ("relations", "predicate"), ("records", "kind"):
            return .skipped("immutable by trigger; its vocabulary is compared literally (vocabularies)")
        case ("entity_aliases", _):
            // WITHOUT ROWID: the row is found by its key.
            return .update(row: "alias = (SELECT min(alias) FROM entity_aliases)", also: "")
        case ("entity_identifiers", _):
            return .skipped("the value's shape depends on the scheme: probed by identifierShapes")
        case ("records", "updated_at"):
            return .update(row: first, also: ", created_at = '0001-01-01T00:00:00.000Z', version = version + 1")
        case ("records", "created_at"):
            return .update(row: first, also: ", updated_at = '9999-12-31T23:59:59.999Z', version = version + 1")
        case (_, "created_at"):
            return table == "relations"
                ? .update(row: first, also: "") : .update(row: first, also: ", updated_at = '9999-12-31T23:59:59.999Z'")
        case (_, "updated_at"):
            // Not a change of content: no new version.
            return .update(row: first, also: ", created_at = '0001-01-01T00:00:00.000Z'")
        case ("records", "version"):
            return .skipped("must rise by exactly one per update, by trigger: probed by the repository tests")
        case ("records", "status"):
            return .update(row: first, also: ", deprecation_reason = CASE WHEN ?1 = 'deprecated' THEN 'Gone.' END, version = version + 1")
        case ("records", "deprecation_reason"):
            return .update(row: first, also: ", status = 'deprecated', version = version + 1")
        case ("records", _):
            return .update(row: first, also: ", version = version + 1")
        case ("source_defects", "kind"):
            return .skipped("tied to intended by CHECKs (a corrupted word has one, injected text none): compared literally")
        case ("source_defects", "intended"):
            return .update(row: "rowid = (SELECT min(rowid) FROM source_defects WHERE kind = 'corrupted_word')", also: "")
        case ("entities", "kind"):
            return .update(row: "rowid = (SELECT min(rowid) FROM entities WHERE slug = 'probe-period')", also: "")
        case ("entities", "period_start"), ("entities", "period_end"):
            return .update(row: "rowid = (SELECT min(rowid) FROM entities WHERE slug = 'probe-period')", also: "")
        case ("clinical_claims", "onset_lower_unit"):
            // From the lower unit to the upper one, never backwards.
            return .update(row: "record_id = (SELECT id FROM records WHERE slug = 'probe-claim')", also: ", onset_upper_unit = 'years'")
        case ("clinical_claims", "onset_upper_unit"):
            return .update(row: "record_id = (SELECT id FROM records WHERE slug = 'probe-claim')", also: ", onset_lower_unit = 'minutes'")
        case ("clinical_claims", _), ("citations", _):
            return .update(row: "record_id = (SELECT id FROM records WHERE slug = 'probe-claim')", also: "")
        case ("audit_log", "operation"):
            return .skipped("tied to which images a row has by CHECKs: compared literally (vocabularies)")
        case ("audit_seals", _):
            return .skipped("a seal must extend the chain past the last one, so its trigger refuses every copy: compared literally")
        case ("seed_runs", _), ("audit_log", _), ("reviews", _):
            return .insertCopy(row: table == "audit_log" ? "operation = 'update'" : "1")
        case ("relations", "subject_record_id"), ("relations", "object_record_id"):
            return .skipped("immutable by trigger; references are foreign keys")
        default:
            return .update(row: first, also: "")
        }
    }

    /// Whether raw SQL accepts `value` in the column: `nil` when the statement failed for a
    /// reason other than a rule (which fails the test).
    static func schemaAccepts(_ db: DatabaseConnection, table: TableDeclaration, column: ColumnDeclaration, value: SQLValue, probe: Probe)
        throws -> Bool
    {
        let sql: String
        switch probe {
        case .skipped: return false
        case .update(let row, let also):
            sql = "UPDATE \(table.name) SET \(column.name) = ?1\(also) WHERE \(row)"
        case .insertCopy(let row):
            let names = table.columns.filter { $0.rule != .rowID }.map(\.name)
            let values = names.map { $0 == column.name ? "?1" : $0 }
            sql =
                "INSERT INTO \(table.name)(\(names.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) FROM \(table.name) WHERE \(row) LIMIT 1"
        }
        return try accepts(db) {
            try db.execute(sql, [value])
            guard db.changedRowCount == 1 else { throw ProbeMissedRow(sql: sql) }
        }
    }

    /// A value for a message: long ones cut.
    static func short(_ value: SQLValue) -> String {
        let text = value.description
        return text.count > 60 ? "\(text.prefix(50))… (\(text.count) characters)" : text
    }

    struct Rollback: Error {}

    /// Whether the schema lets `write` through: it runs in a savepoint that is always rolled
    /// back; a constraint failure is a refusal, any other error fails the test.
    static func accepts(_ db: DatabaseConnection, _ write: () throws -> Void) throws -> Bool {
        do {
            try db.savepoint {
                try write()
                throw Rollback()
            }
        } catch is Rollback {
            return true
        } catch let error as DatabaseError where error.isConstraintViolation {
            return false
        }
        return true
    }

    struct ProbeMissedRow: Error, CustomStringConvertible {
        var sql: String
        var description: String { "the probe statement changed no row: \(sql)" }
    }

    @Test("every column, at its rule's limits and one past them: raw SQL and the library give the same verdict")
    func valuesAtTheLimits() throws {
        let content = try Self.probeDatabase()
        var probed = 0
        var skipped: [String] = []
        try content.pool.write { db in
            for table in ContentTables.all {
                for column in table.columns {
                    let probes = ColumnProbes(column)
                    let probe = Self.probe(table: table.name, column: column.name, rule: column.rule)
                    if case .skipped(let reason) = probe {
                        skipped.append("\(table.name).\(column.name): \(reason)")
                        continue
                    }
                    for (value, expected) in probes.valid.map({ ($0, true) }) + probes.invalid.map({ ($0, false) }) {
                        let library = column.issues(value).isEmpty
                        #expect(library == expected, "library on \(table.name).\(column.name) = \(Self.short(value))")
                        let schema = try Self.schemaAccepts(db, table: table, column: column, value: value, probe: probe)
                        #expect(schema == expected, "schema on \(table.name).\(column.name) = \(Self.short(value))")
                        probed += 1
                    }
                    for value in probes.libraryOnly {
                        #expect(!column.issues(value).isEmpty, "library on \(table.name).\(column.name) = \(value)")
                    }
                }
            }
        }
        print("schema comparison: \(probed) values probed through raw SQL and the library; not probed here: \(skipped.count) columns")
        #expect(probed > 600)
    }

    @Test("source texts: the library's rules and the schema's, on inserted sources")
    func sourceTexts() throws {
        let content = try Self.probeDatabase()
        let column = SourceColumn.text.declaration
        let probes = ColumnProbes(column)
        try content.pool.write { db in
            for (value, expected) in probes.valid.map({ ($0, true) }) + probes.invalid.map({ ($0, false) }) where value != .null {
                #expect(column.issues(value).isEmpty == expected, "library on \(value)")
                let schema = try Self.accepts(db) {
                    try db.execute(
                        "INSERT INTO sources(slug, title, kind, text, text_sha256, text_length) VALUES ('probe', 'Probe', 'other', ?1, ?2, length(?1))",
                        [value, .text(String(repeating: "0", count: 64))])
                }
                #expect(schema == expected, "schema on \(value)")
            }
        }
    }

    @Test("quotes and defects: the library's rules and the schema's, on quotes anchored in a text made to hold them")
    func citationAnchors() throws {
        let content = try Self.probeDatabase()
        let exact = CitationColumn.exact.declaration
        try content.pool.write { db in
            let recordID = try #require(try db.fetchOne("SELECT id FROM records WHERE slug = 'probe-claim'") { try $0.int64(0) })
            for (value, expected) in ColumnProbes(exact).valid.map({ ($0, true) }) + ColumnProbes(exact).invalid.map({ ($0, false) }) {
                guard case .text(let quote) = value, !quote.isEmpty else { continue }
                #expect(exact.issues(value).isEmpty == expected, "library on \(value)")
                // A text that holds the quote between two markers, so that the anchor trigger agrees.
                let text = "<" + quote + ">"
                let sha = SHA256.hexDigest(of: text)
                let schema = try Self.accepts(db) {
                    try db.execute(
                        "INSERT INTO sources(slug, title, kind, text, text_sha256, text_length) VALUES ('anchor', 'Anchor', 'other', ?1, ?2, length(?1))",
                        [.text(text), .text(sha)])
                    try db.execute(
                        """
                        INSERT INTO citations(record_id, source_id, source_sha256, exact, prefix, suffix, start_offset, end_offset)
                        VALUES (?1, last_insert_rowid(), ?2, ?3, '<', '>', 1, 1 + length(?3))
                        """, [.integer(recordID), .text(sha), value])
                }
                #expect(schema == expected, "schema on \(value)")
            }
        }
    }

    // MARK: - Audit images

    @Test("every audit image, of inserts, updates and deletes, holds every column of its table but a source's text")
    func auditImages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("audit.sqlite")
        _ = try Self.probeDatabase(path: path)
        // The stock shell's settings: foreign keys off, so that any row can be deleted.
        var configuration = ContentDatabase.configuration
        configuration.foreignKeysEnabled = false
        let db = try DatabaseConnection(path: path, configuration: configuration)
        func keys(_ sql: String, _ table: String) throws -> Set<String> {
            Set(try db.fetchAll("SELECT key FROM json_each((\(sql)))", [.text(table)]) { try $0.text(0) })
        }
        for table in ContentTables.content where table.isAudited {
            let expected = Set(table.columns.filter { $0.audit == .included }.map(\.name))
            let latest = "SELECT %@ FROM audit_log WHERE table_name = ?1 AND operation = '%@' ORDER BY id DESC LIMIT 1"
            #expect(try keys(String(format: latest, "new_values", "insert"), table.name) == expected, "\(table.name) insert")
            let key =
                table.columns.contains { $0.rule == .rowID }
                ? "rowid = (SELECT min(rowid) FROM \(table.name))"
                : "\(table.columns[0].name) = (SELECT min(\(table.columns[0].name)) FROM \(table.name))"
            // A relation's ends and predicate never change: its note does.
            let column = table.name == RelationColumn.table ? "note" : table.columns.first { $0.rule != .rowID }?.name ?? ""
            let bump = table.name == RecordColumn.table ? ", version = version + 1" : ""
            do {
                try db.savepoint {
                    try db.execute("UPDATE \(table.name) SET \(column) = \(column)\(bump) WHERE \(key)")
                    #expect(try keys(String(format: latest, "old_values", "update"), table.name) == expected, "\(table.name) update, old")
                    #expect(try keys(String(format: latest, "new_values", "update"), table.name) == expected, "\(table.name) update, new")
                    try db.execute("DELETE FROM \(table.name) WHERE \(key)")
                    #expect(try keys(String(format: latest, "old_values", "delete"), table.name) == expected, "\(table.name) delete")
                    throw Rollback()
                }
            } catch is Rollback {}
        }
        // A change of owner is a change: its images differ (migration 0004's seed_set was missing from them).
        try db.execute("UPDATE entities SET seed_set = 'another' WHERE slug = 'ketamine'")
        let images = try #require(
            try db.fetchOne(
                "SELECT json_extract(old_values, '$.seed_set'), json_extract(new_values, '$.seed_set') FROM audit_log ORDER BY id DESC LIMIT 1"
            ) { (try $0.optionalText(0), try $0.optionalText(1)) })
        #expect(images.0 == nil && images.1 == "another")
    }
}
