import Dossier
import Foundation

/// The scale phases: import and export of N claims by Dossier in child processes (time
/// and peak RSS), against references measured in the same run: the sqlite3 shell loading the
/// same claims from the JSON document into a plain table and an FTS5 table, the sqlite3 shell
/// writing the same rows as NDJSON with json_object, and the C API loading the same rows into
/// the same schema.
struct ScalePhases {
    let sizes: [Int]
    /// A temporary folder, deleted by the caller; each size's corpus and databases are deleted
    /// as soon as the size is done.
    let root: String

    /// The sqlite3 shell the references run.
    static let shell = "/usr/bin/sqlite3"
    /// SQLite's longest string (SQLITE_MAX_LENGTH): readfile() cannot read a larger document,
    /// so the shell's import reference stops below it, and so does the JSON document corpus.
    static let longestString = 1_000_000_000
    /// Bytes of the JSON document per claim, roughly: above `longestString / documentBytesPerClaim`
    /// claims the JSON document is not written.
    static let documentBytesPerClaim = 1_300

    /// What was measured, and notes on what was not.
    struct Outcome {
        var results: [ScaleResult] = []
        var notes: [String] = []
    }

    func run(log: (String) -> Void) throws -> Outcome {
        var outcome = Outcome()
        let hasShell = FileManager.default.isExecutableFile(atPath: Self.shell)
        if !hasShell { outcome.notes.append("\(Self.shell) not found: the sqlite3 references were skipped") }

        // The shipped dossier, seeded once: its export is the corpus's pattern, and its
        // database the raw load's starting point.
        log("scale: seeding the shipped dossier")
        let base = root + "/scale-base.sqlite"
        let export: String
        do {
            let content = try ContentDatabase(path: base)
            try content.seed()
            try content.pool.checkpoint()
            export = try content.exportJSON()
        }

        for claims in sizes {
            let folder = root + "/scale-\(claims)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let document = claims <= Self.longestString / Self.documentBytesPerClaim
            log("scale: writing a corpus of \(claims) claims")
            let corpus = try ScaleCorpus.write(claims: claims, from: export, folder: folder, document: document)
            if !document {
                outcome.notes.append(
                    "\(claims) claims: no JSON document (over SQLite's longest string), so no JSON-document import and no sqlite3 import reference"
                )
            }

            // Dossier's import, of the NDJSON corpus (the stand-in reads the JSON document).
            let imported = folder + "/import.sqlite"
            if let input = ScaleLibrary.readsNDJSON ? corpus.ndjsonPath : corpus.documentPath {
                log("scale: dossier imports \(claims) claims")
                let child = try spawn("import", input: input, database: imported, claims: claims)
                try expect(child.count, claims, "claims after dossier's import")
                outcome.results.append(
                    ScaleResult(
                        phase: ScaleResult.importPhase(claims), implementation: "dossier", claims: claims, seconds: child.seconds,
                        peakRSS: child.peakRSS))
            } else {
                outcome.notes.append("\(claims) claims: the stand-in import reads only the JSON document: no import measured")
            }
            if ScaleLibrary.readsNDJSON, let input = corpus.documentPath {
                log("scale: dossier imports \(claims) claims from the JSON document")
                let path = folder + "/import-document.sqlite"
                let child = try spawn("import", input: input, database: path, claims: claims)
                try expect(child.count, claims, "claims after dossier's import of the JSON document")
                outcome.results.append(
                    ScaleResult(
                        phase: ScaleResult.documentImportPhase(claims), implementation: "dossier", claims: claims,
                        seconds: child.seconds, peakRSS: child.peakRSS))
                Self.removeDatabase(path)
            }

            // The C API, a row at a time and set-based.
            for task in ["raw", "raw-set"] {
                log("scale: raw C (\(task)) loads \(claims) claims")
                let rawPath = folder + "/\(task).sqlite"
                try FileManager.default.copyItem(atPath: base, toPath: rawPath)
                let raw = try spawn(task, input: "", database: rawPath, claims: claims)
                try expect(raw.count, claims, "claims after the \(task) load")
                outcome.results.append(
                    ScaleResult(
                        phase: ScaleResult.importPhase(claims), implementation: task, claims: claims, seconds: raw.seconds,
                        peakRSS: raw.peakRSS))
                Self.removeDatabase(rawPath)
            }

            if hasShell, let input = corpus.documentPath {
                log("scale: the sqlite3 shell loads \(claims) claims")
                let shell = try runShell(Self.importScript(document: input), database: folder + "/reference.sqlite", in: folder)
                try expect(Int(shell.output.split(separator: "\n").last ?? "") ?? -1, claims, "rows of the sqlite3 import reference")
                outcome.results.append(
                    ScaleResult(
                        phase: ScaleResult.importPhase(claims), implementation: "sqlite3", claims: claims, seconds: shell.seconds,
                        peakRSS: shell.peakRSS.bytes, peakIsSampled: !shell.peakRSS.exact))
                Self.removeDatabase(folder + "/reference.sqlite")
            }

            if FileManager.default.fileExists(atPath: imported) {
                log("scale: dossier exports \(claims) claims")
                let output = folder + "/export.ndjson"
                let child = try spawn("export", input: output, database: imported, claims: claims)
                if ScaleLibrary.readsNDJSON { try Self.checkEnd(of: output, objects: corpus.objectCount) }
                outcome.results.append(
                    ScaleResult(
                        phase: ScaleResult.exportPhase(claims), implementation: "dossier", claims: claims, seconds: child.seconds,
                        peakRSS: child.peakRSS))
                try? FileManager.default.removeItem(atPath: output)

                if hasShell {
                    log("scale: the sqlite3 shell exports \(claims) claims")
                    let reference = folder + "/reference.ndjson"
                    let shell = try runShell(Self.exportScript(output: reference), database: imported, in: folder)
                    try expect(
                        Int(shell.output.split(separator: "\n").last ?? "") ?? -1, claims, "claims the sqlite3 export reference read")
                    outcome.results.append(
                        ScaleResult(
                            phase: ScaleResult.exportPhase(claims), implementation: "sqlite3", claims: claims, seconds: shell.seconds,
                            peakRSS: shell.peakRSS.bytes, peakIsSampled: !shell.peakRSS.exact))
                }
            }
        }
        return outcome
    }

