import DossierTestSupport
import Foundation
import Testing

/// Attacks on a seeded database through the stock `sqlite3` shell, as someone with write access
/// to the file would make them: each is either refused inside SQLite, leaving the content as it
/// was, or found by `dossier check` (exit 4, naming the damage). Each runs under the shell's
/// defaults and under the settings that switch defences off: `recursive_triggers` on,
/// `foreign_keys` off with `ignore_check_constraints` on.
@Suite("Tampering through the sqlite3 shell")
struct TamperingAttackTests {
    /// What must become of an attack.
    enum Outcome: Sendable {
        /// SQLite refuses it; the file is unchanged and `check` passes.
        case refused
        /// It goes through, and `check` reports these rules.
        case detected([String])
    }

    struct Attack: Sendable, CustomTestStringConvertible {
        var name: String
        var sql: String
        var outcome: Outcome
        var testDescription: String { name }
    }

    static let settings = [
        "",
        "PRAGMA recursive_triggers = ON;",
        "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;",
    ]

    static let attacks: [Attack] = [
        // Conflict clauses: a REPLACE deletes the row in the way without firing delete triggers.
        Attack(
            name: "INSERT OR REPLACE rewrites an audit row",
            sql: """
                INSERT OR REPLACE INTO audit_log(id, at, table_name, row_id, record_id, operation, old_values, new_values)
                SELECT id, at, table_name, row_id, record_id, operation, old_values, replace(new_values, 'e', 'E') FROM audit_log WHERE id = 20;
                """, outcome: .refused),
        Attack(
            name: "REPLACE INTO rewrites an audit row",
            sql: """
                REPLACE INTO audit_log(id, at, table_name, row_id, record_id, operation, old_values, new_values)
                SELECT id, at, table_name, row_id, record_id, operation, NULL, new_values FROM audit_log WHERE operation = 'insert' LIMIT 1;
                """, outcome: .refused),
        Attack(
            name: "INSERT OR REPLACE changes a record's kind and resets its version",
            sql: """
                INSERT OR REPLACE INTO records(id, slug, kind, title, statement, certainty, status, version)
                SELECT id, slug, 'claim', title, statement, certainty, status, 1 FROM records WHERE kind = 'event' LIMIT 1;
                """, outcome: .refused),
        Attack(
            name: "an upsert resets a record's version",
            sql: """
                INSERT INTO records(id, slug, kind, title, statement, certainty, status, version)
                SELECT id, slug, kind, title, statement, certainty, status, 1 FROM records LIMIT 1
                ON CONFLICT(id) DO UPDATE SET version = 1;
                """, outcome: .refused),
        Attack(
            name: "REPLACE on sources",
            sql: """
                INSERT OR REPLACE INTO sources SELECT * FROM sources LIMIT 1;
                """, outcome: .refused),
        Attack(
            name: "REPLACE on source_defects", sql: "INSERT OR REPLACE INTO source_defects SELECT * FROM source_defects LIMIT 1;",
            outcome: .refused),
        Attack(name: "REPLACE on entities", sql: "INSERT OR REPLACE INTO entities SELECT * FROM entities LIMIT 1;", outcome: .refused),
        Attack(
            name: "REPLACE on entity_aliases", sql: "INSERT OR REPLACE INTO entity_aliases SELECT * FROM entity_aliases LIMIT 1;",
            outcome: .refused),
        Attack(
            name: "REPLACE on entity_identifiers",
            sql: "INSERT OR REPLACE INTO entity_identifiers SELECT * FROM entity_identifiers LIMIT 1;",
            outcome: .refused),
        Attack(
            name: "REPLACE on record_entities", sql: "INSERT OR REPLACE INTO record_entities SELECT * FROM record_entities LIMIT 1;",
            outcome: .refused),
        Attack(
            name: "REPLACE on mechanisms", sql: "INSERT OR REPLACE INTO mechanisms SELECT * FROM mechanisms LIMIT 1;", outcome: .refused),
        Attack(
            name: "REPLACE on historical_events", sql: "INSERT OR REPLACE INTO historical_events SELECT * FROM historical_events LIMIT 1;",
            outcome: .refused),
        Attack(
            name: "REPLACE on clinical_claims", sql: "INSERT OR REPLACE INTO clinical_claims SELECT * FROM clinical_claims LIMIT 1;",
            outcome: .refused),
        Attack(name: "REPLACE on citations", sql: "INSERT OR REPLACE INTO citations SELECT * FROM citations LIMIT 1;", outcome: .refused),
        Attack(name: "REPLACE on relations", sql: "INSERT OR REPLACE INTO relations SELECT * FROM relations LIMIT 1;", outcome: .refused),
        Attack(
            name: "REPLACE renames a migration in the ledger",
            sql:
                "INSERT OR REPLACE INTO dossier_migrations SELECT version, 'forged', checksum, checksum_algorithm, applied_at FROM dossier_migrations LIMIT 1;",
            outcome: .refused),
        Attack(
            name: "REPLACE rewrites a seed run",
            sql:
                "INSERT OR REPLACE INTO seed_runs(id, seed_set, mode, checksum, inserted, updated, deleted, at) SELECT id, seed_set, mode, checksum, 999, updated, deleted, at FROM seed_runs LIMIT 1;",
            outcome: .refused),
        Attack(
            name: "REPLACE rewrites a seed mark",
            sql: "INSERT OR REPLACE INTO record_seeds SELECT record_id, seed_set, checksum, 0 FROM record_seeds LIMIT 1;",
            outcome: .refused),
        Attack(
            name: "REPLACE rewrites an audit seal",
            sql: "INSERT OR REPLACE INTO audit_seals SELECT id, last_audit_id, printf('%064d', 0), at FROM audit_seals LIMIT 1;",
            outcome: .refused),
        Attack(name: "an audit seal is deleted", sql: "DELETE FROM audit_seals;", outcome: .refused),
        Attack(name: "an audit row is deleted", sql: "DELETE FROM audit_log WHERE id = 3;", outcome: .refused),
        Attack(name: "an audit row is updated", sql: "UPDATE audit_log SET new_values = '{}' WHERE id = 3;", outcome: .refused),
        Attack(
            name: "a record's kind is updated", sql: "UPDATE records SET kind = 'claim', version = version + 1 WHERE kind = 'event';",
            outcome: .refused),

        // What gets through, and must be found.
        Attack(
            name: "a temporary trigger suppresses the audit row of an edit",
            sql: """
                CREATE TEMP TRIGGER quiet BEFORE INSERT ON main.audit_log BEGIN SELECT RAISE(IGNORE); END;
                UPDATE records SET title = 'A silent edit', version = version + 1 WHERE slug = 'neural-pathway-reset';
                """, outcome: .detected(["audit_trail"])),
        Attack(
            name: "a stored trigger suppresses every audit row",
            sql: """
                CREATE TRIGGER quiet BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END;
                UPDATE records SET statement = statement || ' Edited.', version = version + 1 WHERE slug = 'neural-pathway-reset';
                """, outcome: .detected(["schema_drift", "audit_trail"])),
        Attack(
            name: "audit rows deleted after dropping the append-only trigger",
            sql: "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id BETWEEN 10 AND 12;",
            outcome: .detected(["schema_drift", "audit_trail"])),
        Attack(
            name: "an audit row rewritten after dropping the append-only trigger",
            sql: "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_values = replace(new_values, 'a', 'o') WHERE id = 30;",
            outcome: .detected(["schema_drift", "audit_trail"])),
        Attack(
            name: "a relation deleted with its audit trigger dropped",
            sql: "DROP TRIGGER audit_relations_delete; DELETE FROM relations WHERE id = (SELECT min(id) FROM relations);",
            outcome: .detected(["schema_drift", "audit_trail"])),
        Attack(
            name: "an overlong UTF-8 sequence stored as text",
            sql:
                "UPDATE records SET title = CAST(X'4B6574616D696E65C0AF' AS TEXT), version = version + 1 WHERE slug = 'neural-pathway-reset';",
            outcome: .detected(["encoding"])),
        Attack(
            name: "the search index edited by hand",
            sql: "UPDATE search_index SET title = 'forged' WHERE rowid = (SELECT min(rowid) FROM search_index);",
            outcome: .detected(["search_index"])),
        Attack(
            name: "a seed mark moved past the audit log, hiding later edits from seeding",
            sql: "UPDATE record_seeds SET audit_mark = 1000000 WHERE record_id = (SELECT min(record_id) FROM record_seeds);",
            outcome: .detected(["ledger"])),
        Attack(
            name: "a seed run dated before the one logged before it",
            sql:
                "INSERT INTO seed_runs(seed_set, mode, checksum, inserted, updated, deleted, at) VALUES ('ketamine', 'upsert', printf('%064d', 0), 0, 0, 0, '2001-01-01T00:00:00.000Z');",
            outcome: .detected(["ledger"])),
        Attack(
            name: "a migration renamed in the ledger after dropping its trigger",
            sql: "DROP TRIGGER dossier_migrations_no_update; UPDATE dossier_migrations SET name = 'forged' WHERE version = 1;",
            outcome: .detected(["schema_drift", "ledger"])),
    ]

