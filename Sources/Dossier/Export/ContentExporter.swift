internal import DossierDB

/// Writes the whole content of a database as one JSON document: sources with their texts and
/// defects, entities, records with their typed fields and citations, relations.
///
/// The document uses the seed-file format (sources carry their `text` inline, quotes and
/// defects their `start`/`end`), so an export reads like a dossier and imports with the same
/// parser. Ids, versions, timestamps, the audit log and seed ownership are left out: they
/// describe the database, not the content. Everything is in a fixed order, so exporting the
/// same content always gives the same bytes.
struct ContentExporter {
    /// The `format` value of an export.
    static let format = "dossier-export"
    /// The `version` value of an export.
    static let version = 1

    let db: DatabaseConnection
    private var reader: ContentReader { ContentReader(db: db) }

    func export() throws -> JSONValue {
        var root = JSONObject()
        root["format"] = .string(Self.format)
        root["version"] = .integer(Int64(Self.version))
        root["sources"] = .array(try reader.sources().map(source))
        root["entities"] = .array(try reader.entities(kind: nil).map(entity))
        let citations = Dictionary(grouping: try reader.allCitations(), by: \.record)
        root["events"] = .array(try records(HistoricalEvent.self).map { event in
            var object = common(event.info, citations: citations[event.slug] ?? [])
            var date = JSONObject()
            date["text"] = .string(event.date.text)
            date["edtf"] = .string(event.date.edtf)
            date["period"] = .string(event.date.period)
            date["precision"] = .string(event.date.precision.rawValue)
            date["earliest"] = .string(event.date.earliest)
            date["latest"] = .string(event.date.latest)
            object["date"] = .object(date)
            object["place"] = .string(event.place)
            return .object(object)
        })
        root["mechanisms"] = .array(try records(Mechanism.self).map { mechanism in
            var object = common(mechanism.info, citations: citations[mechanism.slug] ?? [])
            object["agent"] = .string(mechanism.agent)
            object["action"] = .string(mechanism.action.rawValue)
            object["target"] = .string(mechanism.target)
            object["system"] = .string(mechanism.system)
            object["effect"] = .string(mechanism.effect)
            object["role"] = .string(mechanism.role.rawValue)
            return .object(object)
        })
        root["claims"] = .array(try records(ClinicalClaim.self).map { claim in
            var object = common(claim.info, citations: citations[claim.slug] ?? [])
            object["intervention"] = .string(claim.intervention)
            object["indication"] = .string(claim.indication)
            object["population"] = .string(claim.population)
            object["outcome"] = .string(claim.outcome)
            object["onset"] = claim.onset.map { onset in
                .object(JSONObject([
                    ("text", .string(onset.text)), ("lower_unit", .string(onset.lowerUnit?.rawValue)),
                    ("upper_unit", .string(onset.upperUnit?.rawValue)),
                ]))
            } ?? .null
            object["comparator"] = claim.comparator.map { comparator in
                .object(JSONObject([
                    ("entity", .string(comparator.entity)), ("text", .string(comparator.text)),
                    ("onset_text", .string(comparator.onsetText)), ("onset_unit", .string(comparator.onsetUnit?.rawValue)),
                ]))
            } ?? .null
            object["evidence_level"] = .string(claim.evidenceLevel.rawValue)
            return .object(object)
        })
        root["relations"] = .array(try reader.allRelations().map { relation in
            .object(JSONObject([
                ("subject", .string(relation.subject)), ("predicate", .string(relation.predicate.rawValue)),
                ("object", .string(relation.object)), ("note", .string(relation.note)),
            ]))
        })
        return .object(root)
    }

    private func records<Record: ContentRecord>(_ type: Record.Type) throws -> [Record] {
        var records: [Record] = []
        try reader.forEachRecord(Record.self) { records.append($0) }
        return records.sorted { $0.info.slug < $1.info.slug }
    }

    private func source(_ source: Source) throws -> JSONValue {
        var object = JSONObject()
        object["slug"] = .string(source.slug)
        object["title"] = .string(source.title)
        object["kind"] = .string(source.kind.rawValue)
        object["url"] = .string(source.url)
        object["publisher"] = .string(source.publisher)
        object["author"] = .string(source.author)
        object["published_on"] = .string(source.publishedOn)
        object["retrieved_on"] = .string(source.retrievedOn)
        object["language"] = .string(source.language)
        object["text_sha256"] = .string(source.textSHA256)
        object["text"] = .string(source.text)
        let text = SourceText(source.text)
        object["defects"] = .array(try reader.defects(ofSource: source.slug).map { defect in
            .object(JSONObject([
                ("kind", .string(defect.kind.rawValue)), ("exact", .string(defect.exact)),
                ("prefix", .string(text.slice(from: max(0, defect.start - 32), to: defect.start))),
                ("suffix", .string(text.slice(from: defect.end, to: defect.end + 32))),
                ("start", .integer(Int64(defect.start))), ("end", .integer(Int64(defect.end))),
                ("intended", .string(defect.intended)), ("note", .string(defect.note)),
            ]))
        })
        return .object(object)
    }

    private func entity(_ entity: Entity) -> JSONValue {
        var object = JSONObject()
        object["slug"] = .string(entity.slug)
        object["kind"] = .string(entity.kind.rawValue)
        object["name"] = .string(entity.name)
        object["description"] = .string(entity.description)
        object["period_start"] = .string(entity.periodStart)
        object["period_end"] = .string(entity.periodEnd)
        object["aliases"] = .array(entity.aliases.map { alias in
            .object(JSONObject([("name", .string(alias.name)), ("kind", .string(alias.kind.rawValue))]))
        })
        object["identifiers"] = .object(JSONObject(entity.identifiers.map { ($0.scheme.rawValue, .string($0.value)) }))
        return .object(object)
    }

    private func common(_ info: RecordInfo, citations: [Citation]) -> JSONObject {
        var object = JSONObject()
        object["slug"] = .string(info.slug)
        object["title"] = .string(info.title)
        object["statement"] = .string(info.statement)
        object["certainty"] = .string(info.certainty.rawValue)
        object["status"] = .string(info.status.rawValue)
        object["deprecation_reason"] = .string(info.deprecationReason)
        object["about"] = .array(info.about.map { .string($0) })
        object["quotes"] = .array(citations.map { citation in
            .object(JSONObject([
                ("source", .string(citation.source)), ("exact", .string(citation.exact)), ("prefix", .string(citation.prefix)),
                ("suffix", .string(citation.suffix)), ("start", .integer(Int64(citation.start))), ("end", .integer(Int64(citation.end))),
                ("note", .string(citation.note)), ("hedge_review", .string(citation.hedgeReview)),
            ]))
        })
        return object
    }
}
