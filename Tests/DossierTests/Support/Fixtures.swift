import Dossier
import Foundation

/// A small dossier built in each test's own in-memory database.
enum Fixtures {
    static let articleSlug = "article"

    /// A text with a curly apostrophe, an emoji, and a q with a combining dot below (which has no
    /// precomposed form, so it stays two code points in NFC), to exercise code points.
    static let articleText = """
        Ketamine’s effects are primarily attribut to its interaction with NMDA receptors. \
        By blocking these receptors, ketamine induces a state of dissociation 🧪. \
        Its unique mechanism is believ to reset neural pathways, providing rapid relief. \
        Unlike drugs that may take weeks, ketamine often works within hours or days. \
        A café serves ketamine’s fans, and so does a q\u{323}uiet bar.
        """

    static func database() throws -> ContentDatabase {
        let content = try ContentDatabase.inMemory()
        try seed(content)
        return content
    }

    static func seed(_ content: ContentDatabase) throws {
        try content.sources.insert(Source(slug: articleSlug, title: "A test article", kind: .webArticle, text: articleText))
        try content.entities.insert(
            Entity(
                slug: "ketamine", kind: .substance, name: "Ketamine", aliases: [.init("Ketalar", kind: .brand)],
                identifiers: [.init(.mesh, "D007649"), .init(.drugbank, "DB01221")]))
        try content.entities.insert(
            Entity(slug: "nmda-receptor", kind: .receptor, name: "NMDA receptor", aliases: [.init("NMDA", kind: .abbreviation)]))
        try content.entities.insert(Entity(slug: "depression", kind: .condition, name: "Depression"))
        try content.entities.insert(Entity(slug: "antidepressants", kind: .drugClass, name: "Traditional antidepressants"))
        try content.entities.insert(
            Entity(slug: "vietnam-war", kind: .period, name: "Vietnam War", periodStart: "1955-11-01", periodEnd: "1975-04-30"))
    }

    static func blockade() -> Mechanism {
        Mechanism(
            RecordInfo(
                slug: "nmda-blockade", title: "Ketamine blocks NMDA receptors", statement: "Ketamine blocks NMDA receptors in the brain.",
                certainty: .established, status: .published),
            agent: "ketamine", action: .blocker, target: "nmda-receptor", effect: "a state of dissociation", role: .primary)
    }

    static func rapidRelief() -> ClinicalClaim {
        ClinicalClaim(
            RecordInfo(
                slug: "rapid-relief", title: "Relief within hours or days", statement: "Ketamine often works within hours or days.",
                certainty: .probable, status: .reviewed),
            intervention: "ketamine", indication: "depression", outcome: "relief of depressive symptoms",
            onset: .init(text: "within hours or days", lowerUnit: .hours, upperUnit: .days),
            comparator: .init(entity: "antidepressants", text: "drugs that may take weeks", onsetText: "may take weeks", onsetUnit: .weeks))
    }

    static func battlefield() -> HistoricalEvent {
        HistoricalEvent(
            RecordInfo(
                slug: "battlefield-use", title: "Used in the Vietnam War",
                statement: "Ketamine was used as an anesthetic during the Vietnam War.",
                certainty: .established, about: ["ketamine"]),
            date: .during("vietnam-war", text: "during the Vietnam War"))
    }
}
