-- Deferred search indexing, for loading many rows in one transaction.
--
-- The search triggers of 0003 re-index a record at every statement that touches it: its typed
-- row, then each citation, then each entity link. FTS5 writes a rowid it has already seen this
-- transaction only after flushing its pending terms to disk, so a record loaded with three
-- quotes is indexed four times and costs four flushes: loading through the full schema took
-- 25 times a plain table.
--
-- While search_index_pending holds the row 0, each search trigger instead notes the record it
-- would have re-indexed, and the library indexes every noted record in one pass, in rowid order
-- (FTS5 then appends without flushing), before it removes the row 0 and commits. Outside a load
-- the table is empty and the triggers behave exactly as before.
--
-- Defences. The row 0 must not outlive the transaction that added it, or the index would stop
-- following the content: every row of search_index_pending references the row -1, which the
-- CHECK makes impossible, through a deferred foreign key, so COMMIT fails while any row is
-- left. (With foreign_keys off, as in the stock sqlite3 shell, that check does not run;
-- `dossier check` reports a leftover row and the records it left unindexed.)

CREATE TABLE search_index_pending(
  record_id INTEGER PRIMARY KEY CHECK (record_id >= 0),
  -- Always -1, which no row can have: the deferred foreign key fails at COMMIT while a row exists.
  cleared_before_commit INTEGER NOT NULL DEFAULT -1 CHECK (cleared_before_commit = -1)
    REFERENCES search_index_pending(record_id) DEFERRABLE INITIALLY DEFERRED
);
-- The table is its own parent: each insert or delete of a row looks for rows referencing it,
-- which without this index would scan the table, making a load quadratic.
CREATE INDEX search_index_pending_cleared_before_commit ON search_index_pending(cleared_before_commit);

DROP TRIGGER search_records_update;
CREATE TRIGGER search_records_update AFTER UPDATE OF title, statement, status ON records
WHEN NEW.status <> 'deprecated' AND NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.id;
END;

CREATE TRIGGER search_records_update_deferred AFTER UPDATE OF title, statement, status ON records
WHEN NEW.status <> 'deprecated' AND EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (NEW.id);
END;

DROP TRIGGER search_records_deprecate;
CREATE TRIGGER search_records_deprecate AFTER UPDATE OF status ON records
WHEN NEW.status = 'deprecated' AND NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_records_deprecate_deferred AFTER UPDATE OF status ON records
WHEN NEW.status = 'deprecated' AND EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.id);
END;

DROP TRIGGER search_records_delete;
CREATE TRIGGER search_records_delete AFTER DELETE ON records
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_records_delete_deferred AFTER DELETE ON records
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.id);
END;

DROP TRIGGER search_citations_insert;
CREATE TRIGGER search_citations_insert AFTER INSERT ON citations
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_citations_insert_deferred AFTER INSERT ON citations
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (NEW.record_id);
END;

DROP TRIGGER search_citations_update;
CREATE TRIGGER search_citations_update AFTER UPDATE ON citations
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_citations_update_deferred AFTER UPDATE ON citations
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id), (NEW.record_id);
END;

DROP TRIGGER search_citations_delete;
CREATE TRIGGER search_citations_delete AFTER DELETE ON citations
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_citations_delete_deferred AFTER DELETE ON citations
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id);
END;

DROP TRIGGER search_record_entities_insert;
CREATE TRIGGER search_record_entities_insert AFTER INSERT ON record_entities
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_record_entities_insert_deferred AFTER INSERT ON record_entities
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (NEW.record_id);
END;

DROP TRIGGER search_record_entities_update;
CREATE TRIGGER search_record_entities_update AFTER UPDATE ON record_entities
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_record_entities_update_deferred AFTER UPDATE ON record_entities
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id), (NEW.record_id);
END;

DROP TRIGGER search_record_entities_delete;
CREATE TRIGGER search_record_entities_delete AFTER DELETE ON record_entities
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_record_entities_delete_deferred AFTER DELETE ON record_entities
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id);
END;

