internal import DossierDB
import Foundation

/// Reads the dossier files of a bundle into ``SeedSet``s, reporting every problem with its file
/// and path.
struct SeedParser {
    let bundle: SeedBundle
    var flavor: SeedFlavor = .seed
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
        var description: String?
        switch flavor {
        case .seed:
            root.allowOnly(SeedObjectKind.dossier.extraKeys)
            name = root.string("dossier") ?? ""
            if !TextRules.isValidSlug(name) {
                root.problem("dossier", TextRules.slugRule)
            }
            description = root.optionalString("description")
            for issue in DossierColumn.description.declaration.issues(description.map { .text($0) } ?? .null, field: "description") {
                root.problem("description", issue.rule)
            }
        case .export:
            root.allowOnly(Set(ExportSection.allCases.map(\.rawValue)).union(["format", "version", "generator", "damage"]))
            if root.string("format") != ContentExporter.format {
                root.problem("format", "must be \"\(ContentExporter.format)\": this file is not a Dossier export")
            }
            guard case .integer(let version)? = root.fields["version"], ContentExporter.readableVersions.contains(version) else {
                root.problem(
                    "version",
                    "must be one of the export versions this build reads (\(ContentExporter.readableVersions.lowerBound) to \(ContentExporter.readableVersions.upperBound))"
                )
                return nil
            }
            for (index, item) in (root.array("damage") ?? []).enumerated() {
                problems.add(
                    file, "damage[\(index)]",
                    "the database this export came from is damaged: \(item.rendered()); run the curation checks on it, repair it and export again"
                )
            }
            name = "import"
        }
        var checksumInput = Array(text.utf8)
        let objects = SeedObjectParser(flavor: flavor, bundle: bundle, problems: problems)
        let sources = root.objects("sources").compactMap { object -> Seeded<SeedSource>? in
            guard let source = objects.source(object) else { return nil }
            checksumInput += Array(source.source.text.utf8)
            return Seeded(value: source, path: object.path)
        }
        let defaultSource = sources.count == 1 ? sources[0].value.source.slug : nil
        let set = SeedSet(
            name: name, description: description, file: file, checksum: SHA256.hexDigest(of: checksumInput), sources: sources,
            references: root.objects("references").compactMap { object in
                objects.reference(object).map { Seeded(value: $0, path: object.path) }
            },
            entities: root.objects("entities").compactMap { object in objects.entity(object).map { Seeded(value: $0, path: object.path) } },
            events: root.objects("events").compactMap { objects.record($0, HistoricalEvent.self, defaultSource: defaultSource) },
            mechanisms: root.objects("mechanisms").compactMap { objects.record($0, Mechanism.self, defaultSource: defaultSource) },
            claims: root.objects("claims").compactMap { objects.record($0, ClinicalClaim.self, defaultSource: defaultSource) },
            relations: root.objects("relations").compactMap { object in
                objects.relation(object).map { Seeded(value: $0, path: object.path) }
            })
        reportDuplicates(in: set)
        return set
    }

    /// Two items of one file with the same key: the second would silently replace the first,
    /// and every later run would "update" it again.
    private func reportDuplicates(in set: SeedSet) {
        func check(_ what: String, _ items: [(key: String, path: String)]) {
            var first: [String: String] = [:]
            for item in items {
                if let earlier = first.updateValue(first[item.key] ?? item.path, forKey: item.key) {
                    problems.add(
                        set.file, item.path,
                        "\(what) \(item.key) is also defined at \(earlier); each \(what) is defined once per file: merge the two or rename one"
                    )
                }
            }
        }
        check("source", set.sources.map { ($0.value.source.slug, $0.path) })
        check("reference", set.references.map { ($0.value.slug, $0.path) })
        for claim in set.claims {
            check("evidence reference", claim.evidence.map { ($0.value.reference, $0.path) })
        }
        check("entity", set.entities.map { ($0.value.slug.rawValue, $0.path) })
        // Slugs are shared by events, mechanisms and claims.
        check(
            "record",
            set.events.map { ($0.record.info.slug, $0.path) } + set.mechanisms.map { ($0.record.info.slug, $0.path) }
                + set.claims.map { ($0.record.info.slug, $0.path) })
        check(
            "relation",
            set.relations.map { ("\($0.value.subject) \($0.value.predicate.rawValue) \($0.value.object)", $0.path) })
    }

    private func text(of file: String, referencedFrom referrer: String, path: String) -> String? {
        SeedObjectParser(flavor: flavor, bundle: bundle, problems: problems).text(of: file, referencedFrom: referrer, path: path)
    }
}

