import ArgumentParser
import Dossier

/// `dossier check`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the curation checks; exit 4 when there is an error or a warning.",
        discussion: """
            Checks: integrity and foreign keys; source hashes; every quote verbatim at its offsets and made \
            against its source's current text; every published record cited; overclaiming (a record stated \
            as established whose quotes hedge); quotes crossing known source defects; event dates; \
            hypothesised mechanisms stated as established; evidence levels without a cited study; the \
            search index. Notices are information and do not fail the check.

            Examples:
              dossier check
              dossier check --format json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOptions

    @Flag(help: "Show errors and warnings only, not notices.")
    var problemsOnly = false

    func run() throws {
        let report = try global.openForReading().check()
        let shown = problemsOnly ? report.problems : report.findings
        printRows(
            OutputTable(
                columns: ["severity", "rule", "subject", "message"],
                rows: shown.map { [.string($0.severity.rawValue), .string($0.rule.rawValue), .string($0.subject), .string($0.message)] }),
            format: output.format)
        let checked = report.checked.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let notices = report.findings.count - report.problems.count
        Terminal.note("checked \(checked): \(report.problems.count) problem(s), \(notices) notice(s)")
        if !report.isClean {
            throw CommandFailure("the curation checks found \(report.problems.count) problem(s)", status: .validation)
        }
    }
}
