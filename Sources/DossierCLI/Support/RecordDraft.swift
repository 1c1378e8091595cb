import Dossier
import Foundation

/// A record's JSON object on its way from a person to the database: read from a file, changed
/// by `--set`, or edited in `$VISUAL`/`$EDITOR` — what `dossier edit` and `dossier add` share.
enum RecordDraft {
    /// What the editor left.
    enum EditorOutcome {
        /// The file's new bytes.
        case edited([UInt8])
        /// The file is as it was written.
        case unchanged
    }

    /// The object in `bytes`, read from `path`: a failure names the line and column, or says it
    /// is not an object, and says that the file is kept.
    static func object(from bytes: [UInt8], path: String, keptNote: String) throws -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes)
        } catch {
            throw CommandFailure(
                "\(MessageText.escaped(path)): \(MessageText.escaped(error.description)): not valid JSON, nothing was written\(keptNote)",
                status: .validation)
        }
        guard case .object(let object) = value else {
            throw CommandFailure(
                "\(MessageText.escaped(path)): must be one JSON object (a record), not \(value.typeDescription); nothing was written\(keptNote)",
                status: .validation)
        }
        return object
    }

    /// The object in the file at `path` (`--from`).
    static func object(fromFile path: String) throws -> JSONObject {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(MessageText.escaped(path)); check the path and its permissions", status: .failure)
        }
        return try object(from: [UInt8](data), path: path, keptNote: "")
    }

    /// Applies `--set field=value` assignments: the value is JSON when it parses as JSON, a
    /// string otherwise. Only top-level fields: a dotted or indexed field is refused.
    static func apply(_ assignments: [String], to object: inout JSONObject) throws {
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw CommandFailure(
                    "--set \(MessageText.escaped(assignment)): write FIELD=VALUE (for example --set title=\"A new title\"); nothing was written",
                    status: .usage)
            }
            let field = String(assignment[..<equals])
            let text = String(assignment[assignment.index(after: equals)...])
            if field.contains(".") || field.contains("[") {
                throw CommandFailure(
                    "--set \(MessageText.escaped(field)): only top-level fields can be set; set the whole field as JSON "
                        + "(--set 'onset={\"text\":\"…\"}'), or edit the record in $EDITOR or with --from FILE; nothing was written",
                    status: .usage)
            }
            object[field] = (try? JSONParser.parse(text)) ?? .string(text)
        }
    }

    /// Writes `object` to a new file in the temporary folder, named after `name`, and returns
    /// its path and bytes.
    static func writeTemporary(_ object: JSONObject, name: String) throws -> (path: String, bytes: [UInt8]) {
        let path = NSTemporaryDirectory() + "dossier-\(name)-\(UUID().uuidString.prefix(8)).json"
        let bytes = [UInt8]((JSONValue.object(object).rendered(indent: 2) + "\n").utf8)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("cannot write \(path) for the editor; check the temporary folder (TMPDIR)", status: .failure)
        }
        return (path, bytes)
    }

    /// Opens `path` in `$VISUAL`, else `$EDITOR`, run by `/bin/sh -c` so that an editor
    /// with arguments (or a script) works; the path is passed as an argument, never spliced
    /// into the command.
    static func edit(_ path: String, original: [UInt8]) throws -> EditorOutcome {
        let environment = ProcessInfo.processInfo.environment
        guard let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw CommandFailure(
                "no editor: set VISUAL or EDITOR, or give the changes with --set FIELD=VALUE or --from FILE; nothing was written; the record is in \(path)",
                status: .usage)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "dossier-editor", path]
        do {
            try process.run()
        } catch {
            throw CommandFailure(
                "cannot start /bin/sh to run the editor (\(error.localizedDescription)); nothing was written", status: .failure)
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how =
                process.terminationReason == .exit
                ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            throw CommandFailure(
                "the editor (\(MessageText.escaped(editor))) \(how): nothing was written; the file is kept in \(path)", status: .failure)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("the editor left no readable file at \(path): nothing was written", status: .failure)
        }
        let bytes = [UInt8](data)
        return bytes == original ? .unchanged : .edited(bytes)
    }

    /// The record a command writes: read from `from`; else `start` opened in the editor; else
    /// `start` itself — then with the `--set` assignments applied. `nil` when the editor left
    /// the file unchanged (a note says nothing was written). `rerun` is the command that takes
    /// a kept file back, for the messages: `dossier edit SLUG`.
    static func obtain(
        start: JSONObject, from: String?, assignments: [String], name: String, rerun: String, unchangedNote: String
    ) throws -> (object: JSONObject, keptFile: String?)? {
        var object: JSONObject
        var keptFile: String?
        if let from {
            object = try RecordDraft.object(fromFile: from)
            keptFile = from
        } else if assignments.isEmpty {
            let (path, bytes) = try RecordDraft.writeTemporary(start, name: name)
            switch try RecordDraft.edit(path, original: bytes) {
            case .unchanged:
                try? FileManager.default.removeItem(atPath: path)
                Terminal.note(unchangedNote)
                return nil
            case .edited(let edited):
                object = try RecordDraft.object(from: edited, path: path, keptNote: "; \(keptMessage(path, rerun: rerun))")
                keptFile = path
            }
        } else {
            object = start
        }
        try RecordDraft.apply(assignments, to: &object)
        return (object, keptFile)
    }

    /// Where a failed command kept the user's work, and how to take it back.
    static func keptMessage(_ path: String, rerun: String) -> String {
        "your work is kept in \(path): fix it and run \(rerun) --from \(path)"
    }

    /// Prints what an authoring write changed.
    static func report(_ outcome: AuthoringOutcome, headline: String, dryRun: Bool) throws {
        var text = headline + (dryRun ? " (dry run: nothing written)" : "") + "\n"
        text += outcome.changes.isEmpty ? "  no field changed\n" : FieldChange.lines(outcome.changes).joined(separator: "\n") + "\n"
        try StandardStreams.write(text)
    }

    /// A library failure with the note that the person's work is kept, and where (`kept`:
    /// "your work is kept in …", or `nil` when there is no file to keep).
    static func keepingWork(_ error: any Error, kept: String?) -> any Error {
        switch error {
        case let error as SeedError:
            return CommandFailure(
                "the record has \(error.problems.count) problem(s), nothing was written:\n"
                    + error.problems.map { "  " + $0.description }.joined(separator: "\n") + (kept.map { "\n" + $0 } ?? ""),
                status: .validation)
        case let failure as CommandFailure:
            return CommandFailure(failure.message + (kept.map { "; " + $0 } ?? ""), status: failure.status)
        default:
            guard let failure = CommandFailure(error) else { return error }
            return CommandFailure(failure.message + (kept.map { "; " + $0 } ?? ""), status: failure.status)
        }
    }
}
