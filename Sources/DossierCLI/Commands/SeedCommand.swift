import ArgumentParser
import Dossier

/// `dossier seed [PATH] [--dry-run] [--mode upsert|sync] [--force [SLUG]]…`.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Apply seed files: the built-in dossier, or a folder of your own.",
        discussion: """
            Upserts by slug in one transaction: a second run changes nothing and says so. A seeded record \
            that was edited in the database since is not overwritten without --force; a file that now says \
            what the database holds is no conflict. A conflict shows, field by field, how the database \
            differs from the file. On any problem nothing is written; each problem names the file, the path \
            in it and the reason. Several dossiers may define one entity if their definitions agree.

            Examples:
              dossier seed                          # the built-in ketamine dossier
              dossier seed ./Seeds --dry-run        # what seeding a folder would change
              dossier seed ./Seeds --mode sync      # also remove what the files no longer contain
              dossier seed ./Seeds --force rapid-relief   # overwrite one record's edit in the database
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A folder of seed files (default: the dossier built into dossier).")
    var path: String?

    @Flag(help: "Report what would change and write nothing.")
    var dryRun = false

    @Option(help: "upsert (default), or sync: also delete what the seeds own and the files no longer contain.")
    var mode: SeedModeArgument = .upsert

    @Option(
        name: .customLong("force"),
        help: ArgumentHelp(
            "Overwrite (or, in sync mode, delete) this item despite a conflict: edited in the database since it was seeded, made by hand, or another dossier's. Repeatable; --force alone forces everything.",
            valueName: "slug"))
    var forced: [String] = []

    /// What `--force` covers.
    var force: SeedForce {
        if forced.isEmpty { return .none }
        return forced.contains(Self.forceEverything) ? .all : .only(Set(forced))
    }

    /// The value a bare `--force` stands for.
    static let forceEverything = "*"

    /// `--force` with no slug after it (the end, an option, or a folder: slugs have no `/` or
    /// `.` and no capitals) forces everything, as it did before it took a slug.
    static func expandingBareForce(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            guard argument == "--force" else {
                result.append(argument)
                continue
            }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            let takesSlug = next.map { !$0.hasPrefix("-") && TextRules.isValidSlug($0) } ?? false
            result.append(takesSlug ? argument : "--force=\(forceEverything)")
        }
        return result
    }

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
        // What each update changes, field by field and in full: a dry run's preview.
        for change in report.changes {
            for field in change.fields { Terminal.note("\(change.action.rawValue) \(change.kind) \(change.key): \(field)") }
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
