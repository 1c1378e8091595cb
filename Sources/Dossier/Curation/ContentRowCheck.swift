internal import DossierDB

/// Judges every stored row exactly as an import of its export would: each object the exporter
/// writes is read back with the seed parser, validated with the writer's rules (quotes and
/// defects located in their texts, references resolved), and encoded again as the import would
/// store it. A problem on the way is an error; a field the import would store differently is a
/// round-trip error. Writes nothing.
struct ContentRowCheck {
    let db: LibraryConnection
    private let writer: ContentWriter
    private let exporter: ContentExporter

    init(db: LibraryConnection) {
        self.db = db
        writer = ContentWriter(db)
        exporter = ContentExporter(db: db)
    }

    /// Every error found, row by row. `skipping` names records (by slug) whose typed row is
    /// missing: another check reports those once.
    func run(skipping incomplete: Set<String>, progress: ContentProgress.Handler? = nil) throws -> [CurationFinding] {
        var findings: [CurationFinding] = []
        var count = 0
        func checked(_ found: [CurationFinding]) {
            findings += found
            count += 1
            progress?(ContentProgress(.checking, completed: count))
        }
        try exporter.forEachSource { checked(try source($0)) }
        try exporter.forEachReference { checked(try reference($0)) }
        try exporter.forEachEntity { checked(try entity($0)) }
        try exporter.forEachRecord(HistoricalEvent.self) { object, _ in
            checked(try record(object, HistoricalEvent.self, skipping: incomplete))
        }
        try exporter.forEachRecord(Mechanism.self) { object, _ in checked(try record(object, Mechanism.self, skipping: incomplete)) }
        try exporter.forEachRecord(ClinicalClaim.self) { object, _ in
            checked(try record(object, ClinicalClaim.self, skipping: incomplete))
        }
        try exporter.forEachRelation { checked(try relation($0)) }
        return findings
    }

    // MARK: - Reading back

    /// A row's object read by `read`, and the problems reading it found, as findings.
    private func parse<T>(
        _ object: JSONObject, subject: String, key: String, table: (String) -> String,
        _ read: (SeedObjectParser, SeedObject) -> T?
    ) -> (T?, [CurationFinding]) {
        let problems = SeedProblems()
        let parser = SeedObjectParser(flavor: .export, bundle: nil, problems: problems)
        let value = read(parser, SeedObject(fields: object, path: "", file: table(""), problems: problems))
        let findings = problems.list.map { problem in
            CurationFinding(
                severity: .error, rule: .content, subject: subject, message: "\(problem.path): \(problem.reason)",
                table: table(problem.path), key: key)
        }
        return (value, findings)
    }

    /// Validation issues as findings, each under the rule its field belongs to.
    private func findings(_ issues: [ValidationIssue], subject: String, key: String, table: (String) -> String) -> [CurationFinding] {
        issues.map { issue in
            CurationFinding(
                severity: .error, rule: Self.rule(forField: issue.field), subject: subject,
                message: ValidationIssue(field: issue.field, rule: issue.rule, value: issue.value).description,
                table: table(issue.field), key: key)
        }
    }

    private static func rule(forField field: String) -> CurationRule {
        if field.hasSuffix("source_sha256") { return .citationHash }
        if field.hasPrefix("quotes[") { return .citationVerbatim }
        if field == "text_sha256" { return .sourceHash }
        if field == "date" || field.hasPrefix("date.") { return .eventDate }
        return .content
    }

    /// Where a stored object and what an import would store differ, field by field.
    private func differences(stored: JSONObject, imported: JSONObject, path: String = "") -> [String] {
        var found: [String] = []
        for key in Set(stored.keys).union(imported.keys).sorted() {
            let field = path.isEmpty ? key : "\(path).\(key)"
            let old = stored[key] ?? .null
            let new = imported[key] ?? .null
            guard old != new else { continue }
            switch (old, new) {
            case (.object(let a), .object(let b)):
                found += differences(stored: a, imported: b, path: field)
            case (.array(let a), .array(let b)) where a.count == b.count:
                for (index, pair) in zip(a, b).enumerated() where pair.0 != pair.1 {
                    if case .object(let x) = pair.0, case .object(let y) = pair.1 {
                        found += differences(stored: x, imported: y, path: "\(field)[\(index)]")
                    } else {
                        found.append("\(field)[\(index)] is \(pair.0.rendered()), an import would store \(pair.1.rendered())")
                    }
                }
            default:
                found.append("\(field) is \(Self.shortened(old)), an import would store \(Self.shortened(new))")
            }
        }
        return found
    }

