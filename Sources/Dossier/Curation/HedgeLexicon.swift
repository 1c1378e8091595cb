/// Words with which a source hedges: a record whose quotes use one cannot be stated as
/// established.
///
/// The lexicon follows the hedge cues annotated in the BioScope corpus and the CoNLL-2010
/// shared task (speculation cues, and Wikipedia "weasel" phrases such as "is believed"): belief
/// attributed to no one ("is thought to", "is believed"), the modals of possibility ("can",
/// "may", "might", "could", "would"), tendency ("tends to", "tended to"), likelihood
/// ("possibly", "likely", "potential"), evidence verbs ("suggests", "appears to") and
/// hypothesis ("hypothesised", "unclear"). Frequency ("often", "sometimes") and association
/// ("linked to") are left out: they qualify a statement without doubting it.
///
/// Cues are matched case-insensitively on word boundaries, against the quote as the source
/// meant it: corrupted words are read as their intended word and injected text is skipped, so
/// "is believ to reset" (a damaged "is believed to") still counts.
///
/// ## Modals that do not hedge
///
/// A modal is a cue only where it can express possibility. An occurrence is set aside when a
/// nearby word shows another reading; if every occurrence of a cue is set aside, the cue is not
/// reported:
///
/// - **Habitual past "would" and "could"**: a frequency word ("often", "sometimes", "usually",
///   "always", "regularly"…) among the six words before the modal or the two after it, within
///   its sentence or clause ("doctors
///   would often prescribe it", "Often, these advertisements would promote…"), or a habitual
///   frame anywhere in the text: "every" or "each" before a word of time ("every morning"),
///   "whenever", "in those days", "back then".
/// - **Narrative "would"** (the future seen from the past): "would" followed by "later",
///   "eventually", "soon", "ultimately", "subsequently", or by "become", "develop", "go on",
///   "prove", "remain" ("which would later be marketed as Librium", "what would develop into
///   the medicine show").
/// - **Availability and perception with "can" and "could"**: "could be found in every
///   pharmacy", "could be easily purchased", "you could hear people saying" — the modal followed,
///   past at most one adverb in "-ly", by "be" and a verb of finding, buying or perceiving, or by
///   such a verb itself.
/// - **Past inability**: "could not" and "could never" ("most patients could not escape"),
///   except before "be ruled out" or "be excluded", which hedge.
/// - **Not a modal at all**: the month ("in May 1949", "15 May"; a capitalised "May" after a
///   number or a preposition of time, or before a number) and the noun "can" ("a can of ether").
///
/// ## Limits
///
/// The heuristic reads a few words around each cue, not the grammar of the sentence. It cannot
/// tell ability from possibility ("psychiatry can offer effective treatments" is counted as a
/// hedge), a conditional "would" from a habitual one without a frequency word or a habitual
/// frame ("he would prescribe it to anyone who asked" is counted), nor whose belief a
/// "believed" reports ("Cade believed lithium was the cause" is counted), nor a hedge carried by
/// what a quote refers back to ("such changes", where the changes were only "believed"). The
/// habitual frame is read across the whole text handed in, so pass one quote (usually one
/// sentence) at a time. A cue the heuristic wrongly counts is what `hedge_review` on the quote
/// is for; one it wrongly sets aside goes unreported, so the rules that set aside are kept
/// narrow.
public enum HedgeLexicon {
    /// The cues, lowercase; multi-word cues match as a phrase.
    public static let cues: [String] = [
        // Belief and thought attributed to no one (weasel cues).
        "believed", "is believed", "are believed", "thought to", "is thought", "are thought", "was thought", "were thought",
        "is said to", "are said to", "was said to", "were said to", "reportedly", "supposedly", "allegedly",
        // Modality.
        "can", "may", "might", "could", "would",
        // Tendency.
        "tend to", "tends to", "tended to", "tending to",
        // Possibility and likelihood.
        "possible", "possibly", "potential", "potentially", "perhaps", "presumably", "probable", "probably",
        "likely", "unlikely", "putative", "promising", "conceivably", "arguably", "apparently",
        // Evidence verbs.
        "suggest", "suggests", "suggested", "suggesting", "indicates", "appears to", "appear to", "appeared to",
        "seems to", "seem to", "seemed to",
        // Hypothesis.
        "hypothesis", "hypothesized", "hypothesised", "speculated", "conjectured", "unclear", "uncertain",
    ]

    /// The cues found in `text`, in lexicon order: each cue with at least one occurrence that
    /// hedges (see the type's discussion of the modals set aside).
    public static func cues(in text: String) -> [String] {
        let words = tokens(text)
        let lowered = words.map(\.lower)
        let frame = hasHabitualFrame(lowered)
        return cues.filter { cue in
            let phrase = cue.split(separator: " ").map(String.init)
            return occurrences(of: phrase, in: lowered).contains { index in
                !isSetAside(cue, at: index, in: words, lowered, habitualFrame: frame)
            }
        }
    }

    /// One word of the text: as written, and lowercase.
    struct Word {
        let original: String
        let lower: String
    }

