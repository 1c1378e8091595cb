internal import DossierDB

/// Reads and writes one kind of record with its typed fields: `content.events`,
/// `content.mechanisms`, `content.claims`. (Records of any kind, by slug, are
/// ``AnyRecordRepository``'s: `content.records`.)
///
/// Every call is one transaction: reads see one consistent snapshot, writes commit whole or
/// not at all. Writes validate first (errors name the field and the rule) and then the database
/// checks again.
///
/// ```swift
/// let claim = try content.claims.insert(
///     ClinicalClaim(RecordInfo(slug: "fast-relief", title: "Fast relief", statement: "…", certainty: .probable),
///                   intervention: "ketamine", outcome: "relief of depressive symptoms"),
///     citing: [Quote("rapid relief from symptoms", from: "ketamine-journey")])
/// ```
public struct RecordRepository<Record: ContentRecord>: Sendable {
    let pool: DatabasePool

    // MARK: Reading

    /// The record with this id, or `nil`.
    @_specialize(where Record == ClinicalClaim)
    @_specialize(where Record == Mechanism)
    @_specialize(where Record == HistoricalEvent)
    public func get(id: RecordID) throws -> Record? {
        try pool.readWithoutTransaction { db in try ContentReader(db: db).record(Record.self, id: id) }
    }

    /// The record with this slug, or `nil`.
    @_specialize(where Record == ClinicalClaim)
    @_specialize(where Record == Mechanism)
    @_specialize(where Record == HistoricalEvent)
    public func get(slug: String) throws -> Record? {
        try pool.readWithoutTransaction { db in try ContentReader(db: db).record(Record.self, slug: slug) }
    }

    /// The records with these ids, in the order given; an id that names no record of this kind
    /// is skipped.
    ///
    /// All the lookups run in one read transaction: they see one snapshot, and the cost of a call
    /// (a pooled connection, a [WAL read lock](https://sqlite.org/wal.html#concurrency)) is paid
    /// once rather than per id. Prefer it to `get(id:)` in a loop.
    @_specialize(where Record == ClinicalClaim)
    @_specialize(where Record == Mechanism)
    @_specialize(where Record == HistoricalEvent)
    public func get(ids: [RecordID]) throws -> [Record] {
        try pool.read { db in
            let reader = ContentReader(db: db)
            return try ids.compactMap { try reader.record(Record.self, id: $0) }
        }
    }

    /// The records with these slugs, in the order given; a slug that names no record of this
    /// kind is skipped. One read transaction for all, as `get(ids:)`.
    @_specialize(where Record == ClinicalClaim)
    @_specialize(where Record == Mechanism)
    @_specialize(where Record == HistoricalEvent)
    public func get(slugs: [String]) throws -> [Record] {
        try pool.read { db in
            let reader = ContentReader(db: db)
            return try slugs.compactMap { try reader.record(Record.self, slug: $0) }
        }
    }

    /// A page of records, in id order.
    ///
    /// A record whose row cannot be read (a value this build does not know) is skipped and
    /// listed in ``Page/unreadable``: the others still list.
    ///
    /// - throws: ``ContentError/notFound(what:key:)`` for an entity filter naming no entity;
    ///   ``ContentError/validation(_:)`` for a limit outside 1…10,000.
    @_specialize(where Record == ClinicalClaim)
    @_specialize(where Record == Mechanism)
    @_specialize(where Record == HistoricalEvent)
    public func list(_ filter: RecordFilter<Record> = RecordFilter()) throws -> Page<Record> {
        try pool.read { db in try ContentReader(db: db).list(Record.self, filter) }
    }

    /// Every record of this kind, in id order, in memory.
    @_specialize(where Record == ClinicalClaim)
    @_specialize(where Record == Mechanism)
    @_specialize(where Record == HistoricalEvent)
    public func all() throws -> [Record] {
        try pool.read { db in try ContentReader(db: db).allRecords(Record.self) }
    }

    /// Calls `body` with every record of this kind, in id order, streaming: however many there
    /// are, one is in memory at a time.
    public func forEach(_ body: (Record) throws -> Void) throws {
        try pool.read { db in try ContentReader(db: db).forEachRecord(Record.self, body) }
    }

    // MARK: Writing

    /// Inserts a record with its citations, and returns it as stored (id, version 1, timestamps).
    ///
    /// - throws: ``ContentError/validation(_:)`` for a broken rule, a missing entity, or a quote
    ///   that is not in its source exactly once; ``ContentError/duplicate(what:key:)`` for a slug
    ///   already used by a record of any kind.
    @discardableResult
    public func insert(_ record: Record, citing quotes: [Quote] = []) throws -> Record {
        try pool.write { db in
            let writer = ContentWriter(db)
            let id = try writer.insert(record, quotes: quotes)
            guard let stored = try writer.reader.record(Record.self, id: id) else {
                throw ContentError.notFound(what: Record.kind.rawValue, key: record.info.slug)
            }
            return stored
        }
    }

    /// Inserts many records in one transaction: all of them, or, on the first error, none.
    ///
    /// - parameters:
    ///   - records: the records to insert.
    ///   - quotes: the quotes each record cites (none by default).
    /// - returns: the new ids, in order.
    @discardableResult
    public func insert(
        contentsOf records: some Sequence<Record>, citing quotes: (Record) -> [Quote] = { _ in [] }
    ) throws -> [RecordID] {
        try pool.write { db in
            let writer = ContentWriter(db)
            // The bulk path: the search index is built once, at the end, for all of them.
            return try SearchIndexDeferral.run(writer.db) { deferral in
                writer.searchIndexDeferral = deferral
                return try records.map { try writer.insert($0, quotes: quotes($0)) }
            }
        }
    }

    /// Saves changes to a record read earlier, and returns it as stored (version + 1).
    ///
    /// - throws: ``ContentError/staleVersion(slug:expected:actual:)`` when someone else changed
    ///   the record since it was read; nothing is written then.
    @discardableResult
    public func update(_ record: Record) throws -> Record {
        try pool.write { db in
            let writer = ContentWriter(db)
            let id = try writer.update(record)
            guard let stored = try writer.reader.record(Record.self, id: id) else {
                throw ContentError.notFound(what: Record.kind.rawValue, key: record.info.slug)
            }
            return stored
        }
    }

    /// Deletes the record with this slug, with its citations and relations; sources and
    /// entities stay.
    public func delete(slug: String) throws {
        try pool.write { db in
            guard try ContentReader(db: db).record(Record.self, slug: slug) != nil else {
                throw ContentError.notFound(what: Record.kind.rawValue, key: slug)
            }
            try ContentWriter(db).deleteRecord(slug: slug)
        }
    }
}
