internal import DossierDB

/// Sources, their verbatim texts, and the known defects of those texts: `content.sources`.
public struct SourceRepository: Sendable {
    let pool: DatabasePool

    /// The source with this slug, or `nil`.
    public func get(slug: String) throws -> Source? {
        try pool.readWithoutTransaction { db in try ContentReader(db: db).source(slug: slug) }
    }

    /// Every source, by slug.
    public func all() throws -> [Source] {
        try pool.read { db in try ContentReader(db: db).sources() }
    }

    /// Stores a new source and returns it as stored.
    ///
    /// - throws: ``ContentError/validation(_:)`` when the text is not NFC plain text with LF
    ///   line endings, or metadata breaks a rule; ``ContentError/duplicate(what:key:)``.
    @discardableResult
    public func insert(_ source: Source) throws -> Source {
        try pool.write { db in
            _ = try ContentWriter(db).insert(source)
            guard let stored = try ContentReader(db: db).source(slug: source.slug) else {
                throw ContentError.notFound(what: "source", key: source.slug)
            }
            return stored
        }
    }

    /// Updates a source's metadata; its text never changes.
    public func updateMetadata(_ source: Source) throws {
        try pool.write { db in try ContentWriter(db).updateMetadata(source) }
    }

    /// Deletes a source that no record cites.
    ///
    /// - throws: ``ContentError/conflict(_:)`` while a citation points into it.
    public func delete(slug: String) throws {
        try pool.write { db in try ContentWriter(db).deleteSource(slug: slug) }
    }

    /// The known defects of a source, in text order.
    public func defects(of slug: String) throws -> [SourceDefect] {
        try pool.read { db in try ContentReader(db: db).defects(ofSource: slug) }
    }

    /// Records damage in a source's text, located by its exact words (and a prefix or suffix
    /// when they occur more than once).
    @discardableResult
    public func recordDefect(
        in source: String, kind: SourceDefectKind, exact: String, prefix: String? = nil, suffix: String? = nil,
        intended: String? = nil, note: String? = nil
    ) throws -> SourceDefect {
        try pool.write { db in
            let id = try ContentWriter(db).insertDefect(
                SeedDefect(kind: kind, exact: exact, prefix: prefix, suffix: suffix, intended: intended, note: note), source: source)
            guard let stored = try ContentReader(db: db).defects(ofSource: source).first(where: { $0.id == id }) else {
                throw ContentError.notFound(what: "defect", key: exact)
            }
            return stored
        }
    }
}
