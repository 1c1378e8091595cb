import ArgumentParser
import Dossier

/// `dossier list events|mechanisms|claims|sources|entities`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List events, mechanisms, claims, sources or entities.",
        discussion: """
            Records come in pages of --limit, in id order; when there are more, the cursor for the next page \
            is printed on standard error (pass it to --after).

            Examples:
              dossier list claims
              dossier list mechanisms --entity nmda-receptor --format json
              dossier list events --status published --limit 5 --after 3
              dossier list entities --format csv
            """)

    /// What to list.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case events, mechanisms, claims, sources, entities
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "events, mechanisms, claims, sources or entities.")
    var kind: Kind

    @Option(help: "Only records involving this entity (slug).")
    var entity: String?

    @Option(help: "Only records with this status: draft, reviewed, published, deprecated.")
    var status: String?

    @Option(help: "Only records with this certainty: established, probable, possible, speculative.")
    var certainty: String?

    @Option(help: "At most this many records (1 to 10000).")
    var limit = 100

    @Option(help: "Start after this record id (the cursor printed by the previous page).")
    var after: Int64?

    @OptionGroup var output: FormatOptions

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 10000 (got \(limit))") }
    }

    func run() throws {
        let content = try global.openForReading()
        let table: OutputTable
        var next: RecordID?
        var unreadable: [UnreadableRecord] = []
        switch kind {
        case .events:
            let page = try content.events.list(try filter())
            next = page.nextCursor
            unreadable = page.unreadable
            table = OutputTable(
                columns: ["id", "slug", "title", "date", "certainty", "status"],
                rows: page.items.map {
                    [
                        .integer($0.info.id?.rawValue), .string($0.slug), .string($0.title), .string($0.date.displayText),
                        .string($0.certainty.rawValue), .string($0.status.rawValue),
                    ]
                })
        case .mechanisms:
            let page = try content.mechanisms.list(try filter())
            next = page.nextCursor
            unreadable = page.unreadable
            table = OutputTable(
                columns: ["id", "slug", "agent", "action", "target", "system", "role", "certainty", "status"],
                rows: page.items.map {
                    [
                        .integer($0.info.id?.rawValue), .string($0.slug), .string($0.agent), .string($0.action.rawValue),
                        .string($0.target), .string($0.system), .string($0.role.rawValue),
                        .string($0.certainty.rawValue), .string($0.status.rawValue),
                    ]
                })
        case .claims:
            let page = try content.claims.list(try filter())
            next = page.nextCursor
            unreadable = page.unreadable
            table = OutputTable(
                columns: ["id", "slug", "intervention", "indication", "onset", "certainty", "evidence", "status"],
                rows: page.items.map {
                    [
                        .integer($0.info.id?.rawValue), .string($0.slug), .string($0.intervention), .string($0.indication),
                        .string($0.onset?.text), .string($0.certainty.rawValue), .string($0.evidenceLevel.rawValue),
                        .string($0.status.rawValue),
                    ]
                })
        case .sources:
            try rejectRecordFilters()
            table = OutputTable(
                columns: ["slug", "title", "kind", "code_points", "sha256", "defects"],
                rows: try content.sources.all().map { source in
                    [
                        .string(source.slug), .string(source.title), .string(source.kind.rawValue), .integer(Int64(source.textLength)),
                        .string(source.textSHA256), .integer(Int64(try content.sources.defects(of: source.slug).count)),
                    ]
                })
        case .entities:
            try rejectRecordFilters()
            table = OutputTable(
                columns: ["slug", "kind", "name", "aliases", "identifiers"],
                rows: try content.entities.list().map { entity in
                    [
                        .string(entity.slug), .string(entity.kind.rawValue), .string(entity.name),
                        .array(entity.aliases.map { .string($0.name) }),
                        .array(entity.identifiers.map { .string("\($0.scheme.rawValue):\($0.value)") }),
                    ]
                })
        }
        try printRows(table, format: output.format)
        for record in unreadable {
            Terminal.note(
                "skipped \(record.kind.rawValue) \(record.slug) (id \(record.id)): \(record.reason); dossier check says what is wrong")
        }
        if let next {
            Terminal.note("more: dossier list \(kind.rawValue) --after \(next.rawValue)")
        }
    }

    /// The record filters of the command line, for one kind of record.
    private func filter<Record: ContentRecord>() throws -> RecordFilter<Record> {
        RecordFilter(
            status: try vocabularyOption(status, "--status"), certainty: try vocabularyOption(certainty, "--certainty"),
            entity: entity.map { EntitySlug($0) }, after: after.map(RecordID.init(rawValue:)), limit: limit)
    }

    private func rejectRecordFilters() throws {
        if entity != nil || status != nil || certainty != nil || after != nil {
            throw ValidationError(
                "--entity, --status, --certainty and --after filter records (events, mechanisms, claims), not \(kind.rawValue)")
        }
    }
}

extension JSONValue {
    /// An optional row id as an integer.
    static func integer(_ value: Int64?) -> JSONValue {
        value.map { .integer($0) } ?? .null
    }
}
