import Dossier
import DossierDB
import Foundation

/// One change made to a content database behind the library's back, the way the stock `sqlite3`
/// shell can make it: foreign keys off (the shell's default), CHECK constraints ignored when
/// asked, and the schema's BEFORE triggers dropped for the change and re-created, identical,
/// after it — what "a trigger dropped, a row written and the trigger re-created" does.
public struct Tampering: Sendable, CustomStringConvertible {
    /// What the change is, for messages: "clinical_claims.outcome = 'x…' (1001 characters)".
    public var name: String
    /// The SQL: a script, or one statement when it has arguments.
    public var sql: String
    /// Values bound to the statement's parameters (`?1`…).
    public var arguments: [SQLValue] = []
    /// Whether CHECK constraints are ignored (`PRAGMA ignore_check_constraints = ON`).
    public var ignoresChecks = true
    /// Whether the BEFORE triggers are dropped for the change and re-created after it.
    public var bypassesTriggers = true

    /// A change: SQL run with CHECK constraints ignored and the BEFORE triggers out of the way,
    /// unless told otherwise.
    public init(name: String, sql: String, arguments: [SQLValue] = [], ignoresChecks: Bool = true, bypassesTriggers: Bool = true) {
        self.name = name
        self.sql = sql
        self.arguments = arguments
        self.ignoresChecks = ignoresChecks
        self.bypassesTriggers = bypassesTriggers
    }

    /// The name.
    public var description: String { name }

    /// Applies the change to the database at `path`, in one transaction.
    ///
    /// - returns: whether SQLite let it through (a change that breaks NOT NULL, a UNIQUE index
    ///   or a column's type is refused even so, and leaves the file as it was).
    @discardableResult
    public func apply(to path: String) throws -> Bool {
        var configuration = ContentDatabase.configuration
        configuration.foreignKeysEnabled = false
        let db = try DatabaseConnection(path: path, configuration: configuration)
        if ignoresChecks { try db.execute("PRAGMA ignore_check_constraints = ON") }
        do {
            try db.transaction {
                let triggers =
                    bypassesTriggers
                    ? try db.fetchAll("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%BEFORE%' ORDER BY name") {
                        (try $0.text(0), try $0.text(1))
                    } : []
                for (name, _) in triggers { try db.execute("DROP TRIGGER \"\(name)\"") }
                if arguments.isEmpty {
                    try db.execute(sql)
                } else {
                    try db.execute(sql, StatementArguments(arguments))
                }
                for (_, definition) in triggers { try db.execute(definition) }
            }
            return true
        } catch let error as DatabaseError where error.isConstraintViolation || error.resultCode.primary == .constraint {
            return false
        }
    }
}

/// Tamperings of a database seeded with the built-in ketamine dossier: every content column set
/// to values its rule refuses and values it accepts, rows deleted with foreign keys off, kinds
/// changed, relations that loop or link the wrong kinds, quotes and defects moved off their
/// text, derived columns out of step, bookkeeping columns and the search index edited. Drawn
/// with a fixed seed, so every run tries the same changes and a failure names one to replay.
public enum TamperingGenerator {
    /// At least 200 distinct tamperings.
    public static func tamperings(seed: UInt64 = 11) -> [Tampering] {
        var random = SeededRandom(seed: seed)
        var all: [Tampering] = []
        all += columnValues(&random)
        all += rowsAndKeys
        all += relations
        all += anchors
        all += derived
        all += bookkeeping
        var seen: Set<[String]> = []
        return all.filter { seen.insert([$0.sql] + $0.arguments.map(\.description)).inserted }
    }

    /// The row of `table` to change, picked among its first rows.
    private static func row(_ table: String, _ random: inout SeededRandom) -> String {
        switch table {
        case "entity_aliases": return "alias = (SELECT alias FROM entity_aliases ORDER BY alias LIMIT 1 OFFSET \(random.below(3)))"
        case "entity_identifiers": return "value = (SELECT value FROM entity_identifiers ORDER BY value LIMIT 1 OFFSET \(random.below(5)))"
        case "record_entities": return "record_id = (SELECT min(record_id) FROM record_entities)"
        default: return "rowid = (SELECT rowid FROM \(table) ORDER BY rowid LIMIT 1 OFFSET \(random.below(4)))"
        }
    }

