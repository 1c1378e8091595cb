import Dossier

/// Aligned text tables for people. Control characters in values are escaped (`\n`, `\t`,
/// `\u{1b}`), so content can never move the cursor or change the terminal's colours.
enum TableRendering {
    /// Widest a column may be before its values are cut with "…".
    static let maximumColumnWidth = 80

    /// The rows aligned under their column names (`headers: false` leaves out the names and
    /// the rule under them).
    static func render(_ table: OutputTable, headers: Bool = true) -> String {
        let header = table.columns.map(escape)
        let cells = table.rows.map { row in row.map { escape($0.plainText) } }
        var widths = headers ? header.map(\.count) : header.map { _ in 0 }
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = min(max(widths[index], cell.count), maximumColumnWidth)
            }
        }
        var output = ""
        if headers {
            output += line(header, widths: widths)
            output += line(widths.map { String(repeating: "-", count: $0) }, widths: widths)
        }
        for row in cells {
            output += line(row, widths: widths)
        }
        return output
    }

    private static func line(_ cells: [String], widths: [Int]) -> String {
        var parts: [String] = []
        for (index, width) in widths.enumerated() {
            var cell = index < cells.count ? cells[index] : ""
            if cell.count > width { cell = String(cell.prefix(width - 1)) + "…" }
            let isLast = index == widths.count - 1
            parts.append(isLast ? cell : cell + String(repeating: " ", count: width - cell.count))
        }
        return parts.joined(separator: "  ") + "\n"
    }

    /// A message's text with every control character made visible but its line breaks: what
    /// standard error shows of a message that may quote what a user typed.
    static func escapeKeepingLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
    }

    /// Text with every control character made visible.
    static func escape(_ text: String) -> String {
        MessageText.escaped(text)
    }
}
