import Foundation
import Synchronization

/// What the terminal allows: colour only when standard output is a terminal, `NO_COLOR` is
/// not set to a non-empty value (<https://no-color.org>: an empty one does not count), and the
/// terminal is not `dumb`.
enum Terminal {
    static var supportsColor: Bool {
        allowsColor(environment: ProcessInfo.processInfo.environment, isTerminal: isatty(STDOUT_FILENO) != 0)
    }

    /// The rule, apart from the process: testable.
    static func allowsColor(environment: [String: String], isTerminal: Bool) -> Bool {
        isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// Highlights text: bold and underlined on a terminal, «guillemets» otherwise.
    static func highlight(_ text: String) -> String {
        supportsColor ? "\u{1B}[1;4m\(text)\u{1B}[0m" : "«\(text)»"
    }

    /// Writes a line to standard error (nothing, if standard error is gone, or with `--quiet`).
    /// Errors do not go through here: ``Main`` prints them even with `--quiet`.
    static func note(_ line: String) {
        guard !isQuiet else { return }
        StandardStreams.writeError(line + "\n")
    }

    /// Whether `--quiet` was given: no notes, no progress line. ``Main`` sets it once, from
    /// the command's ``GlobalOptions``, before running the command.
    static var isQuiet: Bool {
        quiet.load(ordering: .relaxed)
    }

    /// Sets ``isQuiet`` for the rest of the process.
    static func setQuiet(_ value: Bool) {
        quiet.store(value, ordering: .relaxed)
    }

    private static let quiet = Atomic<Bool>(false)
}
