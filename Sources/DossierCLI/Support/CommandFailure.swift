import ArgumentParser
import Dossier
import DossierDB

/// An error as the command line reports it: one line, and the exit status that classifies it.
struct CommandFailure: Error {
    var message: String
    var status: ExitStatus

    init(_ message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }

    /// Classifies an error thrown by the library or by a command; `nil` for argument-parsing
    /// errors, which ArgumentParser reports itself.
    init?(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as ContentError:
            // One line by contract: a path or slug holding a line break must not forge a second.
            self.init(
                MessageText.escaped(error.description) + (Self.advice(for: error).map { "; \(MessageText.escaped($0))" } ?? ""),
                status: Self.status(of: error))
        case let error as MigrationError:
            self.init(error.description, status: Self.status(of: error))
        case let error as DatabaseError:
            self.init(MessageText.escaped(Self.oneLine(error)), status: Self.status(of: error))
        case let error as SeedError:
            let advice =
                if case .conflicts = error {
                    "\n  seed with --force SLUG to overwrite one item, or --force alone to overwrite them all"
                } else { "" }
            self.init(error.description + advice, status: .validation)
        case let error as ValidationError:
            self.init(error.message, status: .usage)
        default:
            return nil
        }
    }

    /// What to do, in the command line's terms, where the library's message cannot say it.
    private static func advice(for error: ContentError) -> String? {
        switch error {
        case .databaseMissing(let path): return "create one with `dossier setup --database \(path)`"
        case .schemaNotCurrent: return "run `dossier migrate up` first"
        case .notFound(let what, _) where what != "entity" && what != "source": return "`dossier list` shows what exists"
        case .notFound(let what, _): return "`dossier list \(what == "entity" ? "entities" : "sources")` shows what exists"
        default: return nil
        }
    }

    private static func status(of error: ContentError) -> ExitStatus {
        switch error {
        case .databaseMissing: return .cannotOpen
        case .schemaNotCurrent: return .migration
        case .notFound, .unknownDossier: return .notFound
        case .validation, .duplicate, .staleVersion, .conflict, .invalidSearch: return .validation
        case .unknownValue, .cannotWrite: return .failure
        case .readOnlyDatabase: return .readOnlyViolation
        case .destinationExists: return .usage
        }
    }

    private static func status(of error: MigrationError) -> ExitStatus {
        switch error {
        case .modified, .unknownMigrations, .schemaDrift, .repairImpossible: return .migration
        case .unknownTarget, .targetBelowCurrent: return .usage
        case .failed(_, let underlying): return Self.status(of: underlying)
        case .invalidFileName, .duplicateVersion, .invalidLedgerTable, .foreignKeyViolations, .backupFailed: return .failure
        }
    }

    static func status(of error: DatabaseError) -> ExitStatus {
        if error.isInterrupted { return .timeout }
        if error.isReadOnlyViolation { return .readOnlyViolation }
        switch error.resultCode {
        case .cannotOpen, .notADatabase, .corrupt, .permission: return .cannotOpen
        case .constraint: return .validation
        case .noMemory, .tooBig: return .resourceLimit
        case .busy, .locked: return .busy
        default: return .failure
        }
    }

    /// What to do about a failure SQLite reports by code alone.
    private static func advice(for code: ResultCode) -> String? {
        switch code {
        case .readOnly: return "the database file or its folder is not writable; check its permissions, or work on a copy"
        case .full: return "the disk, or the database's page limit, is full; nothing was written: free some space and run the command again"
        case .ioError: return "reading or writing the file failed; check the disk, then run dossier check"
        case .busy, .locked:
            return "another process holds the database; try again when it is done, or wait longer with --busy-timeout SECONDS"
        case .corrupt: return "the file is damaged; restore it from a backup"
        case .noMemory: return "the query needs more memory than --max-memory allows; narrow it, or raise the limit"
        case .tooBig: return "a value is longer than SQLite allows here; narrow the query"
        default: return nil
        }
    }

    /// A database error on one line: the message, then the SQL in brackets.
    static func oneLine(_ error: DatabaseError) -> String {
        var line = error.message
        // Errors raised at open already carry their advice; the rest get it here.
        if !line.contains(" ("), let advice = advice(for: error.resultCode.primary) {
            line += " (\(advice))"
        }
        if let sql = error.sql {
            line += " [SQL: \(DatabaseError.abbreviated(sql))]"
        }
        return line
    }
}