    private static func short(_ value: SQLValue) -> String {
        let text = value.description
        return text.count > 40 ? "\(text.prefix(32))… (\(text.count) characters)" : text
    }

    /// Each content column with a field set to two values its rule refuses and one it accepts.
    private static func columnValues(_ random: inout SeededRandom) -> [Tampering] {
        var tamperings: [Tampering] = []
        for table in ContentTables.content {
            for column in table.columns where column.field != nil {
                let probes = ColumnProbes(column)
                var values = Array(probes.invalid.shuffled(using: &random).prefix(2)) + Array(probes.libraryOnly.prefix(1))
                if let valid = probes.valid.randomElement(using: &random) { values.append(valid) }
                for value in values {
                    tamperings.append(
                        Tampering(
                            name: "\(table.name).\(column.name) = \(short(value))",
                            sql: "UPDATE \(table.name) SET \(column.name) = ?1 WHERE \(row(table.name, &random))", arguments: [value]))
                }
            }
        }
        return tamperings
    }

    /// Rows deleted with foreign keys off, kinds changed, rows of the wrong kind added.
    private static let rowsAndKeys: [Tampering] = [
        ("a record deleted, its typed row and citations orphaned", "DELETE FROM records WHERE slug = 'dissociative-state';"),
        ("an event deleted, its relations orphaned", "DELETE FROM records WHERE slug = 'surgical-beginnings';"),
        (
            "a claim's typed row deleted",
            "DELETE FROM clinical_claims WHERE record_id = (SELECT id FROM records WHERE slug = 'lifeline-after-other-options');"
        ),
        ("a mechanism's records row deleted, its typed row kept", "DELETE FROM records WHERE slug = 'synaptic-growth';"),
        ("an entity a mechanism names deleted", "DELETE FROM entities WHERE slug = 'nmda-receptor';"),
        (
            "an entity only a record's about names deleted",
            "DELETE FROM entities WHERE id = (SELECT entity_id FROM record_entities LIMIT 1);"
        ),
        ("the cited source deleted", "DELETE FROM sources;"),
        ("an alias's entity deleted", "DELETE FROM entities WHERE slug = 'glutamate-system';"),
        ("a citation deleted", "DELETE FROM citations WHERE id = (SELECT min(id) FROM citations);"),
        (
            "every citation of a record deleted",
            "DELETE FROM citations WHERE record_id = (SELECT id FROM records WHERE slug = 'dissociative-state');"
        ),
        ("a relation deleted", "DELETE FROM relations WHERE id = (SELECT min(id) FROM relations);"),
        ("a defect deleted", "DELETE FROM source_defects WHERE id = (SELECT max(id) FROM source_defects);"),
        ("an alias deleted", "DELETE FROM entity_aliases WHERE alias = (SELECT min(alias) FROM entity_aliases);"),
        ("an identifier deleted", "DELETE FROM entity_identifiers WHERE value = 'D007649';"),
        (
            "a record's about link deleted",
            "DELETE FROM record_entities WHERE (record_id, entity_id) = (SELECT record_id, entity_id FROM record_entities LIMIT 1);"
        ),
        (
            "a record's about link to a missing entity",
            "INSERT INTO record_entities(record_id, entity_id) SELECT min(id), 9999 FROM records;"
        ),
        ("a claim made a mechanism", "UPDATE records SET kind = 'mechanism' WHERE slug = 'lifeline-after-other-options';"),
        ("an event made a claim", "UPDATE records SET kind = 'claim' WHERE slug = 'turn-to-mood-disorders';"),
        ("a record of no known kind", "UPDATE records SET kind = 'rumour' WHERE slug = 'surgical-beginnings';"),
        (
            "a claim given an event's typed row too",
            "INSERT INTO historical_events(record_id, precision) SELECT id, 'unknown' FROM records WHERE slug = 'lifeline-after-other-options';"
        ),
        (
            "a record written without its typed row",
            "INSERT INTO records(slug, kind, title, statement, certainty) VALUES ('bare', 'claim', 'Bare', 'A bare claim.', 'possible');"
        ),
        (
            "a typed row with no record",
            "INSERT INTO mechanisms(record_id, agent_entity_id, action, effect, role) VALUES (9999, 1, 'affects', 'x', 'primary');"
        ),
        (
            "a citation of a missing source",
            "UPDATE citations SET source_id = 9999 WHERE id = (SELECT min(id) FROM citations);"
        ),
        (
            "a second identifier of one scheme",
            "DROP INDEX entity_identifiers_one_per_scheme; INSERT INTO entity_identifiers(entity_id, scheme, value) SELECT id, 'mesh', 'D000001' FROM entities WHERE slug = 'ketamine';"
        ),
    ].map { Tampering(name: $0.0, sql: $0.1) }

