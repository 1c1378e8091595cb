internal import DossierDB
import Foundation

/// How a ``Seeder`` treats what the database already holds.
enum SeedPolicy {
    /// Seeding: upsert by slug (and delete in sync mode) what the seeds own; refuse to overwrite
    /// edits or content the seeds do not own unless forced.
    case seed(SeedMode, force: SeedForce)
    /// Importing an export: insert what is missing; anything present must be identical.
    case importExact
}

/// Applies parsed seed sets inside one write transaction: upserts by slug (never
/// `INSERT OR REPLACE`, which deletes and re-inserts, firing cascades), sync deletions, and the
/// refusal to overwrite what was edited in the database since it was seeded.
///
/// Every item is written in its own savepoint, so one bad item does not hide the next: all
/// problems and conflicts are collected, and if there is any the caller rolls everything back.
final class Seeder {
    private let db: LibraryConnection
    private let writer: ContentWriter
    private let mode: SeedMode
    private let force: SeedForce
    private let isImport: Bool
    /// The last audit row written before this run: later rows are the run's own writes, never
    /// a curator's edit (the run is one transaction).
    private let runStartMark: Int64

    /// Every change, kept for seeding; an import, which may write millions of rows, keeps
    /// only the counts.
    private var changes: [SeedReport.Change] = []
    private let keepsChanges: Bool
    private var counts: [SeedReport.Change.Action: Int] = [:]
    private var unchanged = 0
    /// Told after each item applied, as `operation`.
    var progress: (operation: ContentProgress.Operation, handler: ContentProgress.Handler)?
    private var appliedCount = 0
    private var notices: [String] = []
    private var problems: [SeedProblem] = []
    private var conflicts: [SeedProblem] = []
    /// Records whose edits in the database this run accepted (forced over, or found equal to
    /// the file): their audit marks move to the end of the run.
    private var acceptedRecords: Set<Int64> = []
    /// Shared entities a sync of this run stopped defining for one dossier, kept for the others.
    private var undefinedShared: Set<EntitySlug> = []

    init(db: DatabaseConnection, policy: SeedPolicy) throws {
        self.db = LibraryConnection(db)
        self.writer = ContentWriter(self.db)
        self.runStartMark = try self.db.fetchOne("SELECT coalesce(max(id), 0) FROM audit_log") { try $0.int64(0) } ?? 0
        switch policy {
        case .seed(let mode, let force):
            self.mode = mode
            self.force = force
            self.isImport = false
            self.keepsChanges = true
        case .importExact:
            self.mode = .upsert
            self.force = .none
            self.isImport = true
            self.keepsChanges = false
        }
    }

    /// The seed set that will own what this run inserts; none when importing.
    private func owner(_ set: SeedSet) -> String? {
        isImport ? nil : set.name
    }

    /// In an import, anything present must already be what the export says.
    private func requireIdenticalForImport(_ what: String) throws {
        if isImport {
            throw ContentError.conflict(
                "\(what) exists in the database with different content; import into an empty database, or one that holds the same content")
        }
    }

    private var reader: ContentReader { writer.reader }

    /// Applies every set, with the search index deferred to the end (the bulk path); throws
    /// ``SeedError`` with every problem or conflict found.
    func apply(_ sets: [SeedSet]) throws -> SeedReport {
        try deferringSearchIndex {
            // Every file's sources and entities before any file's records, and every record
            // before any relation: a record may name an entity, and a relation a record, that a
            // later file of the folder defines (an export as seed of dossiers that use each
            // other's entities seeds a fresh database in one run).
            var made: [[SeedReport.Change.Action: Int]] = []
            for set in sets { made.append(try applying { try applyDefinitions(set) }) }
            for index in sets.indices { made[index].merge(try applying { try applyRecords(sets[index]) }, uniquingKeysWith: +) }
            for (set, made) in zip(sets, made) { try applyRelations(set, made: made) }
            // A sync that dropped one dossier's definition of a shared entity left it to the
            // others: those seeded in this run bring it to their definitions now, not on the
            // next run (which would then write).
            if !undefinedShared.isEmpty {
                let counted = unchanged
                for set in sets {
                    for entity in set.entities where undefinedShared.contains(entity.value.slug) {
                        try apply(.entity(entity), of: set)
                    }
                }
                unchanged = counted
            }
        }
        return try finish(dossiers: sets.map(\.name))
    }

    /// Runs `body` on the bulk path: the records and citations it writes are indexed for
    /// search once, at its end.
    func deferringSearchIndex<T>(_ body: () throws -> T) throws -> T {
        try SearchIndexDeferral.run(db) { deferral in
            writer.searchIndexDeferral = deferral
            defer { writer.searchIndexDeferral = nil }
            return try body()
        }
    }

    /// How many problems and conflicts were found so far.
    var problemCount: Int { problems.count + conflicts.count }

    /// Ends a run: throws ``SeedError`` with every problem or conflict found — after the
    /// problems found while reading the input, if any — else moves the audit marks of the
    /// records accounted for and reports what changed.
    func finish(dossiers: [String], readingProblems: [SeedProblem] = []) throws -> SeedReport {
        if !readingProblems.isEmpty || !problems.isEmpty { throw SeedError.invalid(readingProblems + problems) }
        if !conflicts.isEmpty { throw SeedError.conflicts(conflicts) }
        if !isImport { try moveAuditMarks() }
        return SeedReport(
            dossiers: dossiers, mode: mode, isDryRun: false, changes: changes, insertedCount: counts[.inserted] ?? 0,
            updatedCount: counts[.updated] ?? 0, deletedCount: counts[.deleted] ?? 0, unchangedCount: unchanged, notices: notices)
    }

