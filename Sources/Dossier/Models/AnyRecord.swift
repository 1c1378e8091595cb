/// A record of any kind, for APIs that span kinds (show, export, search results).
public enum AnyRecord: Sendable, Hashable, Codable {
    /// A historical event.
    case event(HistoricalEvent)
    /// A mechanism.
    case mechanism(Mechanism)
    /// A clinical claim.
    case claim(ClinicalClaim)

    /// The shared fields.
    public var info: RecordInfo {
        switch self {
        case .event(let event): return event.info
        case .mechanism(let mechanism): return mechanism.info
        case .claim(let claim): return claim.info
        }
    }

    /// The kind.
    public var kind: RecordKind {
        switch self {
        case .event: return .event
        case .mechanism: return .mechanism
        case .claim: return .claim
        }
    }
}
