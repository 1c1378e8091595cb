internal import DossierDB

extension ContentDatabase {
    /// Seeds the database from seed files — by default the ketamine dossier compiled into the
    /// library — in one transaction.
    ///
    /// Items are matched by slug and upserted: new ones inserted, changed ones updated, the
    /// rest left untouched, so a second run reports no change. `sync` also deletes what the
    /// seeds own and the files no longer contain. A seeded record edited in the database since
    /// (by any means: the audit log tells; the seeder's own writes are no edit) is not
    /// overwritten or deleted unless `force` covers it — unless the file now says what the
    /// database holds, which is no conflict. Entities are shared: several dossiers may define
    /// one, if their definitions agree.
    ///
    /// - parameters:
    ///   - bundle: the seed files.
    ///   - mode: upsert, or sync.
    ///   - dryRun: do everything, report it, and roll it back.
    ///   - force: what to overwrite or delete despite a conflict: nothing, everything, or the
    ///     items with the given slugs (each must be an item of the files or the database).
    ///   - progress: told after each item applied.
    /// - throws: ``SeedError`` naming each file, path and reason; nothing is written then.
    @discardableResult
    public func seed(
        from bundle: SeedBundle = .embedded, mode: SeedMode = .upsert, dryRun: Bool = false, force: SeedForce = .none,
        progress: ContentProgress.Handler? = nil
    ) throws -> SeedReport {
        let sets = try SeedParser(bundle: bundle).parse()
        var planned: SeedReport?
        do {
            return try pool.write { db in
                if case .only(let slugs) = force { try Self.requireKnown(slugs, in: sets, db) }
                let seeder = try Seeder(db: db, policy: .seed(mode, force: force))
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

extension ContentDatabase {
    /// Refuses to force a slug that neither the seed files nor the database know: a typo must
    /// not pass for a forced run that overwrote nothing.
    fileprivate static func requireKnown(_ slugs: Set<String>, in sets: [SeedSet], _ db: DatabaseConnection) throws {
        var known: Set<String> = []
        for set in sets {
            known.formUnion(set.sources.map(\.value.source.slug))
            known.formUnion(set.entities.map(\.value.slug.rawValue))
            known.formUnion(
                (set.events.map(\.record.info.slug) + set.mechanisms.map(\.record.info.slug) + set.claims.map(\.record.info.slug)))
        }
        for slug in slugs.sorted() where !known.contains(slug) {
            let inDatabase = try db.fetchOne(
                "SELECT 1 FROM records WHERE slug = ?1 UNION ALL SELECT 1 FROM sources WHERE slug = ?1 UNION ALL SELECT 1 FROM entities WHERE slug = ?1",
                [.text(slug)]
            ) { _ in true }
            if inDatabase == nil {
                throw ContentError.notFound(
                    what: "item to force (no source, entity or record of the seed files or the database has this slug)", key: slug)
            }
        }
    }
}

/// Thrown out of the write transaction to roll back a dry run.
private struct DryRunRollback: Error {}