    /// Moves the audit mark of each record whose audit rows past its mark are all this run's
    /// own writes (its seeding, or another record's seeding that touched it, such as a relation
    /// it is the subject of), or whose edits the run accepted. A record edited by hand keeps its
    /// mark, so the edit is still told on the next run.
    private func moveAuditMarks() throws {
        // Only marks that move, found by a read first: any UPDATE needs a write transaction,
        // even one that matches no row, and a run that changed nothing must write nothing
        // (so it also succeeds on a read-only file).
        let behind = try db.fetchAll(
            """
            SELECT rs.record_id,
                   EXISTS (SELECT 1 FROM audit_log a WHERE a.record_id = rs.record_id AND a.id > rs.audit_mark AND a.id <= ?1)
            FROM record_seeds rs
            WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.record_id = rs.record_id AND a.id > rs.audit_mark)
            """, [.integer(runStartMark)]
        ) { (try $0.int64(0), try $0.bool(1)) }
        guard !behind.isEmpty else { return }
        let mark = try db.fetchOne("SELECT coalesce(max(id), 0) FROM audit_log") { try $0.int64(0) } ?? 0
        for (id, isEdited) in behind where !isEdited || acceptedRecords.contains(id) {
            try db.execute("UPDATE record_seeds SET audit_mark = ? WHERE record_id = ?", [.integer(mark), .integer(id)])
        }
    }

    /// Names `set`'s dossier in `dossiers`, with its file's description; writes only what
    /// changed.
    private func registerDossier(_ set: SeedSet) throws {
        let stored = try db.fetchOne("SELECT description FROM dossiers WHERE slug = ?", [.text(set.name)]) { try $0.optionalText(0) }
        switch stored {
        case nil:
            try db.execute("INSERT INTO dossiers(slug, description) VALUES (?, ?)", [.text(set.name), SQLValue(set.description)])
        case .some(let description) where description != set.description:
            try db.execute("UPDATE dossiers SET description = ? WHERE slug = ?", [SQLValue(set.description), .text(set.name)])
            record("dossier", set.name, .updated)
        default:
            break
        }
    }

    /// Runs `body`, returning the changes it made, by action.
    private func applying(_ body: () throws -> Void) throws -> [SeedReport.Change.Action: Int] {
        let before = counts
        try body()
        return counts.merging(before) { $0 - $1 }
    }

    /// Names `set`'s dossier and applies its sources and entities.
    private func applyDefinitions(_ set: SeedSet) throws {
        if !isImport { try registerDossier(set) }
        for source in set.sources { try apply(.source(source), of: set) }
        for reference in set.references { try apply(.reference(reference), of: set) }
        for entity in set.entities { try apply(.entity(entity), of: set) }
    }

    /// Applies `set`'s records.
    private func applyRecords(_ set: SeedSet) throws {
        for event in set.events { try apply(.event(event), of: set) }
        for mechanism in set.mechanisms { try apply(.mechanism(mechanism), of: set) }
        for claim in set.claims { try apply(.claim(claim), of: set) }
    }