/// A dossier file written by a curator, or an export written by ``ContentExporter``. They share
/// every field but the top-level ones; an export's texts are taken exactly as they are.
enum SeedFlavor {
    case seed
    case export
}

/// Reads one object of a seed file or export — a source, an entity, a record, a relation —
/// into the value it describes, through the column declarations. The seed parser reads files
/// with it, and the curation checks read the objects of an export of the database with it, so
/// that `check` judges every row exactly as an import would.
struct SeedObjectParser {
    let flavor: SeedFlavor
    let bundle: SeedBundle?
    let problems: SeedProblems

    /// Reads `object` with `body`, returning `nil` when reading it recorded a problem.
    private func reading<T>(_ body: () -> T?) -> T? {
        let before = problems.list.count
        let value = body()
        return problems.list.count == before ? value : nil
    }

    func text(of file: String, referencedFrom referrer: String, path: String) -> String? {
        switch bundle?.contents(of: file) {
        case .text(let text)?: return text
        case .unreadable(let reason)?:
            problems.add(file, "", reason)
            return nil
        case nil:
            problems.add(referrer, path, "no file \(file) in \(bundle?.origin ?? "the export")")
            return nil
        }
    }

    // MARK: - Sources and entities

    func source(_ object: SeedObject) -> SeedSource? {
        reading {
            SeedObjectValues<SourceColumn>.allowOnlyDeclaredFields(of: object, besides: SeedObjectKind.source.extraKeys)
            let file = flavor == .seed ? object.optionalString("file") : nil
            var fields = object.fields
            if let file {
                if fields["text"] != nil {
                    object.problem("file", "give either file (a path in the seed folder) or text (the text itself), not both")
                }
                fields["text"] = text(of: file, referencedFrom: object.file, path: object.pathOf("file")).map { .string($0) } ?? .null
            }
            if flavor == .seed, case .string(let raw)? = fields["text"] {
                // Curated texts are stored NFC with LF line endings: normalise here, once, so
                // quotes match. An export's text is taken as it is.
                fields["text"] = .string(raw.replacingOccurrences(of: "\r\n", with: "\n").precomposedStringWithCanonicalMapping)
            }
            let values = SeedObjectValues<SourceColumn>(
                SeedObject(fields: fields, path: object.path, file: object.file, problems: problems))
            guard let source = try? Source(values) else { return nil }
            let defects = object.objects("defects").compactMap { defect(in: $0) }
            return SeedSource(source: source, defects: defects)
        }
    }

    func defect(in object: SeedObject) -> Seeded<SeedDefect>? {
        reading {
            SeedObjectValues<SourceDefectColumn>.allowOnlyDeclaredFields(of: object, besides: SeedObjectKind.defect.extraKeys)
            let values = SeedObjectValues<SourceDefectColumn>(object)
            return Seeded(
                value: SeedDefect(
                    pin: pin(values, start: .startOffset, end: .endOffset), kind: values.vocabulary(.kind, SourceDefectKind.self),
                    exact: values.text(.exact), prefix: object.optionalString("prefix"), suffix: object.optionalString("suffix"),
                    intended: values.optionalText(.intended), note: values.optionalText(.note)),
                path: object.path)
        }
    }

    func reference(_ object: SeedObject) -> BibliographicReference? {
        reading {
            SeedObjectValues<ReferenceColumn>.allowOnlyDeclaredFields(of: object)
            guard let reference = try? BibliographicReference(SeedObjectValues<ReferenceColumn>(object)) else { return nil }
            // The fields' own rules were told while reading them; what is left is the table's.
            if reference.doi == nil, reference.pmid == nil, reference.isbn == nil, reference.url == nil {
                object.problem("doi", "a reference needs at least one of doi, pmid, isbn and url: give the one that finds the work")
            }
            return reference
        }
    }

    /// A claim's `evidence`: each item a reference's slug, or an object with the slug
    /// (`reference`) and a `note`.
    func evidence(in object: SeedObject) -> [Seeded<ClaimEvidence>] {
        guard let items = object.array("evidence") else { return [] }
        return items.enumerated().compactMap { index, item -> Seeded<ClaimEvidence>? in
            let path = "\(object.pathOf("evidence"))[\(index)]"
            if case .string(let slug) = item {
                for issue in ClaimEvidenceColumn.reference.declaration.issues(.text(slug), field: "reference") {
                    problems.add(object.file, path, issue.rule + " (got \"\(MessageText.escaped(slug))\")")
                }
                return Seeded(value: ClaimEvidence(slug), path: path)
            }
            guard case .object = item, let inner = SeedObject(item, path: path, file: object.file, problems: problems) else {
                problems.add(
                    object.file, path, "must be a reference's slug, or an object with reference and note, not \(item.typeDescription)")
                return nil
            }
            return reading {
                SeedObjectValues<ClaimEvidenceColumn>.allowOnlyDeclaredFields(of: inner)
                let values = SeedObjectValues<ClaimEvidenceColumn>(inner)
                return Seeded(value: ClaimEvidence(values.text(.reference), note: values.optionalText(.note)), path: path)
            }
        }
    }