    /// Relations that break the relation rules, and one that keeps them.
    private static let relations: [Tampering] = [
        (
            "a record related to itself",
            "INSERT INTO relations(subject_record_id, predicate, object_record_id) SELECT id, 'led_to', id FROM records WHERE slug = 'surgical-beginnings';"
        ),
        (
            "a led_to cycle",
            "INSERT INTO relations(subject_record_id, predicate, object_record_id) SELECT o.id, 'led_to', s.id FROM records s, records o WHERE s.slug = 'surgical-beginnings' AND o.slug = 'turn-to-mood-disorders';"
        ),
        (
            "an explained_by cycle",
            "INSERT INTO relations(subject_record_id, predicate, object_record_id) SELECT o.id, 'explained_by', s.id FROM records s, records o WHERE s.slug = 'neural-pathway-reset' AND o.slug = 'synaptic-growth';"
        ),
        (
            "a symmetric relation stored both ways",
            "INSERT INTO relations(subject_record_id, predicate, object_record_id) SELECT object_record_id, predicate, subject_record_id FROM relations WHERE predicate = 'contrasts_with';"
        ),
        (
            "a predicate linking kinds it does not link",
            "INSERT INTO relations(subject_record_id, predicate, object_record_id) SELECT s.id, 'explained_by', o.id FROM records s, records o WHERE s.slug = 'nmda-receptor-blockade' AND o.slug = 'surgical-beginnings';"
        ),
        (
            "a relation's predicate changed to one that loops",
            "UPDATE relations SET predicate = 'led_to' WHERE predicate = 'preceded' AND id = (SELECT min(id) FROM relations WHERE predicate = 'preceded');"
        ),
        (
            "a relation's object changed to its subject",
            "UPDATE relations SET object_record_id = subject_record_id WHERE id = (SELECT min(id) FROM relations);"
        ),
        (
            "a valid new relation",
            "INSERT INTO relations(subject_record_id, predicate, object_record_id) SELECT s.id, 'preceded', o.id FROM records s, records o WHERE s.slug = 'vietnam-war-anesthetic' AND o.slug = 'turn-to-mood-disorders';"
        ),
    ].map { Tampering(name: $0.0, sql: $0.1) }