    // MARK: - Children

    private struct Child {
        var seconds: Double
        var peakRSS: Int
        var count: Int
    }

    /// Runs one scale task in a child dossier-bench (see ``ScaleChild``).
    private func spawn(_ task: String, input: String, database: String, claims: Int) throws -> Child {
        let process = try MeasuredProcess.run(
            Harness.executablePath,
            ["--child-scale", task, "--scale-input", input, "--scale-database", database, "--scale-claims", String(claims)],
            scratch: root)
        let fields = process.output.split(whereSeparator: \.isWhitespace).map(String.init)
        guard process.status == 0, fields.count == 3, let seconds = Double(fields[0]), let rss = Int(fields[1]), let count = Int(fields[2])
        else { throw UsageError(message: "the scale child \(task) failed (status \(process.status)): \(process.output)") }
        return Child(seconds: seconds, peakRSS: rss, count: count)
    }

    /// Runs the sqlite3 shell on `database` with `script` as its standard input, timed around
    /// the process.
    private func runShell(_ script: String, database: String, in folder: String) throws -> MeasuredProcess {
        let path = folder + "/script.sql"
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = try MeasuredProcess.run(Self.shell, ["-bail", "-batch", database], input: path, scratch: folder)
        guard process.status == 0 else { throw UsageError(message: "the sqlite3 shell failed (status \(process.status)) on \(database)") }
        return process
    }

    private func expect(_ actual: Int, _ expected: Int, _ what: String) throws {
        guard actual == expected else { throw UsageError(message: "\(what): \(actual), expected \(expected)") }
    }

