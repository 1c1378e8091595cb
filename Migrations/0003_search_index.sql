-- Full-text search over records: titles, statements, quotes, and the names and aliases of the
-- entities each record involves. One FTS5 table whose rowid is records.id, kept in step with the
-- content by triggers, so raw SQL edits are indexed too. Deprecated records leave the index.
--
-- It is a regular FTS5 table (it stores its own copy of the text). A row is refreshed with
-- INSERT OR REPLACE, which FTS5 handles in one step; a DELETE on a virtual table would build a
-- temporary table on every trigger call, which costs more than the indexing itself.

-- Every entity a record involves, with its role: explicit links plus the typed columns of the
-- record's subtype row. Used by search and by the entity filters of the repositories.
CREATE VIEW record_entity_links(record_id, entity_id, role) AS
SELECT record_id, entity_id, 'about' FROM record_entities
UNION ALL SELECT record_id, period_entity_id, 'period' FROM historical_events WHERE period_entity_id IS NOT NULL
UNION ALL SELECT record_id, agent_entity_id, 'agent' FROM mechanisms
UNION ALL SELECT record_id, target_entity_id, 'target' FROM mechanisms WHERE target_entity_id IS NOT NULL
UNION ALL SELECT record_id, system_entity_id, 'system' FROM mechanisms WHERE system_entity_id IS NOT NULL
UNION ALL SELECT record_id, intervention_entity_id, 'intervention' FROM clinical_claims
UNION ALL SELECT record_id, indication_entity_id, 'indication' FROM clinical_claims WHERE indication_entity_id IS NOT NULL
UNION ALL SELECT record_id, comparator_entity_id, 'comparator' FROM clinical_claims WHERE comparator_entity_id IS NOT NULL;

-- What the index holds for each record that is not deprecated. (UNION ALL, not UNION: an entity
-- named twice is indexed twice, which costs less than the temporary table UNION needs.)
CREATE VIEW search_documents(record_id, kind, title, statement, quotes, entity_terms) AS
SELECT r.id, r.kind, r.title, r.statement,
       coalesce((SELECT group_concat(c.exact, ' … ') FROM citations c WHERE c.record_id = r.id), ''),
       coalesce((SELECT group_concat(term, ' ') FROM (
                   SELECT e.name AS term FROM record_entity_links l JOIN entities e ON e.id = l.entity_id
                   WHERE l.record_id = r.id
                   UNION ALL
                   SELECT a.alias FROM record_entity_links l JOIN entity_aliases a ON a.entity_id = l.entity_id
                   WHERE l.record_id = r.id)), '')
FROM records r
WHERE r.status <> 'deprecated';

-- Porter stemming, so "blocking" finds "blocks"; diacritics folded, so "naïve" finds "naive".
CREATE VIRTUAL TABLE search_index USING fts5(
  title, statement, quotes, entity_terms,
  kind UNINDEXED,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

-- A new record is indexed when its typed row arrives (below), not before: the library writes
-- both in one transaction. A record without its typed row is incomplete, and the curation
-- checks say so.

CREATE TRIGGER search_records_update AFTER UPDATE OF title, statement, status ON records
WHEN NEW.status <> 'deprecated'
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.id;
END;

CREATE TRIGGER search_records_deprecate AFTER UPDATE OF status ON records
WHEN NEW.status = 'deprecated'
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id;
END;

CREATE TRIGGER search_records_delete AFTER DELETE ON records
BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id;
END;

-- A record's quotes, typed entity columns and entity links feed its row. (When the record itself
-- is being deleted, search_documents has no row for it and nothing is written.)

CREATE TRIGGER search_citations_insert AFTER INSERT ON citations
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_citations_update AFTER UPDATE ON citations
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_citations_delete AFTER DELETE ON citations
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_record_entities_insert AFTER INSERT ON record_entities
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_record_entities_update AFTER UPDATE ON record_entities
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_record_entities_delete AFTER DELETE ON record_entities
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_historical_events_insert AFTER INSERT ON historical_events
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_historical_events_update AFTER UPDATE ON historical_events
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_historical_events_delete AFTER DELETE ON historical_events
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_mechanisms_insert AFTER INSERT ON mechanisms
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_mechanisms_update AFTER UPDATE ON mechanisms
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_mechanisms_delete AFTER DELETE ON mechanisms
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_clinical_claims_insert AFTER INSERT ON clinical_claims
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_clinical_claims_update AFTER UPDATE ON clinical_claims
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_clinical_claims_delete AFTER DELETE ON clinical_claims
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

-- Renaming an entity or changing its aliases refreshes every record that involves it.

CREATE TRIGGER search_entities_update AFTER UPDATE OF name ON entities
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id = NEW.id);
END;

CREATE TRIGGER search_entity_aliases_insert AFTER INSERT ON entity_aliases
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id = NEW.entity_id);
END;

CREATE TRIGGER search_entity_aliases_update AFTER UPDATE ON entity_aliases
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id IN (OLD.entity_id, NEW.entity_id));
END;

CREATE TRIGGER search_entity_aliases_delete AFTER DELETE ON entity_aliases
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id = OLD.entity_id);
END;
