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

    @Argument(help: "The new file; it must not hold a database already.")
    var path: String

    func run() throws {
        try global.openForReading().backup(to: path)
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

    @Argument(help: "The new file; it must not exist.")
    var path: String

    @OptionGroup var output: FormatOptions

    func run() throws {
        let report = try global.openForReading().bundle(to: path)
        try printRows(
            OutputTable(
                columns: ["path", "size_bytes", "sha256", "schema_version"],
                rows: [[.string(report.path), .integer(report.byteCount), .string(report.sha256), .integer(Int64(report.schemaVersion))]]),
            format: output.format)
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
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let statistics = try global.openForReading().statistics()
        var rows: [[OutputValue]] = statistics.rowCounts.map { [.string("rows"), .string($0.table), .integer(Int64($0.rows))] }
        rows.append([.string("file"), .string("size_bytes"), .integer(statistics.fileSize)])
        rows.append([.string("sqlite"), .string("version"), .string(statistics.sqliteVersion)])
        rows.append([.string("schema"), .string("version"), .integer(Int64(statistics.schemaVersion ?? 0))])
        try printRows(OutputTable(columns: ["metric", "name", "value"], rows: rows), format: output.format)
    }
}

/// `dossier history <slug>`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every recorded change of a record, oldest first, from the audit log.",
        discussion: """
            Includes its typed fields, entity links, citations and the relations it is the subject of, \
            and works after the record was deleted.

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
        try printRows(
            OutputTable(
                columns: ["id", "at", "table", "operation", "old", "new"],
                rows: entries.map { entry in
                    [
                        .integer(entry.id), .string(entry.at), .string(entry.table), .string(entry.operation.rawValue),
                        Self.json(entry.oldValues), Self.json(entry.newValues),
                    ]
                }),
            format: output.format)
    }

    /// Audit values are JSON objects: keep them structured in JSON output.
    static func json(_ text: String?) -> OutputValue {
        guard let text else { return .null }
        return (try? JSONParser.parse(text)) ?? .string(text)
    }
}
