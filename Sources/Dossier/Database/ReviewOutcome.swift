/// One review as `dossier review` recorded it: a status change, who made it and why.
package struct ReviewOutcome: Sendable, Equatable {
    /// The record reviewed.
    package var slug: String
    /// Its status before.
    package var fromStatus: RecordStatus
    /// Its status after.
    package var toStatus: RecordStatus
    /// Its version after the review.
    package var version: Int
    /// Who reviewed it.
    package var reviewer: String
    /// Why.
    package var note: String
}
