import ArgumentParser
import Dossier

/// `dossier show <slug>`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a record: its fields, each quote highlighted in its source text, its relations both ways.",
        discussion: """
            Examples:
              dossier show nmda-receptor-blockade
              dossier show improvement-within-hours-or-days --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The record's slug.")
    var slug: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        let content = try global.openForReading()
        let detail = try content.records.detail(slug: slug)
        let evidence = detail.record.kind == .claim ? try content.evidence(ofClaim: slug) : []
        let document = RecordDocument.document(for: detail, evidence: evidence)
        switch output.format {
        case .json: try printLine(document.rendered(indent: 2))
        case .ndjson: try printLine(document.rendered())
        case .csv, .tsv:
            try printRows(OutputTable(columns: ["field", "value"], rows: RecordDocument.fields(of: document)), output)
        case .table:
            // A record reads as text, not as a table: there is no header row to leave out.
            try StandardStreams.write(RecordDocument.text(for: detail, evidence: evidence))
        }
    }
}

/// A record detail as a JSON document and as text for people.
enum RecordDocument {
    /// The record's document; a claim's `evidence`, the references it cites, under `evidence`.
    static func document(for detail: RecordDetail, evidence: [CitedReference] = []) -> JSONValue {
        let info = detail.record.info
        var object = JSONObject()
        object["slug"] = .string(info.slug)
        object["kind"] = .string(detail.record.kind.rawValue)
        object["title"] = .string(info.title)
        object["statement"] = .string(info.statement)
        object["certainty"] = .string(info.certainty.rawValue)
        object["status"] = .string(info.status.rawValue)
        object["deprecation_reason"] = .string(info.deprecationReason)
        object["about"] = .array(info.about.map { .string($0) })
        object["version"] = .integer(Int64(info.version))
        object["created_at"] = .string(info.createdAt)
        object["updated_at"] = .string(info.updatedAt)
        object["fields"] = .object(JSONObject(typedFields(detail.record).map { ($0.0, .string($0.1)) }))
        object["citations"] = .array(
            detail.citations.map { item in
                .object(
                    JSONObject([
                        ("source", .string(item.citation.source)), ("start", .integer(Int64(item.citation.start))),
                        ("end", .integer(Int64(item.citation.end))), ("exact", .string(item.citation.exact)),
                        ("before", .string(item.before)), ("after", .string(item.after)), ("note", .string(item.citation.note)),
                        ("hedge_review", .string(item.citation.hedgeReview)),
                        (
                            "defects",
                            .array(
                                item.defects.map { defect in
                                    .object(
                                        JSONObject([
                                            ("kind", .string(defect.kind.rawValue)), ("exact", .string(defect.exact)),
                                            ("intended", .string(defect.intended)),
                                        ]))
                                })
                        ),
                    ]))
            })
        if case .claim = detail.record {
            object["evidence"] = .array(
                evidence.map { item in
                    let reference = item.reference
                    return .object(
                        JSONObject([
                            ("reference", .string(reference.slug)), ("title", .string(reference.title)),
                            ("kind", .string(reference.kind.rawValue)), ("doi", .string(reference.doi)), ("pmid", .string(reference.pmid)),
                            ("isbn", .string(reference.isbn)), ("url", .string(reference.url)), ("note", .string(item.note)),
                        ]))
                })
        }
        object["relations"] = .array(
            detail.relations.map { related in
                .object(
                    JSONObject([
                        ("direction", .string(related.isOutgoing ? "outgoing" : "incoming")),
                        ("predicate", .string(related.relation.predicate.rawValue)), ("record", .string(related.otherSlug)),
                        ("kind", .string(related.otherKind.rawValue)), ("title", .string(related.otherTitle)),
                        ("note", .string(related.relation.note)),
                    ]))
            })
        return .object(object)
    }

    /// The typed fields, named as in the schema, with their values as text (nil when unset).
    static func typedFields(_ record: AnyRecord) -> [(String, String?)] {
        switch record {
        case .event(let event):
            return [
                ("date", event.date.displayText), ("date.edtf", event.date.edtf), ("date.precision", event.date.precision.rawValue),
                ("date.earliest", event.date.earliest), ("date.latest", event.date.latest), ("date.period", event.date.period?.rawValue),
                ("place", event.place),
            ]
        case .mechanism(let mechanism):
            return [
                ("agent", mechanism.agent.rawValue), ("action", mechanism.action.rawValue), ("target", mechanism.target?.rawValue),
                ("system", mechanism.system?.rawValue), ("effect", mechanism.effect), ("role", mechanism.role.rawValue),
            ]
        case .claim(let claim):
            return [
                ("intervention", claim.intervention.rawValue), ("indication", claim.indication?.rawValue), ("population", claim.population),
                ("outcome", claim.outcome), ("onset", claim.onset?.text),
                ("onset.units", claim.onset.map { "\($0.lowerUnit?.rawValue ?? "?") to \($0.upperUnit?.rawValue ?? "?")" }),
                ("comparator", claim.comparator?.text ?? claim.comparator?.entity?.rawValue),
                ("comparator.onset", claim.comparator?.onsetText),
                ("evidence_level", claim.evidenceLevel.rawValue),
            ]
        }
    }

    /// Flattens a document into field/value rows: `citations[0].exact`, …
    static func fields(of value: JSONValue, prefix: String = "") -> [[OutputValue]] {
        switch value {
        case .object(let object):
            return object.flatMap { fields(of: $0.value, prefix: prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
        case .array(let items):
            return items.enumerated().flatMap { fields(of: $0.element, prefix: "\(prefix)[\($0.offset)]") }
        default:
            return [[.string(prefix), value]]
        }
    }

    static func text(for detail: RecordDetail, evidence: [CitedReference] = []) -> String {
        let info = detail.record.info
        var lines: [String] = []
        lines.append("\(TableRendering.escape(info.title))")
        lines.append(
            "\(detail.record.kind.rawValue) \(info.slug) · \(info.certainty.rawValue) · \(info.status.rawValue) · version \(info.version)")
        if let reason = info.deprecationReason { lines.append("deprecated: \(TableRendering.escape(reason))") }
        lines.append("")
        lines.append(TableRendering.escape(info.statement))
        lines.append("")
        for (name, value) in typedFields(detail.record) where value != nil {
            lines.append("  \(name): \(TableRendering.escape(value ?? ""))")
        }
        if !info.about.isEmpty { lines.append("  about: \(info.about.map(\.rawValue).joined(separator: ", "))") }
        lines.append("")
        lines.append("Citations (\(detail.citations.count))")
        for item in detail.citations {
            let citation = item.citation
            lines.append("  [\(citation.start)–\(citation.end)] \(item.sourceTitle) (\(citation.source))")
            lines.append(
                "    …\(TableRendering.escape(item.before))\(Terminal.highlight(TableRendering.escape(citation.exact)))\(TableRendering.escape(item.after))…"
            )
            for defect in item.defects {
                let meaning = defect.intended.map { " (meant: \"\($0)\")" } ?? ""
                lines.append("    source defect: \(defect.kind.rawValue) \"\(TableRendering.escape(defect.exact))\"\(meaning)")
            }
            if let note = citation.note { lines.append("    note: \(TableRendering.escape(note))") }
            if let review = citation.hedgeReview { lines.append("    hedge reviewed: \(TableRendering.escape(review))") }
        }
        if case .claim = detail.record {
            lines.append("")
            lines.append("Evidence (\(evidence.count))")
            for item in evidence {
                let reference = item.reference
                let identifiers = [
                    reference.doi.map { "doi:\($0)" }, reference.pmid.map { "pmid:\($0)" }, reference.isbn.map { "isbn:\($0)" },
                    reference.url,
                ].compactMap { $0 }
                lines.append(
                    "  \(TableRendering.escape(reference.title)) (\(reference.slug), \(reference.kind.rawValue)) \(identifiers.joined(separator: " "))"
                )
                if let note = item.note { lines.append("    note: \(TableRendering.escape(note))") }
            }
        }
        lines.append("")
        lines.append("Relations (\(detail.relations.count))")
        for related in detail.relations {
            let arrow =
                related.isOutgoing
                ? "→ \(related.relation.predicate.rawValue) \(related.otherSlug)"
                : "← \(related.otherSlug) \(related.relation.predicate.rawValue) this"
            lines.append("  \(arrow) (\(related.otherKind.rawValue): \(TableRendering.escape(related.otherTitle)))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