    /// Each attack with each settings line; those that get through anyway only with the
    /// defaults, since check reads the file the same way whatever the shell's settings were.
    static let cases: [(Attack, Int)] = attacks.flatMap { attack in
        if case .refused = attack.outcome { return settings.indices.map { (attack, $0) } }
        return [(attack, 0)]
    }

    @Test("every attack is refused inside SQLite or found by check", arguments: cases)
    func attack(_ attack: Attack, settingsIndex: Int) throws {
        let workspace = try Workspace.seeded()
        let before = workspace.contents("dossier.sqlite")[0]
        let script = "\(Self.settings[settingsIndex])\n\(attack.sql)\n"
        let shell = try workspace.shell("sqlite3 -bail dossier.sqlite", input: script)
        let check = try workspace.dossier("check", "--problems-only", "--format", "csv")
        switch attack.outcome {
        case .refused:
            #expect(shell.status != 0, "\(attack.name): the shell accepted it")
            #expect(check.status == 0, "\(attack.name): \(check.stdout)")
            #expect(workspace.contents("dossier.sqlite")[0] == before, "\(attack.name): the file changed")
        case .detected(let rules):
            #expect(shell.status == 0, "\(attack.name): \(shell.stderr)")
            #expect(check.status == 4, "\(attack.name): check exited \(check.status)")
            for rule in rules {
                #expect(
                    check.stdout.contains("error,\(rule),") || check.stdout.contains("warning,\(rule),"),
                    "\(attack.name): no \(rule) in \(check.stdout)")
            }
        }
    }

    /// What `sqlite-utils transform` does: a copy of the table (of the columns kept) without its
    /// constraints and triggers takes the original's place.
    static func rebuild(_ table: String, keeping columns: String) -> String {
        """
        PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;
        BEGIN;
        CREATE TABLE \(table)_new AS SELECT \(columns) FROM \(table);
        DROP TABLE \(table);
        ALTER TABLE \(table)_new RENAME TO \(table);
        COMMIT;
        """
    }

    @Test("a table rebuilt by another tool stops every write (exit 5) until migrate repair restores it; then check passes")
    func driftGatesWritesUntilRepaired() throws {
        let workspace = try Workspace.seeded()
        #expect(try workspace.shell("sqlite3 -bail dossier.sqlite", input: Self.rebuild("records", keeping: "*")).status == 0)
        let before = workspace.contents("dossier.sqlite")
        for command in [["setup"], ["seed", "--force"]] {
            let refused = try workspace.dossier(arguments: command)
            #expect(refused.status == 5, "\(command): \(refused.status) \(refused.stderr)")
            #expect(refused.stderr.contains("records") && refused.stderr.contains("migrate repair"))
        }
        #expect(workspace.contents("dossier.sqlite") == before)
        #expect(try workspace.dossier("migrate", "verify").status == 5)
        #expect(try workspace.dossier("check").status == 4)

        let repair = try workspace.dossier("migrate", "repair")
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("rebuilt table records") && repair.stdout.contains("backup: "))
        #expect(try workspace.dossier("migrate", "verify").status == 0)
        let check = try workspace.dossier("check", "--problems-only")
        #expect(check.status == 0, "\(check.stdout)")
        #expect(try workspace.dossier("setup").status == 0)
        #expect(try workspace.dossier("migrate", "repair").stdout.contains("nothing to repair"))
    }

    @Test("migrate repair refuses, changing nothing, when a table lost a column")
    func repairRefusesLostColumns() throws {
        let workspace = try Workspace.seeded()
        let dropNote = Self.rebuild("relations", keeping: "id, subject_record_id, predicate, object_record_id")
        #expect(try workspace.shell("sqlite3 -bail dossier.sqlite", input: dropNote).status == 0)
        let before = workspace.contents("dossier.sqlite")
        let repair = try workspace.dossier("migrate", "repair")
        #expect(repair.status == 5 && repair.stderr.contains("relations"), "\(repair.stderr)")
        #expect(workspace.contents("dossier.sqlite") == before)
    }
}
