import ArgumentParser
import Foundation

/// Entry point: parses the command line and maps every failure to one readable line on stderr
/// and a documented exit code, never a stack dump.
@main
enum Main {
    static func main() {
        var command: any ParsableCommand
        do {
            command = try DossierCommand.parseAsRoot()
        } catch {
            let code = DossierCommand.exitCode(for: error)
            if code == .success {
                // --help and --version.
                print(DossierCommand.fullMessage(for: error))
                exit(ExitStatus.ok.rawValue)
            }
            printError(DossierCommand.fullMessage(for: error))
            exit(ExitStatus.usage.rawValue)
        }
        do {
            try command.run()
        } catch let failure as CommandFailure {
            printError(failure.message)
            exit(failure.status.rawValue)
        } catch {
            let failure = CommandFailure(describing: error)
            printError(failure.message)
            exit(failure.status.rawValue)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("dossier: " + message + "\n").utf8))
    }
}
