import ArgumentParser
import Dossier

/// `dossier search <text> [--kind]`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search of titles, statements, quotes and entity names, best first.",
        discussion: """
            Every word must appear (stemmed: "blocking" finds "blocks"); punctuation and FTS5 operators are \
            plain text. Matched words are shown between [ and ].

            Examples:
              dossier search depression
              dossier search "NMDA receptors" --kind mechanism
              dossier search neuroplasticity --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The words to find.")
    var text: String

    @Option(help: "Only records of this kind: event, mechanism, claim.")
    var kind: String?

    @Option(help: "At most this many hits (1 to 1000).")
    var limit = 20

    @OptionGroup var output: FormatOptions

    @Option(help: "Only records of this dossier.")
    var dossier: String?

    func validate() throws {
        guard (1...1_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000 (got \(limit))") }
    }

    func run() throws {
        let kind: RecordKind? = try vocabularyOption(kind, "--kind")
        let hits = try global.openForReading().search.find(text, kind: kind, dossier: dossier, limit: limit)
        try printRows(
            OutputTable(
                columns: ["rank", "kind", "slug", "title", "snippet", "score", "dossier"],
                rows: hits.enumerated().map { index, hit in
                    [
                        .integer(Int64(index + 1)), .string(hit.kind.rawValue), .string(hit.slug), .string(hit.title),
                        .string(hit.snippet), .double((hit.score * 1000).rounded() / 1000), .string(hit.dossier),
                    ]
                }),
            output)
        if hits.isEmpty { Terminal.note("no match for \"\(text)\"") }
    }
}
