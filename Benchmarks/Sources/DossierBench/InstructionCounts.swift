import Dossier
import DossierDB
import Foundation
import Synchronization

/// `dossier-bench --instructions`: each read phase of each implementation runs in a child
/// process under `valgrind --tool=callgrind`, which counts the instructions executed inside the
/// phase only. Unlike seconds, the counts repeat exactly from run to run, so a few percent is
/// a real difference and not noise.
///
/// Every child reads a copy of the same database (written once, natively, by `--written-by`, raw C
/// by default), runs its phase once uncounted (the connection opens, the schema is read, the page
/// cache warms up) and then once more inside ``measuredRegion(_:)``: collection is on only while
/// that function runs, so opening, set-up and the workload's generation are not counted.
enum InstructionCounts {
    /// The read phases, in report order.
    static let phases = [
        "fetch all", "lookup by id", "lookup by slug", "single lookups by slug", "search (bm25, top 20)",
    ]

    /// The symbol callgrind's `--toggle-collect` names. The wildcard also catches the copies the
    /// optimizer specializes for each closure (their mangled names contain it).
    static let marker = "*dossier_bench_measured*"

    struct Count {
        var phase: String
        var implementation: String
        var instructions: Int
        var checksum: String
    }

    /// In the parent: prepares the database, runs every child, checks the checksums agree and
    /// prints the table (or JSON).
    static func run(options: Options) throws {
        guard let valgrind = executable(named: "valgrind") else {
            throw UsageError(message: "--instructions needs valgrind on PATH (Debian: apt-get install valgrind)")
        }
        let selectedPhases = options.phase.isEmpty ? phases : phases.filter { $0 == options.phase }
        guard !selectedPhases.isEmpty else { throw UsageError(message: "--phase must be one of: \(phases.joined(separator: ", "))") }
        let started = Date()
        let root = NSTemporaryDirectory() + "dossier-bench-instructions-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A database given with --database is kept, and reused when it exists already.
        let database = options.database ?? root + "/bench.sqlite"
        if !FileManager.default.fileExists(atPath: database) {
            try Harness.prepare(path: database)
            let workload = Workload(rows: options.rows, lookups: options.lookups, searches: options.searches)
            try Harness.implementation(named: options.writer, path: database, workload: workload).insert()
            try ContentDatabase(path: database).pool.checkpoint()
        }

        let selected = Harness.implementations.map { $0.name }.filter { options.only?.contains($0) ?? true }
        // Counts do not depend on what else the machine runs, so the implementations run side
        // by side, each on a copy of the database of its own: a connection that opens or closes
        // a WAL database can write to it (recovery, the last close's checkpoint), and a reader
        // that meets frames in the WAL does more work.
        let results = Mutex<[String: Result<[Count], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: selected.count) { index in
            let implementation = selected[index]
            let result = Result { () throws -> [Count] in
                let copy = "\(root)/\(implementation).sqlite"
                try? FileManager.default.removeItem(atPath: copy)
                try FileManager.default.copyItem(atPath: database, toPath: copy)
                return try selectedPhases.map { phase in
                    log("callgrind: \(phase), \(implementation)")
                    return try child(
                        valgrind: valgrind, phase: phase, implementation: implementation, database: copy, options: options,
                        outputFile: "\(root)/callgrind.\(implementation).out")
                }
            }
            results.withLock { $0[implementation] = result }
        }
        let counts = try results.withLock { finished in
            try selected.flatMap { try (finished[$0] ?? .failure(UsageError(message: "\($0) did not run"))).get() }
        }
        for phase in selectedPhases {
            let distinct = Set(counts.filter { $0.phase == phase }.map(\.checksum))
            guard distinct.count <= 1 else { throw UsageError(message: "checksums differ in \(phase): \(distinct)") }
        }
        report(counts, options: options, elapsed: Date().timeIntervalSince(started))
    }

