internal import DossierDB

extension ContentDatabase {
    /// Runs the curation checks in one snapshot: integrity and foreign keys; source hashes; every
    /// citation verbatim at its offsets and made against its source's current text; every
    /// published record cited; overclaiming (a record stated as established whose quotes hedge,
    /// see ``HedgeLexicon``); citations crossing known source defects; event dates; relations
    /// that order events against their dates or in a circle; hypothesised mechanisms stated as
    /// established; evidence levels without a cited study; the search index.
    ///
    /// - parameters:
    ///   - dossier: report only what concerns this dossier: the findings about its records,
    ///     the sources it seeded or cites and the entities it defines, and those about the
    ///     database as a whole. `nil` for everything.
    ///   - progress: told after each source, entity, record and relation read back.
    /// - throws: ``ContentError/unknownDossier(name:known:)`` when there is no such dossier.
    public func check(dossier: String? = nil, progress: ContentProgress.Handler? = nil) throws -> CurationReport {
        try pool.read { db in
            guard let dossier else { return try CurationCheck(db: db, progress: progress).run() }
            try Self.requireDossier(dossier, db)
            var report = try CurationCheck(db: db, progress: progress).run()
            let owners = try Self.slugOwners(db)
            report.findings = report.findings.filter { finding in
                // A finding names its subject by slugs; one naming none is about the database.
                let named = finding.subject.split(separator: " ").compactMap { owners[String($0)] }
                return named.isEmpty || named.contains { $0.contains(dossier) }
            }
            return report
        }
    }

    /// The dossiers each slug of a record, source or entity belongs to: a record's, the
    /// dossier that seeded a source or cites it, the dossiers that define an entity.
    private static func slugOwners(_ db: DatabaseConnection) throws -> [String: Set<String>] {
        var owners: [String: Set<String>] = [:]
        let sql = """
            SELECT r.slug, rs.seed_set FROM records r LEFT JOIN record_seeds rs ON rs.record_id = r.id
            UNION ALL SELECT s.slug, s.seed_set FROM sources s
            UNION ALL SELECT s.slug, rs.seed_set FROM citations c JOIN sources s ON s.id = c.source_id
                      JOIN record_seeds rs ON rs.record_id = c.record_id
            UNION ALL SELECT e.slug, d.dossier FROM entities e LEFT JOIN entity_definitions d ON d.entity_id = e.id
            """
        for (slug, dossier) in try db.fetchAll(sql, [], { (try $0.text(0), try $0.optionalText(1)) }) {
            owners[slug, default: []].formUnion(dossier.map { [$0] } ?? [])
        }
        return owners
    }
}
