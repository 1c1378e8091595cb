import ArgumentParser
import Dossier
import Foundation

/// `dossier review SLUG --status S --note TEXT [--by NAME]`: a status change with who and why.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Change a record's status, recording who did it, when and why.",
        discussion: """
            Writes the new status and appends the review to the reviews trail (and the audit log) in one \
            transaction; `dossier history SLUG` shows it. --by defaults to $DOSSIER_CURATOR; one of them is \
            required. Deprecating a record takes the note as its deprecation reason.

            Examples:
              dossier review nmda-receptor-blockade --status reviewed --note "Checked every quote" --by ada
              DOSSIER_CURATOR=ada dossier review old-claim --status deprecated --note "Superseded by new-claim"
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The record's slug.")
    var slug: String

    @Option(help: "The new status: draft, reviewed, published or deprecated.")
    var status: String

    @Option(help: "Why: kept in the trail (and, for deprecated, as the deprecation reason).")
    var note: String

    @Option(help: "Who reviews (default: $DOSSIER_CURATOR).")
    var by: String?

    func run() throws {
        guard let newStatus: RecordStatus = try vocabularyOption(status, "--status") else { return }
        let reviewer = by ?? ProcessInfo.processInfo.environment["DOSSIER_CURATOR"]
        guard let reviewer, !reviewer.isEmpty else {
            throw CommandFailure(
                "who is reviewing? give --by NAME, or set DOSSIER_CURATOR; nothing was written", status: .usage)
        }
        let outcome = try global.openForWriting().review(slug: slug, status: newStatus, note: note, by: reviewer)
        try printLine(
            "\(outcome.slug): \(outcome.fromStatus.rawValue) → \(outcome.toStatus.rawValue) by \(MessageText.escaped(outcome.reviewer)) "
                + "(version \(outcome.version)): \(MessageText.escaped(outcome.note))")
    }
}

extension ReviewCommand: CommandWithGlobalOptions {}