    private static func shortened(_ value: JSONValue) -> String {
        let text = value.rendered()
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }

    private func roundTrip(_ stored: JSONObject, _ imported: JSONObject, subject: String, key: String, table: String) -> [CurationFinding] {
        differences(stored: stored, imported: imported).map {
            CurationFinding(severity: .error, rule: .roundTrip, subject: subject, message: $0, table: table, key: key)
        }
    }

    /// Runs `body`, turning a validation error into findings.
    private func validating(
        subject: String, key: String, table: (String) -> String, _ body: () throws -> [CurationFinding]
    ) throws -> [CurationFinding] {
        do {
            return try body()
        } catch ContentError.validation(let issues) {
            return findings(issues, subject: subject, key: key, table: table)
        }
    }

    // MARK: - Sources

    private func source(_ object: JSONObject) throws -> [CurationFinding] {
        let key = object["slug"]?.stringValue ?? "?"
        let subject = "source \(key)"
        let table: (String) -> String = { $0.hasPrefix("defects") ? SourceDefectColumn.table : SourceColumn.table }
        let (parsed, problems) = parse(object, subject: subject, key: key, table: table) { $0.source($1) }
        guard let parsed, problems.isEmpty else { return problems }
        var findings = findings(parsed.source.issues, subject: subject, key: key, table: table)
        guard findings.isEmpty else { return findings }
        var imported = ExportEncoding.object(SourceColumn.declarations, SourceColumn.allCases.map { parsed.source.value(of: $0) })
        imported["defects"] = object["defects"]
        findings += roundTrip(object, imported, subject: subject, key: key, table: SourceColumn.table)
        // The defects, located as an import locates them; overlapping ones it would refuse.
        var spans: [(Range<Int>, String)] = []
        for (index, defect) in parsed.defects.enumerated() {
            let field = "defects[\(index)]"
            findings += try validating(subject: subject, key: key, table: table) {
                let located = try writer.locateDefect(defect.value, source: parsed.source.slug, field: field)
                if let overlap = spans.first(where: { $0.0.overlaps(located.start..<located.end) }) {
                    throw ContentError.validation([
                        ValidationIssue(
                            field: field, rule: "overlaps \(overlap.1), another defect of the source", value: located.exact)
                    ])
                }
                spans.append((located.start..<located.end, field))
                var stored = JSONObject()
                if case .object(let fields)? = (object["defects"]?.arrayValue ?? [])[safe: index] { stored = fields }
                var again = ExportEncoding.object(
                    SourceDefectColumn.declarations,
                    SourceDefectColumn.allCases.map { column -> SQLValue in
                        switch column {
                        case .kind: .text(located.kind.rawValue)
                        case .startOffset: .integer(Int64(located.start))
                        case .endOffset: .integer(Int64(located.end))
                        case .exact: .text(located.exact)
                        case .intended: SQLValue(located.intended)
                        case .note: SQLValue(located.note)
                        case .id, .sourceID, .seedSet: .null
                        }
                    })
                // Prefix and suffix only find the defect; where it was found is compared above.
                again["prefix"] = stored["prefix"]
                again["suffix"] = stored["suffix"]
                return differences(stored: stored, imported: again, path: field).map {
                    CurationFinding(
                        severity: .error, rule: .roundTrip, subject: subject, message: $0, table: SourceDefectColumn.table, key: key)
                }
            }
        }
        return findings
    }

    // MARK: - References

    private func reference(_ object: JSONObject) throws -> [CurationFinding] {
        let key = object["slug"]?.stringValue ?? "?"
        let subject = "reference \(key)"
        let table: (String) -> String = { _ in ReferenceColumn.table }
        let (parsed, problems) = parse(object, subject: subject, key: key, table: table) { $0.reference($1) }
        guard let parsed, problems.isEmpty else { return problems }
        let issues = findings(parsed.issues, subject: subject, key: key, table: table)
        guard issues.isEmpty else { return issues }
        let imported = ExportEncoding.object(ReferenceColumn.declarations, ReferenceColumn.allCases.map { parsed.value(of: $0) })
        return roundTrip(object, imported, subject: subject, key: key, table: ReferenceColumn.table)
    }

    /// A claim's evidence item as an import would store it and an export write it.
    static func evidenceObject(_ evidence: ClaimEvidence) -> JSONObject {
        ExportEncoding.object(
            ClaimEvidenceColumn.declarations,
            ClaimEvidenceColumn.allCases.map { column -> SQLValue in
                switch column {
                case .id, .recordID: .null
                case .reference: .text(evidence.reference)
                case .note: SQLValue(evidence.note)
                }
            })
    }

