import ArgumentParser
import Dossier
import Foundation

/// `dossier edit SLUG [--set FIELD=VALUE]… [--from FILE] [--dry-run]`.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit one record as JSON, in $VISUAL/$EDITOR or from the command line.",
        discussion: """
            Writes the record as a seed-file object to a temporary file and opens $VISUAL (else $EDITOR) \
            on it, run by /bin/sh -c so that an editor with arguments works. The result is read back, \
            validated as seeding validates, its field-level changes printed, and written in one transaction \
            — unless the record's version changed meanwhile, which is refused naming both versions. \
            An editor that fails, or leaves the file unchanged, writes nothing; so does invalid JSON, whose \
            error names the line and keeps the file for you to fix and pass with --from.

            --set FIELD=VALUE (repeatable) changes top-level fields without an editor: VALUE is read as \
            JSON when it is JSON, as a string otherwise. --from FILE takes the whole object from a file. \
            The slug and the status do not change here: a status changes by dossier review.

            Examples:
              dossier edit nmda-receptor-blockade
              dossier edit nmda-receptor-blockade --set title="Ketamine blocks NMDA receptors" --dry-run
              dossier edit nmda-receptor-blockade --set certainty=probable --set 'about=["ketamine"]'
              dossier edit nmda-receptor-blockade --from edited.json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The record's slug.")
    var slug: String

    @Option(name: .customLong("set"), help: "FIELD=VALUE: set a top-level field (repeatable); VALUE is JSON, or else a string.")
    var assignments: [String] = []

    @Option(help: "Read the record's new JSON object from this file.")
    var from: String?

    @Flag(help: "Show the changes and write nothing.")
    var dryRun = false

    func run() throws {
        let content = try global.openForWriting()
        guard let image = try content.recordImage(slug: slug) else { throw ContentError.notFound(what: "record", key: slug) }
        let rerun = "dossier edit \(slug)"
        guard
            let (object, keptFile) = try RecordDraft.obtain(
                start: image.object, from: from, assignments: assignments, name: slug, rerun: rerun,
                unchangedNote: "\(slug): the file was left unchanged; nothing was written")
        else { return }
        let kept = (from == nil ? keptFile : nil).map { RecordDraft.keptMessage($0, rerun: rerun) }
        let outcome: AuthoringOutcome
        do {
            outcome = try content.replaceRecord(
                slug: slug, with: object, expectedVersion: image.version, origin: keptFile ?? "--set", dryRun: dryRun)
        } catch ContentError.staleVersion(_, let expected, let actual) where from == nil && keptFile != nil {
            // The file holds the whole record as version `expected` was: passed back with --from
            // as it is, it would silently undo what changed meanwhile.
            let path = keptFile ?? ""
            throw RecordDraft.keepingWork(
                ContentError.staleVersion(slug: slug, expected: expected, actual: actual),
                kept:
                    "your edit, made on version \(expected), is kept in \(path); passed back with --from as it is, it would undo "
                    + "what changed since (dossier diff \(slug) --version \(expected) shows it): run dossier edit \(slug) again "
                    + "and make your change there, or bring those changes into the file first")
        } catch {
            throw RecordDraft.keepingWork(error, kept: kept)
        }
        if outcome.changes.isEmpty {
            try RecordDraft.report(outcome, headline: "\(slug): no change, nothing written (version \(image.version))", dryRun: false)
        } else {
            try RecordDraft.report(
                outcome, headline: "\(slug): version \(image.version) → \(outcome.toVersion)", dryRun: dryRun)
        }
        if let keptFile, from == nil {
            if dryRun {
                Terminal.note("the edited file is kept in \(keptFile): write it with dossier edit \(slug) --from \(keptFile)")
            } else {
                try? FileManager.default.removeItem(atPath: keptFile)
            }
        }
    }
}

extension EditCommand: CommandWithGlobalOptions {}
