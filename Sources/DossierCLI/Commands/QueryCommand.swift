import ArgumentParser
import Dossier
import DossierDB
import Foundation

/// `dossier query <sql>`.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one read-only SQL statement.",
        discussion: """
            Read-only is enforced by SQLite itself: the file is opened read-only, PRAGMA query_only is on, an \
            authorizer refuses writes, ATTACH and writing pragmas, and every statement must be one SQLite \
            reports as read-only. A refused statement exits with code 6 and changes nothing. A statement \
            that runs past --timeout is interrupted (exit 7).

            Rows are printed as they are read, so memory stays bounded: a table is printed in blocks of \
            \(RowStreamWriter.tableBlockRows) rows, each aligned to its own rows under its own header. \
            When --max-rows leaves rows out, the rows printed still make complete output (a closed JSON \
            array, whole CSV lines), a table ends with a line saying so, and the exit status is 11. \
            --max-rows 0 prints every row.

            Parameters: --param name=value binds :name (or @name, $name). Values that are whole numbers \
            bind as integers, other numbers as reals, the rest as text.

            Examples:
              dossier query "SELECT slug, certainty FROM records WHERE kind = 'claim'"
              dossier query "SELECT * FROM records WHERE slug = :slug" --param slug=dissociative-state
              echo "SELECT count(*) FROM citations" | dossier query - --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The SQL, or - to read it from standard input.")
    var sql: String

    @Option(name: .customLong("param"), help: "A named parameter, name=value (repeatable).")
    var parameters: [String] = []

    @Option(help: "Stop the statement after this many seconds (0 for no limit).")
    var timeout: Double = 5

    @Option(
        help: ArgumentHelp(
            "Print at most this many rows; 0 for no limit.",
            discussion: "When rows are left out, the output printed is still complete and the exit status is 11."))
    var maxRows = 1000

    @Option(help: "Stop the query when SQLite would hold more than this many megabytes (exit 9).")
    var maxMemory = 512

    @OptionGroup var output: FormatOptions

    func validate() throws {
        guard timeout >= 0, timeout <= 86_400 else { throw ValidationError("--timeout must be from 0 to 86400 seconds (got \(timeout))") }
        guard maxRows >= 0 else { throw ValidationError("--max-rows must be 0 or more") }
        guard (16...65_536).contains(maxMemory) else {
            throw ValidationError("--max-memory must be from 16 to 65536 megabytes (got \(maxMemory))")
        }
    }

    func run() throws {
        let text: String
        if sql == "-" {
            let bytes = try StandardStreams.readInput(limit: 10_000_000)
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw ValidationError("the SQL read from standard input is not valid UTF-8")
            }
            text = decoded
        } else {
            text = sql
        }
        let path = global.databasePath
        guard fileExists(path) else { throw ContentError.databaseMissing(path: path) }
        let connection = try global.openQueryConnection()
        var named: [String: SQLValue] = [:]
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
                throw ValidationError("--param takes name=value (got \"\(parameter)\")")
            }
            named[String(parameter[..<equals])] = Self.value(String(parameter[parameter.index(after: equals)...]))
        }
        if timeout > 0 { Self.armHardDeadline(seconds: timeout) }
        DatabaseConnection.setHardHeapLimit(bytes: Int64(maxMemory) * 1_048_576)
        let writer = RowStreamWriter(output)
        let summary: AdHocQuerySummary
        do {
            var encoding = QueryValueEncoding(origins: [], format: output.format)
            summary = try connection.execute(
                text, arguments: StatementArguments(named: named),
                timeout: timeout > 0 ? .milliseconds(Int64(timeout * 1000)) : nil, maxRows: maxRows > 0 ? maxRows : nil,
                columns: { columns in
                    encoding = QueryValueEncoding(origins: columns.map(\.origin), format: output.format)
                    try writer.begin(columns: columns.map(\.name))
                }
            ) { row in
                try writer.write(try row.values().enumerated().map { encoding.encode($0.element, column: $0.offset) })
            }
        } catch let error as DatabaseError where error.resultCode == .range {
            // A parameter without a value, or a value for no parameter: the command line is wrong.
            throw CommandFailure(
                MessageText.escaped(CommandFailure.oneLine(error)) + "; give each parameter with --param name=value", status: .usage)
        }
        guard summary.isTruncated else {
            try writer.end()
            return
        }
        // A cut people see whatever the format: complete output of the rows printed, a last
        // line in a table, a note, and an exit status of its own for scripts.
        try writer.end(cutAt: maxRows)
        Terminal.note("output cut at \(maxRows) rows; raise --max-rows (0 for no limit) to see more")
        throw ExitStatus.truncated
    }

    /// Ends the process with exit 7 if the query is still running a second after its time
    /// limit: SQLite stops a statement between instructions, but one long call of a function
    /// (`instr()` over megabytes) finishes first. Reading only, nothing is left half-done.
    static func armHardDeadline(seconds: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(seconds * 1000) + 1000)) {
            StandardStreams.writeError("dossier: the query ran longer than \(seconds) s and was stopped; narrow it or allow more time\n")
            _exit(ExitStatus.timeout.rawValue)
        }
    }

    /// A parameter value typed on the command line.
    static func value(_ text: String) -> SQLValue {
        if let integer = Int64(text) { return .integer(integer) }
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let real = Double(text), real.isFinite { return .real(real) }
        return .text(text)
    }
}
