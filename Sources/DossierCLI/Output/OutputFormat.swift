import ArgumentParser
import Dossier

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// An aligned table for people.
    case table
    /// One JSON document.
    case json
    /// One JSON object per line.
    case ndjson
    /// RFC 4180 CSV with a header row.
    case csv

    /// Renders rows in this format.
    func render(_ table: OutputTable) -> String {
        switch self {
        case .table: return TableRendering.render(table)
        case .json: return JSONValue.array(table.objects).rendered(indent: 2) + "\n"
        case .ndjson: return table.objects.map { $0.rendered() + "\n" }.joined()
        case .csv:
            return ([table.columns.map(CSVRendering.field)] + table.rows.map { $0.map { CSVRendering.field($0.plainText) } })
                .map { $0.joined(separator: ",") + "\r\n" }.joined()
        }
    }
}

/// The `--format` option of commands that print rows.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json, ndjson or csv.")
    var format: OutputFormat = .table
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
