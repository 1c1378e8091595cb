import Dispatch
import Dossier
import DossierTestSupport
import Foundation
import Synchronization
import Testing

@Suite("An app's code around the library: nested calls, shared transactions, async, cancellation")
struct ContentConcurrencyTests {
    /// A seeded database on file, or in memory.
    private static func seeded(inMemory: Bool, folder: TemporaryFolder) throws -> ContentDatabase {
        let content = inMemory ? try ContentDatabase.inMemory() : try ContentDatabase(path: folder.file("content.sqlite"))
        try content.seed()
        return content
    }

    @Test("forEach whose body calls get, on 8 threads at once, finishes on file and in memory", arguments: [false, true])
    func nestedReadsFromEightThreads(inMemory: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try Self.seeded(inMemory: inMemory, folder: folder)
        let claimCount = try content.claims.all().count
        let found = Atomic<Int>(0)
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                try content.claims.forEach { claim in
                    if try content.claims.get(slug: claim.slug) == claim { found.add(1, ordering: .relaxed) }
                }
            } catch {
                errors.withLock { $0.append(String(describing: error)) }
            }
        }
        #expect(errors.withLock { $0 } == [])
        #expect(found.load(ordering: .relaxed) == 8 * claimCount)
    }

    @Test("a write inside a read fails at once with the misuse error, on file and in memory", arguments: [false, true])
    func writeInsideRead(inMemory: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try Self.seeded(inMemory: inMemory, folder: folder)
        let before = try content.exportJSON()
        let error = try #require(throws: DatabaseError.self) {
            try content.claims.forEach { claim in try content.claims.delete(slug: claim.slug) }
        }
        #expect(error.resultCode == .misuse)
        #expect(error.localizedDescription.contains("a write cannot run inside a read"))
        #expect(try content.exportJSON() == before)
    }

    @Test("repository writes and the caller's own SQL share one transaction: one failure undoes both")
    func sharedWriteTransaction() throws {
        let content = try ContentDatabase.inMemory(appMigrations: [
            try Migration(fileName: "0001_app_bookmarks.sql", sql: "CREATE TABLE app_bookmarks(slug TEXT PRIMARY KEY) STRICT;")
        ])
        try content.seed()
        let claim = Self.newClaim("shared-transaction")
        // Both commit together.
        try content.write { tx in
            let stored = try tx.claims.insert(claim)
            try tx.db.execute("INSERT INTO app_bookmarks(slug) VALUES (?)", [.text(stored.slug)])
            // Reads inside the write see it.
            #expect(try tx.claims.get(slug: "shared-transaction") != nil)
        }
        #expect(try content.claims.get(slug: "shared-transaction") != nil)
        // A failure of the caller's SQL rolls back the repository's insert too.
        #expect(throws: DatabaseError.self) {
            try content.write { tx in
                try tx.claims.insert(Self.newClaim("rolled-back"))
                try tx.db.execute("INSERT INTO app_bookmarks(slug) VALUES (?)", [.text("shared-transaction")])
            }
        }
        #expect(try content.claims.get(slug: "rolled-back") == nil)
        // The audit log holds nothing of the rolled-back insert, and the chain is intact.
        #expect(try content.records.history(of: "rolled-back").isEmpty)
        #expect(try content.check().errors.isEmpty)
    }

    @Test("a read closure sees one snapshot across repository calls and its own SQL")
    func sharedReadSnapshot() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try Self.seeded(inMemory: false, folder: folder)
        try content.read { tx in
            let before = try tx.claims.all().count
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                _ = try? content.claims.insert(Self.newClaim("during-read"))
                done.signal()
            }
            done.wait()
            #expect(try tx.claims.all().count == before)
            #expect(try tx.db.fetchOne("SELECT count(*) FROM records WHERE kind = 'claim'") { try $0.int(0) } == before)
        }
        #expect(try content.claims.get(slug: "during-read") != nil)
    }

    @Test("async calls: reads, a search, writes and a shared async transaction")
    func asyncCalls() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try Self.seeded(inMemory: false, folder: folder)
        let inserted = try await content.claims.insert(Self.newClaim("async-claim"))
        #expect(try await content.claims.get(slug: "async-claim") == inserted)
        #expect(try await content.search.find("synaptic connections").first?.slug == "synaptic-growth")
        #expect(try await content.events.timeline().first?.slug == "surgical-beginnings")
        var changed = inserted
        changed.info.title = "Async claim, edited"
        #expect(try await content.claims.update(changed).version == 2)
        let titles = try await content.read { tx in try tx.claims.list().items.map(\.info.title) }
        #expect(titles.contains("Async claim, edited"))
        try await content.write { tx in try tx.claims.delete(slug: "async-claim") }
        #expect(try await content.claims.get(slug: "async-claim") == nil)
    }

    @Test("a cancelled search throws CancellationError; a long read of searches is interrupted mid-run", .hangGuard)
    func cancellation() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try Self.seeded(inMemory: false, folder: folder)
        let cancelledFirst = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await content.search.find("ketamine")
        }
        await #expect(throws: CancellationError.self) { try await cancelledFirst.value }
        let searches = Atomic<Int>(0)
        let long = Task {
            try await content.read { tx in
                while true {
                    _ = try tx.search.find("ketamine depression", limit: 1000)
                    searches.add(1, ordering: .relaxed)
                }
            }
        }
        while searches.load(ordering: .relaxed) < 3 { try await Task.sleep(for: .milliseconds(1)) }
        long.cancel()
        await #expect(throws: CancellationError.self) { try await long.value }
        #expect(try await content.search.find("synaptic connections").first?.slug == "synaptic-growth")
    }

    static func newClaim(_ slug: String) -> ClinicalClaim {
        ClinicalClaim(
            RecordInfo(slug: slug, title: "A claim \(slug)", statement: "A statement for \(slug).", certainty: .probable),
            intervention: "ketamine", outcome: "relief")
    }
}
