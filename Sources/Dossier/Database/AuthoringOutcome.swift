/// What an authoring write did (or, in a dry run, would do).
package struct AuthoringOutcome: Sendable, Equatable {
    /// The record's slug.
    package var slug: String
    /// The version before the write (`nil` for a new record).
    package var fromVersion: Int?
    /// The version after it.
    package var toVersion: Int
    /// The dossier the record belongs to, when the write added it.
    package var dossier: String?
    /// The fields that changed, between the stored images before and after.
    package var changes: [FieldChange]
}
