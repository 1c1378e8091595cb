// dossier-bench [--rows N] [--repetitions R] [--json] [--instructions]
//
// Runs every phase for the raw SQLite C API, GRDB and Dossier on Dossier's migrated schema with
// the same data, interleaved, R times, and prints each phase's median and its ratio to raw C.
// With --instructions, runs each read phase under callgrind instead and reports instruction
// counts, which repeat exactly from run to run (InstructionCounts.swift).
//
// The scale phases run first: Dossier importing and exporting N claims (the shipped dossier's
// claims copied under new slugs), each in a child process that reports its time and peak RSS,
// against references measured in the same run — the sqlite3 shell loading the same claims from
// the JSON document into a plain and an FTS5 table, the shell writing them as NDJSON with
// json_object, and the C API loading them into the same schema (ScalePhases.swift).
// --scale-claims N[,N…] picks the sizes (default 10000,100000; `none` skips them), --scale-1m
// adds 1,000,000 (about 2.5 GB of temporary files), --scale-only runs nothing else.
import Dossier
import DossierDB
import Foundation

struct Options {
    // These defaults finish in under two minutes on a 2-core machine, and the scale phases'
    // default sizes add several more (`--scale-claims none` skips them); the issue-sized run is
    // `--rows 100000 --lookups 100000 --searches 10000` (see README, Performance).
    var rows = 20_000
    var repetitions = 3
    var lookups = 20_000
    var searches = 2_000
    var streamRows = 1_000_000
    /// The async phase: writes by one task, alone and among `asyncReaders` reading tasks.
    var asyncWrites = 80
    var asyncReaders = 50
    var json = false
    var child: String?
    var instructions = false
    var instructionsChild: String?
    var phase = ""
    /// Which implementation writes the database the instruction counts read.
    var writer = "raw"
    /// A database file for --instructions to keep (and reuse when it exists): it must have been
    /// made with the same --rows and --written-by. In an instruction-counting child, the copy
    /// it reads.
    var database: String?
    var streamDatabase = ""
    /// Which implementations to run (all by default); for profiling one at a time.
    var only: Set<String>?
    /// The claim counts of the scale phases.
    var scaleClaims = [10_000, 100_000]
    var scaleOnly = false
    /// In a scale child: its task, its input or output file, and its database.
    var scaleChild: String?
    var scaleInput = ""
    var scaleDatabase = ""

    init(_ arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            func value() throws -> Int {
                guard let text = iterator.next(), let number = Int(text), number > 0 else {
                    throw UsageError(message: "\(argument) takes a positive number")
                }
                return number
            }
            switch argument {
            case "--rows": rows = try value()
            case "--repetitions": repetitions = try value()
            case "--lookups": lookups = try value()
            case "--searches": searches = try value()
            case "--stream-rows": streamRows = try value()
            case "--async-writes": asyncWrites = try value()
            case "--async-readers": asyncReaders = try value()
            case "--json": json = true
            case "--only": only = Set((iterator.next() ?? "").split(separator: ",").map(String.init))
            case "--instructions": instructions = true
            case "--child-stream": child = iterator.next()
            case "--child-instructions": instructionsChild = iterator.next()
            case "--phase": phase = iterator.next() ?? ""
            case "--written-by": writer = iterator.next() ?? ""
            case "--database": database = iterator.next()
            case "--stream-database": streamDatabase = iterator.next() ?? ""
            case "--scale-claims":
                let text = iterator.next() ?? ""
                if text == "none" {
                    scaleClaims = []
                    continue
                }
                let sizes = text.split(separator: ",").compactMap { Int($0) }
                guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }), sizes.count == text.split(separator: ",").count else {
                    throw UsageError(message: "--scale-claims takes positive numbers separated by commas, or none")
                }
                scaleClaims = sizes
            case "--scale-1m": scaleClaims = Array(Set(scaleClaims + [1_000_000])).sorted()
            case "--scale-only": scaleOnly = true
            case "--child-scale": scaleChild = iterator.next()
            case "--scale-input": scaleInput = iterator.next() ?? ""
            case "--scale-database": scaleDatabase = iterator.next() ?? ""
            case "--help":
                print(
                    "usage: dossier-bench [--rows N] [--repetitions R] [--lookups N] [--searches N] [--stream-rows N] [--async-writes N] [--async-readers N] [--only raw,grdb,dossier] [--instructions [--written-by raw|grdb|dossier] [--database FILE] [--phase NAME]] [--scale-claims N[,N…]|none] [--scale-1m] [--scale-only] [--json]"
                )
                print(
                    """

                    Scale phases (first, unless --scale-claims none): Dossier imports N claims from NDJSON and exports them \
                    as NDJSON, each in a child process that reports its time and peak RSS, beside the sqlite3 shell loading \
                    the same claims from the JSON document (a plain and an FTS5 table), the shell writing them as NDJSON with \
                    json_object, and the C API loading them into the same schema. The corpus copies the shipped dossier's \
                    claims under new slugs. --scale-claims N[,N…] sets the sizes (default 10000,100000), --scale-1m adds \
                    1000000 (about 2.5 GB of temporary files), --scale-only skips the other phases.
                    """)
                exit(0)
            default: throw UsageError(message: "unknown argument \(argument)")
            }
        }
    }
}

struct UsageError: Error { var message: String }

do {
    let options = try Options(CommandLine.arguments)
    if let task = options.scaleChild {
        try ScaleChild.run(task: task, input: options.scaleInput, database: options.scaleDatabase, claims: options.scaleClaims.first ?? 0)
    } else if let child = options.child {
        try StreamChild.run(implementation: child, path: options.streamDatabase)
    } else if let child = options.instructionsChild {
        try InstructionCounts.runChild(implementation: child, phase: options.phase, path: options.database ?? "", options: options)
    } else if options.instructions {
        try InstructionCounts.run(options: options)
    } else {
        try Harness(options: options).run()
    }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("dossier-bench: \(error.message)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("dossier-bench: \(error)\n".utf8))
    exit(1)
}
