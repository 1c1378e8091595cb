import Dossier
import DossierDB
import DossierTestSupport
import Foundation
import Synchronization
import Testing

/// Several threads and processes on one file at once: nobody sees SQLITE_BUSY, nothing is lost
/// or written twice, and no reader ever sees half a write.
@Suite("Concurrency under load", .serialized, .tags(.slow))
struct ConcurrencyTests {
    /// Whatever went wrong on any thread, for the test to report.
    final class Failures: Sendable {
        private let list = Mutex<[String]>([])
        func add(_ failure: String) { list.withLock { $0.append(failure) } }
        var all: [String] { list.withLock { $0 } }
    }

    /// The `index`th claim of the load, as first written or as revised.
    static func claim(_ index: Int, revised: Bool = false) -> ClinicalClaim {
        let suffix = revised ? " revised" : ""
        return ClinicalClaim(
            RecordInfo(
                slug: "load-claim-\(index)", title: "Load claim \(index)\(suffix)",
                statement: "Load claim \(index)\(suffix) statement.", certainty: .possible, status: .draft),
            intervention: "ketamine", outcome: "load outcome \(index)\(suffix)")
    }

    /// Whether a claim read back is one whole version: every field from the same write.
    static func isWhole(_ claim: ClinicalClaim) -> Bool {
        guard claim.info.slug.hasPrefix("load-claim-"), let index = Int(claim.info.slug.dropFirst("load-claim-".count)) else {
            return true  // the shipped dossier's own records
        }
        let revised = claim.info.title.hasSuffix(" revised")
        let expected = Self.claim(index, revised: revised)
        return claim.info.title == expected.info.title && claim.info.statement == expected.info.statement
            && claim.outcome == expected.outcome && claim.info.version == (revised ? 2 : 1)
    }

    /// How much of the load to run: `DOSSIER_TEST_SCALE` (0.1 under the thread sanitizer in CI,
    /// whose instrumentation makes every step some ten times slower), else all of it.
    static let scale = ProcessInfo.processInfo.environment["DOSSIER_TEST_SCALE"].flatMap(Double.init).map { min(max($0, 0.01), 1) } ?? 1

    /// Each reader's least number of rounds.
    static let readerRounds = max(10, Int(200 * scale))

