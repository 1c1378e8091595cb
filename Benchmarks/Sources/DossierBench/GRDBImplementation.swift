import Dossier
import GRDB

/// GRDB used the fast way: records with hand-written `init(row:)` (by column index) and
/// `encode(to:)`, cached statements for the lookups and searches.
final class GRDBImplementation: BenchImplementation {
    static let name = "grdb"
    let pool: DatabasePool
    let workload: Workload
    let entityIDs: [String: Int64]

    struct RecordRow: MutablePersistableRecord {
        static let databaseTableName = "records"
        var id: Int64?
        var slug: String
        var title: String
        var statement: String
        var certainty: String
        var status: String

        func encode(to container: inout PersistenceContainer) {
            container["id"] = id
            container["slug"] = slug
            container["kind"] = "claim"
            container["title"] = title
            container["statement"] = statement
            container["certainty"] = certainty
            container["status"] = status
            container["deprecation_reason"] = nil
        }

        mutating func didInsert(_ inserted: InsertionSuccess) {
            id = inserted.rowID
        }
    }

    struct ClaimRow: PersistableRecord {
        static let databaseTableName = "clinical_claims"
        var recordID: Int64
        var interventionID: Int64
        var indicationID: Int64?
        var outcome: String
        var onsetText: String?
        var onsetLower: String?
        var onsetUpper: String?

        func encode(to container: inout PersistenceContainer) {
            container["record_id"] = recordID
            container["intervention_entity_id"] = interventionID
            container["indication_entity_id"] = indicationID
            container["population"] = nil
            container["outcome"] = outcome
            container["onset_text"] = onsetText
            container["onset_lower_unit"] = onsetLower
            container["onset_upper_unit"] = onsetUpper
            container["comparator_entity_id"] = nil
            container["comparator_text"] = nil
            container["comparator_onset_text"] = nil
            container["comparator_onset_unit"] = nil
            container["evidence_level"] = "not_assessed"
        }
    }

    struct ClaimModel: FetchableRecord {
        var claim: PlainClaim

        init(row: GRDB.Row) {
            claim = PlainClaim(
                id: row[0], slug: row[1], title: row[2], statement: row[3], certainty: row[4], status: row[5],
                deprecationReason: row[6], version: row[7], createdAt: row[8], updatedAt: row[9], about: row[10],
                intervention: row[11], indication: row[12], population: row[13], outcome: row[14], onsetText: row[15],
                onsetLower: row[16], onsetUpper: row[17], comparator: row[18], comparatorText: row[19],
                comparatorOnsetText: row[20], comparatorOnsetUnit: row[21], evidenceLevel: row[22])
        }
    }

    init(path: String, workload: Workload) throws {
        pool = try DatabasePool(path: path)
        self.workload = workload
        entityIDs = try pool.read { db in
            Dictionary(uniqueKeysWithValues: try GRDB.Row.fetchAll(db, sql: "SELECT slug, id FROM entities").map { ($0[0] as String, $0[1] as Int64) })
        }
    }

    func insert() throws {
        try pool.write { db in
            for claim in workload.claims {
                var record = RecordRow(id: nil, slug: claim.slug, title: claim.title, statement: claim.statement, certainty: claim.certainty, status: claim.status)
                try record.insert(db)
                try ClaimRow(
                    recordID: record.id ?? 0, interventionID: entityIDs[claim.intervention] ?? 0,
                    indicationID: claim.indication.flatMap { entityIDs[$0] }, outcome: claim.outcome, onsetText: claim.onsetText,
                    onsetLower: claim.onsetLower, onsetUpper: claim.onsetUpper
                ).insert(db)
            }
        }
    }

    func fetchAll() throws -> Checksum {
        let claims = try pool.read { db in try ClaimModel.fetchAll(db, sql: ClinicalClaim.mapping.selectSQL + " ORDER BY r.id") }
        var checksum = Checksum()
        for model in claims { model.claim.addTo(&checksum) }
        return checksum
    }

    func lookupByID(_ ids: [Int64]) throws -> Checksum {
        try pool.read { db in
            var checksum = Checksum()
            let statement = try db.cachedStatement(sql: ClinicalClaim.mapping.selectSQL + " WHERE r.id = ?")
            for id in ids {
                try ClaimModel.fetchOne(statement, arguments: [id])?.claim.addTo(&checksum)
            }
            return checksum
        }
    }

    func lookupBySlug(_ slugs: [String]) throws -> Checksum {
        try pool.read { db in
            var checksum = Checksum()
            let statement = try db.cachedStatement(sql: ClinicalClaim.mapping.selectSQL + " WHERE r.slug = ?")
            for slug in slugs {
                try ClaimModel.fetchOne(statement, arguments: [slug])?.claim.addTo(&checksum)
            }
            return checksum
        }
    }

    func search(_ queries: [String]) throws -> Checksum {
        try pool.read { db in
            var checksum = Checksum()
            let statement = try db.cachedStatement(sql: SearchRepository.sql)
            for query in queries {
                for row in try GRDB.Row.fetchAll(statement, arguments: [query, nil, 20]) {
                    checksum.add(id: row[0], row[1] as String, row[3] as String, row[5] as String?)
                }
            }
            return checksum
        }
    }

    func stream() throws -> Checksum {
        try pool.read { db in
            var checksum = Checksum()
            let cursor = try GRDB.Row.fetchCursor(db, sql: streamSQL)
            while let row = try cursor.next() {
                checksum.add(id: row[0], row[1] as String)
            }
            return checksum
        }
    }

    static func openAndMigrate(path: String) throws {
        let pool = try DatabasePool(path: path)
        var migrator = DatabaseMigrator()
        for migration in try ContentSchema.migrations() {
            migrator.registerMigration(migration.fileName) { db in try db.execute(sql: migration.sql) }
        }
        try migrator.migrate(pool)
    }
}
