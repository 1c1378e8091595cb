import Foundation
internal import DossierDB

/// Reads the dossier files of a bundle into ``SeedSet``s, reporting every problem with its file
/// and path.
struct SeedParser {
    /// A dossier file written by a curator, or an export written by ``ContentExporter``. They
    /// share every field but the top-level ones.
    enum Flavor {
        case seed
        case export
    }

    let bundle: SeedBundle
    var flavor: Flavor = .seed
    let problems = SeedProblems()

    /// Parses every dossier file.
    ///
    /// - throws: ``SeedError/invalid(_:)`` listing every problem found.
    func parse() throws -> [SeedSet] {
        // An export is one file, whatever its name or folder; seeds are the .json files at the
        // top of their folder (the texts they name live below it).
        let files = flavor == .export ? bundle.files.keys.sorted() : bundle.dossierFiles
        if files.isEmpty {
            problems.add(bundle.origin, "", "holds no dossier file (a .json file at the top of the folder)")
        }
        var sets: [SeedSet] = []
        for file in files {
            if let set = parse(file: file) { sets.append(set) }
        }
        var owners: [String: String] = [:]
        for set in sets {
            if let other = owners.updateValue(set.file, forKey: set.name) {
                problems.add(set.file, "dossier", "the name \"\(set.name)\" is also used by \(other); each dossier needs its own")
            }
        }
        guard problems.list.isEmpty else { throw SeedError.invalid(problems.list) }
        return sets
    }

    private func text(of file: String, referencedFrom referrer: String, path: String) -> String? {
        switch bundle.contents(of: file) {
        case .text(let text)?: return text
        case .unreadable(let reason)?:
            problems.add(file, "", reason)
            return nil
        case nil:
            problems.add(referrer, path, "no file \(file) in \(bundle.origin)")
            return nil
        }
    }

