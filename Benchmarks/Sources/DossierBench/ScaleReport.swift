import Foundation

/// The "Scale" table and its JSON entries: each phase's time and peak RSS, and the ratios the
/// issue's targets name (import and export against the sqlite3 shell, the largest import over
/// the next, RSS at each size). Ratios from one run: they inform, nothing asserts them.
struct ScaleReport {
    let outcome: ScalePhases.Outcome

    private func result(_ phase: String, _ implementation: String) -> ScaleResult? {
        outcome.results.first { $0.phase == phase && $0.implementation == implementation }
    }

    /// Dossier's time over the sqlite3 shell's in the same phase.
    private func ratioToShell(_ result: ScaleResult) -> Double? {
        // The JSON document's import is set against the same reference as the NDJSON's.
        let phase = result.phase == ScaleResult.documentImportPhase(result.claims) ? ScaleResult.importPhase(result.claims) : result.phase
        guard result.implementation == "dossier", let shell = self.result(phase, "sqlite3"), shell.seconds > 0 else { return nil }
        return result.seconds / shell.seconds
    }

    private static func rounded(_ value: Double, _ scale: Double) -> Double { (value * scale).rounded() / scale }

    /// Entries in the shape of the other phases' (phase, implementation), with seconds and MB.
    var json: [String] {
        outcome.results.map { result in
            var fields = [
                "\"phase\": \"\(result.phase)\"", "\"implementation\": \"\(result.implementation)\"", "\"claims\": \(result.claims)",
                "\"seconds\": \(Self.rounded(result.seconds, 1e6))",
                "\"peak_rss_mb\": \(result.peakRSS.map { String(Self.rounded(PeakMemory.megabytes($0), 10)) } ?? "null")",
            ]
            // What the seconds cover: the call inside the child, or the shell's whole process.
            fields.append("\"timed\": \"\(result.implementation == "sqlite3" ? "process" : "call")\"")
            if result.peakIsSampled { fields.append("\"peak_rss_sampled\": true") }
            if let ratio = ratioToShell(result) { fields.append("\"ratio_to_sqlite3\": \(Self.rounded(ratio, 1000))") }
            return "  {" + fields.joined(separator: ", ") + "}"
        }
    }

    var lines: [String] {
        var lines = [
            "Scale: the shipped dossier's claims copied under new slugs, one run each. dossier and raw are timed inside their",
            "child process around the call alone; sqlite3 around its process. Peak RSS is each process's own: VmHWM, or for",
            "sqlite3 wait4's ru_maxrss when above dossier-bench's own peak, else (≈) its VmHWM sampled every 10 ms.",
            "",
            "phase".padding(toLength: 40, withPad: " ", startingAt: 0) + "implementation  seconds     peak RSS (MB)  dossier/sqlite3",
        ]
        for result in outcome.results {
            var line = result.phase.padding(toLength: 40, withPad: " ", startingAt: 0)
            line += result.implementation.padding(toLength: 16, withPad: " ", startingAt: 0)
            line += String(format: "%-12.3f", result.seconds)
            let rss = result.peakRSS.map { (result.peakIsSampled ? "≈ " : "") + String(format: "%.1f", PeakMemory.megabytes($0)) } ?? "—"
            line += rss.padding(toLength: 15, withPad: " ", startingAt: 0)
            line += ratioToShell(result).map { String(format: "%.2f×", $0) } ?? ""
            lines.append(line)
        }
        lines.append("")
        let sizes = Array(Set(outcome.results.map(\.claims))).sorted()
        if let size = sizes.contains(100_000) ? 100_000 : sizes.last {
            for (phase, target) in [(ScaleResult.importPhase(size), 4), (ScaleResult.exportPhase(size), 2)] {
                if let dossier = result(phase, "dossier"), let ratio = ratioToShell(dossier) {
                    lines.append("\(phase): dossier takes \(String(format: "%.2f", ratio))× the sqlite3 shell (target ≤ \(target)×)")
                }
            }
            for name in ["raw", "raw-set"] {
                guard let dossier = result(ScaleResult.importPhase(size), "dossier"), let raw = result(ScaleResult.importPhase(size), name)
                else { continue }
                lines.append(
                    "\(ScaleResult.importPhase(size)): dossier takes \(String(format: "%.2f", dossier.seconds / raw.seconds))× the C API into the same schema, \(name == "raw" ? "a row at a time" : "set-based")"
                )
            }
        }
        for size in sizes {
            let rss = [ScaleResult.importPhase(size), ScaleResult.exportPhase(size)].map { phase in
                result(phase, "dossier")?.peakRSS.map { String(format: "%.1f MB", PeakMemory.megabytes($0)) } ?? "—"
            }
            lines.append(
                "peak RSS at \(size) claims: import \(rss[0]), export \(rss[1]) (target ≤ 100 MB at 100000, the same ±10% at 1000000)")
        }
        for (smaller, larger) in zip(sizes, sizes.dropFirst()) {
            guard let small = result(ScaleResult.importPhase(smaller), "dossier"),
                let large = result(ScaleResult.importPhase(larger), "dossier")
            else { continue }
            let target = smaller == 100_000 && larger == 1_000_000 ? " (target ≤ 11×)" : ""
            let ratio = String(format: "%.2f", large.seconds / small.seconds)
            lines.append("import of \(larger) claims takes \(ratio)× the time of \(smaller) (\(larger / smaller)× the claims)\(target)")
        }
        lines += outcome.notes
        return lines
    }
}
