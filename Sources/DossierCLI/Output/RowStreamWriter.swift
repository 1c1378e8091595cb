import Dossier

/// Writes rows as they come: JSON, NDJSON, CSV and TSV print each row as soon as it is read,
/// so memory stays bounded however many rows there are; a table, whose column widths depend
/// on every row, is printed once the rows are in.
final class RowStreamWriter {
    private let format: OutputFormat
    private let headers: Bool
    private var columns: [String] = []
    private var buffered: [[OutputValue]] = []
    private var count = 0

    init(_ options: FormatOptions) {
        self.format = options.format
        self.headers = !options.noHeaders
    }

    /// Starts the output with the column names.
    func begin(columns: [String]) throws {
        self.columns = columns
        keys = Self.uniqueKeys(columns)
        switch format {
        case .csv, .tsv: if headers { try StandardStreams.write(format.header(columns)) }
        case .json, .ndjson, .table: break
        }
    }

    /// Writes one row.
    func write(_ row: [OutputValue]) throws {
        defer { count += 1 }
        switch format {
        case .table:
            buffered.append(row)
        case .csv, .tsv:
            try StandardStreams.write(format.line(row))
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
        case .table: try StandardStreams.write(TableRendering.render(OutputTable(columns: columns, rows: buffered), headers: headers))
        case .json: try StandardStreams.write(count == 0 ? "[]\n" : "\n]\n")
        case .csv, .tsv, .ndjson: break
        }
    }

    /// The keys of JSON objects: the column names, a repeated one suffixed `_2`, `_3`… (as in
    /// `SELECT 1 AS a, 2 AS a`), so that no column is lost to another of the same name.
    private var keys: [String] = []

    static func uniqueKeys(_ columns: [String]) -> [String] {
        var taken = Set<String>()
        return columns.map { name in
            var key = name
            var suffix = 2
            while !taken.insert(key).inserted {
                key = "\(name)_\(suffix)"
                suffix += 1
            }
            return key
        }
    }

    private func object(_ row: [OutputValue]) -> JSONValue {
        .object(JSONObject(Array(zip(keys, row))))
    }
}
