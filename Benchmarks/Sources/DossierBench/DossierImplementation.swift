import Dossier
import DossierDB

/// Dossier's public API, the way a program would use it.
final class DossierImplementation: BenchImplementation {
    static let name = "dossier"
    let content: ContentDatabase
    let models: [ClinicalClaim]

    init(path: String, workload: Workload) throws {
        content = try ContentDatabase(path: path)
        models = workload.models()
    }

    func insert() throws {
        try content.claims.insert(contentsOf: models)
    }

    func fetchAll() throws -> Checksum {
        Checksum(try content.claims.all())
    }

    func lookupByID(_ ids: [Int64]) throws -> Checksum {
        // One call for all the lookups, in one read transaction, as raw C and GRDB do them.
        Checksum(try content.claims.get(ids: ids.map(RecordID.init(rawValue:))))
    }

    func lookupBySlug(_ slugs: [String]) throws -> Checksum {
        Checksum(try content.claims.get(slugs: slugs))
    }

    func singleLookupsBySlug(_ slugs: [String]) throws -> Checksum {
        var checksum = Checksum()
        for slug in slugs { try content.claims.get(slug: slug)?.addTo(&checksum) }
        return checksum
    }

    func search(_ queries: [String]) throws -> Checksum {
        var checksum = Checksum()
        for query in queries {
            // The plain word: the words syntax quotes it, as the other implementations do by hand.
            for hit in try content.search.find(query, limit: 20) {
                checksum.add(id: hit.id.rawValue, hit.slug, hit.title, hit.snippet)
            }
        }
        return checksum
    }

    func stream() throws -> Checksum {
        try content.pool.read { db in
            var checksum = Checksum()
            let cursor = try db.cursor(streamSQL)
            while let row = try cursor.next() {
                checksum.add(id: try row.int64(0), try row.text(1))
            }
            return checksum
        }
    }

    static func openAndMigrate(path: String) throws {
        _ = try ContentDatabase(path: path)
    }
}
