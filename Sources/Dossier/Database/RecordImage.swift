/// A record as `dossier edit` shows it: its object in the seed-file format, with its kind and
/// the version it was read at.
package struct RecordImage: Sendable, Equatable {
    /// The record's kind: what the object is read back as.
    package var kind: RecordKind
    /// The version the object was read at: a write based on it is refused once another
    /// write has moved the record past it.
    package var version: Int
    /// The record as an export and a seed file write it: its fields, `about` and `quotes`.
    package var object: JSONObject
}
