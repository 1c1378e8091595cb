// A content service as an app would write it: `import Dossier` alone, Swift 6 concurrency.
//
// 1. Opens a database with an app migration of its own (a bookmarks table), beside Dossier's.
// 2. Observes the number of claims, printing each change.
// 3. Runs 20 reading tasks (searches and lookups) while the main task writes claims, each
//    with its bookmark, in one transaction.
// 4. Bundles the database and opens the bundle read-only, as a shipped app would.
import Dossier
import Foundation

@main
struct ContentService {
    static func main() async {
        let folder = NSTemporaryDirectory() + "content-service-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try await run(in: folder)
        } catch {
            FileHandle.standardError.write(Data("content-service: \(error.localizedDescription)\n".utf8))
            exit(1)
        }
    }

    static func run(in folder: String) async throws {
        // 1. The app's own migration lives in its own ledger, app_migrations.
        var options = ContentDatabase.OpenOptions()
        options.appMigrations = [
            try Migration(
                fileName: "0001_app_bookmarks.sql",
                sql: "CREATE TABLE app_bookmarks(slug TEXT PRIMARY KEY, note TEXT NOT NULL) STRICT;")
        ]
        let content = try ContentDatabase(path: folder + "/service.sqlite", options: options)
        print("app migrations applied:", content.appMigrationReport?.applied.map(\.fileName) ?? [])
        try content.seed()

        // 2. An observation: the current count first, then a value after each commit that changes it.
        var claimCounts = content.observe { tx in try tx.claims.all().count }.makeAsyncIterator()
        print("observed: \(try await claimCounts.next() ?? 0) claims")

        // 3. Twenty reading tasks while this task writes: nobody blocks a cooperative thread.
        async let reads = readConcurrently(content, tasks: 20)
        for index in 1...3 {
            // The claim and its bookmark commit together, or neither does.
            try await content.write { tx in
                let claim = try tx.claims.insert(
                    ClinicalClaim(
                        RecordInfo(
                            slug: "service-claim-\(index)", title: "Service claim \(index)",
                            statement: "A claim written by the service, number \(index).", certainty: .possible),
                        intervention: "ketamine", outcome: "relief"))
                try tx.db.execute(
                    "INSERT INTO app_bookmarks(slug, note) VALUES (?, ?)", [.text(claim.slug), .text("written by the service")])
            }
            print("observed: \(try await claimCounts.next() ?? 0) claims")
        }
        let results = try await reads
        let bookmarks = try await content.read { tx in try tx.db.fetchOne("SELECT count(*) FROM app_bookmarks") { try $0.int(0) } ?? 0 }
        print("reader tasks finished: \(results) results; bookmarks: \(bookmarks)")

        // 4. A bundle: compact, DELETE journal, stamped; opened immutable, it reads and refuses writes.
        let bundle = try content.bundle(to: folder + "/bundle.sqlite")
        print("bundle: \(bundle.byteCount) bytes, schema version \(bundle.schemaVersion), sha256 \(bundle.sha256.prefix(16))…")
        let shipped = try ContentDatabase(bundled: bundle.path)
        print(
            "bundled copy: \(try await shipped.claims.all().count) claims, timeline of \(try await shipped.events.timeline().count) events")
        do {
            try await shipped.claims.delete(slug: "service-claim-1")
        } catch let error as ContentError {
            print("bundled copy refuses writes: \(error.localizedDescription)")
            print("ok")
            return
        }
        throw ContentError.conflict("the bundled copy accepted a write")
    }

    /// Searches and lookups from `tasks` tasks at once; returns how many results they got.
    static func readConcurrently(_ content: ContentDatabase, tasks: Int) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for reader in 0..<tasks {
                group.addTask {
                    var found = 0
                    for round in 0..<25 {
                        if (reader + round) % 2 == 0 {
                            found += try await content.search.find("ketamine depression").count
                        } else {
                            found += try await content.claims.get(slug: "potential-depression-treatment") == nil ? 0 : 1
                        }
                    }
                    return found
                }
            }
            return try await group.reduce(0, +)
        }
    }
}