    func entity(_ object: SeedObject) -> Entity? {
        reading {
            SeedObjectValues<EntityColumn>.allowOnlyDeclaredFields(of: object, besides: SeedObjectKind.entity.extraKeys)
            let aliases = object.objects("aliases").compactMap { alias -> Entity.Alias? in
                SeedObjectValues<EntityAliasColumn>.allowOnlyDeclaredFields(of: alias)
                return try? Entity.Alias(SeedObjectValues<EntityAliasColumn>(alias))
            }
            let identifiers = object.stringMap("identifiers").compactMap { scheme, value -> Entity.ExternalIdentifier? in
                guard let parsed = IdentifierScheme(rawValue: scheme) else {
                    problems.add(
                        object.file, object.pathOf("identifiers.\(scheme)"),
                        "unknown identifier scheme (expected one of \(IdentifierScheme.allowedValues))")
                    return nil
                }
                return Entity.ExternalIdentifier(parsed, value)
            }
            return try? Entity(SeedObjectValues<EntityColumn>(object), aliases: aliases, identifiers: identifiers)
        }
    }

    // MARK: - Records and relations

    /// `start` and `end`, when an object pins its location: both, or neither.
    private func pin<Column: TableColumns>(_ values: SeedObjectValues<Column>, start: Column, end: Column) -> Range<Int>? {
        let lower = values.optionalInteger(start)
        let upper = values.optionalInteger(end)
        guard lower != nil || upper != nil else { return nil }
        guard let lower, let upper, lower >= 0, upper > lower, upper <= Int64(Int32.max) else {
            values.object.problem("start", "start and end must both be given, as whole numbers with 0 <= start < end")
            return nil
        }
        return Int(lower)..<Int(upper)
    }

    func record<Record: ContentRecord>(_ object: SeedObject, _ type: Record.Type, defaultSource: String?) -> SeededRecord<Record>? {
        reading {
            let mapping = Record.mapping
            SeedObjectValues<RecordColumn>.allowOnlyDeclaredFields(
                of: object, besides: SeedObjectKind.record(mapping.kind).extraKeys,
                columns: RecordColumn.declarations + mapping.columns)
            guard let info = try? RecordInfo(SeedObjectValues<RecordColumn>(object), about: object.strings("about").map { EntitySlug($0) }),
                let record = try? mapping.parse(info, object)
            else { return nil }
            let quoteObjects = object.objects("quotes")
            // What a reader is told is published stands on a quote; `check` calls the lack an error.
            if info.status == .published, quoteObjects.isEmpty {
                object.problem("quotes", "a published record must cite at least one quote; add one, or set its status to draft")
            }
            let quotes = quoteObjects.compactMap { quote(in: $0, defaultSource: defaultSource) }
            let evidence = Record.kind == .claim ? evidence(in: object) : []
            return SeededRecord(record: record, quotes: quotes, path: object.path, evidence: evidence)
        }
    }

    func quote(in object: SeedObject, defaultSource: String?) -> SeedQuote? {
        reading {
            SeedObjectValues<CitationColumn>.allowOnlyDeclaredFields(of: object)
            let values = SeedObjectValues<CitationColumn>(object)
            let source = values.optionalText(.source) ?? defaultSource
            if source == nil {
                object.problem("source", "is required when the dossier has more than one source")
            }
            // An empty prefix or suffix picks nothing: it is the same as none.
            let quote = Quote(
                values.text(.exact), from: source ?? "", prefix: values.optionalText(.prefix).flatMap { $0.isEmpty ? nil : $0 },
                suffix: values.optionalText(.suffix).flatMap { $0.isEmpty ? nil : $0 },
                note: values.optionalText(.note), hedgeReview: values.optionalText(.hedgeReview))
            return SeedQuote(
                quote, pin: pin(values, start: .startOffset, end: .endOffset), sourceSHA256: values.optionalText(.sourceSHA256))
        }
    }

    func relation(_ object: SeedObject) -> Relation? {
        reading {
            SeedObjectValues<RelationColumn>.allowOnlyDeclaredFields(of: object)
            return try? Relation(SeedObjectValues<RelationColumn>(object))
        }
    }
}