    /// Quotes and defects moved off the text they are anchored to.
    private static let anchors: [Tampering] = [
        (
            "a quote shifted by one code point",
            "UPDATE citations SET start_offset = start_offset + 1, end_offset = end_offset + 1 WHERE id = (SELECT min(id) FROM citations);"
        ),
        ("a quote's words changed", "UPDATE citations SET exact = upper(exact) WHERE id = (SELECT min(id) FROM citations);"),
        ("a quote's prefix shortened", "UPDATE citations SET prefix = substr(prefix, 2) WHERE id = (SELECT max(id) FROM citations);"),
        ("a quote's suffix changed", "UPDATE citations SET suffix = 'x' || substr(suffix, 2) WHERE id = (SELECT max(id) FROM citations);"),
        (
            "a quote's source hash changed",
            "UPDATE citations SET source_sha256 = '\(String(repeating: "0", count: 64))' WHERE id = (SELECT min(id) FROM citations);"
        ),
        ("a quote's end past the text", "UPDATE citations SET end_offset = 99999 WHERE id = (SELECT min(id) FROM citations);"),
        (
            "a quote cut to one word elsewhere in the text",
            "UPDATE citations SET exact = 'ketamine', start_offset = 0, end_offset = 8 WHERE id = (SELECT max(id) FROM citations);"
        ),
        (
            "a defect's span past the text",
            "UPDATE source_defects SET start_offset = 99990, end_offset = 99999 WHERE id = (SELECT min(id) FROM source_defects);"
        ),
        ("a defect's words changed", "UPDATE source_defects SET exact = 'Recognized' WHERE exact = 'Recogniz';"),
        (
            "a defect overlapping another",
            "INSERT INTO source_defects(source_id, kind, start_offset, end_offset, exact, intended) SELECT source_id, 'corrupted_word', start_offset, end_offset, exact, 'x' FROM source_defects WHERE exact = 'micine';"
        ),
        ("a corrupted word without the word meant", "UPDATE source_defects SET intended = NULL WHERE exact = 'piatric';"),
        ("injected text given a word meant", "UPDATE source_defects SET intended = 'x' WHERE exact = 'near me';"),
        ("a defect's kind changed", "UPDATE source_defects SET kind = 'other', intended = NULL WHERE exact = 'spark';"),
    ].map { Tampering(name: $0.0, sql: $0.1) }

    /// Columns derived from others, out of step with them.
    private static let derived: [Tampering] = [
        ("a text's length wrong", "UPDATE sources SET text_length = text_length + 1;"),
        ("a text's hash wrong", "UPDATE sources SET text_sha256 = '\(String(repeating: "a", count: 64))';"),
        ("a text changed under its hash", "UPDATE sources SET text = text || ' More.', text_length = text_length + 6;"),
        (
            "a text given a carriage return",
            "UPDATE sources SET text = replace(text, 'Ketamine’s journey', 'Ketamine’s' || char(13) || ' journey');"
        ),
        ("a period event's bounds changed", "UPDATE historical_events SET earliest = '1960-01-01' WHERE precision = 'period';"),
        (
            "an undated event given bounds",
            "UPDATE historical_events SET earliest = '1960-01-01', latest = '1961-01-01' WHERE precision = 'unknown' AND record_id = (SELECT min(record_id) FROM historical_events WHERE precision = 'unknown');"
        ),
        (
            "an undated event given a year without EDTF",
            "UPDATE historical_events SET precision = 'year', earliest = '1962-01-01', latest = '1962-12-31' WHERE record_id = (SELECT min(record_id) FROM historical_events WHERE precision = 'unknown');"
        ),
        (
            "an undated event given an EDTF value",
            "UPDATE historical_events SET date_edtf = '1962' WHERE record_id = (SELECT min(record_id) FROM historical_events WHERE precision = 'unknown');"
        ),
        (
            "an event dated 1962 in EDTF, consistently",
            "UPDATE historical_events SET date_edtf = '1962', precision = 'year', earliest = '1962-01-01', latest = '1962-12-31' WHERE record_id = (SELECT min(record_id) FROM historical_events WHERE precision = 'unknown');"
        ),
        (
            "an EDTF date with bounds out of step",
            "UPDATE historical_events SET date_edtf = '1962', precision = 'year', earliest = '1962-01-01', latest = '1963-12-31' WHERE record_id = (SELECT min(record_id) FROM historical_events WHERE precision = 'unknown');"
        ),
        (
            "an EDTF date flagged approximate without ~",
            "UPDATE historical_events SET date_edtf = '1962', precision = 'year', earliest = '1962-01-01', latest = '1962-12-31', is_approximate = 1 WHERE record_id = (SELECT min(record_id) FROM historical_events WHERE precision = 'unknown');"
        ),
        (
            "an undated event flagged uncertain",
            "UPDATE historical_events SET is_uncertain = 1 WHERE precision = 'unknown' AND record_id = (SELECT min(record_id) FROM historical_events WHERE precision = 'unknown');"
        ),
        (
            "a period event dated by a substance",
            "UPDATE historical_events SET period_entity_id = (SELECT id FROM entities WHERE slug = 'ketamine') WHERE precision = 'period';"
        ),
        ("a period's bounds changed under its event", "UPDATE entities SET period_start = '1950-01-01' WHERE kind = 'period';"),
        ("a deprecated record without a reason", "UPDATE records SET status = 'deprecated' WHERE slug = 'surgical-beginnings';"),
        (
            "a record deprecated with a reason",
            "UPDATE records SET status = 'deprecated', deprecation_reason = 'Superseded.' WHERE slug = 'surgical-beginnings';"
        ),
        (
            "a mechanism's target made its agent",
            "UPDATE mechanisms SET target_entity_id = agent_entity_id WHERE target_entity_id IS NOT NULL AND record_id = (SELECT min(record_id) FROM mechanisms WHERE target_entity_id IS NOT NULL);"
        ),
        (
            "a mechanism with neither target, system nor effect",
            "UPDATE mechanisms SET target_entity_id = NULL, system_entity_id = NULL, effect = NULL WHERE record_id = (SELECT min(record_id) FROM mechanisms);"
        ),
        (
            "a claim's onset units backwards",
            "UPDATE clinical_claims SET onset_lower_unit = 'days', onset_upper_unit = 'hours' WHERE onset_text IS NOT NULL AND record_id = (SELECT min(record_id) FROM clinical_claims WHERE onset_text IS NOT NULL);"
        ),
        (
            "a claim's onset units without words",
            "UPDATE clinical_claims SET onset_text = NULL, onset_lower_unit = 'hours' WHERE record_id = (SELECT min(record_id) FROM clinical_claims);"
        ),
        (
            "a claim compared with its own intervention",
            "UPDATE clinical_claims SET comparator_entity_id = intervention_entity_id WHERE record_id = (SELECT min(record_id) FROM clinical_claims);"
        ),
        (
            "a comparator's unit without its words",
            "UPDATE clinical_claims SET comparator_onset_text = NULL, comparator_onset_unit = 'weeks', comparator_text = 'x' WHERE record_id = (SELECT min(record_id) FROM clinical_claims);"
        ),
        ("an entity of another kind with a period's bounds", "UPDATE entities SET period_start = '1960-01-01' WHERE slug = 'ketamine';"),
        ("a period ending before it starts", "UPDATE entities SET period_start = '1980-01-01' WHERE kind = 'period';"),
        ("an identifier of another scheme's shape", "UPDATE entity_identifiers SET value = 'CHEBI:6121' WHERE value = 'D007649';"),
    ].map { Tampering(name: $0.0, sql: $0.1) }

