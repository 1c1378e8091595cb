/// How something works: an agent acts on a target, in a system, with an effect.
/// "Ketamine blocks NMDA receptors, inducing dissociation."
public struct Mechanism: ContentRecord {
    /// The shared record fields.
    public var info: RecordInfo
    /// The slug of the entity that acts (ketamine).
    public var agent: EntitySlug
    /// What it does, no more specific than the source says.
    public var action: MechanismAction
    /// The slug of the entity acted on (NMDA receptor), if any.
    public var target: EntitySlug?
    /// The slug of the system it acts in (the glutamate system), if any.
    public var system: EntitySlug?
    /// The effect, in clean prose ("a dissociative state with altered perception of pain").
    public var effect: String?
    /// How central the mechanism is, as the source presents it.
    public var role: MechanismRole

    /// Creates a mechanism. At least one of target, system and effect is required.
    public init(
        _ info: RecordInfo, agent: EntitySlug, action: MechanismAction, target: EntitySlug? = nil, system: EntitySlug? = nil,
        effect: String? = nil, role: MechanismRole
    ) {
        self.info = info
        self.agent = agent
        self.action = action
        self.target = target
        self.system = system
        self.effect = effect
        self.role = role
    }
}
