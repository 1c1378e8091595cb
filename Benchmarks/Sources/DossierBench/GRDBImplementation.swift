@_spi(Benchmarks) import Dossier
import GRDB

/// GRDB used the fast way: records with hand-written `init(row:)` (by column index) and
/// `encode(to:)`, cached statements for the lookups and searches.
final class GRDBImplementation: BenchImplementation {
    static let name = "grdb"
    let pool: GRDB.DatabasePool
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
                // Positions of Dossier's select list: records (kind at 2), about (11), clinical_claims from 12.
                id: row[0], slug: row[1], title: row[3], statement: row[4], certainty: row[5], status: row[6],
                deprecationReason: row[7], version: row[8], createdAt: row[9], updatedAt: row[10], about: row[11],
                intervention: row[13], indication: row[14], population: row[15], outcome: row[16], onsetText: row[17],
                onsetLower: row[18], onsetUpper: row[19], comparator: row[20], comparatorText: row[21],
                comparatorOnsetText: row[22], comparatorOnsetUnit: row[23], evidenceLevel: row[24])
        }
    }

    init(path: String, workload: Workload) throws {
        pool = try GRDB.DatabasePool(path: path)
        self.workload = workload
        entityIDs = try pool.read { db in
            Dictionary(
                uniqueKeysWithValues: try GRDB.Row.fetchAll(db, sql: "SELECT slug, id FROM entities").map {
                    ($0[0] as String, $0[1] as Int64)
                })
        }
    }

    func insert() throws {
        try pool.write { db in try Self.insert(workload.claims, entityIDs: entityIDs, into: db) }
    }

    /// Inserts claims as `insert()` does, inside the caller's transaction.
    static func insert(_ claims: [BenchClaim], entityIDs: [String: Int64], into db: GRDB.Database) throws {
        for claim in claims {
            var record = RecordRow(
                id: nil, slug: claim.slug, title: claim.title, statement: claim.statement, certainty: claim.certainty,
                status: claim.status)
            try record.insert(db)
            try ClaimRow(
                recordID: record.id ?? 0, interventionID: entityIDs[claim.intervention] ?? 0,
                indicationID: claim.indication.flatMap { entityIDs[$0] }, outcome: claim.outcome, onsetText: claim.onsetText,
                onsetLower: claim.onsetLower, onsetUpper: claim.onsetUpper
            ).insert(db)
        }
    }

    /// One claim by slug, as `singleLookupsBySlug` reads it.
    static func lookup(_ slug: String, in db: GRDB.Database) throws -> PlainClaim? {
        let statement = try db.cachedStatement(sql: ClinicalClaim.mapping.selectSQL + " WHERE r.slug = ?")
        return try ClaimModel.fetchOne(statement, arguments: [slug])?.claim
    }

    func fetchAll() throws -> Checksum {
        let claims = try pool.read { db in try ClaimModel.fetchAll(db, sql: ClinicalClaim.mapping.selectSQL + " ORDER BY r.id") }
        return Checksum(claims.map(\.claim))
    }

    func lookupByID(_ ids: [Int64]) throws -> Checksum {
        let claims = try pool.read { db in
            let statement = try db.cachedStatement(sql: ClinicalClaim.mapping.selectSQL + " WHERE r.id = ?")
            return try ids.compactMap { try ClaimModel.fetchOne(statement, arguments: [$0])?.claim }
        }
        return Checksum(claims)
    }

    func lookupBySlug(_ slugs: [String]) throws -> Checksum {
        let claims = try pool.read { db in
            let statement = try db.cachedStatement(sql: ClinicalClaim.mapping.selectSQL + " WHERE r.slug = ?")
            return try slugs.compactMap { try ClaimModel.fetchOne(statement, arguments: [$0])?.claim }
        }
        return Checksum(claims)
    }

    func singleLookupsBySlug(_ slugs: [String]) throws -> Checksum {
        var checksum = Checksum()
        for slug in slugs {
            try pool.read { db in
                let statement = try db.cachedStatement(sql: ClinicalClaim.mapping.selectSQL + " WHERE r.slug = ?")
                try ClaimModel.fetchOne(statement, arguments: [slug])?.claim.addTo(&checksum)
            }
        }
        return checksum
    }

    func search(_ queries: [String]) throws -> Checksum {
        // One read per search, as an app serves a search per request (see the raw implementation).
        var checksum = Checksum()
        for query in queries {
            try pool.read { db in
                let statement = try db.cachedStatement(sql: SearchRepository.sql)
                for row in try GRDB.Row.fetchAll(statement, arguments: [query, nil, 20, nil]) {
                    checksum.add(id: row[0], row[1] as String, row[3] as String, row[5] as String?)
                }
            }
        }
        return checksum
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
        let pool = try GRDB.DatabasePool(path: path)
        var migrator = DatabaseMigrator()
        for migration in try ContentSchema.migrations() {
            migrator.registerMigration(migration.fileName) { db in try db.execute(sql: migration.sql) }
        }
        try migrator.migrate(pool)
    }
}
