import Dossier
import DossierDB
import Foundation
import GRDB
import Synchronization

/// The async phase: how long a writer task takes for its writes alone, and among reader tasks
/// that read as fast as they can meanwhile — the shape of an app serving many requests while
/// it syncs. Readers waiting on a semaphore used to block Swift's cooperative threads and
/// starve the writer (24 s for 80 writes, against 0.3 s alone); the target is at most 3×.
enum AsyncContention {
    struct Result: Sendable {
        var implementation: String
        var aloneSeconds: Double
        var contendedSeconds: Double
        var reads: Int
        var ratio: Double { contendedSeconds / aloneSeconds }
    }

    /// Both libraries with async APIs, each on a database holding the workload's claims.
    static func run(root: String, workload: Workload, writes: Int, readers: Int) throws -> [Result] {
        let box = ResultBox()
        var results: [Result] = []
        for name in ["grdb", "dossier"] {
            let path = "\(root)/contention-\(name).sqlite"
            try Harness.prepare(path: path)
            let done = DispatchSemaphore(value: 0)
            let slugs = workload.claims.map(\.slug)
            let claims = workload.claims
            let implementation = name
            Task.detached {
                do {
                    let result =
                        implementation == "grdb"
                        ? try await grdb(path: path, claims: claims, slugs: slugs, writes: writes, readers: readers)
                        : try await dossier(path: path, workload: workload, slugs: slugs, writes: writes, readers: readers)
                    box.value.withLock { $0 = result }
                } catch {
                    FileHandle.standardError.write(Data("dossier-bench: async contention (\(implementation)): \(error)\n".utf8))
                }
                done.signal()
            }
            done.wait()
            guard let result = box.value.withLock({ $0 }) else { throw UsageError(message: "the async contention phase of \(name) failed") }
            results.append(result)
            box.value.withLock { $0 = nil }
        }
        return results
    }

    private static func dossier(path: String, workload: Workload, slugs: [String], writes: Int, readers: Int) async throws -> Result {
        let content = try ContentDatabase(path: path)
        try await content.claims.insert(contentsOf: workload.models())
        let template = workload.models()[0]
        func claim(_ slug: String) -> ClinicalClaim {
            var claim = template
            claim.info = RecordInfo(slug: slug, title: claim.info.title, statement: claim.info.statement, certainty: claim.info.certainty)
            return claim
        }
        let alone = try await timed {
            for index in 0..<writes { try await content.claims.insert(claim("alone-\(index)")) }
        }
        let (contended, reads) = try await withReaders(
            readers, slugs: slugs, read: { slug in _ = try await content.claims.get(slug: slug) }
        ) {
            for index in 0..<writes { try await content.claims.insert(claim("contended-\(index)")) }
        }
        return Result(implementation: "dossier", aloneSeconds: alone, contendedSeconds: contended, reads: reads)
    }

    private static func grdb(path: String, claims: [BenchClaim], slugs: [String], writes: Int, readers: Int) async throws -> Result {
        let pool = try GRDB.DatabasePool(path: path)
        let entityIDs = try await pool.read { db in
            Dictionary(
                uniqueKeysWithValues: try GRDB.Row.fetchAll(db, sql: "SELECT slug, id FROM entities").map {
                    ($0[0] as String, $0[1] as Int64)
                })
        }
        try await pool.write { db in try GRDBImplementation.insert(claims, entityIDs: entityIDs, into: db) }
        let template = claims[0]
        func claim(_ slug: String) -> BenchClaim {
            var claim = template
            claim.slug = slug
            return claim
        }
        let alone = try await timed {
            for index in 0..<writes {
                let one = [claim("alone-\(index)")]
                try await pool.write { db in try GRDBImplementation.insert(one, entityIDs: entityIDs, into: db) }
            }
        }
        let (contended, reads) = try await withReaders(
            readers, slugs: slugs, read: { slug in _ = try await pool.read { db in try GRDBImplementation.lookup(slug, in: db) } }
        ) {
            for index in 0..<writes {
                let one = [claim("contended-\(index)")]
                try await pool.write { db in try GRDBImplementation.insert(one, entityIDs: entityIDs, into: db) }
            }
        }
        return Result(implementation: "grdb", aloneSeconds: alone, contendedSeconds: contended, reads: reads)
    }

    /// The result a detached task hands back to the synchronous harness.
    private final class ResultBox: Sendable {
        let value = Mutex<Result?>(nil)
    }

    /// The readers' shared flags.
    private final class Counters: Sendable {
        let stop = Atomic<Bool>(false)
        let reads = Atomic<Int>(0)
        let started = Atomic<Int>(0)
    }

    private static func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Times `writes` while `count` tasks read slugs in a loop; the readers stop when it ends.
    private static func withReaders(
        _ count: Int, slugs: [String], read: @escaping @Sendable (String) async throws -> Void, writes: () async throws -> Void
    ) async throws -> (Double, Int) {
        let counters = Counters()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for reader in 0..<count {
                group.addTask {
                    var index = reader
                    counters.started.add(1, ordering: .relaxed)
                    while !counters.stop.load(ordering: .relaxed) {
                        try await read(slugs[index % slugs.count])
                        counters.reads.add(1, ordering: .relaxed)
                        index += count
                    }
                }
            }
            // Every reader is reading before the clock starts.
            while counters.started.load(ordering: .relaxed) < count || counters.reads.load(ordering: .relaxed) < count {
                try await Task.sleep(for: .milliseconds(1))
            }
            let seconds: Double
            do {
                seconds = try await timed(writes)
            } catch {
                counters.stop.store(true, ordering: .relaxed)
                throw error
            }
            counters.stop.store(true, ordering: .relaxed)
            try await group.waitForAll()
            return (seconds, counters.reads.load(ordering: .relaxed))
        }
    }
}
