/// How seeding treats what the seed files no longer contain.
public enum SeedMode: String, Vocabulary {
    /// Insert what is new, update what changed; leave everything else alone.
    case upsert
    /// Upsert, then delete what the seeds own but the files no longer contain. Content created
    /// by hand is never deleted.
    case sync

    /// What the value means, in one line (`dossier vocab` prints it).
    public var meaning: String {
        switch self {
        case .upsert: "Insert what is new, update what changed; leave everything else alone."
        case .sync: "Upsert, then delete what the seeds own but the files no longer contain. Content created by hand is never deleted."
        }
    }
}

/// What seeding did — or, in a dry run, would do.
public struct SeedReport: Sendable, Hashable {
    /// One inserted, updated or deleted item.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        /// What changed.
        public enum Action: String, Sendable, Hashable {
            /// Added.
            case inserted
            /// Changed.
            case updated
            /// Removed (sync mode).
            case deleted
        }

        /// `source`, `defect`, `entity`, `event`, `mechanism`, `claim` or `relation`.
        public var kind: String
        /// Its key: a slug, or "subject predicate object" for a relation.
        public var key: String
        /// What happened to it.
        public var action: Action
        /// For an updated record, each field that changed: `title: "old" → "new"`, in full.
        public var fields: [String] = []

        /// "inserted claim rapid-relief".
        public var description: String { "\(action.rawValue) \(kind) \(key)" }
    }

    /// The dossiers seeded.
    public var dossiers: [String]
    /// The mode.
    public var mode: SeedMode
    /// Whether this was a dry run: nothing was written.
    public var isDryRun: Bool
    /// Every change, in the order it was made. Empty after an import, which reports only
    /// the counts: listing a million inserted records would hold them all in memory.
    public var changes: [Change]
    /// How many items were inserted.
    public var insertedCount: Int
    /// How many items were updated.
    public var updatedCount: Int
    /// How many items were deleted (sync mode).
    public var deletedCount: Int
    /// How many items were already as the files say.
    public var unchangedCount: Int
    /// Things a curator should know that did not stop seeding.
    public var notices: [String]

    /// How many items changed (0 when the database already held exactly the seeds).
    public var changeCount: Int { insertedCount + updatedCount + deletedCount }

    /// "3 inserted, 1 updated, 0 deleted, 40 unchanged".
    public var summary: String {
        "\(insertedCount) inserted, \(updatedCount) updated, \(deletedCount) deleted, \(unchangedCount) unchanged"
    }
}
