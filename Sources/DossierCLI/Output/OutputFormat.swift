import ArgumentParser

/// How a command prints its rows.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// An aligned table for people.
    case table
    /// One JSON document.
    case json
    /// One JSON object per line.
    case ndjson
    /// RFC 4180 CSV with a header row.
    case csv

    /// Renders rows in this format, ending with a newline (nothing for an empty table in CSV
    /// and table formats but the header).
    func render(_ table: OutputTable) -> String {
        switch self {
        case .table: return TableRendering.render(table)
        case .json: return JSONRendering.render(.list(table.rows.map { objectValue($0, columns: table.columns) }), indent: 2) + "\n"
        case .ndjson:
            return table.rows.map { JSONRendering.render(objectValue($0, columns: table.columns)) + "\n" }.joined()
        case .csv:
            return ([table.columns.map(CSVRendering.field)] + table.rows.map { $0.map { CSVRendering.field($0.plainText) } })
                .map { $0.joined(separator: ",") + "\r\n" }.joined()
        }
    }

    private func objectValue(_ row: [OutputValue], columns: [String]) -> OutputValue {
        .object(Array(zip(columns, row)))
    }
}

/// Options for commands that print rows.
struct FormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json, ndjson or csv.")
    var format: OutputFormat = .table
}

/// RFC 4180 fields.
enum CSVRendering {
    /// Quotes a field when it holds a comma, quote, CR or LF; doubles inner quotes.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
