/// How one record relates to another. Which kinds each predicate may link is fixed by the
/// schema's `relation_rules` view, and enforced by a trigger.
public enum RelationPredicate: String, Vocabulary {
    /// The subject (a claim or event) is explained by the object (a mechanism).
    case explainedBy = "explained_by"
    /// The subject (an event) led to the object (a later event or a claim): a cause.
    case ledTo = "led_to"
    /// The subject (an event) came before the object (an event), as the source tells it, with
    /// no cause claimed.
    case preceded
    /// The subject is part of the object.
    case partOf = "part_of"
    /// The subject supports the object (a claim).
    case supports
    /// The two stand in contrast (stored once, read both ways).
    case contrastsWith = "contrasts_with"
    /// The two contradict each other (stored once, read both ways).
    case contradicts

    /// Whether the relation reads the same both ways.
    public var isSymmetric: Bool { self == .contrastsWith || self == .contradicts }

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .explainedBy: "The subject (a claim or event) is explained by the object (a mechanism)."
        case .ledTo: "The subject (an event) led to the object (a later event or a claim): a cause."
        case .preceded: "The subject (an event) came before the object (an event), as the source tells it, with no cause claimed."
        case .partOf: "The subject is part of the object."
        case .supports: "The subject supports the object (a claim)."
        case .contrastsWith: "The two stand in contrast (stored once, read both ways)."
        case .contradicts: "The two contradict each other (stored once, read both ways)."
        }
    }
}
