import Foundation

/// What the terminal allows: colour only when standard output is a terminal and `NO_COLOR` is
/// not set (<https://no-color.org>).
enum Terminal {
    static var supportsColor: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Highlights text: bold and underlined on a terminal, «guillemets» otherwise.
    static func highlight(_ text: String) -> String {
        supportsColor ? "\u{1B}[1;4m\(text)\u{1B}[0m" : "«\(text)»"
    }

    /// Writes a line to standard error (nothing, if standard error is gone).
    static func note(_ line: String) {
        StandardStreams.writeError(line + "\n")
    }
}
