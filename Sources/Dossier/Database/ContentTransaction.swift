public import DossierDB

/// One transaction of a content database, lent to a `ContentDatabase/read(_:)` or
/// `ContentDatabase/write(_:)` closure: the repositories and your own SQL share it.
///
/// ```swift
/// try content.write { tx in
///     let claim = try tx.claims.insert(newClaim)
///     try tx.db.execute("INSERT INTO app_bookmarks(record_id) VALUES (?)", [.integer(claim.info.id!.rawValue)])
/// }   // one commit for both, or neither
/// ```
///
/// The repositories here are the database's own (`tx.claims` is `content.claims`): a
/// repository call made inside the closure, on its thread, joins the transaction the closure
/// holds rather than taking another connection. Inside `read` every call sees one snapshot;
/// inside `write` a repository write runs in a savepoint of the same transaction, and a read
/// sees what the write has done so far. A write inside a read fails at once with a misuse
/// error. Do not keep the transaction, or its connection, after the closure returns.
public struct ContentTransaction {
    /// The connection, inside the transaction: for SQL of your own.
    public let db: DatabaseConnection
    /// The database the transaction belongs to.
    public let content: ContentDatabase

    /// Historical events.
    public var events: RecordRepository<HistoricalEvent> { content.events }
    /// Mechanisms.
    public var mechanisms: RecordRepository<Mechanism> { content.mechanisms }
    /// Clinical claims.
    public var claims: RecordRepository<ClinicalClaim> { content.claims }
    /// Records of any kind.
    public var records: AnyRecordRepository { content.records }
    /// Sources and their defects.
    public var sources: SourceRepository { content.sources }
    /// Entities.
    public var entities: EntityRepository { content.entities }
    /// Relations between records.
    public var relations: RelationRepository { content.relations }
    /// Full-text search.
    public var search: SearchRepository { content.search }
}
