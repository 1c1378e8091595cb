-- Defences against raw SQL that the earlier migrations left open.
--
-- 1. No conflict clause replaces a row. `INSERT OR REPLACE` (and `REPLACE INTO`, and an upsert)
--    resolves a UNIQUE or PRIMARY KEY conflict by deleting the old row, and SQLite fires no
--    delete trigger for that deletion unless `recursive_triggers` is on, which the stock shell
--    leaves off. So a REPLACE rewrote the append-only audit log and ledgers, changed a record's
--    kind and reset its version, all without an audit row. Every table with a key now refuses,
--    before the insert, a row whose key is taken. The message starts "UNIQUE constraint failed"
--    because that is what the insert means; the library reports it as a duplicate, as before.
--    Ids are compared only when positive: in a BEFORE INSERT trigger NEW.id is -1 when SQLite
--    has not chosen the id yet.
--    (The migration ledger gets the same trigger from the migrator, which creates that table.)
--
-- 2. Seals on the audit log. The library seals the rows written since the last seal at the end
--    of each of its write transactions: it stores the SHA-256 of the previous seal's hash
--    followed by those rows. `dossier check` recomputes the chain, so a sealed audit row that
--    was deleted, rewritten or inserted into the past is reported. A seal cannot be computed in
--    SQL (SQLite 3.40 has no SHA-256 function), so rows written by raw SQL stay unsealed until
--    the library next writes; `check` counts them.

------------------------------------------------------------------------------ no replacing

CREATE TRIGGER sources_no_replace BEFORE INSERT ON sources
WHEN EXISTS (SELECT 1 FROM sources WHERE (NEW.id > 0 AND id = NEW.id) OR slug = NEW.slug)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: sources.id or sources.slug is taken (a REPLACE would delete the row without an audit row; UPDATE it instead)');
END;

CREATE TRIGGER source_defects_no_replace BEFORE INSERT ON source_defects
WHEN EXISTS (SELECT 1 FROM source_defects WHERE (NEW.id > 0 AND id = NEW.id) OR (source_id = NEW.source_id AND start_offset = NEW.start_offset))
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: source_defects.id or (source_id, start_offset) is taken (a REPLACE would delete the row without an audit row; UPDATE it instead)');
END;

CREATE TRIGGER entities_no_replace BEFORE INSERT ON entities
WHEN EXISTS (SELECT 1 FROM entities WHERE (NEW.id > 0 AND id = NEW.id) OR slug = NEW.slug)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: entities.id or entities.slug is taken (a REPLACE would delete the row without an audit row; UPDATE it instead)');
END;

CREATE TRIGGER entity_aliases_no_replace BEFORE INSERT ON entity_aliases
WHEN EXISTS (SELECT 1 FROM entity_aliases WHERE entity_id = NEW.entity_id AND alias = NEW.alias)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: entity_aliases (entity_id, alias) is taken (a REPLACE would delete the row without an audit row)');
END;

CREATE TRIGGER entity_identifiers_no_replace BEFORE INSERT ON entity_identifiers
WHEN EXISTS (SELECT 1 FROM entity_identifiers
             WHERE (entity_id = NEW.entity_id AND scheme = NEW.scheme) OR (scheme = NEW.scheme AND value = NEW.value))
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: entity_identifiers (entity_id, scheme) or (scheme, value) is taken (a REPLACE would delete the row without an audit row)');
END;

CREATE TRIGGER records_no_replace BEFORE INSERT ON records
WHEN EXISTS (SELECT 1 FROM records WHERE (NEW.id > 0 AND id = NEW.id) OR slug = NEW.slug)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: records.id or records.slug is taken (a REPLACE would change the record without an audit row and reset its version; UPDATE it instead)');
END;

