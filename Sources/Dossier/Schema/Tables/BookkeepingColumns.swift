/// `record_seeds`: which records seeding owns, and what it last wrote.
package enum RecordSeedColumn: Int, TableColumns {
    case recordID, seedSet, checksum, auditMark, seeded

    package static let table = "record_seeds"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .recordID: ColumnDeclaration("record_id", .integer, .parent(table: "records"))
        case .seedSet: ColumnDeclaration("seed_set", .text, .slug)
        case .checksum: ColumnDeclaration("checksum", .text, .sha256)
        case .auditMark: ColumnDeclaration("audit_mark", .integer, .count)
        case .seeded: ColumnDeclaration("seeded", .text, .jsonObject, nullable: true)
        }
    }
}

/// `seed_runs`: each seeding run that changed something.
package enum SeedRunColumn: Int, TableColumns {
    case id, seedSet, mode, checksum, inserted, updated, deleted, at

    package static let table = "seed_runs"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .seedSet: ColumnDeclaration("seed_set", .text, .slug)
        case .mode: ColumnDeclaration("mode", .text, .vocabulary(of: SeedMode.self))
        case .checksum: ColumnDeclaration("checksum", .text, .sha256)
        case .inserted: ColumnDeclaration("inserted", .integer, .count)
        case .updated: ColumnDeclaration("updated", .integer, .count)
        case .deleted: ColumnDeclaration("deleted", .integer, .count)
        case .at: ColumnDeclaration("at", .text, .timestamp)
        }
    }
}

/// `audit_log`: the append-only history the triggers write.
package enum AuditLogColumn: Int, TableColumns {
    case id, at, tableName, rowID, recordID, operation, oldValues, newValues

    package static let table = "audit_log"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .at: ColumnDeclaration("at", .text, .timestamp)
        case .tableName: ColumnDeclaration("table_name", .text, .unchecked)
        case .rowID: ColumnDeclaration("row_id", .integer, .unchecked)
        case .recordID: ColumnDeclaration("record_id", .integer, .unchecked, nullable: true)
        case .operation: ColumnDeclaration("operation", .text, .vocabulary(of: AuditEntry.Operation.self))
        case .oldValues: ColumnDeclaration("old_values", .text, .jsonObject, nullable: true)
        case .newValues: ColumnDeclaration("new_values", .text, .jsonObject, nullable: true)
        }
    }
}

/// `audit_seals`: the hash chain over the audit log, one link stored per sealing write.
package enum AuditSealColumn: Int, TableColumns {
    case id, lastAuditID, chainHash, at

    package static let table = "audit_seals"

    package static let declarations = allCases.map(\.definition)

    package var definition: ColumnDeclaration {
        switch self {
        case .id: ColumnDeclaration("id", .integer, .rowID)
        case .lastAuditID: ColumnDeclaration("last_audit_id", .integer, .count)
        case .chainHash: ColumnDeclaration("chain_hash", .text, .sha256)
        case .at: ColumnDeclaration("at", .text, .timestamp)
        }
    }
}
