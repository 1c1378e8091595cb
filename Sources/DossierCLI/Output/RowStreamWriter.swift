import Dossier

/// Writes rows as they come: JSON, NDJSON and CSV print each row as soon as the query yields
/// it, so memory stays bounded however many rows there are; a table, whose column widths depend
/// on every row, is printed once the rows (at most `--max-rows` of them) are in.
final class RowStreamWriter {
    private let format: OutputFormat
    private var columns: [String] = []
    private var buffered: [[OutputValue]] = []
    private var count = 0

    init(format: OutputFormat) {
        self.format = format
    }

    /// Starts the output with the column names.
    func begin(columns: [String]) throws {
        self.columns = columns
        switch format {
        case .csv: try StandardStreams.write(columns.map(CSVRendering.field).joined(separator: ",") + "\r\n")
        case .json, .ndjson, .table: break
        }
    }

    /// Writes one row.
    func write(_ row: [OutputValue]) throws {
        defer { count += 1 }
        switch format {
        case .table:
            buffered.append(row)
        case .csv:
            try StandardStreams.write(row.map { CSVRendering.field($0.plainText) }.joined(separator: ",") + "\r\n")
        case .ndjson:
            try StandardStreams.write(object(row).rendered() + "\n")
        case .json:
            // The same bytes as rendering the whole array at once, written an element at a time.
            let element = object(row).rendered(indent: 2).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n")
            try StandardStreams.write((count == 0 ? "[\n" : ",\n") + element)
        }
    }

    /// Ends the output.
    func end() throws {
        switch format {
        case .table: try StandardStreams.write(TableRendering.render(OutputTable(columns: columns, rows: buffered)))
        case .json: try StandardStreams.write(count == 0 ? "[]\n" : "\n]\n")
        case .csv, .ndjson: break
        }
    }

    private func object(_ row: [OutputValue]) -> JSONValue {
        .object(JSONObject(Array(zip(columns, row))))
    }
}
