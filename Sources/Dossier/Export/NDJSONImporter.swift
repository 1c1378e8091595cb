internal import DossierDB

/// Applies an NDJSON export as it reads it, line by line, inside the caller's write
/// transaction: each object is parsed, checked and written before the next line is read, so
/// memory does not grow with the file. The search index is deferred to the end (the bulk path).
///
/// Problems name the line (`line 12.quotes[0].exact`). Reading goes on after a problem, to
/// report as many as it can, up to ``problemLimit``; any problem means the caller rolls the
/// whole transaction back.
struct NDJSONImporter {
    /// Reading stops after this many problems: a file that is wrong throughout would otherwise
    /// report a million of them.
    static let problemLimit = 100

    let db: LibraryConnection
    /// The file's name, for messages.
    let name: String
    let progress: ContentProgress.Handler?

    /// Whether the first line of a file is an NDJSON export's header: an object on one line
    /// whose `type` is `header`. (A JSON document's first line is not a whole object.)
    static func isHeader(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.first == UInt8(ascii: "{"), case .object(let fields)? = try? JSONParser.parse(bytes: Array(line)) else {
            return false
        }
        return fields["type"] == .string(ExportLineType.header)
    }

    /// Applies every line after the header, which `header` holds.
    func run(header: ArraySlice<UInt8>, lines: ExportLineReader) throws -> SeedReport {
        let problems = SeedProblems()
        let seeder = try Seeder(db: db.connection, policy: .importExact)
        let objects = SeedObjectParser(flavor: .export, bundle: nil, problems: problems)
        let context = SeedSet(
            name: "import", file: name, checksum: "", sources: [], entities: [], events: [], mechanisms: [], claims: [], relations: [])
        checkHeader(header, lineNumber: lines.lineNumber, problems: problems)

        var count = 0
        var endLine: (number: Int, objects: Int64?)?
        var lastSection: ExportSection?
        // An export names each source, entity, record slug and relation once; a second line
        // would otherwise pass as "unchanged". A row this import wrote has an id above the
        // largest before it: asking the database keeps memory flat, where a set of every key
        // read would grow with the file.
        let idsBefore = try db.fetchOne(Self.largestIDsSQL, []) { row in try (0..<5).map { try row.int64($0) } } ?? [0, 0, 0, 0, 0]
        func tooMany() -> Bool { problems.list.count + seeder.problemCount >= Self.problemLimit }

        try seeder.deferringSearchIndex {
            reading: while !tooMany() {
                let line: ArraySlice<UInt8>
                do {
                    guard let next = try lines.nextLine() else { break }
                    line = next
                } catch let failure as ExportLineReader.Failure {
                    switch failure {
                    case .lineTooLong(let number):
                        problems.add(name, "line \(number)", "is longer than \(ExportLineReader.maximumLineLength) bytes")
                        break reading
                    case .unreadable(let reason):
                        throw ContentError.conflict("cannot read \(name) after line \(lines.lineNumber): \(reason)")
                    }
                }
                let path = "line \(lines.lineNumber)"
                // Blank lines (a trailing newline, a file edited by hand) carry nothing.
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                if let end = endLine {
                    problems.add(name, path, "follows the end line (line \(end.number)); an export ends with its end line")
                    break
                }
                let value: JSONValue
                do {
                    value = try JSONParser.parse(bytes: Array(line))
                } catch let failure as JSONParser.Failure {
                    problems.add(name, path, "is not valid JSON: \(failure.reason) (column \(failure.column))")
                    continue
                }
                guard let object = SeedObject(value, path: path, file: name, problems: problems) else { continue }
                guard let type = object.string("type") else { continue }
                var fields = object.fields
                fields["type"] = nil
                let item = SeedObject(fields: fields, path: path, file: name, problems: problems)
                switch type {
                case ExportLineType.end:
                    item.allowOnly(["objects"])
                    guard case .integer(let objects)? = fields["objects"] else {
                        item.problem("objects", "must be the number of lines between the header and this end line")
                        endLine = (lines.lineNumber, nil)
                        continue
                    }
                    endLine = (lines.lineNumber, objects)
                    continue
                case ExportLineType.damage:
                    count += 1
                    problems.add(
                        name, path,
                        "the database this export came from is damaged: \(JSONValue.object(fields).rendered()); run the curation checks on it, repair it and export again"
                    )
                    continue
                case ExportLineType.header:
                    problems.add(name, path, "is a second header; an export has one, on its first line")
                    continue
                default: break
                }
                count += 1
                guard let section = ExportSection(lineType: type) else {
                    object.problem(
                        "type",
                        "must be one of header, \(ExportSection.allCases.map(\.lineType).joined(separator: ", ")), damage or end (got \"\(type)\")"
                    )
                    continue
                }
                if let lastSection, section.rank < lastSection.rank {
                    object.problem(
                        "type",
                        "a \(section.lineType) after the \(lastSection.rawValue): an export lists sources, references, entities, events, mechanisms, claims and relations in that order, so that each line can be applied when it is read"
                    )
                    continue
                }
                lastSection = section
                if let identity = try writtenByThisImport(section, fields, idsBefore: idsBefore) {
                    problems.add(
                        name, path,
                        "names the same \(identity) as an earlier line: an export lists each once; remove one of the two lines or export again"
                    )
                    continue
                }
                if let parsed = Self.item(section, item, objects) {
                    try seeder.apply(parsed, of: context)
                }
                progress?(ContentProgress(.importing, completed: count))
            }
        }
        if tooMany() {
            problems.add(
                name, "line \(lines.lineNumber)", "reading stopped after \(Self.problemLimit) problems; fix these and import again")
        } else if let end = endLine {
            if let objects = end.objects, objects != Int64(count) {
                problems.add(
                    name, "line \(end.number).objects",
                    "says \(objects) lines come before it, but \(count) do: lines were lost or added; export again")
            }
        } else {
            problems.add(
                name, "line \(lines.lineNumber)",
                "the file ends without its end line ({\"type\":\"end\",…}): it was cut short, perhaps by an interrupted export or a full disk; export again"
            )
        }
        // One line can hold many problems (an object of ten thousand unknown keys): the limit
        // holds for the report too.
        var reading = Array(problems.list.prefix(Self.problemLimit))
        if problems.list.count > Self.problemLimit {
            reading.append(
                SeedProblem(
                    file: name, path: "",
                    reason: "and \(problems.list.count - Self.problemLimit) more problems not listed; fix these and import again"))
        }
        return try seeder.finish(dossiers: ["import"], readingProblems: reading)
    }

