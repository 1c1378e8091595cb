public import Foundation

/// One change recorded by the audit triggers.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// The kind of change.
    public enum Operation: String, Vocabulary {
        /// A row was added.
        case insert
        /// A row was changed.
        case update
        /// A row was removed.
        case delete

        /// What the value means, in one line (`dossier vocab` prints it).
        public var meaning: String {
            switch self {
            case .insert: "A row was added."
            case .update: "A row was changed."
            case .delete: "A row was removed."
            }
        }
    }

    /// The audit row id: changes are numbered in the order they happened.
    public var id: Int64
    /// When, to the millisecond.
    public var at: Date
    /// The table changed: `records`, `clinical_claims`, `citations`…
    public var table: String
    /// The kind of change.
    public var operation: Operation
    /// The row before the change, as a JSON object (`nil` for an insert).
    public var oldValues: String?
    /// The row after the change, as a JSON object (`nil` for a delete).
    public var newValues: String?
}
