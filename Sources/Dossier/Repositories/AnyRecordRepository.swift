internal import DossierDB

/// Records of any kind, by slug: `content.records`. A record whatever its kind
/// (``AnyRecord``), its citations in context, its relations both ways, its history, and citing
/// or deleting. Each kind's typed fields are ``RecordRepository``'s (`content.claims`…).
public struct AnyRecordRepository: Sendable {
    let pool: DatabasePool

    /// The record with this slug, of whatever kind, or `nil`.
    public func get(slug: String) throws -> AnyRecord? {
        try pool.read { db in try ContentReader(db: db).anyRecord(slug: slug) }
    }

    /// A record with its citations (each quote with the source text around it) and its
    /// relations both ways, read in one snapshot.
    ///
    /// - throws: ``ContentError/notFound(what:key:)``.
    public func detail(slug: String) throws -> RecordDetail {
        try pool.read { db in
            let reader = ContentReader(db: db)
            guard let record = try reader.anyRecord(slug: slug) else { throw ContentError.notFound(what: "record", key: slug) }
            return RecordDetail(
                record: record, citations: try reader.citationsInContext(ofRecord: slug),
                relations: try reader.relations(ofRecord: slug))
        }
    }

    /// A record's citations.
    public func citations(of slug: String) throws -> [Citation] {
        try pool.read { db in try ContentReader(db: db).citations(ofRecord: slug) }
    }

    /// A record's relations, outgoing first.
    public func relations(of slug: String) throws -> [RelatedRecord] {
        try pool.read { db in try ContentReader(db: db).relations(ofRecord: slug) }
    }

    /// Every audited change of the record that has, or had, this slug, oldest first.
    public func history(of slug: String) throws -> [AuditEntry] {
        try pool.readWithoutTransaction { db in try ContentReader(db: db).history(ofRecord: slug) }
    }

    /// Adds citations to a record.
    @discardableResult
    public func cite(_ slug: String, _ quotes: [Quote]) throws -> [Citation] {
        try pool.write { db in
            let writer = ContentWriter(db)
            guard let id = try writer.reader.recordID(slug: slug) else { throw ContentError.notFound(what: "record", key: slug) }
            let ids = Set(try writer.cite(recordID: id.rawValue, subject: "record \(slug)", quotes: quotes))
            return try writer.reader.citations(ofRecord: slug).filter { ids.contains($0.id) }
        }
    }

    /// Removes a citation.
    public func removeCitation(_ id: CitationID) throws {
        try pool.write { db in try ContentWriter(db).removeCitation(id) }
    }

    /// Deletes a record of any kind, with its citations and relations.
    public func delete(slug: String) throws {
        try pool.write { db in try ContentWriter(db).deleteRecord(slug: slug) }
    }

    /// How many records there are of each kind.
    public func counts() throws -> [RecordKind: Int] {
        try pool.readWithoutTransaction { db in
            var counts = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { ($0, 0) })
            for (kind, count) in try db.fetchAll(
                "SELECT kind, count(*) FROM records GROUP BY kind", [], { (try $0.text(0), try $0.int(1)) })
            {
                counts[try RecordKind.decode(kind, table: "records", column: "kind")] = count
            }
            return counts
        }
    }
}

/// A record with everything `show` displays: its citations in context and its relations.
public struct RecordDetail: Sendable, Hashable, Codable {
    /// The record.
    public var record: AnyRecord
    /// Its citations, each with the source text around the quote.
    public var citations: [CitationInContext]
    /// Its relations, outgoing then incoming.
    public var relations: [RelatedRecord]
}