    private func checkHeader(_ header: ArraySlice<UInt8>, lineNumber: Int, problems: SeedProblems) {
        guard case .object(let fields)? = try? JSONParser.parse(bytes: Array(header)) else { return }
        let object = SeedObject(fields: fields, path: "line \(lineNumber)", file: name, problems: problems)
        object.allowOnly(["type", "format", "version", "generator"])
        if object.string("format") != ContentExporter.format {
            object.problem("format", "must be \"\(ContentExporter.format)\": this file is not a Dossier export")
        }
        guard case .integer(let version)? = fields["version"], ContentExporter.readableVersions.contains(version) else {
            object.problem(
                "version",
                "must be one of the export versions this build reads (\(ContentExporter.readableVersions.lowerBound) to \(ContentExporter.readableVersions.upperBound))"
            )
            return
        }
    }

    /// What an object line names, which no other line of an export names: a source's or an
    /// entity's slug, a record's slug (events, mechanisms and claims share them), a relation's
    /// subject, predicate and object; `nil` when a field is missing (its parse reports it).
    private static let largestIDsSQL = CachedSQL(
        """
        SELECT (SELECT coalesce(max(id), 0) FROM sources), (SELECT coalesce(max(id), 0) FROM entities),
               (SELECT coalesce(max(id), 0) FROM records), (SELECT coalesce(max(id), 0) FROM relations),
               (SELECT coalesce(max(id), 0) FROM bibliographic_references)
        """)
    private static let referenceIDSQL = CachedSQL("SELECT id FROM bibliographic_references WHERE slug = ?")
    private static let sourceIDSQL = CachedSQL("SELECT id FROM sources WHERE slug = ?")
    private static let entityIDSQL = CachedSQL("SELECT id FROM entities WHERE slug = ?")
    private static let recordIDSQL = CachedSQL("SELECT id FROM records WHERE slug = ?")
    private static let relationIDSQL = CachedSQL(
        """
        SELECT rel.id FROM relations rel JOIN records s ON s.id = rel.subject_record_id JOIN records o ON o.id = rel.object_record_id
        WHERE s.slug = ?1 AND rel.predicate = ?2 AND o.slug = ?3
        """)

    /// What an object line names, when an earlier line of this import already wrote it.
    private func writtenByThisImport(_ section: ExportSection, _ fields: JSONObject, idsBefore: [Int64]) throws -> String? {
        func string(_ key: String) -> String? {
            guard case .string(let value)? = fields[key] else { return nil }
            return value
        }
        func written(_ sql: CachedSQL, _ arguments: [SQLValue], after largest: Int64) throws -> Bool {
            try db.fetchOne(sql, StatementArguments(arguments)) { try $0.int64(0) }.map { $0 > largest } ?? false
        }
        switch section {
        case .sources:
            guard let slug = string("slug"), try written(Self.sourceIDSQL, [.text(slug)], after: idsBefore[0]) else { return nil }
            return "source \"\(slug)\""
        case .references:
            guard let slug = string("slug"), try written(Self.referenceIDSQL, [.text(slug)], after: idsBefore[4]) else { return nil }
            return "reference \"\(slug)\""
        case .entities:
            guard let slug = string("slug"), try written(Self.entityIDSQL, [.text(slug)], after: idsBefore[1]) else { return nil }
            return "entity \"\(slug)\""
        case .events, .mechanisms, .claims:
            guard let slug = string("slug"), try written(Self.recordIDSQL, [.text(slug)], after: idsBefore[2]) else { return nil }
            return "record slug \"\(slug)\""
        case .relations:
            guard let subject = string("subject"), let predicate = string("predicate"), let object = string("object"),
                try written(Self.relationIDSQL, [.text(subject), .text(predicate), .text(object)], after: idsBefore[3])
            else { return nil }
            return "relation \(subject) \(predicate) \(object)"
        }
    }

    /// The item an object line describes, or `nil` after recording its problems.
    private static func item(_ section: ExportSection, _ object: SeedObject, _ objects: SeedObjectParser) -> SeedItem? {
        switch section {
        case .sources: objects.source(object).map { .source(Seeded(value: $0, path: object.path)) }
        case .references: objects.reference(object).map { .reference(Seeded(value: $0, path: object.path)) }
        case .entities: objects.entity(object).map { .entity(Seeded(value: $0, path: object.path)) }
        case .events: objects.record(object, HistoricalEvent.self, defaultSource: nil).map { .event($0) }
        case .mechanisms: objects.record(object, Mechanism.self, defaultSource: nil).map { .mechanism($0) }
        case .claims: objects.record(object, ClinicalClaim.self, defaultSource: nil).map { .claim($0) }
        case .relations: objects.relation(object).map { .relation(Seeded(value: $0, path: object.path)) }
        }
    }
}

extension ExportSection {
    /// The position of the section in an export.
    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
