import ArgumentParser
import Foundation

/// Entry point: parses the command line, runs the command, and maps every failure to one
/// readable line on stderr and a documented exit code, never a stack dump.
@main
enum Main {
    static func main() {
        do {
            var command = try DossierCommand.parseAsRoot()
            try command.run()
        } catch {
            exit(report(error))
        }
    }

    /// Prints what went wrong (or the help and version text asked for) and returns the exit code.
    static func report(_ error: any Error) -> Int32 {
        if let failure = CommandFailure(error) {
            printError(failure.message)
            return failure.status.rawValue
        }
        // Argument parsing: --help and --version end cleanly; the rest is a usage error.
        let code = DossierCommand.exitCode(for: error)
        if code == .success {
            print(DossierCommand.fullMessage(for: error))
            return ExitStatus.ok.rawValue
        }
        printError(DossierCommand.fullMessage(for: error))
        return code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.failure.rawValue
    }

    static func printError(_ message: String) {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
        FileHandle.standardError.write(Data(("dossier: " + text + "\n").utf8))
    }
}
