import ArgumentParser
import Dossier

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// An aligned table for people.
    case table
    /// One JSON document: an array of objects.
    case json
    /// One JSON object per line (`--nl`, as sqlite-utils calls it).
    case ndjson
    /// RFC 4180 CSV with a header row.
    case csv
    /// Tab-separated values with a header row; a tab, line break or backslash inside a value
    /// is written `\t`, `\n`, `\r`, `\\`, so every row is one line.
    case tsv

    /// Whether values keep their JSON types (numbers, null, arrays, objects) in this format.
    var isJSON: Bool { self == .json || self == .ndjson }

    /// Renders rows in this format; `headers: false` leaves out the header row of a table, CSV
    /// or TSV.
    func render(_ table: OutputTable, headers: Bool = true) -> String {
        switch self {
        case .table: return TableRendering.render(table, headers: headers)
        case .json: return JSONValue.array(table.objects).rendered(indent: 2) + "\n"
        case .ndjson: return table.objects.map { $0.rendered() + "\n" }.joined()
        case .csv, .tsv:
            let lines = (headers ? [header(table.columns)] : []) + table.rows.map(line)
            return lines.joined()
        }
    }

    /// The header line of CSV or TSV output.
    func header(_ columns: [String]) -> String {
        self == .tsv
            ? columns.map(TSVRendering.field).joined(separator: "\t") + "\n"
            : columns.map(CSVRendering.field).joined(separator: ",") + "\r\n"
    }

    /// One row of CSV or TSV output.
    func line(_ row: [OutputValue]) -> String {
        self == .tsv
            ? row.map { TSVRendering.field($0.plainText) }.joined(separator: "\t") + "\n"
            : row.map { CSVRendering.field($0.plainText) }.joined(separator: ",") + "\r\n"
    }
}

/// The output options of commands that print rows: `--format`, its sqlite-utils spellings
/// (`--json`, `--nl`, `--csv`, `--tsv`) and `--no-headers`.
struct FormatOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: "Output format: table, json, ndjson, csv or tsv.")
    var chosenFormat: OutputFormat?

    @Flag(help: "Same as --format json.")
    var json = false

    @Flag(help: "Same as --format ndjson: one JSON object per line.")
    var nl = false

    @Flag(help: "Same as --format csv.")
    var csv = false

    @Flag(help: "Same as --format tsv.")
    var tsv = false

    @Flag(help: "Leave out the header row (table, csv and tsv).")
    var noHeaders = false

    /// The formats the command line asked for, each with the spelling used.
    private var requested: [(OutputFormat, String)] {
        var formats: [(OutputFormat, String)] = chosenFormat.map { [($0, "--format \($0.rawValue)")] } ?? []
        if json { formats.append((.json, "--json")) }
        if nl { formats.append((.ndjson, "--nl")) }
        if csv { formats.append((.csv, "--csv")) }
        if tsv { formats.append((.tsv, "--tsv")) }
        return formats
    }

    func validate() throws {
        let formats = requested
        if Set(formats.map(\.0)).count > 1 {
            throw ValidationError("choose one output format (got \(formats.map(\.1).joined(separator: " and ")))")
        }
        if noHeaders, format.isJSON {
            throw ValidationError("--no-headers applies to table, csv and tsv output, not \(format.rawValue)")
        }
    }

    /// The output format: the one asked for, else a table.
    var format: OutputFormat { requested.first?.0 ?? .table }

    /// Renders rows as asked.
    func render(_ table: OutputTable) -> String {
        format.render(table, headers: !noHeaders)
    }
}

/// RFC 4180 fields.
enum CSVRendering {
    /// Quotes a field when it holds a comma, quote, CR or LF; doubles inner quotes.
    static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

/// Tab-separated fields, one row per line: the characters that would break a row are escaped.
enum TSVRendering {
    /// Writes `\` as `\\`, tab as `\t`, LF as `\n` and CR as `\r`.
    static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped.append(contentsOf: "\\\\".unicodeScalars)
            case "\t": escaped.append(contentsOf: "\\t".unicodeScalars)
            case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
            case "\r": escaped.append(contentsOf: "\\r".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
