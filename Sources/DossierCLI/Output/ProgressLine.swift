import Dossier
import Foundation

/// One line on standard error that says how far a long operation has come, redrawn in place:
/// `importing: 12,345 of 50,000 objects (24%) · 4,100/s`.
///
/// Drawn only for a person: when standard error is a terminal and `--quiet` was not given.
/// Reports come after every object, so drawing is throttled by a monotonic clock: nothing
/// before ``interval`` has passed (a quick operation shows no line at all), then at most one
/// redraw per ``interval``. ``finish()`` erases the line, so that the note that follows prints
/// on a clean line; it runs by itself when the progress line goes away, after a failure too.
///
/// ```swift
/// let progress = ProgressLine()
/// let report = try database.importJSON(data, progress: progress.handler)
/// progress.finish()
/// Terminal.note("imported \(file): \(report.summary)")
/// ```
///
/// Not thread-safe: the library calls its ``ContentProgress/Handler`` on the one thread doing
/// the work.
final class ProgressLine {
    /// The least time between two redraws (and before the first).
    static let interval: Duration = .milliseconds(200)

    /// Whether a line is wanted: standard error is a terminal, and `--quiet` was not given.
    static var isWanted: Bool {
        !Terminal.isQuiet && isatty(STDERR_FILENO) != 0
    }

    private let isEnabled: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant
    private var isShown = false

    /// A progress line, drawn if `enabled` (by default: ``isWanted``). A caller whose own
    /// output goes to the same terminal (standard output) can pass `false`.
    init(enabled: Bool = ProgressLine.isWanted) {
        isEnabled = enabled
        started = clock.now
        lastDrawn = started
    }

    deinit {
        finish()
    }

    /// The handler to give the library: each report redraws the line, at most once per
    /// ``interval``.
    var handler: ContentProgress.Handler {
        { [self] progress in report(progress) }
    }

    /// Takes one report; redraws the line if ``interval`` has passed since the last drawing.
    func report(_ progress: ContentProgress) {
        guard isEnabled else { return }
        let now = clock.now
        guard now - lastDrawn >= Self.interval else { return }
        lastDrawn = now
        let elapsed = Self.seconds(now - started)
        let rate = elapsed > 0 ? Double(progress.completed) / elapsed : nil
        let text = Self.text(progress.operation, completed: progress.completed, total: progress.total, perSecond: rate)
        // Back to the start of the line, the new text, and the rest of the old one erased.
        StandardStreams.writeError("\r" + text + "\u{1B}[K")
        isShown = true
    }

    /// Erases the line, if one was drawn; the cursor is left at the start of the empty line.
    func finish() {
        guard isShown else { return }
        isShown = false
        StandardStreams.writeError("\r\u{1B}[K")
    }

    /// The text of the line: the operation, the count (out of the total, with a percentage,
    /// when known) in the operation's unit, and the rate per second (when known), numbers
    /// grouped by thousands with commas whatever the locale.
    ///
    /// `text(.importing, completed: 12345, total: nil, perSecond: 4100.4)` is
    /// `importing: 12,345 objects · 4,100/s`.
    static func text(_ operation: ContentProgress.Operation, completed: Int, total: Int?, perSecond: Double?) -> String {
        var text = "\(operation.rawValue): \(grouped(completed))"
        if let total {
            text += " of \(grouped(total))"
        }
        text += " " + unit(of: operation)
        if let total, total > 0 {
            let percent = min(max(completed, 0) * 100 / total, 100)
            text += " (\(percent)%)"
        }
        if let perSecond, perSecond.isFinite, perSecond >= 0 {
            text += " · \(grouped(Int(perSecond.rounded())))/s"
        }
        return text
    }

    /// What an operation counts (see ``ContentProgress/Operation``).
    static func unit(of operation: ContentProgress.Operation) -> String {
        switch operation {
        case .importing, .exporting: "objects"
        case .seeding: "items"
        case .checking: "rows"
        }
    }

    /// A whole number with its digits grouped by three: `12,345`, `-1,000`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }

    private static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