CREATE TRIGGER record_entities_no_replace BEFORE INSERT ON record_entities
WHEN EXISTS (SELECT 1 FROM record_entities WHERE record_id = NEW.record_id AND entity_id = NEW.entity_id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: record_entities (record_id, entity_id) is taken (a REPLACE would delete the row without an audit row)');
END;

CREATE TRIGGER historical_events_no_replace BEFORE INSERT ON historical_events
WHEN EXISTS (SELECT 1 FROM historical_events WHERE record_id = NEW.record_id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: historical_events.record_id is taken (a REPLACE would delete the row without an audit row; UPDATE it instead)');
END;

CREATE TRIGGER mechanisms_no_replace BEFORE INSERT ON mechanisms
WHEN EXISTS (SELECT 1 FROM mechanisms WHERE record_id = NEW.record_id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: mechanisms.record_id is taken (a REPLACE would delete the row without an audit row; UPDATE it instead)');
END;

CREATE TRIGGER clinical_claims_no_replace BEFORE INSERT ON clinical_claims
WHEN EXISTS (SELECT 1 FROM clinical_claims WHERE record_id = NEW.record_id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: clinical_claims.record_id is taken (a REPLACE would delete the row without an audit row; UPDATE it instead)');
END;

CREATE TRIGGER citations_no_replace BEFORE INSERT ON citations
WHEN EXISTS (SELECT 1 FROM citations
             WHERE (NEW.id > 0 AND id = NEW.id)
                OR (record_id = NEW.record_id AND source_id = NEW.source_id AND start_offset = NEW.start_offset AND end_offset = NEW.end_offset))
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: citations.id or the quote (record_id, source_id, start_offset, end_offset) is taken (a REPLACE would delete the row without an audit row)');
END;

CREATE TRIGGER relations_no_replace BEFORE INSERT ON relations
WHEN EXISTS (SELECT 1 FROM relations
             WHERE (NEW.id > 0 AND id = NEW.id)
                OR (subject_record_id = NEW.subject_record_id AND predicate = NEW.predicate AND object_record_id = NEW.object_record_id))
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: relations.id or (subject_record_id, predicate, object_record_id) is taken (a REPLACE would delete the row without an audit row)');
END;

CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id > 0 AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: audit_log.id is taken (audit_log is append-only)');
END;

CREATE TRIGGER record_seeds_no_replace BEFORE INSERT ON record_seeds
WHEN EXISTS (SELECT 1 FROM record_seeds WHERE record_id = NEW.record_id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: record_seeds.record_id is taken (UPDATE it instead)');
END;

CREATE TRIGGER seed_runs_no_replace BEFORE INSERT ON seed_runs
WHEN NEW.id > 0 AND EXISTS (SELECT 1 FROM seed_runs WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: seed_runs.id is taken (seed_runs is append-only)');
END;

------------------------------------------------------------------------------ audit seals

CREATE TABLE audit_seals (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  -- The seal covers the audit rows after the previous seal's last_audit_id, up to this one.
  last_audit_id  INTEGER NOT NULL UNIQUE CHECK (last_audit_id > 0),
  -- SHA-256 of the previous seal's chain_hash (64 zeros for the first) followed by the rows.
  chain_hash     TEXT NOT NULL CHECK (length(chain_hash) = 64 AND chain_hash NOT GLOB '*[^0-9a-f]*'),
  at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TRIGGER audit_seals_in_order BEFORE INSERT ON audit_seals
WHEN (NEW.id > 0 AND EXISTS (SELECT 1 FROM audit_seals WHERE id = NEW.id))
  OR NEW.last_audit_id <= coalesce((SELECT max(last_audit_id) FROM audit_seals), 0)
  OR NEW.last_audit_id > coalesce((SELECT max(id) FROM audit_log), 0)
BEGIN
  SELECT RAISE(ABORT, 'audit_seals is append-only: a seal covers audit rows after the last seal, up to the newest');
END;

CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals
BEGIN
  SELECT RAISE(ABORT, 'audit_seals is append-only');
END;

CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals
BEGIN
  SELECT RAISE(ABORT, 'audit_seals is append-only');
END;
