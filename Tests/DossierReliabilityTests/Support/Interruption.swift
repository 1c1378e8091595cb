import DossierTestSupport
import Foundation

/// Runs `dossier` and kills it with SIGKILL after a delay: the harshest way a write can end.
enum Interruption {
    /// How a run ended.
    enum Outcome {
        /// SIGKILL landed while the process was running.
        case killed
        /// The process finished before the signal.
        case finished(status: Int32)
    }

    /// Starts `dossier arguments` in `directory`, sends SIGKILL after `delay` seconds, and waits.
    static func run(_ arguments: [String], in directory: String, killAfter delay: Double) throws -> Outcome {
        let process = try DossierProcess.prepare(arguments, in: directory)
        // Nobody reads the output of a run that is about to die: send it nowhere, so a full pipe
        // cannot stall the process before the signal.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(max(0, delay) * 1_000_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? .killed : .finished(status: process.terminationStatus)
    }

    /// Wall-clock seconds of one uninterrupted run (to spread the kills over), and its result.
    static func timedRun(_ arguments: [String], in directory: String) throws -> (seconds: Double, result: DossierProcess.Result) {
        let start = Date()
        let result = try DossierProcess.run(arguments, in: directory)
        return (Date().timeIntervalSince(start), result)
    }

    /// The kill moments: `count` moments spread evenly over the first 90% of `duration` (a run
    /// is not always as fast as the timed one), shuffled deterministically so that early and
    /// late kills interleave.
    static func moments(count: Int, over duration: Double) -> [Double] {
        var random = SeededRandom(seed: 7)
        return (0..<count).map { 0.9 * duration * Double($0 + 1) / Double(count + 1) }.shuffled(using: &random)
    }
}
