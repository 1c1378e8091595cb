extension ContentDatabase {
    /// Historical events.
    public var events: RecordRepository<HistoricalEvent> { RecordRepository(pool: pool) }
    /// Mechanisms.
    public var mechanisms: RecordRepository<Mechanism> { RecordRepository(pool: pool) }
    /// Clinical claims.
    public var claims: RecordRepository<ClinicalClaim> { RecordRepository(pool: pool) }
    /// Records of any kind: detail, citations, relations, history.
    public var records: AnyRecordRepository { AnyRecordRepository(pool: pool) }
    /// Sources and their defects.
    public var sources: SourceRepository { SourceRepository(pool: pool) }
    /// Entities.
    public var entities: EntityRepository { EntityRepository(pool: pool) }
    /// Relations between records.
    public var relations: RelationRepository { RelationRepository(pool: pool) }
    /// Full-text search.
    public var search: SearchRepository { SearchRepository(pool: pool) }
}
