extension ContentDatabase {
    /// Runs the curation checks in one snapshot: integrity and foreign keys; source hashes; every
    /// citation verbatim at its offsets and made against its source's current text; every
    /// published record cited; overclaiming (a record stated as established whose quotes hedge,
    /// see ``HedgeLexicon``); citations crossing known source defects; event dates; hypothesised
    /// mechanisms stated as established; evidence levels without a cited study; the search index.
    ///
    /// - parameter progress: told after each source, entity, record and relation read back.
    public func check(progress: ContentProgress.Handler? = nil) throws -> CurationReport {
        try pool.read { db in try CurationCheck(db: db, progress: progress).run() }
    }
}