DROP TRIGGER search_historical_events_insert;
CREATE TRIGGER search_historical_events_insert AFTER INSERT ON historical_events
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_historical_events_insert_deferred AFTER INSERT ON historical_events
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (NEW.record_id);
END;

DROP TRIGGER search_historical_events_update;
CREATE TRIGGER search_historical_events_update AFTER UPDATE ON historical_events
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_historical_events_update_deferred AFTER UPDATE ON historical_events
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id), (NEW.record_id);
END;

DROP TRIGGER search_historical_events_delete;
CREATE TRIGGER search_historical_events_delete AFTER DELETE ON historical_events
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_historical_events_delete_deferred AFTER DELETE ON historical_events
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id);
END;

DROP TRIGGER search_mechanisms_insert;
CREATE TRIGGER search_mechanisms_insert AFTER INSERT ON mechanisms
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_mechanisms_insert_deferred AFTER INSERT ON mechanisms
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (NEW.record_id);
END;

DROP TRIGGER search_mechanisms_update;
CREATE TRIGGER search_mechanisms_update AFTER UPDATE ON mechanisms
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_mechanisms_update_deferred AFTER UPDATE ON mechanisms
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id), (NEW.record_id);
END;

DROP TRIGGER search_mechanisms_delete;
CREATE TRIGGER search_mechanisms_delete AFTER DELETE ON mechanisms
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_mechanisms_delete_deferred AFTER DELETE ON mechanisms
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id);
END;

DROP TRIGGER search_clinical_claims_insert;
CREATE TRIGGER search_clinical_claims_insert AFTER INSERT ON clinical_claims
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_clinical_claims_insert_deferred AFTER INSERT ON clinical_claims
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (NEW.record_id);
END;

DROP TRIGGER search_clinical_claims_update;
CREATE TRIGGER search_clinical_claims_update AFTER UPDATE ON clinical_claims
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_clinical_claims_update_deferred AFTER UPDATE ON clinical_claims
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id), (NEW.record_id);
END;

DROP TRIGGER search_clinical_claims_delete;
CREATE TRIGGER search_clinical_claims_delete AFTER DELETE ON clinical_claims
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_clinical_claims_delete_deferred AFTER DELETE ON clinical_claims
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) VALUES (OLD.record_id);
END;

DROP TRIGGER search_entities_update;
CREATE TRIGGER search_entities_update AFTER UPDATE OF name ON entities
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id = NEW.id);
END;

CREATE TRIGGER search_entities_update_deferred AFTER UPDATE OF name ON entities
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) SELECT record_id FROM record_entity_links WHERE entity_id = NEW.id;
END;

DROP TRIGGER search_entity_aliases_insert;
CREATE TRIGGER search_entity_aliases_insert AFTER INSERT ON entity_aliases
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id = NEW.entity_id);
END;

CREATE TRIGGER search_entity_aliases_insert_deferred AFTER INSERT ON entity_aliases
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) SELECT record_id FROM record_entity_links WHERE entity_id = NEW.entity_id;
END;

DROP TRIGGER search_entity_aliases_update;
CREATE TRIGGER search_entity_aliases_update AFTER UPDATE ON entity_aliases
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id IN (OLD.entity_id, NEW.entity_id));
END;

CREATE TRIGGER search_entity_aliases_update_deferred AFTER UPDATE ON entity_aliases
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) SELECT record_id FROM record_entity_links WHERE entity_id IN (OLD.entity_id, NEW.entity_id);
END;

DROP TRIGGER search_entity_aliases_delete;
CREATE TRIGGER search_entity_aliases_delete AFTER DELETE ON entity_aliases
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id = OLD.entity_id);
END;

CREATE TRIGGER search_entity_aliases_delete_deferred AFTER DELETE ON entity_aliases
WHEN EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR IGNORE INTO search_index_pending(record_id) SELECT record_id FROM record_entity_links WHERE entity_id = OLD.entity_id;
END;
