internal import DossierDB

/// Writes content through one connection, inside the caller's write transaction: validation,
/// entity resolution, quote location, and the translation of constraint failures into
/// ``ContentError``s. The public repositories open the transaction; the seeder and the importer
/// run many writes in one, and the curation checks run its validation without writing.
///
/// Every method validates before it writes, and the database checks again; whatever throws,
/// the caller's transaction rolls back and nothing is left half-written.
final class ContentWriter {
    let db: LibraryConnection
    let entities: EntityResolver
    private var sources: [String: CachedSource?] = [:]
    /// Set on the bulk path: told before each record or citation is written.
    var searchIndexDeferral: SearchIndexDeferral?

    /// A source's text, loaded once per writer for locating quotes.
    struct CachedSource {
        var id: Int64
        var text: SourceText
        var sha256: String
    }

    convenience init(_ db: DatabaseConnection) {
        self.init(LibraryConnection(db))
    }

    init(_ db: LibraryConnection) {
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
            return ContentError.validation([
                ValidationIssue(field: "row", rule: "breaks a rule of the schema: \(error.message)", subject: subject)
            ])
        }
        return error
    }

    /// Binds values to parameters `first`, `first + 1`…, a reference (an entity's slug) as the
    /// id of the entity, which must exist.
    func bind(_ values: [(ColumnDeclaration, SQLValue)], to statement: Statement, from first: Int) throws {
        for (offset, (column, value)) in values.enumerated() {
            if case .reference(let table) = column.rule, table == "entities", case .text(let slug) = value {
                try statement.bind(try entities.id(EntitySlug(slug)), at: first + offset)
            } else {
                try statement.bind(value, at: first + offset)
            }
        }
    }
}

/// SQL derived from a table's declaration.
enum DerivedSQL {
    /// `INSERT INTO <table>(<columns>) VALUES (?1, …)`.
    static func insert<Columns: TableColumns>(_ columns: [Columns]) -> CachedSQL {
        let names = columns.map(\.name).joined(separator: ", ")
        let placeholders = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        return CachedSQL("INSERT INTO \(Columns.table)(\(names)) VALUES (\(placeholders))")
    }

    /// `<column> = ?<first>, <column> = ?<first + 1>…`.
    static func assignments<Columns: TableColumns>(_ columns: [Columns], from first: Int) -> String {
        columns.enumerated().map { "\($0.element.name) = ?\($0.offset + first)" }.joined(separator: ", ")
    }
}