    /// Columns that describe the database, not the content, and the search index: an import
    /// rebuilds them, so the checks warn and the round trip holds.
    private static let bookkeeping: [Tampering] = [
        ("a record's updated_at not a timestamp", "UPDATE records SET updated_at = 'yesterday' WHERE slug = 'surgical-beginnings';"),
        ("a record's version 0", "UPDATE records SET version = 0 WHERE slug = 'surgical-beginnings';"),
        (
            "an entity's created_at after its updated_at",
            "UPDATE entities SET created_at = '2999-01-01T00:00:00.000Z' WHERE slug = 'ketamine';"
        ),
        ("a source's seed set not a slug", "UPDATE sources SET seed_set = 'Not A Slug';"),
        ("a relation's created_at not a timestamp", "UPDATE relations SET created_at = 'now' WHERE id = (SELECT min(id) FROM relations);"),
        ("a seed run's mode unknown", "UPDATE seed_runs SET mode = 'merge';"),
        (
            "record seed checksum not a digest",
            "UPDATE record_seeds SET checksum = 'x' WHERE record_id = (SELECT min(record_id) FROM record_seeds);"
        ),
        (
            "a search index row's title edited",
            "UPDATE search_index SET title = 'Forged title' WHERE rowid = (SELECT min(rowid) FROM search_index);"
        ),
        ("a record dropped from the search index", "DELETE FROM search_index WHERE rowid = (SELECT max(rowid) FROM search_index);"),
        (
            "an audit row's operation changed",
            "UPDATE audit_log SET operation = 'delete', new_values = NULL WHERE id = (SELECT max(id) FROM audit_log WHERE operation = 'update');"
        ),
    ].map { Tampering(name: $0.0, sql: $0.1) }
}
