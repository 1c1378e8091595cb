internal import DossierDB
import Foundation

/// A dossier of a database: the sources, records and relations one seed file describes.
public struct DossierSummary: Sendable, Hashable {
    /// Its name: the `dossier` of its seed file.
    public var name: String
    /// What it is about, as its file says.
    public var description: String?
    /// How many records (events, mechanisms, claims) it holds.
    public var recordCount: Int
    /// How many sources it seeded.
    public var sourceCount: Int
    /// How many entities it defines (entities are shared: others may define them too).
    public var entityCount: Int
}

extension ContentDatabase {
    /// The dossiers of the database, by name.
    public func dossiers() throws -> [DossierSummary] {
        try pool.read { db in
            try db.fetchAll(
                """
                SELECT d.slug, d.description,
                       (SELECT count(*) FROM record_seeds WHERE seed_set = d.slug),
                       (SELECT count(*) FROM sources WHERE seed_set = d.slug),
                       (SELECT count(*) FROM entity_definitions WHERE dossier = d.slug)
                FROM dossiers d ORDER BY d.slug
                """
            ) { row in
                DossierSummary(
                    name: try row.text(0), description: try row.optionalText(1), recordCount: Int(try row.int64(2)),
                    sourceCount: Int(try row.int64(3)), entityCount: Int(try row.int64(4)))
            }
        }
    }

    /// The dossier of each of these records that belongs to one, by the record's slug: what a
    /// listing shows beside a page of records, read for that page only.
    public func recordDossiers(slugs: [String]) throws -> [String: String] {
        guard !slugs.isEmpty else { return [:] }
        let list = JSONValue.array(slugs.map { .string($0) }).rendered()
        return try pool.read { db in
            Dictionary(
                try db.fetchAll(
                    """
                    SELECT r.slug, rs.seed_set FROM records r JOIN record_seeds rs ON rs.record_id = r.id
                    WHERE r.slug IN (SELECT value FROM json_each(?))
                    """, [.text(list)]
                ) { (try $0.text(0), try $0.text(1)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Throws unless a dossier has this name: a filter naming no dossier would show nothing
    /// and look like an empty dossier.
    ///
    /// - throws: ``ContentError/unknownDossier(name:known:)`` listing the dossiers there are.
    public func requireDossier(_ name: String) throws {
        try pool.read { db in try Self.requireDossier(name, db) }
    }

    /// Creates `path` unless it is a folder already; its parent must exist.
    private static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST, isDirectory(path) { return }
        throw ContentError.cannotWrite(path: path, reason: code == EEXIST ? "it is a file, not a folder" : systemErrorDescription(code))
    }

    /// Writes `text` to `path` whole: into a file beside it, then renamed over it, so that
    /// `path` never holds half of it.
    private static func write(_ text: String, to path: String) throws {
        let temporary = partialPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ContentError.cannotWrite(path: path, reason: systemErrorDescription(errno)) }
        var failure: Int32?
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty, failure == nil {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno != EINTR { failure = errno }
            } else {
                bytes = bytes.dropFirst(written)
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            removeFile(temporary)
            throw ContentError.cannotWrite(path: path, reason: systemErrorDescription(failure))
        }
    }

    static func requireDossier(_ name: String, _ db: DatabaseConnection) throws {
        let known = try DossierMembership.names(db: LibraryConnection(db))
        guard known.contains(name) else { throw ContentError.unknownDossier(name: name, known: known) }
    }

    /// Writes one dossier as seed files that `seed` accepts with nothing to change: `NAME.json`
    /// in `folder`, and the text of each of its sources in `folder/sources/SLUG.txt`. Existing
    /// files of those names are replaced (each written whole, then renamed), so a curator can
    /// edit in the database and pull the edits back into the repository's seed folder.
    ///
    /// The file holds the dossier's sources (those it seeded, and those its records cite that no
    /// other dossier seeded: its quotes name another dossier's source without copying it), the
    /// entities it defines and those its records use that no dossier defines, its records with
    /// their quotes, and its relations — without what the library derives (a text's hash, a
    /// quote's offsets, the bounds an EDTF date implies).
    ///
    /// - returns: the paths written, the dossier file first.
    /// - throws: ``ContentError/unknownDossier(name:known:)`` when there is no such dossier;
    ///   ``ContentError/cannotWrite(path:reason:)`` when a file cannot be written.
    @discardableResult
    public func exportSeed(dossier name: String, toFolder folder: String) throws -> [String] {
        let (document, texts) = try pool.read { db in
            try Self.requireDossier(name, db)
            return try SeedFileWriter(db: db, dossier: name).document()
        }
        let sourcesFolder = (folder as NSString).appendingPathComponent(SeedFileWriter.sourcesFolder)
        try Self.makeFolder(folder)
        if !texts.isEmpty { try Self.makeFolder(sourcesFolder) }
        // The texts first: a dossier file is replaced only once the texts it names are there.
        let textPaths = texts.map { ((folder as NSString).appendingPathComponent($0.0), $0.1) }
        for (path, text) in textPaths { try Self.write(text, to: path) }
        let dossierFile = (folder as NSString).appendingPathComponent("\(name).json")
        try Self.write(document, to: dossierFile)
        return [dossierFile] + textPaths.map(\.0)
    }
}
