/// A record's state at each of its versions, rebuilt from its audit log: what `dossier diff`
/// compares.
///
/// A state is one flat JSON object of the stored columns: the `records` row, the typed row's
/// columns, `entity_ids` — the entities the record is about, by id, ascending — and
/// `citations`, each citation's stored columns in the order they were written; ids, kinds,
/// versions and timestamps, which describe the write rather than the content, are left out.
/// References stay ids: the log holds what was stored, not what an id named then.
///
/// A version ends where the `records` update that starts the next one begins; a change of a
/// citation or a link made by raw SQL without touching the `records` row counts towards the
/// version current then. A deleted record keeps the state its last version had when the
/// `records` row went (its citations and links, deleted with it, may already be gone from it).
public struct RecordVersions: Sendable, Equatable {
    /// The state at the end of each version, by version number.
    public private(set) var states: [Int: JSONObject] = [:]
    /// The last version the log knows, or `nil` when it holds no `records` row.
    public private(set) var latest: Int?
    /// Whether the record's last audited change deleted it.
    public private(set) var isDeleted = false

    /// Columns that describe the write rather than the content: left out of every image.
    private static let bookkeeping: Set<String> = ["id", "record_id", "kind", "version", "created_at", "updated_at"]
    private static let typedTables: Set<String> = ["historical_events", "mechanisms", "clinical_claims"]

    /// The versions told by `entries`, a record's audit rows oldest first (as
    /// `AnyRecordRepository/history(of:)` returns them). Rows of other tables (relations,
    /// reviews) and rows whose images are not JSON objects are passed over.
    public init(_ entries: [AuditEntry]) {
        var record: JSONObject?
        var typed: JSONObject?
        var entityIDs: [JSONValue] = []
        var citations: [(key: JSONValue?, image: JSONObject)] = []
        var version: Int?

        func state() -> JSONObject? {
            guard let record else { return nil }
            var state = record
            for (field, value) in typed ?? JSONObject() where !Self.bookkeeping.contains(field) { state[field] = value }
            state["entity_ids"] = .array(entityIDs.sorted { $0.rendered() < $1.rendered() })
            state["citations"] = .array(citations.map { .object($0.image) })
            return state
        }

        for entry in entries {
            let old = Self.object(entry.oldValues)
            let new = Self.object(entry.newValues)
            switch entry.table {
            case "records":
                if case .integer(let next)? = new?["version"], let current = version, Int(next) != current {
                    states[current] = state()
                }
                if case .integer(let next)? = new?["version"] { version = Int(next) }
                // The last version's state is the one the delete removed.
                if entry.operation == .delete, let current = version { states[current] = state() }
                record = new.map { image in
                    var kept = JSONObject()
                    for (field, value) in image where !Self.bookkeeping.contains(field) { kept[field] = value }
                    return kept
                }
                isDeleted = entry.operation == .delete
            case let table where Self.typedTables.contains(table):
                typed = new
            case "record_entities":
                if let gone = old?["entity_id"], let index = entityIDs.firstIndex(of: gone) { entityIDs.remove(at: index) }
                if let added = new?["entity_id"] { entityIDs.append(added) }
            case "citations":
                let key = (new ?? old)?["id"]
                citations.removeAll { $0.key == key }
                if let new {
                    var kept = JSONObject()
                    for (field, value) in new where !Self.bookkeeping.contains(field) { kept[field] = value }
                    citations.append((key, kept))
                }
            default:
                continue
            }
        }
        if let version, let final = state() { states[version] = final }
        latest = version
    }

    private static func object(_ text: String?) -> JSONObject? {
        guard let text, case .object(let object)? = try? JSONParser.parse(text) else { return nil }
        return object
    }
}
