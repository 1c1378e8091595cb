import Dossier
import DossierDB
import Foundation

/// Runs the phases, interleaving implementations, and reports medians and ratios.
struct Harness {
    let options: Options

    /// One measured phase of one implementation.
    struct Measurement: Hashable {
        var phase: String
        var implementation: String
    }

    static var implementations: [any BenchImplementation.Type] {
        [RawImplementation.self, GRDBImplementation.self, DossierImplementation.self]
    }

    func run() throws {
        let started = Date()
        var times: [Measurement: [Double]] = [:]
        var rss: [String: [Int]] = [:]
        var checksums: [String: [String: Checksum]] = [:]
        var contention: [AsyncContention.Result] = []
        let root = NSTemporaryDirectory() + "dossier-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }

        // The scale phases first, while this process is small: the sqlite3 shell's peak RSS
        // comes from wait4, which starts from this process's peak (PeakMemory.swift).
        var scale: ScalePhases.Outcome?
        if !options.scaleClaims.isEmpty {
            scale = try ScalePhases(sizes: options.scaleClaims, root: root).run(log: log)
        }
        if options.scaleOnly {
            report(times: [:], rss: [:], contention: [], scale: scale, elapsed: Date().timeIntervalSince(started))
            return
        }
        let workload = Workload(rows: options.rows, lookups: options.lookups, searches: options.searches)

        let streamDatabase = root + "/stream.sqlite"
        try Self.prepareStream(path: streamDatabase, rows: options.streamRows)

        for repetition in 0..<options.repetitions {
            // Rotate the order each repetition, so no implementation always runs first.
            let selected = Self.implementations.filter { options.only?.contains($0.name) ?? true }
            let order = (0..<selected.count).map { selected[($0 + repetition) % selected.count] }
            for implementation in order {
                let name = implementation.name
                log("repetition \(repetition + 1)/\(options.repetitions): \(name)")
                let folder = "\(root)/\(repetition)-\(name)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                times[Measurement(phase: "open and migrate", implementation: name), default: []]
                    .append(try measure { try implementation.openAndMigrate(path: folder + "/migrate.sqlite") })
                let path = folder + "/bench.sqlite"
                try Self.prepare(path: path)
                let subject = try implementation.init(path: path, workload: workload)
                func record(_ phase: String, _ body: () throws -> Checksum?) throws {
                    var checksum: Checksum?
                    times[Measurement(phase: phase, implementation: name), default: []].append(try measure { checksum = try body() })
                    if let checksum { checksums[phase, default: [:]][name] = checksum }
                }
                try record("insert") {
                    try subject.insert()
                    return nil
                }
                // The reads run on connections opened after the insert, for all three alike: raw C
                // used to read through the connection that had just written every row, while
                // GRDB and Dossier read through fresh pooled readers.
                let reader = try implementation.init(path: path, workload: workload)
                for phase in InstructionCounts.phases {
                    try record(phase, Self.readPhase(phase, of: reader, workload: workload))
                }
                let child = try StreamChild.spawn(implementation: name, database: streamDatabase)
                times[Measurement(phase: "stream rows", implementation: name), default: []].append(child.seconds)
                rss[name, default: []].append(child.peakRSS)
                checksums["stream rows", default: [:]][name] = child.checksum
                if name == RawImplementation.name {
                    let plain = folder + "/plain.sqlite"
                    try Self.prepare(path: plain)
                    let raw = try RawImplementation(path: plain, workload: workload)
                    times[Measurement(phase: "insert (plain table, no triggers)", implementation: name), default: []]
                        .append(try measure { try raw.insert(into: .plainTable) })
                }
                if name == DossierImplementation.name {
                    let setupPath = folder + "/setup.sqlite"
                    times[Measurement(phase: "setup (migrate + seed the dossier)", implementation: name), default: []]
                        .append(try measure { try ContentDatabase(path: setupPath).seed() })
                }
            }
        }
        if options.only == nil || options.only?.contains("dossier") == true || options.only?.contains("grdb") == true {
            for repetition in 0..<options.repetitions {
                log("repetition \(repetition + 1)/\(options.repetitions): async writes among reader tasks")
                let folder = "\(root)/contention-\(repetition)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                contention += try AsyncContention.run(
                    root: folder, workload: workload, writes: options.asyncWrites, readers: options.asyncReaders)
            }
        }
        // Every implementation must have read exactly the same data.
        for (phase, byImplementation) in checksums.sorted(by: { $0.key < $1.key }) {
            let distinct = Set(byImplementation.values.map(\.description))
            guard distinct.count == 1 else {
                throw UsageError(message: "checksums differ in \(phase): \(byImplementation)")
            }
        }
        report(times: times, rss: rss, contention: contention, scale: scale, elapsed: Date().timeIntervalSince(started))
    }

    /// The body of a read phase, by name: the same code for the timed run and the counted one.
    static func readPhase(_ phase: String, of subject: any BenchImplementation, workload: Workload) throws -> () throws -> Checksum {
        switch phase {
        case "fetch all": return { try subject.fetchAll() }
        case "lookup by id": return { try subject.lookupByID(workload.lookupIDs) }
        case "lookup by slug": return { try subject.lookupBySlug(workload.lookupSlugs) }
        case "single lookups by slug": return { try subject.singleLookupsBySlug(workload.lookupSlugs) }
        case "search (bm25, top 20)":
            // Dossier's words syntax quotes a plain word; the others quote it by hand.
            let quoted = type(of: subject).name != DossierImplementation.name
            let terms = quoted ? workload.searchTerms.map { "\"\($0)\"" } : workload.searchTerms
            return { try subject.search(terms) }
        default: throw UsageError(message: "unknown phase \(phase)")
        }
    }

    /// An implementation by name, opened on `path`.
    static func implementation(named name: String, path: String, workload: Workload) throws -> any BenchImplementation {
        switch name {
        case RawImplementation.name: return try RawImplementation(path: path, workload: workload)
        case GRDBImplementation.name: return try GRDBImplementation(path: path, workload: workload)
        case DossierImplementation.name: return try DossierImplementation(path: path, workload: workload)
        default: throw UsageError(message: "unknown implementation \(name)")
        }
    }

    /// This program's own executable, for the child processes.
    static var executablePath: String {
        let path = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
        return Bundle.main.executablePath ?? path
    }

    /// A migrated database holding the workload's entities, written by Dossier, untimed.
    static func prepare(path: String) throws {
        let content = try ContentDatabase(path: path)
        try content.entities.insert(
            contentsOf: (0..<Workload.interventions).map {
                Entity(slug: EntitySlug("drug-\($0)"), kind: .substance, name: "Drug \($0)")
            }
                + (0..<Workload.indications).map {
                    Entity(slug: EntitySlug("condition-\($0)"), kind: .condition, name: "Condition \($0)")
                })
        try content.pool.checkpoint()
    }

    /// A migrated database with a `stream_rows` table of `rows` generated rows, for the
    /// streaming phase (untimed).
    static func prepareStream(path: String, rows: Int) throws {
        try prepare(path: path)
        let connection = try DatabaseConnection(path: path)
        try connection.execute("CREATE TABLE stream_rows(id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT")
        try connection.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows))
            INSERT INTO stream_rows SELECT i, 'row-' || i || '-' || (i * 7919 % 100003) FROM n
            """)
        try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    private func measure(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static let phaseOrder = [
        "open and migrate", "insert", "insert (plain table, no triggers)", "fetch all", "lookup by id", "lookup by slug",
        "single lookups by slug", "search (bm25, top 20)", "stream rows", "setup (migrate + seed the dossier)",
    ]

    private func report(
        times: [Measurement: [Double]], rss: [String: [Int]], contention: [AsyncContention.Result], scale: ScalePhases.Outcome?,
        elapsed: Double
    ) {
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let medians = times.mapValues(median)
        let peak = rss.mapValues { $0.max() ?? 0 }
        var results: [String] = []
        let plainTable = medians[Measurement(phase: "insert (plain table, no triggers)", implementation: "raw")]
        var lines: [String] = []
        lines.append(
            "phase".padding(toLength: 36, withPad: " ", startingAt: 0) + "raw (s)     grdb (s)    dossier (s)  grdb/raw  dossier/raw")
        for phase in Self.phaseOrder {
            let raw = medians[Measurement(phase: phase, implementation: "raw")]
            var cells: [String] = []
            for name in ["raw", "grdb", "dossier"] {
                let value = medians[Measurement(phase: phase, implementation: name)]
                cells.append(value.map { String(format: "%.4f", $0) } ?? "—")
                guard let value else { continue }
                var baseline = raw
                if phase == "insert (plain table, no triggers)" {
                    baseline = medians[Measurement(phase: "insert", implementation: "raw")]
                }
                // Phase and implementation names are plain ASCII words: no escaping needed.
                var fields = [
                    "\"phase\": \"\(phase)\"", "\"implementation\": \"\(name)\"",
                    "\"median_seconds\": \((value * 1e6).rounded() / 1e6)",
                    "\"ratio_to_raw\": \(baseline.map { String((value / $0 * 1000).rounded() / 1000) } ?? "null")",
                ]
                if phase == "stream rows", let bytes = peak[name] { fields.append("\"peak_rss_bytes\": \(bytes)") }
                // The schema's cost: each implementation's full-schema insert over raw C's plain table.
                if phase == "insert", let plainTable {
                    fields.append("\"ratio_to_plain_table\": \((value / plainTable * 1000).rounded() / 1000)")
                }
                results.append("  {" + fields.joined(separator: ", ") + "}")
            }
            func ratio(_ name: String) -> String {
                guard let raw, let value = medians[Measurement(phase: phase, implementation: name)] else { return "—" }
                return String(format: "%.2f×", value / raw)
            }
            var line = phase.padding(toLength: 36, withPad: " ", startingAt: 0)
            line += cells.map { $0.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined()
            line += ratio("grdb").padding(toLength: 10, withPad: " ", startingAt: 0) + ratio("dossier")
            lines.append(line)
        }
        // The async phase compares each library with itself: its writes among readers over its writes alone.
        var contentionLines: [String] = []
        for name in ["grdb", "dossier"] {
            let runs = contention.filter { $0.implementation == name }
            guard !runs.isEmpty else { continue }
            let alone = median(runs.map(\.aloneSeconds))
            let contended = median(runs.map(\.contendedSeconds))
            let ratio = median(runs.map(\.ratio))
            let reads = runs.map(\.reads).sorted()[runs.count / 2]
            results.append(
                "  {\"phase\": \"async writes among \(options.asyncReaders) reader tasks\", \"implementation\": \"\(name)\", "
                    + "\"writes\": \(options.asyncWrites), \"alone_seconds\": \((alone * 1e6).rounded() / 1e6), "
                    + "\"contended_seconds\": \((contended * 1e6).rounded() / 1e6), \"ratio_to_alone\": \((ratio * 1000).rounded() / 1000), "
                    + "\"reads_meanwhile\": \(reads)}")
            contentionLines.append(
                name.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + String(format: "%-12.4f%-14.4f", alone, contended)
                    + String(format: "%.2f×", ratio).padding(toLength: 10, withPad: " ", startingAt: 0) + "\(reads)")
        }
        let scaleReport = scale.map(ScaleReport.init(outcome:))
        if options.json {
            results += scaleReport?.json ?? []
            print("[\n" + results.joined(separator: ",\n") + "\n]")
            return
        }
        if options.scaleOnly {
            scaleReport?.lines.forEach { print($0) }
            return
        }
        print(
            "Dossier benchmark: \(options.rows) claims, \(options.lookups) lookups, \(options.searches) searches, \(options.streamRows) streamed rows, median of \(options.repetitions) interleaved repetitions"
        )
        print(
            "SQLite \(DatabaseConnection.sqliteVersion); \(ProcessInfo.processInfo.activeProcessorCount) cores; \(String(format: "%.0f", elapsed)) s in all"
        )
        print("")
        lines.forEach { print($0) }
        print("")
        if let plainTable {
            let ratios = ["raw", "grdb", "dossier"].compactMap { name in
                medians[Measurement(phase: "insert", implementation: name)].map { "\(name) \(String(format: "%.1f", $0 / plainTable))×" }
            }
            print(
                "Schema cost: inserting into the full schema (audit, search and integrity triggers, typed row) takes "
                    + ratios.joined(separator: ", ") + " the time of raw C into a plain table (target ≤ 6× on the bulk path).")
        }
        if !contentionLines.isEmpty {
            print("")
            print(
                "Async writes: \(options.asyncWrites) one-claim writes by one task, alone and among \(options.asyncReaders) tasks reading by slug meanwhile (median ratio of \(options.repetitions) runs; target ≤ 3×)"
            )
            print("library  alone (s)   among (s)     ratio     reads meanwhile")
            contentionLines.forEach { print($0) }
        }
        for name in ["raw", "grdb", "dossier"] {
            if let bytes = peak[name] {
                print(
                    "Peak RSS while streaming \(options.streamRows) rows, \(name): \(bytes / 1_048_576) MiB (a process doing nothing else)")
            }
        }
        if let scaleReport {
            print("")
            scaleReport.lines.forEach { print($0) }
        }
    }
}

/// The streaming phase runs in a child process of its own, so its peak RSS is its own.
enum StreamChild {
    struct Result {
        var seconds: Double
        var peakRSS: Int
        var checksum: Checksum
    }

    static func spawn(implementation: String, database: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.executablePath)
        process.arguments = ["--child-stream", implementation, "--stream-database", database]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fields = String(decoding: data, as: UTF8.self).split(separator: " ").map(String.init)
        guard process.terminationStatus == 0, fields.count == 5, let seconds = Double(fields[0]), let rss = Int(fields[1]),
            let count = Int(fields[2]), let ids = Int64(fields[3]),
            let bytes = Int(fields[4].trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw UsageError(message: "the \(implementation) streaming child failed") }
        return Result(seconds: seconds, peakRSS: rss, checksum: Checksum(rows: count, ids: ids, bytes: bytes))
    }

    /// In the child: open the stream database, stream, print "seconds peak_rss rows ids bytes".
    static func run(implementation: String, path: String) throws {
        let workload = Workload(rows: 1, lookups: 1, searches: 1)
        let subject = try Harness.implementation(named: implementation, path: path, workload: workload)
        let start = DispatchTime.now().uptimeNanoseconds
        let checksum = try subject.stream()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("\(seconds) \(peakRSS()) \(checksum.rows) \(checksum.ids) \(checksum.bytes)")
    }

    /// This process's peak resident set size in bytes. On Linux it is VmHWM: `ru_maxrss` would
    /// carry over the parent's peak across `exec`, which is not this process's memory.
    static func peakRSS() -> Int {
        #if os(Linux)
            if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
            {
                return kilobytes * 1024
            }
        #endif
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
            getrusage(RUSAGE_SELF, &usage)
            return Int(usage.ru_maxrss)  // bytes on macOS
        #endif
    }
}

extension EntityRepository {
    /// Inserts several entities (benchmark set-up only).
    func insert(contentsOf entities: [Entity]) throws {
        for entity in entities { try insert(entity) }
    }
}
