/// Every table of the content schema, declared: what the schema comparison, the audit-image
/// check and `dossier check` walk.
package enum ContentTables {
    /// The tables whose rows are content: exported, imported, seeded and audited.
    package static let content: [TableDeclaration] = [
        TableDeclaration(SourceColumn.self, audited: true, auditKey: "id"),
        TableDeclaration(SourceDefectColumn.self, audited: true, auditKey: "id"),
        TableDeclaration(EntityColumn.self, audited: true, auditKey: "id"),
        TableDeclaration(EntityAliasColumn.self, audited: true),
        TableDeclaration(EntityIdentifierColumn.self, audited: true),
        TableDeclaration(RecordColumn.self, audited: true, auditKey: "id"),
        TableDeclaration(RecordEntityColumn.self, audited: true),
        TableDeclaration(HistoricalEventColumn.self, audited: true, auditKey: "record_id"),
        TableDeclaration(MechanismColumn.self, audited: true, auditKey: "record_id"),
        TableDeclaration(ClinicalClaimColumn.self, audited: true, auditKey: "record_id"),
        TableDeclaration(CitationColumn.self, audited: true, auditKey: "id"),
        TableDeclaration(RelationColumn.self, audited: true, auditKey: "id"),
        TableDeclaration(ReferenceColumn.self, audited: true, auditKey: "id"),
        TableDeclaration(ClaimEvidenceColumn.self, audited: true, auditKey: "id"),
    ]

    /// The tables that describe the database rather than its content: seed ownership, the dossiers
    /// and which of them define each entity, the audit log and its seals, and the review trail
    /// (audited by a trigger of its own, as one insert per review).
    package static let bookkeeping: [TableDeclaration] = [
        TableDeclaration(RecordSeedColumn.self, audited: false),
        TableDeclaration(SeedRunColumn.self, audited: false),
        TableDeclaration(DossierColumn.self, audited: false),
        TableDeclaration(EntityDefinitionColumn.self, audited: false),
        TableDeclaration(AuditLogColumn.self, audited: false),
        TableDeclaration(AuditSealColumn.self, audited: false),
        TableDeclaration(ReviewColumn.self, audited: true, auditKey: "id"),
    ]

    /// All of them.
    package static var all: [TableDeclaration] { content + bookkeeping }
}
