internal import DossierDB

/// Writes content through one connection, inside the caller's write transaction: validation,
/// entity resolution, quote location, and the translation of constraint failures into
/// ``ContentError``s. The public repositories open the transaction; the seeder and the importer
/// run many writes in one.
///
/// Every method validates before it writes, and the database checks again; whatever throws,
/// the caller's transaction rolls back and nothing is left half-written.
final class ContentWriter {
    let db: DatabaseConnection
    let entities: EntityResolver
    private var sources: [String: CachedSource?] = [:]

    /// A source's text, loaded once per writer for locating quotes.
    struct CachedSource {
        var id: Int64
        var text: SourceText
        var sha256: String
    }

    init(_ db: DatabaseConnection) {
        self.db = db
        self.entities = EntityResolver(db)
    }

    var reader: ContentReader { ContentReader(db: db) }

    /// The source with this slug, loaded and cached.
    func source(slug: String) throws -> CachedSource? {
        if let cached = sources[slug] { return cached }
        let found = try db.fetchOne("SELECT id, text, text_sha256 FROM sources WHERE slug = ?", [.text(slug)]) { row in
            CachedSource(id: try row.int64(0), text: SourceText(try row.text(1)), sha256: try row.text(2))
        }
        sources[slug] = .some(found)
        return found
    }

    /// Drops a source from the cache after it was deleted.
    func sourcesForgotten(_ slug: String) {
        sources[slug] = nil
    }

    /// Runs a write, turning constraint failures into content errors about `subject`.
    func translatingErrors<T>(subject: String, what: String, key: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw Self.translate(error, subject: subject, what: what, key: key)
        }
    }

    /// A constraint failure as the content error it means.
    static func translate(_ error: DatabaseError, subject: String, what: String, key: String) -> any Error {
        if error.isUniqueViolation {
            return ContentError.duplicate(what: what, key: key)
        }
        if error.isForeignKeyViolation {
            return ContentError.conflict("\(subject): \(error.message); it is still referenced, or references something missing")
        }
        if error.isConstraintViolation {
            return ContentError.validation([ValidationIssue(field: "row", rule: "breaks a rule of the schema: \(error.message)", subject: subject)])
        }
        return error
    }
}
