import ArgumentParser
import Foundation

/// Entry point: parses the command line, runs the command, and maps every failure to one
/// readable line on stderr and a documented exit code, never a stack dump.
@main
enum Main {
    static func main() {
        StandardStreams.setUp()
        do {
            var command = try DossierCommand.parseAsRoot(Self.arguments(Array(CommandLine.arguments.dropFirst())))
            // Set once, before the command runs: notes and progress lines read it from anywhere.
            if let global = (command as? any CommandWithGlobalOptions)?.global {
                Terminal.setQuiet(global.quiet)
            }
            try command.run()
        } catch {
            exit(report(error))
        }
    }

    /// The command line as ArgumentParser should see it. SQL given to `query` may start with an
    /// `--` comment, which would otherwise be taken for an option; an option's name never holds
    /// white space, so such an argument is SQL and gets a leading space (which SQLite ignores).
    static func arguments(_ arguments: [String]) -> [String] {
        let arguments = movingLeadingGlobalOptions(arguments)
        if arguments.first == "seed" { return SeedCommand.expandingBareForce(arguments) }
        guard arguments.first == "query" else { return arguments }
        return arguments.map { argument in
            guard argument.hasPrefix("-") else { return argument }
            let name = argument.prefix { $0 != "=" }
            return name.contains(where: \.isWhitespace) ? " " + argument : argument
        }
    }

    /// The options every subcommand takes (``GlobalOptions``) that hold a value.
    static let globalOptionsWithValue: Set<Substring> = ["--database", "--busy-timeout"]
    /// The flags every subcommand takes.
    static let globalFlags: Set<Substring> = ["--immutable", "--quiet", "-q"]

    /// `dossier --database d.sqlite stats`, as the sqlite3 shell and sqlite-utils users type it:
    /// the options every subcommand takes, given before the subcommand's name, move after it
    /// (the last of an option given twice wins), where ArgumentParser reads them.
    static func movingLeadingGlobalOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.prefix { $0 != "=" }
            if globalFlags.contains(name) || (globalOptionsWithValue.contains(name) && name.count < argument.count) {
                leading.append(argument)
                index += 1
            } else if globalOptionsWithValue.contains(name) {
                leading += arguments[index..<min(index + 2, arguments.count)]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        var rest = Array(arguments[index...])
        // Right after the subcommand's names (`migrate up`), so that the same option given again
        // later wins, as a repeated option does anywhere else.
        var command: any ParsableCommand.Type = DossierCommand.self
        var position = 0
        while position < rest.count,
            let subcommand = command.configuration.subcommands.first(where: { $0._commandName == rest[position] })
        {
            command = subcommand
            position += 1
        }
        rest.insert(contentsOf: leading, at: position)
        return rest
    }

    /// Prints what went wrong (or the help and version text asked for) and returns the exit code.
    static func report(_ error: any Error) -> Int32 {
        if let status = error as? ExitStatus { return status.rawValue }
        if let failure = CommandFailure(error) {
            printError(failure.message)
            return failure.status.rawValue
        }
        // Argument parsing: --help and --version end cleanly; the rest is a usage error.
        let code = DossierCommand.exitCode(for: error)
        if code == .success {
            do {
                try StandardStreams.write(DossierCommand.fullMessage(for: error) + "\n")
            } catch {
                return report(error)
            }
            return ExitStatus.ok.rawValue
        }
        printError(DossierCommand.fullMessage(for: error))
        return code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.failure.rawValue
    }

    static func printError(_ message: String) {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
        StandardStreams.writeError("dossier: " + TableRendering.escapeKeepingLines(text) + "\n")
    }
}