    // MARK: - Entities

    private func entity(_ object: JSONObject) throws -> [CurationFinding] {
        let key = object["slug"]?.stringValue ?? "?"
        let subject = "entity \(key)"
        let table: (String) -> String = { field in
            field.hasPrefix("aliases")
                ? EntityAliasColumn.table : field.hasPrefix("identifiers") ? EntityIdentifierColumn.table : EntityColumn.table
        }
        let (parsed, problems) = parse(object, subject: subject, key: key, table: table) { $0.entity($1) }
        guard let parsed, problems.isEmpty else { return problems }
        let issues = findings(parsed.issues, subject: subject, key: key, table: table)
        guard issues.isEmpty else { return issues }
        var imported = ExportEncoding.object(EntityColumn.declarations, EntityColumn.allCases.map { parsed.value(of: $0) })
        imported["aliases"] = .array(
            parsed.aliases.map { alias in
                .object(ExportEncoding.object(EntityAliasColumn.declarations, EntityAliasColumn.allCases.map { alias.value(of: $0) }))
            })
        imported["identifiers"] = .object(JSONObject(parsed.identifiers.map { ($0.scheme.rawValue, .string($0.value)) }))
        return roundTrip(object, imported, subject: subject, key: key, table: EntityColumn.table)
    }

    // MARK: - Records

    private func record<Record: ContentRecord>(_ object: JSONObject, _ type: Record.Type, skipping incomplete: Set<String>) throws
        -> [CurationFinding]
    {
        let mapping = Record.mapping
        let key = object["slug"]?.stringValue ?? "?"
        guard !incomplete.contains(key) else { return [] }
        let subject = "\(mapping.kind.rawValue) \(key)"
        let table: (String) -> String = { field in
            let top = String(field.prefix { $0 != "." && $0 != "[" })
            if top == "quotes" { return CitationColumn.table }
            if top == "about" { return RecordEntityColumn.table }
            if top == "evidence" { return ClaimEvidenceColumn.table }
            if RecordColumn.declarations.contains(where: { $0.field == top }) { return RecordColumn.table }
            return mapping.table
        }
        let (parsed, problems) = parse(object, subject: subject, key: key, table: table) {
            $0.record($1, Record.self, defaultSource: nil)
        }
        guard let parsed, problems.isEmpty else { return problems }
        return try validating(subject: subject, key: key, table: table) {
            let issues = try writer.issues(of: parsed.record)
            guard issues.isEmpty else { throw ContentError.validation(issues) }
            let stored = try mapping.resolve(parsed.record, writer.entities)
            let located = try writer.locate(parsed.quotes, subject: subject)
            var imported = ExportEncoding.object(RecordColumn.declarations, RecordColumn.allCases.map { stored.info.value(of: $0) })
            imported["about"] = .array(stored.info.about.map { .string($0.rawValue) })
            ExportEncoding.add(mapping.columns, mapping.values(stored), to: &imported)
            imported["quotes"] = .array(
                located.map { quote in
                    .object(ExportEncoding.object(CitationColumn.declarations, CitationColumn.allCases.map { quote.value(of: $0) }))
                })
            if Record.kind == .claim {
                imported["evidence"] = .array(parsed.evidence.map { .object(Self.evidenceObject($0.value)) })
            }
            return roundTrip(object, imported, subject: subject, key: key, table: mapping.table)
        }
    }

    // MARK: - Relations

    private func relation(_ object: JSONObject) throws -> [CurationFinding] {
        let key = [object["subject"], object["predicate"], object["object"]].map { $0?.stringValue ?? "?" }.joined(separator: " ")
        let subject = "relation \(key)"
        let table: (String) -> String = { _ in RelationColumn.table }
        let (parsed, problems) = parse(object, subject: subject, key: key, table: table) { $0.relation($1) }
        guard let parsed, problems.isEmpty else { return problems }
        let issues = findings(parsed.issues, subject: subject, key: key, table: table)
        guard issues.isEmpty else { return issues }
        let imported = ExportEncoding.object(RelationColumn.declarations, RelationColumn.allCases.map { parsed.value(of: $0) })
        return roundTrip(object, imported, subject: subject, key: key, table: RelationColumn.table)
    }
}

extension JSONValue {
    /// The string, if this is one.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The items, if this is an array.
    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

extension Array {
    /// The element at `index`, or `nil` past the end.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
