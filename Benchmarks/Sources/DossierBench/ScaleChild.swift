import Dossier
import DossierDB
import Foundation

/// The measured side of a scale phase: each runs in a child process of its own, so its peak
/// RSS is its own. It prints "seconds peak_rss_bytes count" for the parent, the seconds being
/// the work alone, timed inside the child (not the start-up, nor opening the database).
enum ScaleChild {
    static func run(task: String, input: String, database: String, claims: Int) throws {
        let seconds: Double
        let count: Int
        switch task {
        case "import":
            let content = try ContentDatabase(path: database)
            seconds = try measure { try ScaleLibrary.importExport(content, atPath: input) }
            count = try DatabaseConnection(path: database).fetchOne("SELECT count(*) FROM clinical_claims") { try $0.int(0) } ?? 0
        case "export":
            let content = try ContentDatabase(path: database)
            let sink = try FileSink(path: input)
            seconds = try measure {
                try ScaleLibrary.exportNDJSON(content, to: sink)
                try sink.flush()
            }
            count = sink.bytes
        case "raw":
            (seconds, count) = try RawScaleLoad.run(path: database, claims: claims)
        case "raw-set":
            (seconds, count) = try RawScaleLoad.runSetBased(path: database, claims: claims)
        default:
            throw UsageError(message: "unknown scale task \(task)")
        }
        print("\(seconds) \(PeakMemory.ofThisProcess()) \(count)")
    }

    private static func measure(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
