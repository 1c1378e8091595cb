internal import DossierDB
import Foundation

extension ContentDatabase {
    /// The whole content as one JSON document (see the README's "Export format"), read in one
    /// snapshot. Exporting the same content always gives the same bytes.
    public func exportJSON() throws -> String {
        var text = ""
        try exportJSON { text += $0 }
        return text
    }

    /// Writes the whole content — or one dossier's — as one JSON document, in chunks as it is
    /// read, in one snapshot: the same bytes as ``exportJSON()``, without holding them.
    ///
    /// - parameters:
    ///   - dossier: export only this dossier: its sources (those it seeded and those its records
    ///     cite), the entities its records use, its records and its relations — a document that
    ///     imports on its own. `nil` for everything.
    ///   - progress: told after each object.
    ///   - write: called with each chunk of text, in order.
    /// - throws: ``ContentError/unknownDossier(name:known:)`` when there is no such dossier.
    public func exportJSON(dossier: String? = nil, progress: ContentProgress.Handler? = nil, _ write: (String) throws -> Void) throws {
        try withoutActuallyEscaping(write) { write in
            try pool.read { db in
                try ContentExporter(db: db, scope: try Self.exportScope(dossier, db)).writeDocument(
                    to: ExportSink(write), progress: progress)
            }
        }
    }

    /// The scope of an export of `dossier` (all of it when `nil`), which must exist.
    private static func exportScope(_ dossier: String?, _ db: DatabaseConnection) throws -> ExportScope {
        guard let dossier else { return .everything }
        try requireDossier(dossier, db)
        return .dossier(dossier, entities: .allUsed)
    }

    /// Writes the whole content as NDJSON, in chunks as it is read, in one snapshot — the
    /// format for large content: a header line, one line per source, entity, event,
    /// mechanism, claim and relation (the objects of the JSON document, each with a `type`),
    /// and an end line that counts them, so that a cut file is told from a whole one.
    /// Deterministic, like the document.
    ///
    /// - parameters:
    ///   - dossier: export only this dossier, as ``exportJSON(dossier:progress:_:)`` does;
    ///     `nil` for everything.
    ///   - progress: told after each object.
    ///   - write: called with each chunk of text, in order.
    /// - throws: ``ContentError/unknownDossier(name:known:)`` when there is no such dossier.
    public func exportNDJSON(dossier: String? = nil, progress: ContentProgress.Handler? = nil, _ write: (String) throws -> Void) throws {
        try withoutActuallyEscaping(write) { write in
            try pool.read { db in
                try ContentExporter(db: db, scope: try Self.exportScope(dossier, db)).writeNDJSON(to: ExportSink(write), progress: progress)
            }
        }
    }

    /// Imports an export into this database, in one transaction: what is missing is inserted;
    /// what exists must be identical, or nothing is written.
    ///
    /// Into an empty database this recreates the exported content exactly: export, import,
    /// export again, and the two exports are byte-identical.
    ///
    /// - parameters:
    ///   - text: the export, as ``exportJSON()`` or `exportNDJSON` wrote it (told apart by
    ///     the first line).
    ///   - name: the file name, for messages.
    ///   - progress: told after each object applied.
    /// - throws: ``SeedError/invalid(_:)`` naming each path and reason.
    @discardableResult
    public func importJSON(_ text: String, name: String = "import.json", progress: ContentProgress.Handler? = nil) throws -> SeedReport {
        try importExport(from: ExportLineReader(text: text), name: name, progress: progress)
    }

    /// Imports an export file — the JSON document or NDJSON, told apart by its first line — in
    /// one transaction, as ``importJSON(_:name:progress:)`` does. NDJSON is read and applied
    /// a line at a time, so memory does not grow with the file; a JSON document is read whole.
    ///
    /// - parameters:
    ///   - path: the file; a named pipe is read as it comes.
    ///   - progress: told after each object applied.
    /// - throws: ``ContentError/notFound(what:key:)`` when the file cannot be opened;
    ///   ``SeedError/invalid(_:)`` naming each line (or path) and reason.
    @discardableResult
    public func importExport(atPath path: String, progress: ContentProgress.Handler? = nil) throws -> SeedReport {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ContentError.notFound(what: "export file", key: "\(path) (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        return try importExport(readingFrom: descriptor, name: path, progress: progress)
    }

    /// Imports an export read from an open file descriptor — standard input, a pipe — as
    /// ``importExport(atPath:progress:)`` does. The descriptor stays the caller's to close.
    ///
    /// - parameters:
    ///   - fileDescriptor: where to read.
    ///   - name: what to call the input in messages.
    ///   - progress: told after each object applied.
    @discardableResult
    public func importExport(
        readingFrom fileDescriptor: Int32, name: String, progress: ContentProgress.Handler? = nil
    ) throws -> SeedReport {
        try importExport(from: ExportLineReader(fileDescriptor: fileDescriptor), name: name, progress: progress)
    }

    /// The largest JSON document read (an NDJSON export has no limit).
    static let documentLimit = 1 << 30

    private func importExport(from lines: ExportLineReader, name: String, progress: ContentProgress.Handler?) throws -> SeedReport {
        var first: ArraySlice<UInt8>
        do {
            first = try lines.nextLine() ?? []
        } catch {
            throw Self.readFailure(error, name: name)
        }
        // A byte order mark (an editor on Windows saved the file) is no part of the text.
        if first.starts(with: [0xEF, 0xBB, 0xBF]) { first = first.dropFirst(3) }
        if NDJSONImporter.isHeader(first) {
            return try pool.write { db in
                try NDJSONImporter(db: LibraryConnection(db), name: name, progress: progress).run(header: first, lines: lines)
            }
        }
        var bytes = Array(first)
        do {
            while let line = try lines.nextLine() {
                bytes.append(0x0A)
                bytes += line
                guard bytes.count <= Self.documentLimit else {
                    throw SeedError.invalid([
                        SeedProblem(
                            file: name, path: "",
                            reason:
                                "is a JSON document larger than \(Self.documentLimit >> 20) MiB; export large content as NDJSON (dossier export --format ndjson)"
                        )
                    ])
                }
            }
        } catch let error as ExportLineReader.Failure {
            throw Self.readFailure(error, name: name)
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw SeedError.invalid([
                SeedProblem(
                    file: name, path: "",
                    reason:
                        "is empty: there is nothing to import (a pipe whose writer failed, or an export that was never written); export again"
                )
            ])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SeedError.invalid([SeedProblem(file: name, path: "", reason: "is not valid UTF-8 text")])
        }
        var parser = SeedParser(bundle: .files([name: text], origin: name))
        parser.flavor = .export
        let sets = try parser.parse()
        return try pool.write { db in
            let seeder = try Seeder(db: db, policy: .importExact)
            seeder.progress = progress.map { (.importing, $0) }
            return try seeder.apply(sets)
        }
    }

    private static func readFailure(_ error: ExportLineReader.Failure, name: String) -> any Error {
        switch error {
        case .unreadable(let reason): ContentError.conflict("cannot read \(name): \(reason)")
        case .lineTooLong(let line):
            SeedError.invalid([
                SeedProblem(file: name, path: "line \(line)", reason: "is longer than \(ExportLineReader.maximumLineLength) bytes")
            ])
        }
    }
}
