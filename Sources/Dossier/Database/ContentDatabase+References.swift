internal import DossierDB

/// A reference a claim cites as evidence, read whole, with the claim's note on it.
public struct CitedReference: Sendable, Hashable {
    /// The reference.
    public var reference: BibliographicReference
    /// What it shows for the claim, if the curator says.
    public var note: String?
}

extension ContentDatabase {
    private static let referenceSelect =
        "SELECT \(ReferenceColumn.selectList(alias: "b")), ev.note FROM bibliographic_references b"

    /// Every bibliographic reference, by slug.
    ///
    /// - throws: ``ContentError`` when a stored row cannot be read (a kind the schema does not
    ///   know, written by hand); `dossier check` names it.
    public func references() throws -> [BibliographicReference] {
        try pool.read { db in
            try db.fetchAll(
                "SELECT \(ReferenceColumn.selectList(alias: "b")) FROM bibliographic_references b ORDER BY b.slug"
            ) { row in try BibliographicReference(RowValues<ReferenceColumn>(row: row, base: 0)) }
        }
    }

    /// The references the claim `slug` cites as evidence, by slug; empty for a record that is
    /// no claim, or one that cites none.
    public func evidence(ofClaim slug: String) throws -> [CitedReference] {
        try pool.read { db in
            try db.fetchAll(
                """
                \(Self.referenceSelect) JOIN claim_evidence ev ON ev.reference_id = b.id
                WHERE ev.record_id = (SELECT id FROM records WHERE slug = ?) ORDER BY b.slug
                """, [.text(slug)]
            ) { row in
                CitedReference(
                    reference: try BibliographicReference(RowValues<ReferenceColumn>(row: row, base: 0)),
                    note: try row.optionalText(ReferenceColumn.allCases.count))
            }
        }
    }
}
