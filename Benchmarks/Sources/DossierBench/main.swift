// dossier-bench [--rows N] [--repetitions R] [--json]
//
// Runs every phase for the raw SQLite C API, GRDB and Dossier on Dossier's migrated schema with
// the same data, interleaved, R times, and prints each phase's median and its ratio to raw C.
import Dossier
import DossierDB
import Foundation

struct Options {
    var rows = 100_000
    var repetitions = 3
    var lookups = 100_000
    var searches = 10_000
    var streamRows = 1_000_000
    var json = false
    var child: String?

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
            case "--json": json = true
            case "--child-stream": child = iterator.next()
            case "--help":
                print("usage: dossier-bench [--rows N] [--repetitions R] [--lookups N] [--searches N] [--stream-rows N] [--json]")
                exit(0)
            default: throw UsageError(message: "unknown argument \(argument)")
            }
        }
    }
}

struct UsageError: Error { var message: String }

do {
    let options = try Options(CommandLine.arguments)
    if let child = options.child {
        try StreamChild.run(implementation: child, rows: options.streamRows)
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
