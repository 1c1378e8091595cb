extension ContentDatabase {
    /// Seeds the database from seed files — by default the ketamine dossier compiled into the
    /// library — in one transaction.
    ///
    /// Items are matched by slug and upserted: new ones inserted, changed ones updated, the
    /// rest left untouched, so a second run reports no change. `sync` also deletes what the
    /// seeds own and the files no longer contain. A seeded record edited in the database since
    /// (by any means: the audit log tells) is not overwritten unless `force` is set.
    ///
    /// - parameters:
    ///   - bundle: the seed files.
    ///   - mode: upsert, or sync.
    ///   - dryRun: do everything, report it, and roll it back.
    ///   - force: overwrite content edited in the database, or not created by the seeds.
    ///   - progress: told after each item applied.
    /// - throws: ``SeedError`` naming each file, path and reason; nothing is written then.
    @discardableResult
    public func seed(
        from bundle: SeedBundle = .embedded, mode: SeedMode = .upsert, dryRun: Bool = false, force: Bool = false,
        progress: ContentProgress.Handler? = nil
    ) throws -> SeedReport {
        let sets = try SeedParser(bundle: bundle).parse()
        var planned: SeedReport?
        do {
            return try pool.write { db in
                let seeder = Seeder(db: db, policy: .seed(mode, force: force))
                seeder.progress = progress.map { (.seeding, $0) }
                let report = try seeder.apply(sets)
                if dryRun {
                    planned = report
                    // Roll the whole transaction back: a dry run writes nothing.
                    throw DryRunRollback()
                }
                return report
            }
        } catch is DryRunRollback {
            guard var report = planned else { throw ContentError.conflict("dry run produced no report") }
            report.isDryRun = true
            return report
        }
    }
}

/// Thrown out of the write transaction to roll back a dry run.
private struct DryRunRollback: Error {}
