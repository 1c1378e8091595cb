/// What seeding may overwrite or delete despite a conflict: content edited in the database
/// since it was seeded, content the seeds did not create, or content another dossier seeded.
public enum SeedForce: Sendable, Hashable {
    /// Nothing: every conflict stops the run.
    case none
    /// Everything the seed files touch.
    case all
    /// Only the items with these slugs (sources, entities, records; a relation by its subject
    /// or object). A slug the seed files and the database do not know is an error.
    case only(Set<String>)

    /// Whether the item with `slug` may be overwritten.
    func covers(_ slug: String) -> Bool {
        switch self {
        case .none: false
        case .all: true
        case .only(let slugs): slugs.contains(slug)
        }
    }
}
