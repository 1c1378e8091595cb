import ArgumentParser
import Dossier
import DossierDB

/// `dossier backup <path>`.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a new file with SQLite's online backup, while it stays in use.",
        discussion: """
            Restore by replacing the database file with the copy (and deleting its -wal and -shm files).

            Example:
              dossier backup /backups/dossier-2026-11-27.sqlite
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The new file (it must not exist), or - for standard output.")
    var path: String

    func validate() throws {
        if path.isEmpty { throw ValidationError("give the path of the new file, or - for standard output") }
    }

    func run() throws {
        let content = try global.openForReading()
        guard path != "-" else {
            // A file on standard output is whole on its own: no -wal beside it to lose.
            try OutputFile.throughStandardOutput(named: "backup.sqlite") { try content.backup(to: $0, journalMode: .delete) }
            Terminal.note("backed up \(global.databasePath) to standard output")
            return
        }
        try content.backup(to: path)
        Terminal.note("backed up \(global.databasePath) to \(path)")
    }
}

/// `dossier bundle <path>`.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Write a compact, read-only-ready copy of the database to ship with a program.",
        discussion: """
            The copy is vacuumed, in journal mode DELETE (opening it creates no -wal or -shm file), \
            and stamped with Dossier's application_id (0x444F5353) and the schema version as \
            user_version; it passes integrity_check before it takes its name. Open it with \
            ContentDatabase(bundled:), which writes nothing anywhere, even on a read-only file system. \
            An existing file is never overwritten (exit 2).

            Examples:
              dossier bundle dist/dossier.sqlite
              dossier bundle dist/dossier.sqlite --format json
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The new file (it must not exist), or - for standard output (the report then goes to standard error).")
    var path: String

    func validate() throws {
        if path.isEmpty { throw ValidationError("give the path of the new file, or - for standard output") }
    }

    @OptionGroup var output: FormatOptions

    func run() throws {
        let content = try global.openForReading()
        guard path != "-" else {
            var report: ContentBundleReport?
            try OutputFile.throughStandardOutput(named: "bundle.sqlite") { report = try content.bundle(to: $0) }
            if let report {
                Terminal.note(
                    "bundle: \(report.byteCount) bytes, sha256 \(report.sha256), schema version \(report.schemaVersion), on standard output"
                )
            }
            return
        }
        let report = try content.bundle(to: path)
        try printRows(
            OutputTable(
                columns: ["path", "size_bytes", "sha256", "schema_version"],
                rows: [[.string(report.path), .integer(report.byteCount), .string(report.sha256), .integer(Int64(report.schemaVersion))]]),
            output)
    }
}

/// `dossier stats`.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Rows per table, file size, SQLite version and schema version.",
        discussion: """
            Examples:
              dossier stats
              dossier stats --format json
              dossier stats --dossier lithium
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOptions

    @Option(help: "Only this dossier's counts: records, sources and entities.")
    var dossier: String?

    func run() throws {
        let content = try global.openForReading()
        if let dossier {
            try content.requireDossier(dossier)
            guard let summary = try content.dossiers().first(where: { $0.name == dossier }) else { return }
            let rows: [[OutputValue]] = [
                [.string("dossier"), .string("records"), .integer(Int64(summary.recordCount))],
                [.string("dossier"), .string("sources"), .integer(Int64(summary.sourceCount))],
                [.string("dossier"), .string("entities"), .integer(Int64(summary.entityCount))],
            ]
            try printRows(OutputTable(columns: ["metric", "name", "value"], rows: rows), output)
            return
        }
        let statistics = try content.statistics()
        var rows: [[OutputValue]] = statistics.rowCounts.map { [.string("rows"), .string($0.table), .integer(Int64($0.rows))] }
        rows += try content.dossiers().map { [.string("dossier_records"), .string($0.name), .integer(Int64($0.recordCount))] }
        rows.append([.string("file"), .string("size_bytes"), .integer(statistics.fileSize)])
        rows.append([.string("sqlite"), .string("version"), .string(statistics.sqliteVersion)])
        rows.append([.string("schema"), .string("version"), .integer(Int64(statistics.schemaVersion ?? 0))])
        try printRows(OutputTable(columns: ["metric", "name", "value"], rows: rows), output)
    }
}

/// `dossier history <slug>`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every recorded change of a record, oldest first, from the audit log.",
        discussion: """
            Includes its typed fields, entity links, citations, the relations it is the subject of and \
            its reviews (who, when, why), and works after the record was deleted. Each change lists the \
            fields it changed, old and new values whole, as compact JSON; JSON output also carries the \
            row's images before and after.

            Examples:
              dossier history nmda-receptor-blockade
              dossier history nmda-receptor-blockade --format ndjson
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The record's slug.")
    var slug: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        let entries = try global.openForReading().records.history(of: slug)
        guard !entries.isEmpty else { throw ContentError.notFound(what: "record history", key: slug) }
        let changes = entries.map { FieldDiff.changes(from: Self.object($0.oldValues), to: Self.object($0.newValues)) }
        guard output.format == .table else {
            try printRows(
                OutputTable(
                    columns: ["id", "at", "table", "operation", "old", "new", "changes"],
                    rows: zip(entries, changes).map { entry, changes in
                        [
                            .integer(entry.id), .string(entry.at), .string(entry.table), .string(entry.operation.rawValue),
                            Self.json(entry.oldValues), Self.json(entry.newValues), Self.json(changes),
                        ]
                    }),
                output)
            return
        }
        // A table would cut long values: each change is printed whole, under its audit row.
        var text = ""
        for (entry, changes) in zip(entries, changes) {
            text += "#\(entry.id)  \(JSONValue.string(entry.at).plainText)  \(entry.table)  \(entry.operation.rawValue)\n"
            if entry.table == "reviews", let review = Self.object(entry.newValues) {
                text += "  \(Self.reviewLine(review))\n"
            }
            text += changes.isEmpty ? "  (no field changed)\n" : FieldChange.lines(changes).joined(separator: "\n") + "\n"
        }
        try StandardStreams.write(text)
    }

    /// "reviewed by ada (draft → reviewed): checked every quote".
    static func reviewLine(_ review: JSONObject) -> String {
        let field = { (name: String) in review[name].map { $0.plainText } ?? "" }
        return "\(MessageText.escaped(field("to_status"))) by \(MessageText.escaped(field("reviewer"))) "
            + "(\(MessageText.escaped(field("from_status"))) → \(MessageText.escaped(field("to_status")))): \(MessageText.escaped(field("note")))"
    }

    /// An audit image as an object; `nil` when there is none, or it is not an object.
    static func object(_ text: String?) -> JSONObject? {
        guard let text, case .object(let object)? = try? JSONParser.parse(text) else { return nil }
        return object
    }

    /// The changes as JSON: one object per field, with its old and new value (null when absent).
    static func json(_ changes: [FieldChange]) -> OutputValue {
        .array(
            changes.map { change in
                .object(JSONObject([("field", .string(change.field)), ("old", change.old ?? .null), ("new", change.new ?? .null)]))
            })
    }

    /// Audit values are JSON objects: keep them structured in JSON output.
    static func json(_ text: String?) -> OutputValue {
        guard let text else { return .null }
        return (try? JSONParser.parse(text)) ?? .string(text)
    }
}
