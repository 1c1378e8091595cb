/// Every table of the content schema, declared: what the schema comparison, the audit-image
/// check and `dossier check` walk.
package enum ContentTables {
    /// The tables whose rows are content: exported, imported, seeded and audited.
    package static let content: [TableDeclaration] = [
        TableDeclaration(SourceColumn.self, audited: true),
        TableDeclaration(SourceDefectColumn.self, audited: true),
        TableDeclaration(EntityColumn.self, audited: true),
        TableDeclaration(EntityAliasColumn.self, audited: true),
        TableDeclaration(EntityIdentifierColumn.self, audited: true),
        TableDeclaration(RecordColumn.self, audited: true),
        TableDeclaration(RecordEntityColumn.self, audited: true),
        TableDeclaration(HistoricalEventColumn.self, audited: true),
        TableDeclaration(MechanismColumn.self, audited: true),
        TableDeclaration(ClinicalClaimColumn.self, audited: true),
        TableDeclaration(CitationColumn.self, audited: true),
        TableDeclaration(RelationColumn.self, audited: true),
    ]

    /// The tables that describe the database rather than its content: seed ownership and the
    /// audit log.
    package static let bookkeeping: [TableDeclaration] = [
        TableDeclaration(RecordSeedColumn.self, audited: false),
        TableDeclaration(SeedRunColumn.self, audited: false),
        TableDeclaration(AuditLogColumn.self, audited: false),
    ]

    /// All of them.
    package static var all: [TableDeclaration] { content + bookkeeping }
}