    /// Applies `set`'s relations and its sync deletions, and records the run of the set when it
    /// changed anything (with what `made`, its sources, entities and records, counts).
    private func applyRelations(_ set: SeedSet, made previously: [SeedReport.Change.Action: Int]) throws {
        let before = counts
        for relation in set.relations { try apply(.relation(relation), of: set) }
        if mode == .sync, !isImport { try sync(set) }
        if !isImport { try noteEntitiesDefinedElsewhere(by: set) }
        func made(_ action: SeedReport.Change.Action) -> Int64 {
            Int64((counts[action] ?? 0) - (before[action] ?? 0) + (previously[action] ?? 0))
        }
        if made(.inserted) + made(.updated) + made(.deleted) > 0, !isImport {
            try db.execute(
                "INSERT INTO seed_runs(seed_set, mode, checksum, inserted, updated, deleted) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    .text(set.name), .text(mode.rawValue), .text(set.checksum), .integer(made(.inserted)), .integer(made(.updated)),
                    .integer(made(.deleted)),
                ])
        }
    }

    /// Tells of each entity `set`'s records use that only other dossiers define: seeding `set`
    /// alone into a fresh database would fail.
    private func noteEntitiesDefinedElsewhere(by set: SeedSet) throws {
        let used = try db.fetchAll(
            """
            SELECT e.slug, group_concat(d.dossier, ', ') FROM entities e JOIN entity_definitions d ON d.entity_id = e.id
            WHERE e.id IN (\(ExportScope.entitiesUsedByDossier))
              AND NOT EXISTS (SELECT 1 FROM entity_definitions x WHERE x.entity_id = e.id AND x.dossier = ?1)
            GROUP BY e.slug ORDER BY e.slug
            """, [.text(set.name)]
        ) { (try $0.text(0), try $0.text(1)) }
        for (slug, definers) in used {
            notices.append(
                "\(set.name) uses entity \(slug), which only \(definers) defines: on a fresh database, seed \(definers) first, or define it in \(set.file)"
            )
        }
    }

    /// Applies one item of `set` (whose name owns what it inserts, and whose file problems are
    /// reported in), in its own savepoint.
    func apply(_ item: SeedItem, of set: SeedSet) throws {
        switch item {
        case .source(let source): try self.item(set, source.path) { try upsert(source.value, set: set, path: source.path) }
        case .reference(let reference): try self.item(set, reference.path) { try upsert(reference.value, set: set) }
        case .entity(let entity): try self.item(set, entity.path) { try upsert(entity.value, set: set) }
        case .event(let event): try self.item(set, event.path) { try upsert(event, set: set) }
        case .mechanism(let mechanism): try self.item(set, mechanism.path) { try upsert(mechanism, set: set) }
        case .claim(let claim): try self.item(set, claim.path) { try upsert(claim, set: set) }
        case .relation(let relation): try self.item(set, relation.path) { try upsert(relation.value, set: set, path: relation.path) }
        }
        appliedCount += 1
        if let progress { progress.handler(ContentProgress(progress.operation, completed: appliedCount)) }
    }

    /// Runs one item's writes in a savepoint, turning its failure into problems at its path.
    private func item(_ set: SeedSet, _ path: String, _ body: () throws -> Void) throws {
        do {
            try db.savepoint(body)
        } catch ContentError.validation(let issues) {
            for issue in issues {
                // The path names the field: the reason need not again.
                let reason = issue.rule + (issue.value.map { " (got \"\(MessageText.escaped($0))\")" } ?? "")
                problems.append(SeedProblem(file: set.file, path: "\(path).\(issue.field)", reason: reason))
            }
        } catch let error as ContentError {
            problems.append(SeedProblem(file: set.file, path: path, reason: error.description))
        } catch let conflict as Conflict {
            conflicts.append(SeedProblem(file: set.file, path: path, reason: conflict.reason, details: conflict.details))
        }
    }

    /// An item the seeds may not overwrite without `force`.
    private struct Conflict: Error {
        var reason: String
        /// The lines that show it, and what to do.
        var details: [String] = []
    }

    private func owner(of table: String, slug: String) throws -> String?? {
        try db.fetchOne("SELECT seed_set FROM \(table) WHERE slug = ?", [.text(slug)]) { try $0.optionalText(0) }
    }

    private func record(_ kind: String, _ key: String, _ action: SeedReport.Change.Action, fields: [String] = []) {
        counts[action, default: 0] += 1
        if keepsChanges { changes.append(SeedReport.Change(kind: kind, key: key, action: action, fields: fields)) }
    }

    // MARK: - Sources and defects

    private func upsert(_ seed: SeedSource, set: SeedSet, path: String) throws {
        let source = seed.source
        if let stored = try reader.source(slug: source.slug) {
            guard stored.textSHA256 == source.textSHA256 else {
                throw ContentError.conflict(
                    "the text differs from the stored text of source \(source.slug), and a source's text never changes; give the new text a new slug"
                )
            }
            var desired = source
            desired.id = stored.id
            desired.createdAt = stored.createdAt
            if desired == stored {
                unchanged += 1
            } else {
                try requireIdenticalForImport("source \(source.slug)")
                try requireOwnership(table: "sources", slug: source.slug, set: set, what: "source")
                try writer.updateMetadata(source)
                record("source", source.slug, .updated)
            }
        } else {
            _ = try writer.insert(source, seedSet: owner(set))
            record("source", source.slug, .inserted)
        }
        try upsertDefects(seed, set: set, path: path)
    }

    private func upsertDefects(_ seed: SeedSource, set: SeedSet, path: String) throws {
        let slug = seed.source.slug
        let stored = try reader.defects(ofSource: slug)
        let owners = Dictionary(
            uniqueKeysWithValues: try db.fetchAll(
                "SELECT d.id, d.seed_set FROM source_defects d JOIN sources s ON s.id = d.source_id WHERE s.slug = ?", [.text(slug)]
            ) { (try $0.int64(0), try $0.optionalText(1)) })
        var wanted: Set<Int> = []
        var issues: [ValidationIssue] = []
        for (index, defect) in seed.defects.enumerated() {
            let field = "defects[\(index)]"
            let located: ContentWriter.LocatedDefect
            do {
                located = try writer.locateDefect(defect.value, source: slug, field: field)
            } catch ContentError.validation(let found) {
                issues += found
                continue
            }
            wanted.insert(located.start)
            if let existing = stored.first(where: { $0.start == located.start }) {
                let same =
                    existing.end == located.end && existing.kind == located.kind
                    && existing.intended == located.intended && existing.note == located.note
                if same {
                    unchanged += 1
                    continue
                }
                try requireIdenticalForImport("the defect at \(located.start) of source \(slug)")
                guard let id = existing.id, owners[id.rawValue] == .some(set.name) || force.covers(slug) else {
                    throw Conflict(
                        reason: "\(field): a defect at the same place in source \(slug) was recorded by hand; it differs from the seed's")
                }
                try db.execute("DELETE FROM source_defects WHERE id = ?", [.integer(id.rawValue)])
                try writer.insertDefect(defect.value, source: slug, field: field, seedSet: owner(set))
                record("defect", "\(slug) \"\(defect.value.exact)\"", .updated)
            } else {
                try writer.insertDefect(defect.value, source: slug, field: field, seedSet: owner(set))
                record("defect", "\(slug) \"\(defect.value.exact)\"", .inserted)
            }
        }
        if !issues.isEmpty { throw ContentError.validation(issues) }
        guard mode == .sync, !isImport else { return }
        for defect in stored where !wanted.contains(defect.start) {
            guard let id = defect.id, owners[id.rawValue] == .some(set.name) else { continue }
            try db.execute("DELETE FROM source_defects WHERE id = ?", [.integer(id.rawValue)])
            record("defect", "\(slug) \"\(defect.exact)\"", .deleted)
        }
    }

    private func requireOwnership(table: String, slug: String, set: SeedSet, what: String) throws {
        let owner = try owner(of: table, slug: slug) ?? nil
        guard owner == set.name || force.covers(slug) else {
            throw Conflict(
                reason: owner == nil
                    ? "\(what) \(slug) exists and was not created by the seeds; its fields differ from the seed file's"
                    : "\(what) \(slug) belongs to dossier \(owner ?? "?"), not \(set.name)")
        }
        if owner != set.name {
            try db.execute("UPDATE \(table) SET seed_set = ? WHERE slug = ?", [.text(set.name), .text(slug)])
        }
    }

    // MARK: - References

    private static let referenceSQL = "SELECT \(ReferenceColumn.selectList(alias: "b")) FROM bibliographic_references b WHERE b.slug = ?"

    private func upsert(_ reference: BibliographicReference, set: SeedSet) throws {
        let issues = reference.issues
        guard issues.isEmpty else { throw ContentError.validation(issues) }
        let written = ReferenceColumn.writtenColumns
        if let stored = try db.fetchOne(
            Self.referenceSQL, [.text(reference.slug)],
            { row in
                try BibliographicReference(RowValues<ReferenceColumn>(row: row, base: 0))
            })
        {
            if stored == reference {
                unchanged += 1
                return
            }
            try requireIdenticalForImport("reference \(reference.slug)")
            try requireOwnership(table: ReferenceColumn.table, slug: reference.slug, set: set, what: "reference")
            let columns = written.filter { $0 != .slug && $0 != .seedSet }
            try db.execute(
                "UPDATE bibliographic_references SET \(columns.map { "\($0.name) = ?" }.joined(separator: ", ")) WHERE slug = ?",
                StatementArguments(columns.map { reference.value(of: $0) } + [.text(reference.slug)]))
            record("reference", reference.slug, .updated)
        } else {
            try db.execute(
                "INSERT INTO bibliographic_references(\(written.map(\.name).joined(separator: ", "))) VALUES (\(written.map { _ in "?" }.joined(separator: ", ")))",
                StatementArguments(written.map { $0 == .seedSet ? SQLValue(owner(set)) : reference.value(of: $0) }))
            record("reference", reference.slug, .inserted)
        }
    }

    private static let evidenceSQL = """
        SELECT b.slug, ev.note FROM claim_evidence ev JOIN bibliographic_references b ON b.id = ev.reference_id
        WHERE ev.record_id = ? ORDER BY b.slug
        """

    /// A claim's stored evidence, by reference slug.
    private func storedEvidence(recordID: Int64) throws -> [ClaimEvidence] {
        try db.fetchAll(Self.evidenceSQL, [.integer(recordID)]) { ClaimEvidence(try $0.text(0), note: try $0.optionalText(1)) }
    }

    /// Brings a claim's evidence to the file's: every reference must exist (in this file or
    /// the database).
    private func replaceEvidence(recordID: Int64, with evidence: [Seeded<ClaimEvidence>]) throws {
        var ids: [Int64] = []
        var issues: [ValidationIssue] = []
        for (index, item) in evidence.enumerated() {
            let id = try db.fetchOne(
                "SELECT id FROM bibliographic_references WHERE slug = ?", [.text(item.value.reference)]
            ) { try $0.int64(0) }
            if let id {
                ids.append(id)
            } else {
                issues.append(
                    ValidationIssue(
                        field: "evidence[\(index)]",
                        rule: "names no reference: add it to the file's references (with a doi, pmid, isbn or url), or fix the slug",
                        value: item.value.reference))
            }
        }
        guard issues.isEmpty else { throw ContentError.validation(issues) }
        guard
            try storedEvidence(recordID: recordID).sorted(by: { $0.reference < $1.reference })
                != evidence.map(\.value).sorted(by: { $0.reference < $1.reference })
        else { return }
        try db.execute("DELETE FROM claim_evidence WHERE record_id = ?", [.integer(recordID)])
        for (item, id) in zip(evidence, ids) {
            try db.execute(
                "INSERT INTO claim_evidence(record_id, reference_id, note) VALUES (?, ?, ?)",
                [.integer(recordID), .integer(id), SQLValue(item.value.note)])
        }
    }

    // MARK: - Entities

    /// The dossiers other than `set` that define an entity.
    private func otherDefiners(ofEntity id: Int64, set: SeedSet) throws -> [String] {
        try db.fetchAll(
            "SELECT dossier FROM entity_definitions WHERE entity_id = ? AND dossier <> ? ORDER BY dossier", [.integer(id), .text(set.name)]
        ) { try $0.text(0) }
    }

    /// Records that `set` defines an entity, once; `reported` when the entity was not inserted
    /// with it (the insert is the change then).
    private func define(entity id: Int64, slug: EntitySlug, set: SeedSet, reported: Bool = true) throws {
        guard !isImport else { return }
        let known = try db.fetchOne(
            "SELECT 1 FROM entity_definitions WHERE entity_id = ? AND dossier = ?", [.integer(id), .text(set.name)]
        ) { _ in true }
        guard known == nil else { return }
        try db.execute("INSERT INTO entity_definitions(entity_id, dossier) VALUES (?, ?)", [.integer(id), .text(set.name)])
        if reported { record("entity definition", "\(slug) (\(set.name))", .inserted) }
    }

    /// Sync: `set` no longer defines an entity. It is deleted when no other dossier defines it
    /// (and nothing uses it); otherwise it stays, with the others' definitions.
    private func undefine(entity id: Int64, slug: EntitySlug, set: SeedSet) throws {
        try db.execute("DELETE FROM entity_definitions WHERE entity_id = ? AND dossier = ?", [.integer(id), .text(set.name)])
        let others = try otherDefiners(ofEntity: id, set: set)
        guard let heir = others.first else {
            do {
                try writer.deleteEntity(slug: slug)
                record("entity", slug.rawValue, .deleted)
            } catch ContentError.conflict(let reason) {
                throw Conflict(reason: "entity \(slug) is no longer in the file but cannot be deleted: \(reason)")
            }
            return
        }
        try db.execute(
            "UPDATE entities SET seed_set = ? WHERE id = ? AND seed_set IS ?", [.text(heir), .integer(id), .text(set.name)])
        record("entity definition", "\(slug) (\(set.name))", .deleted)
        undefinedShared.insert(slug)
    }

    /// Merges `entity` as `set` defines it into the stored entity that `others` define too:
    /// every field the file gives must agree with theirs; aliases and identifiers add up.
    private func merge(_ entity: Entity, into stored: Entity, others: [String]) throws -> Entity? {
        var disagreements: [ValidationIssue] = []
        func agree(_ field: String, _ file: String?, _ database: String?) {
            guard let file, file != database else { return }
            disagreements.append(
                ValidationIssue(
                    field: field,
                    rule:
                        "is \"\(file)\" here but \(database.map { "\"\($0)\"" } ?? "not set") in the definition of dossier \(others.joined(separator: ", ")); entities are shared by all dossiers: make the definitions agree, leave the entity out of this file to use theirs, or seed with --force \(entity.slug) to replace their definition with this one"
                ))
        }
        agree("kind", entity.kind.rawValue, stored.kind.rawValue)
        agree("name", entity.name, stored.name)
        agree("description", entity.description, stored.description)
        agree("period_start", entity.periodStart, stored.periodStart)
        agree("period_end", entity.periodEnd, stored.periodEnd)
        var merged = stored
        for alias in entity.aliases {
            if let known = stored.aliases.first(where: { $0.name == alias.name }) {
                agree("aliases.\(alias.name).kind", alias.kind.rawValue, known.kind.rawValue)
            } else {
                merged.aliases.append(alias)
            }
        }
        for identifier in entity.identifiers {
            if let known = stored.identifiers.first(where: { $0.scheme == identifier.scheme }) {
                agree("identifiers.\(identifier.scheme.rawValue)", identifier.value, known.value)
            } else {
                merged.identifiers.append(identifier)
            }
        }
        if !disagreements.isEmpty { throw ContentError.validation(disagreements) }
        return merged == stored ? nil : merged
    }

    private func upsert(_ entity: Entity, set: SeedSet) throws {
        guard var stored = try reader.entity(slug: entity.slug), let storedID = stored.id?.rawValue else {
            let id = try writer.insert(entity, seedSet: owner(set))
            record("entity", entity.slug.rawValue, .inserted)
            try define(entity: id.rawValue, slug: entity.slug, set: set, reported: false)
            return
        }
        stored.id = nil
        stored.aliases.sort { $0.name < $1.name }
        stored.identifiers.sort { ($0.scheme.rawValue, $0.value) < ($1.scheme.rawValue, $1.value) }
        let desired = Entity(
            slug: entity.slug, kind: entity.kind, name: entity.name, description: entity.description,
            periodStart: entity.periodStart, periodEnd: entity.periodEnd,
            aliases: entity.aliases.sorted { $0.name < $1.name },
            identifiers: entity.identifiers.sorted { ($0.scheme.rawValue, $0.value) < ($1.scheme.rawValue, $1.value) })
        if isImport {
            guard desired == stored else { return try requireIdenticalForImport("entity \(entity.slug)") }
            unchanged += 1
            return
        }
        let others = try otherDefiners(ofEntity: storedID, set: set)
        if !others.isEmpty, !force.covers(entity.slug.rawValue) {
            // A shared entity: this dossier's definition must agree with the others'.
            if let merged = try merge(desired, into: stored, others: others) {
                try writer.update(merged)
                record("entity", entity.slug.rawValue, .updated)
            } else {
                unchanged += 1
            }
            try define(entity: storedID, slug: entity.slug, set: set)
            return
        }
        if desired == stored {
            unchanged += 1
        } else {
            try requireOwnership(table: "entities", slug: entity.slug.rawValue, set: set, what: "entity")
            try writer.update(entity)
            record("entity", entity.slug.rawValue, .updated)
        }
        // An entity the seeds made joins this dossier's definitions; one made by hand only
        // when the file changed it (above, by force).
        if try owner(of: "entities", slug: entity.slug.rawValue) != .some(nil) {
            try define(entity: storedID, slug: entity.slug, set: set)
        }
    }

    // MARK: - Records

    /// The seed ownership of a record: its id, set, checksum, and whether it was edited since
    /// (by anything but this run: its own writes, such as deleting a relation the record is the
    /// subject of, are no edit).
    private struct Ownership {
        var recordID: Int64
        var set: String
        var checksum: String
        var isEdited: Bool
    }

    private func ownership(recordID: Int64) throws -> Ownership? {
        try db.fetchOne(
            """
            SELECT seed_set, checksum,
                   EXISTS (SELECT 1 FROM audit_log WHERE record_id = ?1 AND id > record_seeds.audit_mark AND id <= ?2)
            FROM record_seeds WHERE record_id = ?1
            """, [.integer(recordID), .integer(runStartMark)]
        ) { Ownership(recordID: recordID, set: try $0.text(0), checksum: try $0.text(1), isEdited: try $0.bool(2)) }
    }

    /// What a seeded record is, for telling whether its file changed: its fields and its
    /// quotes as located, without ids, versions or timestamps.
    private struct Canonical<Record: ContentRecord>: Encodable {
        var record: Record
        var quotes: [Quote]
        /// A claim's evidence, by slug; `nil` when it has none, so that the checksums of
        /// records seeded before evidence existed stay what they were.
        var evidence: [ClaimEvidence]?
    }

    private static func checksum<Record: ContentRecord>(
        _ record: Record, _ located: [ContentWriter.LocatedQuote], evidence: [ClaimEvidence]
    ) throws -> String {
        var record = record
        record.info.id = nil
        record.info.version = 0
        record.info.createdAt = nil
        record.info.updatedAt = nil
        record.info.about.sort()
        // An event's bounds derive from its EDTF value or its period: compare what they derive from.
        if var event = record as? HistoricalEvent, event.date.edtf != nil || event.date.precision == .period {
            event.date.earliest = nil
            event.date.latest = nil
            if let normalized = event as? Record { record = normalized }
        }
        // Quotes in the text's order: reordering them in the file changes nothing.
        let quotes = located.sorted { ($0.source, $0.start, $0.end) < ($1.source, $1.start, $1.end) }.map { quote in
            Quote("\(quote.start)-\(quote.end)", from: quote.source, note: quote.note, hedgeReview: quote.hedgeReview)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return SHA256.hexDigest(
            of: [UInt8](
                try encoder.encode(
                    Canonical(
                        record: record, quotes: quotes,
                        evidence: evidence.isEmpty ? nil : evidence.sorted { $0.reference < $1.reference }))))
    }

    private func upsert<Record: ContentRecord>(_ item: SeededRecord<Record>, set: SeedSet) throws {
        let slug = item.record.info.slug
        let kind = Record.kind.rawValue
        let subject = "\(kind) \(slug)"
        let located = try writer.locate(item.quotes, subject: subject)
        let evidence = item.evidence.map(\.value)
        guard let id = try reader.recordID(slug: slug) else {
            let newID = try writer.insert(item.record)
            try writer.insertCitations(recordID: newID.rawValue, subject: subject, located)
            try replaceEvidence(recordID: newID.rawValue, with: item.evidence)
            // An import, which may insert millions, keeps no seed bookkeeping.
            if !isImport {
                try noteSeeded(
                    Record.self, id: newID.rawValue, slug: slug, set: set,
                    checksum: try Self.checksum(item.record, located, evidence: evidence))
            }
            record(kind, slug, .inserted)
            return
        }
        let checksum = try Self.checksum(item.record, located, evidence: evidence)
        guard let existing = try reader.record(Record.self, id: id) else {
            let other = try db.fetchOne("SELECT kind FROM records WHERE id = ?", [.integer(id.rawValue)]) { try $0.text(0) } ?? "record"
            throw ContentError.conflict(
                "the slug \(slug) is taken by the \(other) \(slug) (slugs are shared by all kinds and dossiers); give this \(kind) another slug"
            )
        }
        // What the database holds now, in the terms of the file's checksum.
        let stored = try Self.checksum(existing, try storedQuotes(ofRecord: slug), evidence: try storedEvidence(recordID: id.rawValue))
        if isImport {
            guard stored == checksum else {
                try requireIdenticalForImport(subject)
                return
            }
            unchanged += 1
            return
        }
        let owned = try ownership(recordID: id.rawValue)
        let forced = force.covers(slug)
        if let owned, owned.set != set.name, !forced {
            throw Conflict(
                reason:
                    "the slug \(slug) is taken by dossier \(owned.set)'s \(kind) (slugs are shared by all dossiers); give this one another slug, or seed with --force \(slug) to move it to \(set.name)"
            )
        }
        if stored == checksum {
            // The database already holds what the file says: nothing to write but the
            // bookkeeping, and only when it is behind.
            unchanged += 1
            if owned == nil {
                try noteSeeded(Record.self, id: id.rawValue, slug: slug, set: set, checksum: checksum)
                notices.append("\(subject) was made in the database, and the file now holds it as it is: it is now seeded by \(set.name)")
            } else if owned?.checksum != checksum {
                try noteSeeded(Record.self, id: id.rawValue, slug: slug, set: set, checksum: checksum)
                if owned?.checksum == DossierMembership.unseededChecksum {
                    notices.append("\(subject) was added in the database, and the file now holds it: nothing to write")
                } else if owned?.isEdited == true {
                    notices.append("\(subject) was edited in the database, and the file now holds the edit: nothing to write")
                }
            }
            acceptedRecords.insert(id.rawValue)
            return
        }
        if owned == nil, !forced {
            throw Conflict(
                reason: "\(subject) exists and was not created by the seeds; seeding would overwrite it",
                details: try difference(existing: id.rawValue, item, located) + [
                    "seed with --force \(slug) to overwrite it, or take the database's version into the file (dossier export --as-seed)"
                ])
        }
        if let owned, owned.set == set.name, owned.checksum == checksum {
            // The file did not change since it was seeded; the database did: keep the edit.
            unchanged += 1
            if owned.isEdited {
                notices.append("\(subject) was edited in the database since it was seeded; its seed did not change, so the edit was kept")
            }
            return
        }
        if let owned, owned.isEdited, !forced {
            throw Conflict(
                reason:
                    "\(subject) was edited in the database since it was seeded, and its seed changed too; seeding would overwrite the edit",
                details: try difference(existing: id.rawValue, item, located) + [
                    "bring the file to the database's version (dossier export --as-seed), or seed with --force \(slug) to overwrite the edit"
                ])
        }
        // What the update changes, field by field, for the report (a dry run's above all).
        let exporter = ContentExporter(db: db)
        let before = keepsChanges ? try exporter.record(Record.self, slug: slug)?.object : nil
        try overwrite(id: id, version: existing.info.version, with: item, located: located)
        let fields =
            keepsChanges
            ? FieldDiff.changes(from: before, to: try exporter.record(Record.self, slug: slug)?.object).map { $0.line(indent: "") } : []
        try noteSeeded(Record.self, id: id.rawValue, slug: slug, set: set, checksum: checksum)
        acceptedRecords.insert(id.rawValue)
        record(kind, slug, .updated, fields: fields)
    }

    /// Records that `set` seeded the record as the database now holds it: its checksum, and
    /// its image, against which a later conflict shows what the file and the database each
    /// changed since.
    private func noteSeeded<Record: ContentRecord>(_ type: Record.Type, id: Int64, slug: String, set: SeedSet, checksum: String) throws {
        let image = try ContentExporter(db: db).record(Record.self, slug: slug).map { JSONValue.object($0.object).rendered() }
        try db.execute(
            "UPDATE record_seeds SET seed_set = ?2, checksum = ?3, seeded = ?4 WHERE record_id = ?1",
            [.integer(id), .text(set.name), .text(checksum), SQLValue(image)])
        // An UPDATE, then an INSERT when there was no row: the schema refuses upserts, which
        // SQLite resolves by deleting rows without firing their delete triggers.
        if db.changedRowCount == 0 {
            try db.execute(
                "INSERT INTO record_seeds(record_id, seed_set, checksum, audit_mark, seeded) VALUES (?1, ?2, ?3, 0, ?4)",
                [.integer(id), .text(set.name), .text(checksum), SQLValue(image)])
        }
    }

    /// Writes the file's version of a record over the database's.
    private func overwrite<Record: ContentRecord>(
        id: RecordID, version: Int, with item: SeededRecord<Record>, located: [ContentWriter.LocatedQuote]
    ) throws {
        var desired = item.record
        desired.info.id = id
        desired.info.version = version
        _ = try writer.update(desired)
        try writer.replaceCitations(
            recordID: id.rawValue, slug: item.record.info.slug, subject: "\(Record.kind.rawValue) \(item.record.info.slug)", with: located)
        try replaceEvidence(recordID: id.rawValue, with: item.evidence)
    }

    /// The fields in which the database's version of a record differs from the file's, a line
    /// each with the value last seeded when the seeds wrote it, after a heading: found by writing the file's version in a savepoint, exporting both and rolling back.
    private func difference<Record: ContentRecord>(
        existing id: Int64, _ item: SeededRecord<Record>, _ located: [ContentWriter.LocatedQuote]
    ) throws -> [String] {
        let exporter = ContentExporter(db: db)
        let slug = item.record.info.slug
        guard let before = try exporter.record(Record.self, slug: slug)?.object else { return [] }
        var after: JSONObject?
        do {
            try db.savepoint {
                let version = try db.fetchOne("SELECT version FROM records WHERE id = ?", [.integer(id)]) { Int(try $0.int64(0)) } ?? 1
                try overwrite(id: RecordID(rawValue: id), version: version, with: item, located: located)
                after = try exporter.record(Record.self, slug: slug)?.object
                throw DiffRollback()
            }
        } catch is DiffRollback {}
        guard let after else { return [] }
        let changes = FieldDiff.changes(from: before, to: after)
        guard !changes.isEmpty else { return [] }
        // What the seeds last wrote, when they wrote it: which side changed each field.
        let seededText =
            try db.fetchOne("SELECT seeded FROM record_seeds WHERE record_id = ?", [.integer(id)]) { try $0.optionalText(0) } ?? nil
        guard let seededText, case .object(let seeded)? = try? JSONParser.parse(seededText) else {
            return ["field by field, database → file:"] + FieldChange.lines(changes)
        }
        return ["field by field, as last seeded / in the database / in the file:"]
            + changes.map { change in
                "  \(change.field): \(FieldChange.render(seeded[change.field])) / \(FieldChange.render(change.old)) / \(FieldChange.render(change.new))"
            }
    }

    /// Thrown out of a savepoint to roll it back.
    private struct DiffRollback: Error {}

    /// A record's stored citations, as located quotes, for its checksum.
    private func storedQuotes(ofRecord slug: String) throws -> [ContentWriter.LocatedQuote] {
        try reader.citations(ofRecord: slug).map {
            ContentWriter.LocatedQuote(
                source: $0.source, sourceID: 0, sourceSHA256: $0.sourceSHA256, start: $0.start, end: $0.end, exact: $0.exact,
                storedPrefix: $0.prefix, storedSuffix: $0.suffix, note: $0.note, hedgeReview: $0.hedgeReview)
        }
    }

    // MARK: - Relations

    private func upsert(_ relation: Relation, set: SeedSet, path: String) throws {
        let existing = try db.fetchOne(
            """
            SELECT rel.id, rel.note, rel.seed_set FROM relations rel
            WHERE rel.predicate = ?2 AND rel.subject_record_id = (SELECT id FROM records WHERE slug = ?1)
              AND rel.object_record_id = (SELECT id FROM records WHERE slug = ?3)
            """, [.text(relation.subject), .text(relation.predicate.rawValue), .text(relation.object)]
        ) { (try $0.int64(0), try $0.optionalText(1), try $0.optionalText(2)) }
        let key = "\(relation.subject) \(relation.predicate.rawValue) \(relation.object)"
        guard let existing else {
            _ = try writer.insert(relation, seedSet: owner(set))
            record("relation", key, .inserted)
            return
        }
        if existing.1 == relation.note {
            unchanged += 1
            return
        }
        try requireIdenticalForImport("relation \(key)")
        guard existing.2 == set.name || force.covers(relation.subject) || force.covers(relation.object) else {
            throw Conflict(reason: "relation \(key) exists and was not created by the seeds; its note differs")
        }
        try db.execute(
            "UPDATE relations SET note = ?, seed_set = ? WHERE id = ?", [SQLValue(relation.note), .text(set.name), .integer(existing.0)])
        record("relation", key, .updated)
    }

    // MARK: - Sync

    /// Deletes what the set owns and its file no longer contains, dependents first.
    private func sync(_ set: SeedSet) throws {
        let relationKeys = Set(set.relations.map { "\($0.value.subject) \($0.value.predicate.rawValue) \($0.value.object)" })
        for relation in try db.fetchAll(
            """
            SELECT rel.id, s.slug || ' ' || rel.predicate || ' ' || o.slug FROM relations rel
            JOIN records s ON s.id = rel.subject_record_id JOIN records o ON o.id = rel.object_record_id
            WHERE rel.seed_set = ?
            """, [.text(set.name)], { (try $0.int64(0), try $0.text(1)) }) where !relationKeys.contains(relation.1)
        {
            try db.execute("DELETE FROM relations WHERE id = ?", [.integer(relation.0)])
            record("relation", relation.1, .deleted)
        }
        let recordSlugs = Set(
            set.events.map(\.record.info.slug) + set.mechanisms.map(\.record.info.slug) + set.claims.map(\.record.info.slug))
        for owned in try db.fetchAll(
            "SELECT r.id, r.slug, r.kind FROM record_seeds rs JOIN records r ON r.id = rs.record_id WHERE rs.seed_set = ? ORDER BY r.slug",
            [.text(set.name)], { (try $0.int64(0), try $0.text(1), try $0.text(2)) }) where !recordSlugs.contains(owned.1)
        {
            try item(set, "") {
                if let ownership = try ownership(recordID: owned.0), ownership.isEdited, !force.covers(owned.1) {
                    let how =
                        ownership.checksum == DossierMembership.unseededChecksum
                        ? "was made in the database (it was never in the file)"
                        : "was edited in the database since it was seeded"
                    throw Conflict(
                        reason: "\(owned.2) \(owned.1) is no longer in the file, but \(how); it was kept",
                        details: ["add it to the file (dossier export --as-seed), or seed with --force \(owned.1) to delete it"])
                }
                // Deleting the record deletes every relation naming it: those another dossier
                // seeded, or a curator made, are not this file's to drop unless forced.
                let others = try db.fetchAll(
                    """
                    SELECT s.slug || ' ' || rel.predicate || ' ' || o.slug, rel.seed_set FROM relations rel
                    JOIN records s ON s.id = rel.subject_record_id JOIN records o ON o.id = rel.object_record_id
                    WHERE (rel.subject_record_id = ?1 OR rel.object_record_id = ?1) AND rel.seed_set IS NOT ?2
                    ORDER BY 1
                    """, [.integer(owned.0), .text(set.name)]
                ) { (try $0.text(0), try $0.optionalText(1)) }
                if !others.isEmpty, !force.covers(owned.1) {
                    throw Conflict(
                        reason: "\(owned.2) \(owned.1) is no longer in the file, but relations it does not own name it; it was kept",
                        details: others.map { "relation \($0.0) (\($0.1.map { "dossier \($0)" } ?? "made in the database"))" } + [
                            "remove them first, or seed with --force \(owned.1) to delete the record with them"
                        ])
                }
                for relation in others { record("relation", relation.0, .deleted) }
                try writer.deleteRecord(slug: owned.1)
                record(owned.2, owned.1, .deleted)
            }
        }
        let entitySlugs = Set(set.entities.map(\.value.slug))
        for (id, slug) in try db.fetchAll(
            """
            SELECT e.id, e.slug FROM entities e
            WHERE e.id IN (SELECT entity_id FROM entity_definitions WHERE dossier = ?1) ORDER BY e.slug
            """, [.text(set.name)], { (try $0.int64(0), EntitySlug(try $0.text(1))) })
        where !entitySlugs.contains(slug) {
            try item(set, "") { try undefine(entity: id, slug: slug, set: set) }
        }
        let referenceSlugs = Set(set.references.map(\.value.slug))
        for slug in try db.fetchAll(
            "SELECT slug FROM bibliographic_references WHERE seed_set = ? ORDER BY slug", [.text(set.name)], { try $0.text(0) })
        where !referenceSlugs.contains(slug) {
            try item(set, "") {
                let citing = try db.fetchAll(
                    """
                    SELECT r.slug FROM claim_evidence ev JOIN records r ON r.id = ev.record_id
                    WHERE ev.reference_id = (SELECT id FROM bibliographic_references WHERE slug = ?) ORDER BY r.slug
                    """, [.text(slug)]
                ) { try $0.text(0) }
                guard citing.isEmpty else {
                    throw Conflict(
                        reason:
                            "reference \(slug) is no longer in the file but cannot be deleted: claims cite it as evidence (\(citing.joined(separator: ", ")))",
                        details: ["add it back to the file, or remove it from those claims' evidence"])
                }
                try db.execute("DELETE FROM bibliographic_references WHERE slug = ?", [.text(slug)])
                record("reference", slug, .deleted)
            }
        }
        let sourceSlugs = Set(set.sources.map(\.value.source.slug))
        for slug in try db.fetchAll("SELECT slug FROM sources WHERE seed_set = ? ORDER BY slug", [.text(set.name)], { try $0.text(0) })
        where !sourceSlugs.contains(slug) {
            try item(set, "") {
                do {
                    try writer.deleteSource(slug: slug)
                    record("source", slug, .deleted)
                } catch ContentError.conflict(let reason) {
                    throw Conflict(reason: "source \(slug) is no longer in the file but cannot be deleted: \(reason)")
                }
            }
        }
    }
}
