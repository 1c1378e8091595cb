import ArgumentParser
import Dossier
import Foundation

/// `dossier add KIND [--dossier NAME] [--set FIELD=VALUE]… [--from FILE] [--dry-run]`.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a record (a draft) to a dossier, as JSON: in $VISUAL/$EDITOR or from the command line.",
        discussion: """
            KIND is event, mechanism or claim. The record is a seed-file object, validated as seeding \
            validates, inserted as a draft with its quotes in one transaction, and made a member of the \
            dossier named by --dossier (which must exist; when the database holds exactly one dossier it \
            is the default). Without --from or --set, a template opens in $VISUAL (else $EDITOR); an \
            editor that fails or leaves the template unchanged writes nothing.

            Examples:
              dossier add claim --dossier ketamine --from new-claim.json
              dossier add mechanism --set slug=new-mechanism --set title="…" --set statement="…" \\
                --set certainty=possible --set agent=ketamine --set action=blocks --set role=primary
              dossier add event --dossier ketamine              # a template in $EDITOR
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "event, mechanism or claim.")
    var kind: String

    @Option(help: "The dossier the record joins (default: the only one).")
    var dossier: String?

    @Option(name: .customLong("set"), help: "FIELD=VALUE: set a top-level field (repeatable); VALUE is JSON, or else a string.")
    var assignments: [String] = []

    @Option(help: "Read the record's JSON object from this file.")
    var from: String?

    @Flag(help: "Validate and show the record, and write nothing.")
    var dryRun = false

    func run() throws {
        guard let recordKind: RecordKind = try vocabularyOption(kind, "KIND") else { return }
        let content = try global.openForWriting()
        let template = ContentDatabase.recordTemplate(kind: recordKind)
        let rerun = "dossier add \(recordKind.rawValue)"
        guard
            let (object, keptFile) = try RecordDraft.obtain(
                start: template, from: from, assignments: assignments, name: "new-\(recordKind.rawValue)", rerun: rerun,
                unchangedNote: "the template was left unchanged; nothing was written")
        else { return }
        let kept = (from == nil ? keptFile : nil).map { RecordDraft.keptMessage($0, rerun: rerun) }
        let outcome: AuthoringOutcome
        do {
            outcome = try content.addRecord(kind: recordKind, from: object, dossier: dossier, origin: keptFile ?? "--set", dryRun: dryRun)
        } catch {
            throw RecordDraft.keepingWork(error, kept: kept)
        }
        try RecordDraft.report(
            outcome,
            headline:
                "added \(recordKind.rawValue) \(outcome.slug) to dossier \(outcome.dossier ?? "") as a draft (version \(outcome.toVersion))",
            dryRun: dryRun)
        if let keptFile, from == nil {
            if dryRun {
                Terminal.note("the edited file is kept in \(keptFile): write it with dossier add \(recordKind.rawValue) --from \(keptFile)")
            } else {
                try? FileManager.default.removeItem(atPath: keptFile)
            }
        }
    }
}

extension AddCommand: CommandWithGlobalOptions {}
