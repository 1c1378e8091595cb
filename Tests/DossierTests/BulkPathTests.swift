import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Testing

/// The bulk path (`insert(contentsOf:)`, import, seed: the search index deferred to the end of
/// the load, migration 0008) must leave exactly the database the row-by-row path leaves.
@Suite("Bulk path: the same database as row-by-row writes")
struct BulkPathTests {
    /// A generated corpus: claims, mechanisms and events over the fixtures' entities, with one
    /// to three quotes each, some deprecated, some with entity links.
    static func corpus(count: Int) -> [(AnyRecord, [Quote])] {
        var random = SeededRandom(seed: 14)
        let sentences = [
            "Ketamine’s effects are primarily attribut to its interaction with NMDA receptors.",
            "By blocking these receptors, ketamine induces a state of dissociation 🧪.",
            "Its unique mechanism is believ to reset neural pathways, providing rapid relief.",
            "ketamine often works within hours or days",
            "A café serves ketamine’s fans",
        ]
        return (0..<count).map { index in
            let status: RecordStatus = index % 7 == 3 ? .deprecated : (index % 2 == 0 ? .published : .draft)
            let info = RecordInfo(
                slug: "generated-\(index)", title: "Generated record \(index)", statement: "Statement number \(index) about ketamine.",
                certainty: .probable, status: status, deprecationReason: status == .deprecated ? "Superseded by a later record." : nil,
                about: index % 3 == 0 ? ["depression", "ketamine"] : [])
            let quotes = (0...(index % 3)).map { offset in Quote(sentences[(index + offset) % sentences.count], from: Fixtures.articleSlug)
            }
            let record: AnyRecord
            // Runs of several records of one kind, for the bulk path to batch.
            switch (index / 7 + Int(random.next() % 2)) % 3 {
            case 0:
                record = .claim(
                    ClinicalClaim(
                        info, intervention: "ketamine", indication: "depression", outcome: "relief number \(index)",
                        onset: .init(text: "within hours", lowerUnit: .hours, upperUnit: .hours)))
            case 1:
                record = .mechanism(
                    Mechanism(info, agent: "ketamine", action: .blocker, target: "nmda-receptor", effect: "effect \(index)", role: .primary)
                )
            default:
                record = .event(HistoricalEvent(info, date: .during("vietnam-war", text: "during the Vietnam War")))
            }
            return (record, quotes)
        }
    }

    /// Inserts the corpus one record per transaction (row by row), or each run of one kind
    /// with one `insert(contentsOf:)` (the bulk path): the same order, and so the same ids.
    static func load(_ corpus: [(AnyRecord, [Quote])], bulk: Bool) throws -> ContentDatabase {
        let content = try Fixtures.database()
        var run: [(AnyRecord, [Quote])] = []
        func insert(_ run: [(AnyRecord, [Quote])]) throws {
            let quotes = Dictionary(uniqueKeysWithValues: run.map { ($0.0.info.slug, $0.1) })
            let claims = run.compactMap { if case .claim(let claim) = $0.0 { claim } else { nil } }
            let mechanisms = run.compactMap { if case .mechanism(let mechanism) = $0.0 { mechanism } else { nil } }
            let events = run.compactMap { if case .event(let event) = $0.0 { event } else { nil } }
            try content.claims.insert(contentsOf: claims) { quotes[$0.slug] ?? [] }
            try content.mechanisms.insert(contentsOf: mechanisms) { quotes[$0.slug] ?? [] }
            try content.events.insert(contentsOf: events) { quotes[$0.slug] ?? [] }
        }
        for item in corpus {
            guard bulk else {
                switch item.0 {
                case .claim(let claim): try content.claims.insert(claim, citing: item.1)
                case .mechanism(let mechanism): try content.mechanisms.insert(mechanism, citing: item.1)
                case .event(let event): try content.events.insert(event, citing: item.1)
                }
                continue
            }
            if let first = run.first, first.0.kind != item.0.kind {
                try insert(run)
                run = []
            }
            run.append(item)
        }
        try insert(run)
        return content
    }

    /// What must not differ: the search index, and the audit log without its timestamps.
    static func derived(_ content: ContentDatabase) throws -> (index: [[String]], audit: [[String]]) {
        try content.pool.read { db in
            let index = try db.fetchAll("SELECT rowid, title, statement, quotes, entity_terms, kind FROM search_index ORDER BY rowid") {
                row in
                [String(try row.int64(0))] + (try (1..<6).map { try row.text($0) })
            }
            let audit = try db.fetchAll(
                """
                SELECT id, table_name, row_id, record_id, operation,
                       json_remove(old_values, '$.created_at', '$.updated_at'), json_remove(new_values, '$.created_at', '$.updated_at')
                FROM audit_log ORDER BY id
                """
            ) { row in try (0..<7).map { try row.value($0).description } }
            return (index, audit)
        }
    }

