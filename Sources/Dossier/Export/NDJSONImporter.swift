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
        let seeder = Seeder(db: db.connection, policy: .importExact)
        let objects = SeedObjectParser(flavor: .export, bundle: nil, problems: problems)
        let context = SeedSet(
            name: "import", file: name, checksum: "", sources: [], entities: [], events: [], mechanisms: [], claims: [], relations: [])
        checkHeader(header, lineNumber: lines.lineNumber, problems: problems)

        var count = 0
        var endLine: (number: Int, objects: Int64?)?
        var lastSection: ExportSection?
        // The line that named each source, entity, record slug and relation first: an export
        // names each once, and a second line would otherwise pass as "unchanged".
        var firstLines: [String: Int] = [:]
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
                        "a \(section.lineType) after the \(lastSection.rawValue): an export lists sources, entities, events, mechanisms, claims and relations in that order, so that each line can be applied when it is read"
                    )
                    continue
                }
                lastSection = section
                if let identity = Self.identity(section, fields) {
                    if let earlier = firstLines[identity] {
                        problems.add(
                            name, path,
                            "names the same \(identity) as line \(earlier): an export lists each once; remove one of the two lines or export again"
                        )
                        continue
                    }
                    firstLines[identity] = lines.lineNumber
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
    private static func identity(_ section: ExportSection, _ fields: JSONObject) -> String? {
        func string(_ key: String) -> String? {
            guard case .string(let value)? = fields[key] else { return nil }
            return value
        }
        switch section {
        case .sources: return string("slug").map { "source \"\($0)\"" }
        case .entities: return string("slug").map { "entity \"\($0)\"" }
        case .events, .mechanisms, .claims: return string("slug").map { "record slug \"\($0)\"" }
        case .relations:
            guard let subject = string("subject"), let predicate = string("predicate"), let object = string("object") else {
                return nil
            }
            return "relation \(subject) \(predicate) \(object)"
        }
    }

    /// The item an object line describes, or `nil` after recording its problems.
    private static func item(_ section: ExportSection, _ object: SeedObject, _ objects: SeedObjectParser) -> SeedItem? {
        switch section {
        case .sources: objects.source(object).map { .source(Seeded(value: $0, path: object.path)) }
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
