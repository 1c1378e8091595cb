import ArgumentParser
import Dossier

/// `dossier check`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the curation checks; exit 4 when there is an error or a warning.",
        discussion: """
            Errors: every row judged as an import of the database's export would judge it (each column's \
            rule, the rules across columns, quotes and defects found at their offsets in their source, \
            references that resolve), and what only the whole database shows (rows whose parent is gone, \
            records of no known kind, relations that link the wrong kinds or loop), integrity and schema \
            drift. A database has no error exactly when its export imports into a new one unchanged. \
            Warnings: overclaiming (a record stated as established whose quotes hedge), quotes including \
            injected text, published records without a citation, hypothesised mechanisms stated as \
            established, evidence levels without a cited study, and derived data an import rebuilds (the \
            search index, timestamps, versions, seed ownership). Notices are information and do not \
            fail the check.

            Examples:
              dossier check
              dossier check --format json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOptions

    @Option(help: "Only what concerns this dossier (and the database as a whole).")
    var dossier: String?

    @Flag(help: "Show errors and warnings only, not notices.")
    var problemsOnly = false

    func run() throws {
        let progress = ProgressLine()
        let report = try global.openForReading().check(dossier: dossier, progress: progress.handler)
        progress.finish()
        let shown = problemsOnly ? report.problems : report.findings
        try printRows(
            OutputTable(
                columns: ["severity", "rule", "subject", "message", "table", "key"],
                rows: shown.map {
                    [
                        .string($0.severity.rawValue), .string($0.rule.rawValue), .string($0.subject), .string($0.message),
                        .string($0.table),
                        .string($0.key),
                    ]
                }),
            output)
        let checked = report.checked.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let notices = report.findings.count - report.problems.count
        Terminal.note("checked \(checked): \(report.problems.count) problem(s), \(notices) notice(s)")
        if !report.isClean {
            throw CommandFailure("the curation checks found \(report.problems.count) problem(s)", status: .validation)
        }
    }
}