    @Test("4 reader threads, a writer thread and a `dossier query` process in a loop: no busy error, no lost write, no torn read")
    func readersWriterAndProcess() throws {
        let workspace = try Workspace()
        let path = workspace.file("load.sqlite")
        let content = try ContentDatabase(path: path)
        try content.seed()
        let shipped = try content.records.counts().values.reduce(0, +)
        let writes = max(40, Int(1_000 * Self.scale))
        let failures = Failures()
        let operations = Atomic<Int>(0)
        let writerDone = Atomic<Bool>(false)
        let group = DispatchGroup()

        // The writer: one transaction per insert; every fourth step also revises the claim
        // before it (records row and claims row in one transaction).
        DispatchQueue.global().async(group: group) {
            defer { writerDone.store(true, ordering: .sequentiallyConsistent) }
            for index in 0..<writes {
                do {
                    try content.claims.insert(Self.claim(index))
                    if index % 4 == 3, var earlier = try content.claims.get(slug: "load-claim-\(index - 1)") {
                        let revision = Self.claim(index - 1, revised: true)
                        earlier.info.title = revision.info.title
                        earlier.info.statement = revision.info.statement
                        earlier.outcome = revision.outcome
                        try content.claims.update(earlier)
                    }
                    operations.add(1, ordering: .relaxed)
                } catch {
                    failures.add("writer, claim \(index): \(error)")
                    return
                }
            }
        }

        // Four readers, each with its own mix, for a fixed number of rounds (at least until the
        // writer is done).
        for reader in 0..<4 {
            DispatchQueue.global().async(group: group) {
                var random = SeededRandom(seed: UInt64(reader + 1))
                var lastCount = 0
                var rounds = 0
                while !writerDone.load(ordering: .sequentiallyConsistent) || rounds < Self.readerRounds {
                    rounds += 1
                    do {
                        switch (reader + rounds) % 8 {
                        case 0:
                            let claims = try content.claims.all()
                            if claims.count < lastCount {
                                failures.add("reader \(reader): count went from \(lastCount) to \(claims.count)")
                            }
                            lastCount = claims.count
                            for claim in claims where !Self.isWhole(claim) { failures.add("reader \(reader): torn \(claim)") }
                        case 1, 3, 5:
                            if let claim = try content.claims.get(slug: "load-claim-\(random.below(writes))"), !Self.isWhole(claim) {
                                failures.add("reader \(reader): torn \(claim)")
                            }
                        case 2, 6:
                            for hit in try content.search.find("revised", kind: .claim, limit: 50) where !hit.title.hasSuffix(" revised") {
                                failures.add("reader \(reader): search found \(hit.slug) whose title is \(hit.title)")
                            }
                        default:
                            let page = try content.claims.list(RecordFilter(limit: 25))
                            for claim in page.items where !Self.isWhole(claim) { failures.add("reader \(reader): torn \(claim)") }
                        }
                        operations.add(1, ordering: .relaxed)
                    } catch {
                        failures.add("reader \(reader), round \(rounds): \(error)")
                        return
                    }
                }
            }
        }

        // Another process reading the same file through the CLI, in a loop.
        let processRuns = max(3, Int(20 * Self.scale))
        DispatchQueue.global().async(group: group) {
            var last = 0
            for run in 0..<processRuns {
                do {
                    let result = try workspace.dossier(arguments: [
                        "query", "SELECT count(*) AS n FROM records WHERE slug LIKE 'load-claim-%'", "--format", "csv", "--database", path,
                    ])
                    let lines = result.stdout.split(whereSeparator: \.isNewline)
                    let count = Int(lines.dropFirst().first ?? "") ?? -1
                    if result.status != 0 || count < last || count > writes {
                        failures.add("dossier query run \(run): exit \(result.status), count \(count) after \(last): \(result.stderr)")
                    }
                    last = max(last, count)
                    operations.add(1, ordering: .relaxed)
                } catch {
                    failures.add("dossier query run \(run): \(error)")
                }
            }
        }
        group.wait()

        #expect(failures.all.isEmpty, "\(failures.all.prefix(10))")
        // Nothing lost, nothing doubled, every revision applied once.
        let claims = try content.claims.all().filter { $0.info.slug.hasPrefix("load-claim-") }
        #expect(claims.count == writes)
        #expect(Set(claims.map(\.info.slug)) == Set((0..<writes).map { "load-claim-\($0)" }))
        for claim in claims {
            let index = Int(claim.info.slug.dropFirst("load-claim-".count)) ?? -1
            let revised = index % 4 == 2
            #expect(claim.info.title == Self.claim(index, revised: revised).info.title && Self.isWhole(claim), "\(claim.info.slug)")
        }
        #expect(try content.records.counts().values.reduce(0, +) == shipped + writes)
        #expect(try content.check().problems.isEmpty)
        print(
            "concurrency: \(operations.load(ordering: .relaxed)) operations (1 writer, 4 readers, \(processRuns) dossier query runs), \(failures.all.count) failures"
        )
    }

    @Test("two `dossier migrate up` processes started together: each migration applied exactly once", arguments: 0..<10)
    func concurrentMigrations(round: Int) throws {
        let workspace = try Workspace()
        let path = workspace.file("race.sqlite")
        let processes = try (0..<2).map { _ in try DossierProcess.prepare(["migrate", "up", "--database", path], in: workspace.path) }
        let outputs = processes.map { $0.standardOutput as? Pipe }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        let printed = outputs.map { String(decoding: $0?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self) }
        for (index, process) in processes.enumerated() {
            let errors = String(
                decoding: (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "process \(index): \(errors)")
        }
        // Between them, the two processes applied each migration once.
        let applied = printed.flatMap { $0.split(separator: "\n").filter { $0.hasPrefix("applied ") } }
        let current = try DatabaseState.currentVersions()
        #expect(applied.count == current.count, "\(printed)")
        #expect(Set(applied).count == current.count, "\(printed)")
        let state = try DatabaseState.inspect(path)
        #expect(state.isSound && state.appliedVersions == current, "\(state.summary)")
        #expect(try workspace.dossier("migrate", "verify", "--database", path).status == 0)
    }

    @Test("two `dossier setup` processes started together: one dossier, seeded once")
    func concurrentSetups() throws {
        let workspace = try Workspace()
        let reference = workspace.file("reference.sqlite")
        try #require(try workspace.dossier("setup", "--database", reference).status == 0)
        for round in 0..<3 {
            let path = workspace.file("race-\(round).sqlite")
            let processes = try (0..<2).map { _ in try DossierProcess.prepare(["setup", "--database", path], in: workspace.path) }
            for process in processes {
                process.standardOutput = FileHandle.nullDevice
                try process.run()
            }
            for process in processes { process.waitUntilExit() }
            for process in processes {
                let errors = String(
                    decoding: (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self)
                #expect(process.terminationStatus == 0, "round \(round): \(errors)")
            }
            #expect(try ContentDatabase(path: path).exportJSON() == ContentDatabase(path: reference).exportJSON())
        }
    }
}
