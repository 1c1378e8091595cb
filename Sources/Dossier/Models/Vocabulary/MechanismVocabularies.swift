/// What the agent of a mechanism does to its target — no more specific than the source's words.
public enum MechanismAction: String, Vocabulary {
    /// Activates a receptor.
    case agonist
    /// Binds a receptor and prevents its activation.
    case antagonist
    /// Blocks a receptor or channel ("by blocking these receptors").
    case blocker
    /// Inhibits an enzyme or process.
    case inhibitor
    /// Modulates activity, up or down.
    case modulator
    /// Promotes a process ("the growth of new synaptic connections").
    case promotes
    /// Brings about a state ("induces a state of dissociation").
    case induces
    /// Acts on, unspecified ("also affects other neurotransmitter systems").
    case affects

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .agonist: "Activates a receptor."
        case .antagonist: "Binds a receptor and prevents its activation."
        case .blocker: "Blocks a receptor or channel (\"by blocking these receptors\")."
        case .inhibitor: "Inhibits an enzyme or process."
        case .modulator: "Modulates activity, up or down."
        case .promotes: "Promotes a process (\"the growth of new synaptic connections\")."
        case .induces: "Brings about a state (\"induces a state of dissociation\")."
        case .affects: "Acts on, unspecified (\"also affects other neurotransmitter systems\")."
        }
    }
}

/// How central a mechanism is to the agent's effect, as the source presents it.
public enum MechanismRole: String, Vocabulary {
    /// The main mechanism ("primarily attributed to").
    case primary
    /// One contribution among others ("contributing to its diverse effects").
    case contributing
    /// Proposed, not shown ("is believed to", "is thought to").
    case hypothesised

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .primary: "The main mechanism (\"primarily attributed to\")."
        case .contributing: "One contribution among others (\"contributing to its diverse effects\")."
        case .hypothesised: "Proposed, not shown (\"is believed to\", \"is thought to\")."
        }
    }
}