    @Test("insert(contentsOf:) and one insert per record give the same export, search index and audit log")
    func bulkInsertEqualsRowByRow() throws {
        let corpus = Self.corpus(count: 60)
        let rowByRow = try Self.load(corpus, bulk: false)
        let bulk = try Self.load(corpus, bulk: true)
        #expect(try bulk.exportJSON() == rowByRow.exportJSON())
        let (bulkIndex, bulkAudit) = try Self.derived(bulk)
        let (rowIndex, rowAudit) = try Self.derived(rowByRow)
        #expect(bulkIndex == rowIndex)
        #expect(bulkAudit == rowAudit)
        // Deprecated records are not indexed, the others are, on either path.
        #expect(bulkIndex.count == corpus.filter { $0.0.info.status != .deprecated }.count)
        #expect(try bulk.check().findings.filter { $0.rule == .searchIndex }.isEmpty)
    }

    @Test("one insert(contentsOf:) of mixed runs equals row by row, and leaves no deferral behind")
    func oneBatch() throws {
        let corpus = Self.corpus(count: 30).compactMap { record, quotes -> (ClinicalClaim, [Quote])? in
            if case .claim(let claim) = record { return (claim, quotes) }
            return nil
        }
        let rowByRow = try Fixtures.database()
        for (claim, quotes) in corpus { try rowByRow.claims.insert(claim, citing: quotes) }
        let bulk = try Fixtures.database()
        let quotes = Dictionary(uniqueKeysWithValues: corpus.map { ($0.0.slug, $0.1) })
        try bulk.claims.insert(contentsOf: corpus.map(\.0)) { quotes[$0.slug] ?? [] }
        #expect(try bulk.exportJSON() == rowByRow.exportJSON())
        #expect(try Self.derived(bulk).index == Self.derived(rowByRow).index)
        #expect(try Self.derived(bulk).audit == Self.derived(rowByRow).audit)
        #expect(try bulk.pool.read { db in try db.fetchAll("SELECT record_id FROM search_index_pending") { try $0.int64(0) } } == [])
    }

    @Test("a failing bulk insert writes nothing, index included")
    func failingBulkInsert() throws {
        let content = try Fixtures.database()
        let good = Fixtures.rapidRelief()
        var bad = Fixtures.rapidRelief()
        bad.info.slug = "unquotable"
        #expect(throws: ContentError.self) {
            try content.claims.insert(contentsOf: [good, bad]) { claim in
                claim.slug == "unquotable" ? [Quote("words the article never says", from: Fixtures.articleSlug)] : []
            }
        }
        #expect(try content.records.counts().values.reduce(0, +) == 0)
        #expect(try Self.derived(content).index.isEmpty)
        #expect(try content.pool.read { db in try db.fetchAll("SELECT record_id FROM search_index_pending") { try $0.int64(0) } } == [])
    }

    @Test("an import (bulk) of a row-by-row database's export gives the same export and search index")
    func importEqualsRowByRow() throws {
        let rowByRow = try Self.load(Self.corpus(count: 40), bulk: false)
        for ndjson in [false, true] {
            var text = ""
            if ndjson { try rowByRow.exportNDJSON { text += $0 } } else { text = try rowByRow.exportJSON() }
            let copy = try ContentDatabase.inMemory()
            try copy.importJSON(text)
            #expect(try copy.exportJSON() == rowByRow.exportJSON())
            // Ids, and with them the order of quotes and entity names, follow the order rows
            // were written in, which an import takes from the export: compare what each
            // record's row says.
            func documents(_ content: ContentDatabase) throws -> [[String]] {
                try Self.derived(content).index.map { row in
                    [
                        row[1], row[2], row[3].components(separatedBy: " … ").sorted().joined(separator: " … "),
                        row[4].split(separator: " ").sorted().joined(separator: " "), row[5],
                    ]
                }.sorted { $0.joined(separator: "\u{0}") < $1.joined(separator: "\u{0}") }
            }
            #expect(try documents(copy) == documents(rowByRow))
        }
    }

    @Test("a commit that leaves the deferral on is refused by the deferred foreign key")
    func deferralCannotBeCommitted() throws {
        let content = try Fixtures.database()
        #expect(throws: DatabaseError.self) {
            try content.pool.write { db in try db.execute("INSERT INTO search_index_pending(record_id) VALUES (0)") }
        }
        #expect(try content.pool.read { db in try db.fetchAll("SELECT record_id FROM search_index_pending") { try $0.int64(0) } } == [])
    }
}
