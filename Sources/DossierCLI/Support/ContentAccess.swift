import ArgumentParser
import Dossier
import DossierDB

extension GlobalOptions {
    /// Opens an existing, current database read-only, for a command that only reads: it never
    /// creates a file, and nothing it does can change one.
    func openForReading() throws -> ContentDatabase {
        try ContentDatabase(path: databasePath, options: .readOnlyExisting)
    }

    /// Opens an existing, current database for a command that writes, without creating or
    /// migrating it: a mistyped path is an error, and migrating is `migrate up`'s decision.
    func openForWriting() throws -> ContentDatabase {
        var options = ContentDatabase.OpenOptions()
        options.createIfMissing = false
        options.migrate = false
        return try ContentDatabase(path: databasePath, options: options)
    }
}

/// Prints rows in the chosen format.
func printRows(_ table: OutputTable, format: OutputFormat) throws {
    try StandardStreams.write(format.render(table))
}

/// Prints a line on standard output.
func printLine(_ line: String) throws {
    try StandardStreams.write(line + "\n")
}

/// Parses an option value of a closed vocabulary; a wrong value is a usage error listing the
/// allowed ones.
func vocabularyOption<Value: Vocabulary>(_ text: String?, _ option: String) throws -> Value? {
    guard let text else { return nil }
    guard let value = Value(rawValue: text) else {
        throw ValidationError("\(option) must be one of \(Value.allowedValues) (got \"\(text)\")")
    }
    return value
}
