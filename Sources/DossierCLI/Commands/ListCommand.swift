import ArgumentParser
import Dossier

/// `dossier list events|mechanisms|claims|sources|references|entities|dossiers`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List events, mechanisms, claims, sources, references, entities or dossiers.",
        discussion: """
            Records come in pages of --limit, in id order; when there are more, the cursor for the next page \
            is printed on standard error (pass it to --after). --all lists every record, written as it is \
            read (JSON, NDJSON, CSV and TSV), so memory stays bounded however many there are.

            Examples:
              dossier list claims
              dossier list mechanisms --entity nmda-receptor --format json
              dossier list events --status published --limit 5 --after 3
              dossier list entities --format csv
              dossier list references
              dossier list claims --all --nl
              dossier list events --dossier lithium
              dossier list dossiers
            """)

    /// What to list.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case events, mechanisms, claims, sources, references, entities, dossiers
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "events, mechanisms, claims, sources, references, entities or dossiers.")
    var kind: Kind

    @Option(help: "Only records involving this entity (slug).")
    var entity: String?

    @Option(help: "Only records of this dossier.")
    var dossier: String?

    @Option(help: "Only records with this status: draft, reviewed, published, deprecated.")
    var status: String?

    @Option(help: "Only records with this certainty: established, probable, possible, speculative.")
    var certainty: String?

    @Option(help: "At most this many records (1 to 10000; default 100).")
    var limit: Int?

    @Flag(help: "Every record, page after page, written as it is read (not with --limit).")
    var all = false

    @Option(help: "Start after this record id (the cursor printed by the previous page).")
    var after: Int64?

    @OptionGroup var output: FormatOptions

    func validate() throws {
        if let limit, !(1...10_000).contains(limit) { throw ValidationError("--limit must be from 1 to 10000 (got \(limit))") }
        if all, limit != nil { throw ValidationError("--all lists every record; leave out --limit") }
    }

    /// Records are read this many at a time with --all.
    static let pageSizeForAll = 1_000

    /// One page of rows, and where the next one starts.
    private struct Page {
        var rows: [[OutputValue]]
        var next: RecordID?
        var unreadable: [UnreadableRecord] = []
    }

    func run() throws {
        let content = try global.openForReading()
        let writer = RowStreamWriter(output)
        try writer.begin(columns: columns)
        var cursor = after.map(RecordID.init(rawValue:))
        // One read transaction for every page: a writer's commits meanwhile are not seen, so
        // --all lists one state of the database, however long the listing takes.
        try content.read { _ in
            repeat {
                let page = try self.page(of: content, after: cursor, limit: all ? Self.pageSizeForAll : limit ?? 100)
                // The dossiers of this page's records only: a page of a million records reads its own.
                let slugs = page.rows.compactMap { row -> String? in
                    guard row.count > 1, case .string(let slug) = row[1] else { return nil }
                    return slug
                }
                let dossiers = [.events, .mechanisms, .claims].contains(kind) ? try content.recordDossiers(slugs: slugs) : [:]
                for row in page.rows {
                    // A record's dossier, after its other columns: the slug is the second.
                    guard [.events, .mechanisms, .claims].contains(kind), row.count > 1, case .string(let slug) = row[1] else {
                        try writer.write(row)
                        continue
                    }
                    try writer.write(row + [.string(dossiers[slug])])
                }
                for record in page.unreadable {
                    Terminal.note(
                        "skipped \(record.kind.rawValue) \(record.slug) (id \(record.id)): \(record.reason); dossier check says what is wrong"
                    )
                }
                cursor = page.next
            } while all && cursor != nil
        }
        try writer.end()
        if !all, let cursor {
            Terminal.note("more: dossier list \(kind.rawValue) --after \(cursor.rawValue) (or --all for every record)")
        }
    }

    /// The columns of the kind listed.
    private var columns: [String] {
        switch kind {
        case .events: ["id", "slug", "title", "date", "certainty", "status", "dossier"]
        case .mechanisms: ["id", "slug", "agent", "action", "target", "system", "role", "certainty", "status", "dossier"]
        case .claims: ["id", "slug", "intervention", "indication", "onset", "certainty", "evidence", "status", "dossier"]
        case .sources: ["slug", "title", "kind", "code_points", "sha256", "defects"]
        case .references: ["slug", "title", "kind", "doi", "pmid", "isbn", "url", "authors", "published_on"]
        case .entities: ["slug", "kind", "name", "aliases", "identifiers"]
        case .dossiers: ["name", "records", "sources", "entities", "description"]
        }
    }

    /// The rows after `cursor`; sources and entities come whole, in one page.
    private func page(of content: ContentDatabase, after cursor: RecordID?, limit: Int) throws -> Page {
        switch kind {
        case .events:
            let page = try content.events.list(try filter(after: cursor, limit: limit))
            return Page(
                rows: page.items.map {
                    [
                        .integer($0.info.id?.rawValue), .string($0.slug), .string($0.title), .string($0.date.displayText),
                        .string($0.certainty.rawValue), .string($0.status.rawValue),
                    ]
                }, next: page.nextCursor, unreadable: page.unreadable)
        case .mechanisms:
            let page = try content.mechanisms.list(try filter(after: cursor, limit: limit))
            return Page(
                rows: page.items.map {
                    [
                        .integer($0.info.id?.rawValue), .string($0.slug), .string($0.agent), .string($0.action.rawValue),
                        .string($0.target), .string($0.system), .string($0.role.rawValue),
                        .string($0.certainty.rawValue), .string($0.status.rawValue),
                    ]
                }, next: page.nextCursor, unreadable: page.unreadable)
        case .claims:
            let page = try content.claims.list(try filter(after: cursor, limit: limit))
            return Page(
                rows: page.items.map {
                    [
                        .integer($0.info.id?.rawValue), .string($0.slug), .string($0.intervention), .string($0.indication),
                        .string($0.onset?.text), .string($0.certainty.rawValue), .string($0.evidenceLevel.rawValue),
                        .string($0.status.rawValue),
                    ]
                }, next: page.nextCursor, unreadable: page.unreadable)
        case .sources:
            try rejectRecordFilters()
            return Page(
                rows: try content.sources.all().map { source in
                    [
                        .string(source.slug), .string(source.title), .string(source.kind.rawValue), .integer(Int64(source.textLength)),
                        .string(source.textSHA256), .integer(Int64(try content.sources.defects(of: source.slug).count)),
                    ]
                }, next: nil)
        case .references:
            try rejectRecordFilters()
            return Page(
                rows: try content.references().map { reference in
                    [
                        .string(reference.slug), .string(reference.title), .string(reference.kind.rawValue), .string(reference.doi),
                        .string(reference.pmid), .string(reference.isbn), .string(reference.url), .string(reference.authors),
                        .string(reference.publishedOn),
                    ]
                }, next: nil)
        case .entities:
            try rejectRecordFilters()
            return Page(
                rows: try content.entities.list().map { entity in
                    [
                        .string(entity.slug), .string(entity.kind.rawValue), .string(entity.name),
                        .array(entity.aliases.map { .string($0.name) }),
                        .array(entity.identifiers.map { .string("\($0.scheme.rawValue):\($0.value)") }),
                    ]
                }, next: nil)
        case .dossiers:
            try rejectRecordFilters()
            return Page(
                rows: try content.dossiers().map { dossier in
                    [
                        .string(dossier.name), .integer(Int64(dossier.recordCount)), .integer(Int64(dossier.sourceCount)),
                        .integer(Int64(dossier.entityCount)), .string(dossier.description),
                    ]
                }, next: nil)
        }
    }

    /// The record filters of the command line, for one kind of record.
    private func filter<Record: ContentRecord>(after cursor: RecordID?, limit: Int) throws -> RecordFilter<Record> {
        RecordFilter(
            status: try vocabularyOption(status, "--status"), certainty: try vocabularyOption(certainty, "--certainty"),
            entity: entity.map { EntitySlug($0) }, dossier: dossier, after: cursor, limit: limit)
    }

    private func rejectRecordFilters() throws {
        if entity != nil || status != nil || certainty != nil || after != nil || dossier != nil {
            throw ValidationError(
                "--entity, --status, --certainty, --dossier and --after filter records (events, mechanisms, claims), not \(kind.rawValue)")
        }
    }
}

extension JSONValue {
    /// An optional row id as an integer.
    static func integer(_ value: Int64?) -> JSONValue {
        value.map { .integer($0) } ?? .null
    }
}
