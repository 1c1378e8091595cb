/// Turns text typed by a person into an FTS5 query that cannot be malformed.
///
/// The text is split into words (runs of letters and digits, as FTS5's unicode61 tokenizer
/// sees them) and each word is quoted, so FTS5 reads `"nmda" "receptors"`: every word must
/// appear, and no character the user types — a stray `"`, `*`, `(`, `NEAR`, `AND`, `-`, `:` —
/// is ever taken as syntax.
///
/// Related SQLite documentation: <https://www.sqlite.org/fts5.html#full_text_query_syntax>
enum FTSQuery {
    /// The query for `text`, or `nil` when it holds no word at all.
    static func words(_ text: String) -> String? {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        // Bound the work a pasted essay can ask for.
        let kept = words.prefix(32)
        guard !kept.isEmpty else { return nil }
        return kept.map { "\"" + $0 + "\"" }.joined(separator: " ")
    }
}
