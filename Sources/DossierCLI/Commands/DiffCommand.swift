import ArgumentParser
import Dossier

/// `dossier diff SLUG [--version N]`: what changed in a record since an earlier version.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Field-level changes of a record between an earlier version and now, from the audit log.",
        discussion: """
            Compares the record's stored columns, its typed fields, the ids of the entities it is about \
            and its citations, as the audit log recorded them, between version N (default: the previous \
            one) and the current version. Values are printed whole, as compact JSON.

            Examples:
              dossier diff nmda-receptor-blockade
              dossier diff nmda-receptor-blockade --version 1 --json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The record's slug.")
    var slug: String

    @Option(help: "The earlier version to compare with (default: the one before the current version).")
    var version: Int?

    @OptionGroup var output: FormatOptions

    func run() throws {
        let versions = RecordVersions(try global.openForReading().records.history(of: slug))
        guard let latest = versions.latest, let current = versions.states[latest] else {
            throw ContentError.notFound(what: "record", key: slug)
        }
        let earlier = version ?? latest - 1
        guard let before = versions.states[earlier] else {
            let known = versions.states.keys.sorted().map(String.init).joined(separator: ", ")
            if version == nil {
                throw CommandFailure(
                    "\(slug) has only version \(latest): there is no earlier version to compare with", status: .notFound)
            }
            throw CommandFailure(
                "\(slug) has no version \(earlier) in the audit log (known versions: \(known)); choose one of them with --version",
                status: .notFound)
        }
        let changes = FieldDiff.changes(from: before, to: current)
        let state = versions.isDeleted ? " (deleted)" : ""
        guard output.format == .table else {
            try printRows(
                OutputTable(
                    columns: ["field", "old", "new"],
                    rows: changes.map { [.string($0.field), $0.old ?? .null, $0.new ?? .null] }),
                output)
            return
        }
        var text = "\(slug): version \(earlier) → version \(latest)\(state)\n"
        text += changes.isEmpty ? "  no field changed\n" : FieldChange.lines(changes).joined(separator: "\n") + "\n"
        try StandardStreams.write(text)
    }
}

extension DiffCommand: CommandWithGlobalOptions {}