    /// Runs one phase of one implementation under callgrind and reads the count it wrote.
    private static func child(
        valgrind: String, phase: String, implementation: String, database: String, options: Options, outputFile: String
    ) throws -> Count {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: valgrind)
        process.arguments = [
            "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=\(marker)", "--callgrind-out-file=\(outputFile)",
            Harness.executablePath,
            "--child-instructions", implementation, "--phase", phase, "--database", database,
            "--rows", String(options.rows), "--lookups", String(options.lookups), "--searches", String(options.searches),
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let checksum = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !checksum.isEmpty else {
            throw UsageError(message: "the callgrind child for \(phase), \(implementation) failed (exit \(process.terminationStatus))")
        }
        // callgrind writes "totals: N" (the events of the whole run, collected parts only).
        let text = try String(contentsOfFile: outputFile, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("totals:") || $0.hasPrefix("summary:") }),
            let instructions = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { throw UsageError(message: "no instruction total in \(outputFile)") }
        return Count(phase: phase, implementation: implementation, instructions: instructions, checksum: checksum)
    }

    /// In the child, under callgrind: runs the phase twice, the second time counted, and prints
    /// its checksum.
    static func runChild(implementation: String, phase: String, path: String, options: Options) throws {
        let workload = Workload(rows: options.rows, lookups: options.lookups, searches: options.searches)
        let subject = try Harness.implementation(named: implementation, path: path, workload: workload)
        let body = try Harness.readPhase(phase, of: subject, workload: workload)
        _ = try body()
        var result: Result<Checksum, any Error> = .success(Checksum())
        measuredRegion { result = Result { try body() } }
        print(try result.get())
    }

    private static func report(_ counts: [Count], options: Options, elapsed: Double) {
        func count(_ phase: String, _ name: String) -> Int? { Self.count(phase, name, in: counts) }
        if options.json {
            let rows = counts.map { count -> String in
                let raw = Self.count(count.phase, "raw", in: counts)
                let ratio = raw.map { String((Double(count.instructions) / Double($0) * 1000).rounded() / 1000) } ?? "null"
                return
                    "  {\"phase\": \"\(count.phase)\", \"implementation\": \"\(count.implementation)\", \"instructions\": \(count.instructions), \"ratio_to_raw\": \(ratio)}"
            }
            print("[\n" + rows.joined(separator: ",\n") + "\n]")
            return
        }
        print(
            "Dossier benchmark, instructions (valgrind --tool=callgrind, counted inside each phase): \(options.rows) claims written by \(options.writer), \(options.lookups) lookups, \(options.searches) searches"
        )
        print("SQLite \(DatabaseConnection.sqliteVersion); \(String(format: "%.0f", elapsed)) s in all")
        print("")
        print(
            "phase".padding(toLength: 28, withPad: " ", startingAt: 0)
                + "raw         grdb        dossier     grdb/raw  dossier/raw")
        for phase in phases {
            var line = phase.padding(toLength: 28, withPad: " ", startingAt: 0)
            for name in ["raw", "grdb", "dossier"] {
                let cell = count(phase, name).map { String(format: "%.1f M", Double($0) / 1e6) } ?? "—"
                line += cell.padding(toLength: 12, withPad: " ", startingAt: 0)
            }
            for name in ["grdb", "dossier"] {
                let ratio = count(phase, "raw").flatMap { raw in
                    count(phase, name).map { String(format: "%.3f×", Double($0) / Double(raw)) }
                }
                line += (ratio ?? "—").padding(toLength: 10, withPad: " ", startingAt: 0)
            }
            print(line)
        }
    }

    private static func count(_ phase: String, _ name: String, in counts: [Count]) -> Int? {
        counts.first { $0.phase == phase && $0.implementation == name }?.instructions
    }

    /// The full path of an executable found on `PATH`, or `nil`.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// The only function callgrind counts in (`--toggle-collect`). Its symbol name is fixed, and it
/// is neither inlined nor optimized, so the name survives in the binary.
@_silgen_name("dossier_bench_measured")
@inline(never)
@_optimize(none)
func measuredRegion(_ body: () -> Void) {
    body()
}
