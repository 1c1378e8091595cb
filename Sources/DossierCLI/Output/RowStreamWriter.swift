import Dossier

/// Writes rows as they come, so memory stays bounded however many rows there are: JSON,
/// NDJSON, CSV and TSV print each row as soon as it is read; a table, whose column widths
/// depend on its rows, is printed in blocks of at most ``tableBlockRows`` rows, each block
/// aligned to its own rows.
final class RowStreamWriter {
    /// The most rows a table holds in memory before printing them as one block.
    static let tableBlockRows = 1000

    private let format: OutputFormat
    private let headers: Bool
    private let blockRows: Int
    private let output: (String) throws -> Void
    private var columns: [String] = []
    private var buffered: [[OutputValue]] = []
    private var blocks = 0
    private var count = 0

    /// A writer in the format `options` chooses, printing to `output` (standard output by
    /// default), a table in blocks of `blockRows` rows.
    init(
        _ options: FormatOptions, blockRows: Int = RowStreamWriter.tableBlockRows,
        output: @escaping (String) throws -> Void = StandardStreams.write
    ) {
        self.format = options.format
        self.headers = !options.noHeaders
        self.blockRows = max(1, blockRows)
        self.output = output
    }

    /// Starts the output with the column names.
    func begin(columns: [String]) throws {
        self.columns = columns
        keys = Self.uniqueKeys(columns)
        switch format {
        case .csv, .tsv: if headers { try output(format.header(columns)) }
        case .json, .ndjson, .table: break
        }
    }

    /// Writes one row.
    func write(_ row: [OutputValue]) throws {
        defer { count += 1 }
        switch format {
        case .table:
            buffered.append(row)
            if buffered.count >= blockRows { try writeBlock() }
        case .csv, .tsv:
            try output(format.line(row))
        case .ndjson:
            try output(object(row).rendered() + "\n")
        case .json:
            // The same bytes as rendering the whole array at once, written an element at a time.
            let element = object(row).rendered(indent: 2).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n")
            try output((count == 0 ? "[\n" : ",\n") + element)
        }
    }

    /// Ends the output: the last block of a table (or its header alone, for no rows), the
    /// closing bracket of JSON.
    func end() throws {
        switch format {
        case .table: if !buffered.isEmpty || blocks == 0 { try writeBlock() }
        case .json: try output(count == 0 ? "[]\n" : "\n]\n")
        case .csv, .tsv, .ndjson: break
        }
    }

    /// Ends the output of rows cut at `limit` (see ``end()``): a table, being for people,
    /// also says on its last line that rows were left out and how to see them; the other
    /// formats stay machine-readable, and the exit status says it.
    func end(cutAt limit: Int) throws {
        try end()
        if format == .table {
            try output("(output cut at \(limit) rows: raise --max-rows, or give --max-rows 0, to see every row)\n")
        }
    }

    /// Prints the buffered table rows as one block, aligned to its own rows.
    ///
    /// Every block repeats the header: its columns are as wide as its own rows, so names
    /// printed once at the top would stand over columns of other widths further down. A blank
    /// line parts the blocks, saying where the alignment changes. Without headers, the blocks
    /// simply follow one another, as rows do in CSV.
    private func writeBlock() throws {
        let separator = blocks > 0 && headers ? "\n" : ""
        let block = TableRendering.render(OutputTable(columns: columns, rows: buffered), headers: headers)
        buffered.removeAll(keepingCapacity: true)
        blocks += 1
        try output(separator + block)
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
