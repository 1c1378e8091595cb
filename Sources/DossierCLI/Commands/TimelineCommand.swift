import ArgumentParser
import Dossier

/// `dossier timeline`.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "List the events in date order, with the date as the source words it.",
        discussion: """
            Undated events are placed by the led_to and preceded relations around them; no date is invented. \
            With events of several dossiers, undated ones follow the dated ones, dossier by dossier: nothing \
            orders an undated event of one dossier against the events of another.

            Examples:
              dossier timeline
              dossier timeline --format csv
              dossier timeline --dossier lithium
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOptions

    @Option(help: "Only this dossier's events.")
    var dossier: String?

    func run() throws {
        let content = try global.openForReading()
        let events = try content.events.timeline(dossier: dossier)
        let dossiers = try content.recordDossiers(slugs: events.map(\.slug))
        try printRows(
            OutputTable(
                columns: ["position", "date", "earliest", "latest", "slug", "title", "dossier"],
                rows: events.enumerated().map { index, event in
                    [
                        .integer(Int64(index + 1)), .string(event.date.displayText), .string(event.date.earliest),
                        .string(event.date.latest), .string(event.slug), .string(event.title), .string(dossiers[event.slug]),
                    ]
                }),
            output)
    }
}
