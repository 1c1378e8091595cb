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

    /// Kills runs until `kills` of them were killed while running: each attempt starts
    /// `arguments(attempt)` and kills it at a moment drawn from the golden-ratio sequence over
    /// `duration` (spread, deterministic), then calls `inspect` with the outcome. When a run
    /// finishes before its signal the window shrinks, so a machine faster than the timed run
    /// still gets its kills. Returns the number of attempts.
    static func killRepeatedly(
        kills: Int, over duration: Double, in directory: String, maxAttempts: Int = 80,
        arguments: (Int) throws -> [String], inspect: (Int, Double, Outcome) throws -> Void
    ) throws -> (attempts: Int, kills: Int) {
        var window = duration
        var landed = 0
        var attempt = 0
        while landed < kills, attempt < maxAttempts {
            let fraction = (Double(attempt + 1) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1)
            let delay = window * fraction
            let outcome = try run(try arguments(attempt), in: directory, killAfter: delay)
            if case .killed = outcome { landed += 1 } else { window *= 0.8 }
            try inspect(attempt, delay, outcome)
            attempt += 1
        }
        return (attempt, landed)
    }
}