    /// Words of letters, digits and apostrophes, so punctuation never hides a cue; an empty
    /// word where a sentence or a clause ends (".", ";", "!", "?").
    static func tokens(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(Word(original: current, lower: current.lowercased())) }
            current = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "’" || character == "'" {
                current.append(character)
            } else {
                flush()
                // A sentence or clause ends: an empty word, which no cue matches and no window
                // of neighbours crosses.
                if ".;!?".contains(character), words.last?.lower.isEmpty == false { words.append(Word(original: "", lower: "")) }
            }
        }
        flush()
        return words
    }

    /// Where `phrase` starts in `words`.
    private static func occurrences(of phrase: [String], in words: [String]) -> [Int] {
        guard !phrase.isEmpty, words.count >= phrase.count else { return [] }
        return (0...(words.count - phrase.count)).filter { start in
            phrase.indices.allSatisfy { words[start + $0] == phrase[$0] }
        }
    }

    private static let frequency: Set<String> = [
        "often", "sometimes", "usually", "always", "frequently", "regularly", "occasionally", "typically", "generally",
        "commonly", "routinely", "habitually", "invariably", "seldom", "rarely", "never", "normally", "customarily",
    ]
    private static let timeWords: Set<String> = [
        "day", "morning", "afternoon", "evening", "night", "week", "month", "year", "season", "spring", "summer",
        "autumn", "winter", "time", "visit", "sunday", "weekend",
    ]
    private static let narrative: Set<String> = [
        "later", "eventually", "soon", "ultimately", "subsequently", "become", "develop", "prove", "remain",
    ]
    private static let availability: Set<String> = [
        "found", "seen", "heard", "bought", "purchased", "obtained", "sold", "had", "got", "gotten",
        "find", "see", "hear", "buy", "purchase", "obtain", "get",
    ]
    private static let monthPrepositions: Set<String> = ["in", "of", "early", "late", "mid", "since", "until", "during"]
    private static let determiners: Set<String> = ["a", "the", "tin", "per"]

    /// Whether the text sets a habitual past frame: "every morning", "each week", "whenever",
    /// "in those days", "back then".
    private static func hasHabitualFrame(_ words: [String]) -> Bool {
        for (index, word) in words.enumerated() {
            if word == "whenever" { return true }
            let next = index + 1 < words.count ? words[index + 1] : ""
            let after = index + 2 < words.count ? words[index + 2] : ""
            if word == "every" || word == "each", timeWords.contains(next) || timeWords.contains(String(next.dropLast())) {
                return true
            }
            if word == "in", next == "those", after == "days" { return true }
            if word == "back", next == "then" { return true }
        }
        return false
    }

    /// Whether the occurrence of `cue` at `index` reads as something other than a hedge.
    private static func isSetAside(_ cue: String, at index: Int, in words: [Word], _ lowered: [String], habitualFrame: Bool) -> Bool {
        func lower(_ offset: Int) -> String {
            let position = index + offset
            return lowered.indices.contains(position) ? lowered[position] : ""
        }
        switch cue {
        case "may":
            // The month: "in May 1949", "15 May", "May 1949".
            guard words[index].original == "May" else { return false }
            return isNumber(lower(-1)) || isNumber(lower(1)) || monthPrepositions.contains(lower(-1))
        case "can":
            if determiners.contains(lower(-1)) { return true }  // the noun: "a can of ether"
            return isAvailability(after: index, lowered)
        case "could":
            if lower(1) == "not" || lower(1) == "never" {
                let rest = (2...4).map { lower($0) }
                return !rest.contains("ruled") && !rest.contains("excluded")
            }
            return isAvailability(after: index, lowered) || isHabitual(at: index, lowered, habitualFrame)
        case "would":
            let next = lower(1) == "then" ? lower(2) : lower(1)
            if narrative.contains(next) || (next == "go" && lower(lower(1) == "then" ? 3 : 2) == "on") { return true }
            return isHabitual(at: index, lowered, habitualFrame)
        default:
            return false
        }
    }

    /// A frequency word in the six words before `index` or the two after it, within its
    /// sentence or clause, or a habitual frame.
    private static func isHabitual(at index: Int, _ words: [String], _ habitualFrame: Bool) -> Bool {
        if habitualFrame { return true }
        let before = words[max(0, index - 6)..<index].reversed().prefix { !$0.isEmpty }
        let after = words[(index + 1)..<min(words.count, index + 3)].prefix { !$0.isEmpty }
        return before.contains { frequency.contains($0) } || after.contains { frequency.contains($0) }
    }

    /// "can be found", "could be easily purchased", "could hear".
    private static func isAvailability(after index: Int, _ words: [String]) -> Bool {
        var position = index + 1
        func word() -> String { words.indices.contains(position) ? words[position] : "" }
        if word().hasSuffix("ly") { position += 1 }
        if word() == "be" {
            position += 1
            if word().hasSuffix("ly") { position += 1 }
        }
        return availability.contains(word())
    }

    private static func isNumber(_ word: String) -> Bool {
        !word.isEmpty && word.allSatisfy(\.isNumber)
    }
}
