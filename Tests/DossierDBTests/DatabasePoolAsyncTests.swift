import Dispatch
import DossierDB
import DossierTestSupport
import Foundation
import Synchronization
import Testing

@Suite("The pool from async code: suspension, cancellation, no blocked cooperative threads")
struct DatabasePoolAsyncTests {
    private func makePool(_ directory: TemporaryDirectory) throws -> DatabasePool {
        let pool = try DatabasePool(path: directory.file("async.sqlite"))
        try pool.write { db in try db.execute("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, pair INTEGER NOT NULL) STRICT") }
        return pool
    }

    /// A query that would run for hours: only an interrupt ends it.
    private static let endless =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 9000000000000) SELECT count(*) FROM c"

    /// Starts the endless query in an async read, cancels the task once the query runs, and
    /// expects `CancellationError`.
    private static func cancelEndlessRead(on pool: DatabasePool) async throws {
        let started = Atomic<Bool>(false)
        let task = Task {
            try await pool.read { db in
                started.store(true, ordering: .releasing)
                return try db.fetchOne(endless) { try $0.int64(0) }
            }
        }
        while !started.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test(
        "cancelling a task interrupts its running read, which throws CancellationError; the reader is free again", .hangGuard)
    func cancelRunningRead() async throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        try await Self.cancelEndlessRead(on: pool)
        // Every reader serves again.
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try await pool.read { db in try db.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } ?? -1 } }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 0, count: 8))
    }

    @Test("cancelling a running write rolls it back", .hangGuard)
    func cancelRunningWrite() async throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        let started = Atomic<Bool>(false)
        let task = Task {
            try await pool.write { db in
                try db.execute("INSERT INTO t(pair) VALUES (1)")
                started.store(true, ordering: .releasing)
                _ = try db.fetchOne(Self.endless) { try $0.int64(0) }
            }
        }
        while !started.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(1)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try await pool.read { db in try db.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } } == 0)
        try await pool.write { db in try db.execute("INSERT INTO t(pair) VALUES (2)") }
        #expect(try await pool.read { db in try db.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } } == 1)
    }

    @Test("a task waiting for a reader, all of them held, is cancelled without ever holding one", .hangGuard)
    func cancelWhileWaitingForReader() async throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        let release = DispatchSemaphore(value: 0)
        let holding = Atomic<Int>(0)
        let readerCount = pool.configuration.maximumReaderCount
        let holders = DispatchGroup()
        for _ in 0..<readerCount {
            DispatchQueue.global().async(group: holders) {
                _ = try? pool.read { _ in
                    holding.add(1, ordering: .relaxed)
                    release.wait()
                }
            }
        }
        while holding.load(ordering: .relaxed) < readerCount { try await Task.sleep(for: .milliseconds(1)) }
        let ran = Atomic<Bool>(false)
        let waiting = Task { try await pool.read { _ in ran.store(true, ordering: .relaxed) } }
        try await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        let didRun = ran.load(ordering: .relaxed)
        #expect(!didRun)
        for _ in 0..<readerCount { release.signal() }
        holders.wait()
        #expect(try await pool.read { db in try db.fetchOne("SELECT 1") { try $0.int(0) } } == 1)
    }

    @Test("50 reader tasks and a writer task all finish, every read consistent")
    func manyReaderTasksAndAWriter() async throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        let writes = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for index in 0..<writes {
                    try await pool.write { db in
                        try db.execute("INSERT INTO t(pair) VALUES (?)", [.integer(Int64(index))])
                        try db.execute("INSERT INTO t(pair) VALUES (?)", [.integer(Int64(index))])
                    }
                }
            }
            for _ in 0..<50 {
                group.addTask {
                    for _ in 0..<20 {
                        let count = try await pool.read { db in try db.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } ?? 0 }
                        #expect(count % 2 == 0)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pool.read { db in try db.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } } == 2 * writes)
    }

    @Test("an in-memory pool behaves the same from async code: reads refuse to write, cancellation interrupts", .hangGuard)
    func inMemoryAsync() async throws {
        let pool = try DatabasePool.inMemory()
        try await pool.write { db in try db.execute("CREATE TABLE m(x INTEGER) STRICT; INSERT INTO m VALUES (1);") }
        let refused = await #expect(throws: DatabaseError.self) {
            try await pool.read { db in try db.execute("INSERT INTO m VALUES (2)") }
        }
        #expect(refused?.isReadOnlyViolation == true)
        try await Self.cancelEndlessRead(on: pool)
        #expect(try await pool.read { db in try db.fetchOne("SELECT count(*) FROM m") { try $0.int(0) } } == 1)
    }
}
