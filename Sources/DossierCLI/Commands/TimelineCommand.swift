import ArgumentParser
import Dossier

/// `dossier timeline`.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "List the events in date order, with the date as the source words it.",
        discussion: """
            Undated events are placed by the led_to relations around them; no date is invented.

            Examples:
              dossier timeline
              dossier timeline --format csv
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let events = try global.openForReading().events.timeline()
        try printRows(
            OutputTable(
                columns: ["position", "date", "earliest", "latest", "slug", "title"],
                rows: events.enumerated().map { index, event in
                    [
                        .integer(Int64(index + 1)), .string(event.date.displayText), .string(event.date.earliest),
                        .string(event.date.latest), .string(event.slug), .string(event.title),
                    ]
                }),
            output)
    }
}