    private func parse(file: String) -> SeedSet? {
        guard let text = text(of: file, referencedFrom: file, path: "") else { return nil }
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            problems.add(file, "", "is not valid JSON: \(error)")
            return nil
        }
        guard let root = SeedObject(json, path: "", file: file, problems: problems) else { return nil }
        let name: String
        switch flavor {
        case .seed:
            root.allowOnly(["dossier", "description", "sources", "entities", "events", "mechanisms", "claims", "relations"])
            name = root.string("dossier") ?? ""
            if !TextRules.isValidSlug(name) {
                root.problem("dossier", TextRules.slugRule)
            }
            _ = root.optionalString("description")
        case .export:
            root.allowOnly(["format", "version", "sources", "entities", "events", "mechanisms", "claims", "relations"])
            if root.string("format") != ContentExporter.format {
                root.problem("format", "must be \"\(ContentExporter.format)\": this file is not a Dossier export")
            }
            if root.fields["version"] != .integer(Int64(ContentExporter.version)) {
                root.problem("version", "must be \(ContentExporter.version), the export version this build reads")
            }
            name = "import"
        }
        var checksumInput = Array(text.utf8)
        let sources = root.objects("sources").compactMap { object -> Seeded<SeedSource>? in
            guard let source = parseSource(object) else { return nil }
            checksumInput += Array(source.source.text.utf8)
            return Seeded(value: source, path: object.path)
        }
        let defaultSource = sources.count == 1 ? sources[0].value.source.slug : nil
        let entities = root.objects("entities").compactMap { object in parseEntity(object).map { Seeded(value: $0, path: object.path) } }
        let events = root.objects("events").compactMap { object in parseEvent(object, defaultSource: defaultSource) }
        let mechanisms = root.objects("mechanisms").compactMap { object in parseMechanism(object, defaultSource: defaultSource) }
        let claims = root.objects("claims").compactMap { object in parseClaim(object, defaultSource: defaultSource) }
        let relations = root.objects("relations").compactMap { object in parseRelation(object).map { Seeded(value: $0, path: object.path) } }
        return SeedSet(
            name: name, file: file, checksum: SHA256.hexDigest(of: checksumInput), sources: sources, entities: entities,
            events: events, mechanisms: mechanisms, claims: claims, relations: relations)
    }

    // MARK: - Sources and entities

    private func parseSource(_ object: SeedObject) -> SeedSource? {
        object.allowOnly([
            "slug", "title", "kind", "file", "text", "text_sha256", "url", "publisher", "author", "published_on",
            "retrieved_on", "language", "defects",
        ])
        let slug = object.string("slug")
        let title = object.string("title")
        let kind = object.vocabulary("kind", SourceKind.self)
        let file = object.optionalString("file")
        let inlineText = object.optionalString("text")
        let expectedHash = object.optionalString("text_sha256")
        if (file == nil) == (inlineText == nil) {
            object.problem("file", "give either file (a path in the seed folder) or text (the text itself), not both")
        }
        let defects = object.objects("defects").compactMap { defect -> Seeded<SeedDefect>? in
            defect.allowOnly(["kind", "exact", "prefix", "suffix", "intended", "note", "start", "end"])
            let pin = pin(defect)
            guard let kind = defect.vocabulary("kind", SourceDefectKind.self), let exact = defect.string("exact") else { return nil }
            return Seeded(
                value: SeedDefect(
                    pin: pin, kind: kind, exact: exact, prefix: defect.optionalString("prefix"),
                    suffix: defect.optionalString("suffix"), intended: defect.optionalString("intended"),
                    note: defect.optionalString("note")),
                path: defect.path)
        }
        let url = object.optionalString("url")
        let publisher = object.optionalString("publisher")
        let author = object.optionalString("author")
        let publishedOn = object.optionalString("published_on")
        let retrievedOn = object.optionalString("retrieved_on")
        let language = object.optionalString("language") ?? "en"
        var raw = inlineText
        if raw == nil, let file {
            raw = text(of: file, referencedFrom: object.file, path: object.pathOf("file"))
        }
        guard let slug, let title, let kind, let raw else { return nil }
        // Stored texts are NFC with LF line endings: normalise here, once, so quotes match.
        let text = raw.replacingOccurrences(of: "\r\n", with: "\n").precomposedStringWithCanonicalMapping
        let source = Source(
            slug: slug, title: title, kind: kind, text: text, url: url, publisher: publisher, author: author,
            publishedOn: publishedOn, retrievedOn: retrievedOn, language: language)
        if let expectedHash, expectedHash != source.textSHA256 {
            object.problem("text_sha256", "is not the SHA-256 of the text (\(source.textSHA256)); the text was altered")
        }
        return SeedSource(source: source, defects: defects)
    }

    private func parseEntity(_ object: SeedObject) -> Entity? {
        object.allowOnly(["slug", "kind", "name", "description", "period_start", "period_end", "aliases", "identifiers"])
        let slug = object.string("slug")
        let kind = object.vocabulary("kind", EntityKind.self)
        let name = object.string("name")
        let aliases = object.objects("aliases").compactMap { alias -> Entity.Alias? in
            alias.allowOnly(["name", "kind"])
            guard let aliasName = alias.string("name") else { return nil }
            return Entity.Alias(aliasName, kind: alias.optionalVocabulary("kind", AliasKind.self) ?? .synonym)
        }
        let identifiers = object.stringMap("identifiers").compactMap { scheme, value -> Entity.ExternalIdentifier? in
            guard let parsed = IdentifierScheme(rawValue: scheme) else {
                problems.add(object.file, object.pathOf("identifiers.\(scheme)"), "unknown identifier scheme (expected one of \(IdentifierScheme.allowedValues))")
                return nil
            }
            return Entity.ExternalIdentifier(parsed, value)
        }
        let description = object.optionalString("description")
        let periodStart = object.optionalString("period_start")
        let periodEnd = object.optionalString("period_end")
        guard let slug, let kind, let name else { return nil }
        return Entity(
            slug: slug, kind: kind, name: name, description: description, periodStart: periodStart, periodEnd: periodEnd,
            aliases: aliases, identifiers: identifiers)
    }

    // MARK: - Records

    private static let recordKeys: Set<String> = ["slug", "title", "statement", "certainty", "status", "deprecation_reason", "about", "quotes"]

    /// `start` and `end`, when an object pins its location.
    private func pin(_ object: SeedObject) -> Range<Int>? {
        let start = object.fields["start"]
        let end = object.fields["end"]
        guard start != nil || end != nil else { return nil }
        guard case .integer(let lower)? = start, case .integer(let upper)? = end, lower >= 0, upper > lower else {
            object.problem("start", "start and end must both be given, as whole numbers with 0 <= start < end")
            return nil
        }
        return Int(lower)..<Int(upper)
    }

    /// The shared fields and the quotes of a record object.
    private func parseCommon(_ object: SeedObject, extraKeys: Set<String>, defaultSource: String?) -> (RecordInfo, [Quote], [Range<Int>?])? {
        object.allowOnly(Self.recordKeys.union(extraKeys))
        let slug = object.string("slug")
        let title = object.string("title")
        let statement = object.string("statement")
        let certainty = object.vocabulary("certainty", Certainty.self)
        let status = object.optionalVocabulary("status", RecordStatus.self) ?? .draft
        let reason = object.optionalString("deprecation_reason")
        let about = object.strings("about")
        var pins: [Range<Int>?] = []
        let quotes = object.objects("quotes").compactMap { quote -> Quote? in
            quote.allowOnly(["source", "exact", "prefix", "suffix", "note", "hedge_review", "start", "end"])
            let source = quote.optionalString("source") ?? defaultSource
            if source == nil {
                quote.problem("source", "is required when the dossier has more than one source")
            }
            let pin = pin(quote)
            guard let exact = quote.string("exact"), let source else { return nil }
            pins.append(pin)
            return Quote(
                exact, from: source, prefix: quote.optionalString("prefix"), suffix: quote.optionalString("suffix"),
                note: quote.optionalString("note"), hedgeReview: quote.optionalString("hedge_review"))
        }
        guard let slug, let title, let statement, let certainty else { return nil }
        return (
            RecordInfo(slug: slug, title: title, statement: statement, certainty: certainty, status: status, deprecationReason: reason, about: about),
            quotes, pins)
    }

    private func parseEvent(_ object: SeedObject, defaultSource: String?) -> SeededRecord<HistoricalEvent>? {
        let common = parseCommon(object, extraKeys: ["date", "place"], defaultSource: defaultSource)
        var date = EventDate.unknown()
        if let dateObject = object.object("date") {
            dateObject.allowOnly(["text", "edtf", "period", "precision", "earliest", "latest", "is_approximate", "is_uncertain"])
            let text = dateObject.optionalString("text")
            let period = dateObject.optionalString("period")
            if let edtf = dateObject.optionalString("edtf") {
                do {
                    date = try EventDate.edtf(edtf, text: text, period: period)
                } catch {
                    dateObject.problem("edtf", "\(error)")
                }
            } else if let period {
                date = .during(period, text: text)
            } else {
                date = .unknown(text: text)
            }
            // Exports also carry what the date implies; it must be what this build derives.
            if let precision = dateObject.optionalVocabulary("precision", DatePrecision.self), precision != date.precision {
                dateObject.problem("precision", "is \(precision.rawValue), but the date implies \(date.precision.rawValue)")
            }
            if date.edtf != nil {
                for (key, derived) in [("earliest", date.earliest), ("latest", date.latest)] where dateObject.fields[key] != nil {
                    if dateObject.optionalString(key) != derived {
                        dateObject.problem(key, "is not the bound the EDTF value implies (\(derived ?? "none"))")
                    }
                }
            }
        }
        let place = object.optionalString("place")
        guard let (info, quotes, pins) = common else { return nil }
        return SeededRecord(record: HistoricalEvent(info, date: date, place: place), quotes: quotes, path: object.path, pins: pins)
    }

    private func parseMechanism(_ object: SeedObject, defaultSource: String?) -> SeededRecord<Mechanism>? {
        let common = parseCommon(object, extraKeys: ["agent", "action", "target", "system", "effect", "role"], defaultSource: defaultSource)
        let agent = object.string("agent")
        let action = object.vocabulary("action", MechanismAction.self)
        let role = object.vocabulary("role", MechanismRole.self)
        let target = object.optionalString("target")
        let system = object.optionalString("system")
        let effect = object.optionalString("effect")
        guard let (info, quotes, pins) = common, let agent, let action, let role else { return nil }
        return SeededRecord(
            record: Mechanism(info, agent: agent, action: action, target: target, system: system, effect: effect, role: role),
            quotes: quotes, path: object.path, pins: pins)
    }

    private func parseClaim(_ object: SeedObject, defaultSource: String?) -> SeededRecord<ClinicalClaim>? {
        let common = parseCommon(
            object, extraKeys: ["intervention", "indication", "population", "outcome", "onset", "comparator", "evidence_level"],
            defaultSource: defaultSource)
        let intervention = object.string("intervention")
        let outcome = object.string("outcome")
        let indication = object.optionalString("indication")
        let population = object.optionalString("population")
        let evidence = object.optionalVocabulary("evidence_level", EvidenceLevel.self) ?? .notAssessed
        var onset: ClinicalClaim.Onset?
        if let onsetObject = object.object("onset") {
            onsetObject.allowOnly(["text", "lower_unit", "upper_unit"])
            let lower = onsetObject.optionalVocabulary("lower_unit", TimeUnit.self)
            let upper = onsetObject.optionalVocabulary("upper_unit", TimeUnit.self)
            if let text = onsetObject.string("text") {
                onset = ClinicalClaim.Onset(text: text, lowerUnit: lower, upperUnit: upper)
            }
        }
        var comparator: ClinicalClaim.Comparator?
        if let comparatorObject = object.object("comparator") {
            comparatorObject.allowOnly(["entity", "text", "onset_text", "onset_unit"])
            comparator = ClinicalClaim.Comparator(
                entity: comparatorObject.optionalString("entity"), text: comparatorObject.optionalString("text"),
                onsetText: comparatorObject.optionalString("onset_text"),
                onsetUnit: comparatorObject.optionalVocabulary("onset_unit", TimeUnit.self))
        }
        guard let (info, quotes, pins) = common, let intervention, let outcome else { return nil }
        return SeededRecord(
            record: ClinicalClaim(
                info, intervention: intervention, indication: indication, population: population, outcome: outcome,
                onset: onset, comparator: comparator, evidenceLevel: evidence),
            quotes: quotes, path: object.path, pins: pins)
    }

    private func parseRelation(_ object: SeedObject) -> Relation? {
        object.allowOnly(["subject", "predicate", "object", "note"])
        let subject = object.string("subject")
        let predicate = object.vocabulary("predicate", RelationPredicate.self)
        let target = object.string("object")
        let note = object.optionalString("note")
        guard let subject, let predicate, let target else { return nil }
        return Relation(subject, predicate, target, note: note)
    }
}
