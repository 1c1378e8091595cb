import ArgumentParser
import Dossier

/// `dossier seed [PATH] [--dry-run] [--mode upsert|sync] [--force]`.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Apply seed files: the built-in dossier, or a folder of your own.",
        discussion: """
            Upserts by slug in one transaction: a second run changes nothing and says so. A seeded record \
            that was edited in the database since is not overwritten without --force. On any problem \
            nothing is written; each problem names the file, the path in it and the reason.

            Examples:
              dossier seed                          # the built-in ketamine dossier
              dossier seed ./Seeds --dry-run        # what seeding a folder would change
              dossier seed ./Seeds --mode sync      # also remove what the files no longer contain
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A folder of seed files (default: the dossier built into dossier).")
    var path: String?

    @Flag(help: "Report what would change and write nothing.")
    var dryRun = false

    @Option(help: "upsert (default), or sync: also delete what the seeds own and the files no longer contain.")
    var mode: SeedModeArgument = .upsert

    @Flag(help: "Overwrite records edited in the database since they were seeded, and content the seeds do not own.")
    var force = false

    @OptionGroup var output: FormatOptions

    func run() throws {
        let bundle = try path.map { try SeedBundle.folder($0) } ?? .embedded
        let content = try global.openForWriting()
        let progress = ProgressLine()
        let report = try content.seed(from: bundle, mode: mode.value, dryRun: dryRun, force: force, progress: progress.handler)
        progress.finish()
        let rows = report.changes.map { change -> [OutputValue] in
            [.string(change.action.rawValue), .string(change.kind), .string(change.key)]
        }
        if output.format != .table || !rows.isEmpty {
            try printRows(OutputTable(columns: ["action", "kind", "key"], rows: rows), output)
        }
        for notice in report.notices { Terminal.note("notice: \(notice)") }
        let verb = report.isDryRun ? "would change" : "changed"
        Terminal.note(
            "\(report.dossiers.joined(separator: ", ")): \(verb) \(report.changeCount) item(s): \(report.summary)\(report.isDryRun ? " (dry run: nothing written)" : "")"
        )
    }
}

/// `--mode` values.
enum SeedModeArgument: String, ExpressibleByArgument, CaseIterable {
    case upsert
    case sync

    var value: SeedMode { self == .sync ? .sync : .upsert }
}