    /// The export's last line must be the end line counting every object of the corpus.
    private static func checkEnd(of path: String, objects: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw UsageError(message: "no export at \(path)") }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size > 200 ? size - 200 : 0)
        let tail = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        let last = tail.split(separator: "\n").last.map(String.init) ?? ""
        let object = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any]
        guard object?["type"] as? String == "end", let count = object?["objects"] as? Int, count == objects else {
            throw UsageError(message: "the export ends with \(last.prefix(120)), not the end line of \(objects) objects")
        }
    }

    private static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    // MARK: - The sqlite3 references

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The import reference: the JSON document's claims into a plain table and an FTS5 table,
    /// two INSERT…SELECT over json_each, in one transaction, in WAL mode as Dossier writes.
    static func importScript(document: String) -> String {
        let claims = "json_each(readfile(\(quoted(document))), '$.claims')"
        return """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE plain(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL, statement TEXT NOT NULL,
              certainty TEXT NOT NULL, status TEXT NOT NULL, intervention TEXT NOT NULL, indication TEXT, population TEXT,
              outcome TEXT NOT NULL, onset TEXT, comparator TEXT, quotes TEXT NOT NULL);
            CREATE VIRTUAL TABLE plain_fts USING fts5(title, statement, quotes);
            BEGIN;
            INSERT INTO plain(id, slug, title, statement, certainty, status, intervention, indication, population, outcome, onset,
              comparator, quotes)
            SELECT key + 1, value->>'slug', value->>'title', value->>'statement', value->>'certainty', value->>'status',
              value->>'intervention', value->>'indication', value->>'population', value->>'outcome', value->'onset',
              value->'comparator', value->'quotes'
            FROM \(claims);
            INSERT INTO plain_fts(rowid, title, statement, quotes)
            SELECT key + 1, value->>'title', value->>'statement',
              (SELECT group_concat(q.value->>'exact', ' ') FROM json_each(value, '$.quotes') q)
            FROM \(claims);
            COMMIT;
            SELECT count(*) FROM plain;

            """
    }

    /// The export reference: every claim's record, typed fields and citations as one
    /// json_object per line, written by the shell to a file.
    static func exportScript(output: String) -> String {
        """
        .output \(quoted(output))
        SELECT json_object('type', 'claim', 'slug', r.slug, 'title', r.title, 'statement', r.statement,
          'certainty', r.certainty, 'status', r.status, 'deprecation_reason', r.deprecation_reason,
          'about', json((SELECT json_group_array(e.slug) FROM record_entities re JOIN entities e ON e.id = re.entity_id
                         WHERE re.record_id = r.id)),
          'intervention', i.slug, 'indication', ind.slug, 'population', c.population, 'outcome', c.outcome,
          'onset', json_object('text', c.onset_text, 'lower_unit', c.onset_lower_unit, 'upper_unit', c.onset_upper_unit),
          'comparator', json_object('entity', cmp.slug, 'text', c.comparator_text, 'onset_text', c.comparator_onset_text,
                                    'onset_unit', c.comparator_onset_unit),
          'evidence_level', c.evidence_level,
          'quotes', json((SELECT json_group_array(json_object('source', s.slug, 'source_sha256', q.source_sha256, 'exact', q.exact,
                                                              'prefix', q.prefix, 'suffix', q.suffix, 'start', q.start_offset,
                                                              'end', q.end_offset, 'note', q.note, 'hedge_review', q.hedge_review))
                          FROM citations q JOIN sources s ON s.id = q.source_id WHERE q.record_id = r.id)))
        FROM records r JOIN clinical_claims c ON c.record_id = r.id JOIN entities i ON i.id = c.intervention_entity_id
          LEFT JOIN entities ind ON ind.id = c.indication_entity_id LEFT JOIN entities cmp ON cmp.id = c.comparator_entity_id
        ORDER BY r.slug;
        .output stdout
        SELECT count(*) FROM clinical_claims;

        """
    }
}
