import Dossier
import Testing

/// Short sentences from published texts, each read by ``HedgeLexicon`` as a hedge (with the cue
/// that must be found) or not.
struct HedgeFixture: Sendable, CustomTestStringConvertible {
    /// The sentence, verbatim from its source.
    var text: String
    /// The cue the lexicon must report, or nil when the sentence does not hedge.
    var cue: String?
    /// Where the sentence comes from.
    var source: String

    var testDescription: String { "\(cue.map { "hedge \"\($0)\"" } ?? "no hedge"): \(text.prefix(60)) (\(source))" }

    static func hedge(_ text: String, _ cue: String, _ source: String) -> HedgeFixture {
        HedgeFixture(text: text, cue: cue, source: source)
    }

    static func plain(_ text: String, _ source: String) -> HedgeFixture {
        HedgeFixture(text: text, cue: nil, source: source)
    }
}

@Suite("Hedge lexicon on real text")
struct HedgeLexiconTests {
    // "A Historical Journey: From Anesthesia to Psychiatry", the web article the built-in dossier
    // cites (Seeds/sources/ketamine-journey.txt), with its damaged words as published.
    static let ketamine = "ketamine-journey.txt"
    // Nature 572 (2019), review of W. A. Brown, "Lithium: A Doctor, a Drug, and a Breakthrough"
    // (nature.com/articles/d41586-019-02480-0).
    static let nature = "Nature review of Brown, Lithium (2019)"
    // E. M. Brecher and the editors of Consumer Reports, "The Consumers Union Report on Licit and
    // Illicit Drugs" (1972), chapter 28, "The barbiturates for sleep and for sedation".
    static let brecher = "Brecher, Consumers Union Report (1972), ch. 28"
    // Legends of America, "Patent Medicine & the Popular Medicine Show"
    // (legendsofamerica.com/ah-patentmedicine).
    static let legends = "Legends of America, Patent Medicine"
    // "Panacea, poison and psychopharmacology: the lure of laudanum", Journal of Victorian
    // Culture Online (jvc.oup.com, 18 December 2020).
    static let laudanum = "JVC Online, The lure of laudanum (2020)"
    // Pierre Berton, "Nightmare Pills", Maclean's, 1 May 1948.
    static let berton = "Berton, Nightmare Pills, Maclean's (1948)"
    // "Laudanum – a panacea for all human woes", Outback Family History blog.
    static let outback = "Outback Family History, Laudanum"
    // James Harvey Young, "The Toadstool Millionaires" (1961), chapter 12, "Medicine Show".
    static let young = "Young, The Toadstool Millionaires (1961), ch. 12"
    // R. Houston, "Asylums: the historical perspective before, during, and after", The Lancet
    // Psychiatry (2019), accepted manuscript.
    static let houston = "Houston, Asylums, Lancet Psychiatry (2019)"

    static let fixtures: [HedgeFixture] = [
        .hedge("This “reset” effect is thought to be link to the growth of new synaptic connections", "thought to", ketamine),
        .hedge("Unlike traditional antidepressants that may take weeks to show effects", "may", ketamine),
        .hedge("Ketamine’s emergence as a potential treatment for depression", "potential", ketamine),
        .plain("ketamine often produces a noticeable improvement within hours or days after administration.", ketamine),
        .plain("By blocking these receptors, ketamine induces a state of dissociation", ketamine),
        .plain(
            "it gain popularity as an anesthetic during the Vietnam War due to its ability to maintain stable heart and respiratory functions",
            ketamine),
        .hedge("Without treatment, it can become a relentless cycle of emotional highs and lows.", "can", nature),
        .hedge("He wondered whether lithium could have the same tranquillizing effect on his patients.", "could", nature),
        .plain("Lithium is now the standard treatment for the condition", nature),
        .hedge("Still others tended to take more alcohol than prescribed.", "tended to", brecher),
        .hedge("barbital seemed to have precisely the desired qualities", "seemed to", brecher),
        .plain("The bromide salts were also often used to induce sleep", brecher),
        .plain("Often, these advertisements would promote exotic ingredients", legends),
        .plain("in what would develop into the traveling medicine show", legends),
        .hedge(
            "the side effects from taking opiates to alleviate a condition could result in the user becoming more ill", "could",
            laudanum),
        .plain("As many of these ailments could not be cured, they were simply alleviated with the help of laudanum.", laudanum),
        .plain("In the crowd that gathered you could hear people saying that the man was drunk", berton),
        .plain("it could be easily purchased from pubs, grocers, barber shops, tobacconists, pharmacies, and even confectioners.", outback),
        .hedge("Exotic costume might help", "might", young),
        .plain("The tone of their entertainment sometimes offended ministers", young),
        .hedge("Readers thinking about mental healthcare in todays developed world probably envisage clinics", "probably", houston),
    ]

    @Test("each published sentence reads as a hedge, with its cue, or as none", arguments: fixtures)
    func published(_ fixture: HedgeFixture) {
        let cues = HedgeLexicon.cues(in: fixture.text)
        if let cue = fixture.cue {
            #expect(cues.contains(cue), "expected the hedge \"\(cue)\" in \"\(fixture.text)\" (\(fixture.source)); found \(cues)")
        } else {
            #expect(cues.isEmpty, "\"\(fixture.text)\" (\(fixture.source)) does not hedge, but the lexicon found \(cues)")
        }
    }

    @Test("the fixtures cover at least two sources, and hedges and plain sentences of each kind of modal")
    func coverage() {
        #expect(Set(Self.fixtures.map(\.source)).count >= 2)
        #expect(Self.fixtures.contains { $0.cue == nil } && Self.fixtures.contains { $0.cue != nil })
        for modal in ["can", "could", "may", "might", "tended to"] {
            #expect(Self.fixtures.contains { $0.cue == modal }, "no published hedge uses \"\(modal)\"")
        }
    }

    // Constructed sentences, not quotations: the edges of the rules that set a modal aside.
    @Test("the month May, the noun can and an excluded possibility are told apart from modals")
    func edges() {
        #expect(HedgeLexicon.cues(in: "Cade reported his results in May 1949.").isEmpty)
        #expect(HedgeLexicon.cues(in: "May 1949 saw the first report.").isEmpty)
        #expect(HedgeLexicon.cues(in: "This may explain the result.") == ["may"])
        #expect(HedgeLexicon.cues(in: "A can of ether stood on the shelf.").isEmpty)
        #expect(HedgeLexicon.cues(in: "A toxic effect could not be ruled out.") == ["could"])
        #expect(HedgeLexicon.cues(in: "Each morning the nurses would hand out the pills.").isEmpty)
        #expect(HedgeLexicon.cues(in: "The drug would help most patients.") == ["would"])
        // One hedging occurrence is enough, whatever the others are.
        #expect(HedgeLexicon.cues(in: "Nurses would often give it; it would help most.") == ["would"])
        #expect(HedgeLexicon.cues(in: "It is believed to tend to work.") == ["believed", "is believed", "tend to"])
    }
}
