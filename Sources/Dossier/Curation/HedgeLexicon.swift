/// Words with which a source hedges: a record whose quotes use one cannot be stated as
/// established.
///
/// The lexicon follows the hedge cues annotated in the BioScope corpus and the CoNLL-2010
/// shared task (speculation cues, and Wikipedia "weasel" phrases such as "is believed"), kept to
/// cues that almost always hedge. Ability "can", frequency "often" and association "linked to"
/// are left out: they qualify a statement without doubting it.
///
/// Cues are matched case-insensitively on word boundaries, against the quote as the source
/// meant it: corrupted words are read as their intended word and injected text is skipped, so
/// "is believ to reset" (a damaged "is believed to") still counts.
public enum HedgeLexicon {
    /// The cues, lowercase; multi-word cues match as a phrase.
    public static let cues: [String] = [
        // Belief and thought attributed to no one (weasel cues).
        "believed", "is believed", "are believed", "thought to", "is thought", "are thought",
        "is said to", "reportedly",
        // Modality.
        "may", "might", "could", "would",
        // Possibility and likelihood.
        "possible", "possibly", "potential", "potentially", "perhaps", "presumably", "probable", "probably",
        "likely", "unlikely", "putative", "promising",
        // Evidence verbs.
        "suggest", "suggests", "suggested", "suggesting", "indicates", "appears to", "appear to", "seems to", "seem to",
        // Hypothesis.
        "hypothesis", "hypothesized", "hypothesised", "speculated", "unclear", "uncertain",
    ]

    /// The cues found in `text`, in lexicon order.
    public static func cues(in text: String) -> [String] {
        let words = normalizedWords(text)
        let padded = " " + words.joined(separator: " ") + " "
        return cues.filter { padded.contains(" " + $0 + " ") }
    }

    /// Lowercase words of letters and apostrophes, so punctuation never hides a cue.
    private static func normalizedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "’" || character == "'" {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
