-- Part 1: bibliographic references and claim evidence. Part 2, at the end: entity kind person.
--
-- Bibliographic references: studies, reviews, labels and books that a claim cites as evidence
-- for its evidence level, without their full text. A quote still needs a source with its text
-- (`sources`); a reference only names the work, by DOI, PubMed id, ISBN or URL (at least one).
--
-- The identifiers' shapes are checked here; an ISBN's check digit is the library's alone (SQL
-- checks its length, digits and prefix), and `dossier check` reports a wrong one.
--
-- claim_evidence says which references each claim cites, with an optional note. A reference a
-- claim cites cannot be deleted (no cascade), a claim's evidence goes with the claim.

CREATE TABLE bibliographic_references (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  slug          TEXT NOT NULL UNIQUE
                CHECK (length(slug) BETWEEN 1 AND 100 AND length(CAST(slug AS BLOB)) = length(slug) AND slug NOT GLOB '*[^a-z0-9-]*'
                     AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
  title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  kind          TEXT NOT NULL CHECK (kind IN ('web_article', 'news_article', 'review', 'systematic_review', 'trial', 'observational_study', 'case_report', 'drug_label', 'guideline', 'book', 'other')),
  -- 10.<registrant: 4 digits, then digits and dots>/<suffix>.
  doi           TEXT CHECK (doi IS NULL OR (length(doi) BETWEEN 6 AND 300 AND doi GLOB '10.[0-9][0-9][0-9][0-9]*/?*'
                                            AND substr(doi, 4, instr(doi, '/') - 4) NOT GLOB '*[^0-9.]*')),
  -- A PubMed id: 1 to 9 digits, the first not 0.
  pmid          TEXT CHECK (pmid IS NULL OR (length(pmid) BETWEEN 1 AND 9 AND pmid NOT GLOB '*[^0-9]*' AND pmid NOT GLOB '0*')),
  -- An ISBN-10 (9 digits and a digit or X) or ISBN-13 (978 or 979 and 10 digits), no hyphens.
  isbn          TEXT CHECK (isbn IS NULL
                            OR (length(isbn) = 10 AND substr(isbn, 1, 9) NOT GLOB '*[^0-9]*' AND substr(isbn, 10) GLOB '[0-9X]')
                            OR (length(isbn) = 13 AND isbn NOT GLOB '*[^0-9]*' AND (isbn GLOB '978*' OR isbn GLOB '979*'))),
  url           TEXT CHECK (url IS NULL OR (length(url) <= 2000 AND (url GLOB 'http://?*' OR url GLOB 'https://?*'))),
  authors       TEXT CHECK (authors IS NULL OR length(authors) BETWEEN 1 AND 1000),
  published_on  TEXT CHECK (published_on IS NULL
                            OR (length(published_on) = 4 AND published_on NOT GLOB '*[^0-9]*')
                            OR date(published_on || '-01', '+0 days') IS published_on || '-01'
                            OR date(published_on, '+0 days') IS published_on),
  seed_set      TEXT CHECK (seed_set IS NULL OR (length(seed_set) BETWEEN 1 AND 100 AND length(CAST(seed_set AS BLOB)) = length(seed_set) AND seed_set NOT GLOB '*[^a-z0-9-]*'
                     AND seed_set NOT GLOB '-*' AND seed_set NOT GLOB '*-' AND seed_set NOT GLOB '*--*')),
  CHECK (doi IS NOT NULL OR pmid IS NOT NULL OR isbn IS NOT NULL OR url IS NOT NULL)
) STRICT;

CREATE TRIGGER bibliographic_references_rules_insert BEFORE INSERT ON bibliographic_references
BEGIN
  SELECT RAISE(ABORT, 'bibliographic_references.title must not be empty, nor start or end with whitespace')
  WHERE NEW.title IS NOT trim(NEW.title, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.title = '';
  SELECT RAISE(ABORT, 'bibliographic_references.title must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE NEW.title GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.title AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'bibliographic_references.authors must not be empty, nor start or end with whitespace')
  WHERE NEW.authors IS NOT trim(NEW.authors, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.authors = '';
  SELECT RAISE(ABORT, 'bibliographic_references.authors must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE NEW.authors GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.authors AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'bibliographic_references.doi must be a DOI (10.NNNN/suffix), without spaces or control characters')
  WHERE NEW.doi GLOB ('*[' || char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288) || ']*') OR NEW.doi GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.doi AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'bibliographic_references.url must be an http(s) URL of at most 2000 characters, without spaces or control characters')
  WHERE NEW.url GLOB ('*[' || char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288) || ']*') OR NEW.url GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.url AS BLOB), x'00') > 0;
END;

CREATE TRIGGER bibliographic_references_rules_update BEFORE UPDATE ON bibliographic_references
BEGIN
  SELECT RAISE(ABORT, 'bibliographic_references.title must not be empty, nor start or end with whitespace')
  WHERE NEW.title IS NOT trim(NEW.title, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.title = '';
  SELECT RAISE(ABORT, 'bibliographic_references.title must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE NEW.title GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.title AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'bibliographic_references.authors must not be empty, nor start or end with whitespace')
  WHERE NEW.authors IS NOT trim(NEW.authors, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.authors = '';
  SELECT RAISE(ABORT, 'bibliographic_references.authors must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE NEW.authors GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.authors AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'bibliographic_references.doi must be a DOI (10.NNNN/suffix), without spaces or control characters')
  WHERE NEW.doi GLOB ('*[' || char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288) || ']*') OR NEW.doi GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.doi AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'bibliographic_references.url must be an http(s) URL of at most 2000 characters, without spaces or control characters')
  WHERE NEW.url GLOB ('*[' || char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288) || ']*') OR NEW.url GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.url AS BLOB), x'00') > 0;
END;

CREATE TRIGGER bibliographic_references_no_replace BEFORE INSERT ON bibliographic_references
WHEN EXISTS (SELECT 1 FROM bibliographic_references WHERE (NEW.id > 0 AND id = NEW.id) OR slug = NEW.slug)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: bibliographic_references.id or bibliographic_references.slug is taken (a REPLACE would delete the row without an audit row; UPDATE it instead)');
END;

CREATE TABLE claim_evidence (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id     INTEGER NOT NULL REFERENCES clinical_claims(record_id) ON DELETE CASCADE,
  reference_id  INTEGER NOT NULL REFERENCES bibliographic_references(id),
  note          TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 1000),
  UNIQUE (record_id, reference_id)
) STRICT;

CREATE INDEX claim_evidence_reference ON claim_evidence(reference_id);

CREATE TRIGGER claim_evidence_rules_insert BEFORE INSERT ON claim_evidence
BEGIN
  SELECT RAISE(ABORT, 'claim_evidence.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'claim_evidence.note must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE NEW.note GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.note AS BLOB), x'00') > 0;
END;

CREATE TRIGGER claim_evidence_rules_update BEFORE UPDATE ON claim_evidence
BEGIN
  SELECT RAISE(ABORT, 'claim_evidence.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'claim_evidence.note must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE NEW.note GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.note AS BLOB), x'00') > 0;
END;

CREATE TRIGGER claim_evidence_no_replace BEFORE INSERT ON claim_evidence
WHEN EXISTS (SELECT 1 FROM claim_evidence WHERE (NEW.id > 0 AND id = NEW.id) OR (record_id = NEW.record_id AND reference_id = NEW.reference_id))
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: claim_evidence.id or (record_id, reference_id) is taken (a REPLACE would delete the row without an audit row)');
END;

CREATE TRIGGER audit_bibliographic_references_insert AFTER INSERT ON bibliographic_references
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('bibliographic_references', NEW.id, NULL, 'insert', NULL,
          json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'kind', NEW.kind, 'doi', NEW.doi, 'pmid', NEW.pmid, 'isbn', NEW.isbn, 'url', NEW.url, 'authors', NEW.authors, 'published_on', NEW.published_on, 'seed_set', NEW.seed_set));
END;
CREATE TRIGGER audit_bibliographic_references_update AFTER UPDATE ON bibliographic_references
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('bibliographic_references', NEW.id, NULL, 'update',
          json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'kind', OLD.kind, 'doi', OLD.doi, 'pmid', OLD.pmid, 'isbn', OLD.isbn, 'url', OLD.url, 'authors', OLD.authors, 'published_on', OLD.published_on, 'seed_set', OLD.seed_set),
          json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'kind', NEW.kind, 'doi', NEW.doi, 'pmid', NEW.pmid, 'isbn', NEW.isbn, 'url', NEW.url, 'authors', NEW.authors, 'published_on', NEW.published_on, 'seed_set', NEW.seed_set));
END;
CREATE TRIGGER audit_bibliographic_references_delete AFTER DELETE ON bibliographic_references
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('bibliographic_references', OLD.id, NULL, 'delete',
          json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'kind', OLD.kind, 'doi', OLD.doi, 'pmid', OLD.pmid, 'isbn', OLD.isbn, 'url', OLD.url, 'authors', OLD.authors, 'published_on', OLD.published_on, 'seed_set', OLD.seed_set), NULL);
END;

CREATE TRIGGER audit_claim_evidence_insert AFTER INSERT ON claim_evidence
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('claim_evidence', NEW.id, NEW.record_id, 'insert', NULL,
          json_object('id', NEW.id, 'record_id', NEW.record_id, 'reference_id', NEW.reference_id, 'note', NEW.note));
END;
CREATE TRIGGER audit_claim_evidence_update AFTER UPDATE ON claim_evidence
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('claim_evidence', NEW.id, NEW.record_id, 'update',
          json_object('id', OLD.id, 'record_id', OLD.record_id, 'reference_id', OLD.reference_id, 'note', OLD.note),
          json_object('id', NEW.id, 'record_id', NEW.record_id, 'reference_id', NEW.reference_id, 'note', NEW.note));
END;
CREATE TRIGGER audit_claim_evidence_delete AFTER DELETE ON claim_evidence
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('claim_evidence', OLD.id, OLD.record_id, 'delete',
          json_object('id', OLD.id, 'record_id', OLD.record_id, 'reference_id', OLD.reference_id, 'note', OLD.note), NULL);
END;
------------------------------------------------------------------------------ entity kind person

-- Entity kind `person`. SQLite cannot alter a CHECK, so `entities` is rebuilt with the steps of
-- https://sqlite.org/lang_altertable.html#otheralter: the new table (the same columns and rules,
-- `person` added to the kind list), the rows copied with their ids (and the AUTOINCREMENT
-- counter, so that no id is given twice), the old table dropped, the new one renamed. The
-- triggers and views that name `entities`, or a view that does, are dropped first (renaming
-- checks every one, and they would name a missing table) and re-created after, exactly as
-- migrations 0001 to 0009 left them; the old table's own triggers go with it.
--
-- The migrator runs this with foreign keys off, so dropping the old table deletes no alias,
-- identifier, definition or record row (the tables that reference `entities` keep naming it),
-- and checks every foreign key before it commits.

DROP TRIGGER historical_events_period_insert;
DROP TRIGGER historical_events_period_update;
DROP TRIGGER search_records_update;
DROP TRIGGER search_citations_insert;
DROP TRIGGER search_citations_update;
DROP TRIGGER search_citations_delete;
DROP TRIGGER search_record_entities_insert;
DROP TRIGGER search_record_entities_update;
DROP TRIGGER search_record_entities_delete;
DROP TRIGGER search_historical_events_insert;
DROP TRIGGER search_historical_events_update;
DROP TRIGGER search_historical_events_delete;
DROP TRIGGER search_mechanisms_insert;
DROP TRIGGER search_mechanisms_update;
DROP TRIGGER search_mechanisms_delete;
DROP TRIGGER search_clinical_claims_insert;
DROP TRIGGER search_clinical_claims_update;
DROP TRIGGER search_clinical_claims_delete;
DROP TRIGGER search_entity_aliases_insert;
DROP TRIGGER search_entity_aliases_update;
DROP TRIGGER search_entity_aliases_delete;
DROP VIEW search_documents;

CREATE TABLE entities_new (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  slug          TEXT NOT NULL UNIQUE
                CHECK (length(slug) BETWEEN 1 AND 100 AND length(CAST(slug AS BLOB)) = length(slug) AND slug NOT GLOB '*[^a-z0-9-]*'
                       AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
  kind          TEXT NOT NULL CHECK ((kind = 'substance' OR kind = 'drug_class' OR kind = 'receptor' OR
                                      kind = 'neurotransmitter_system' OR kind = 'biological_process' OR
                                      kind = 'condition' OR kind = 'procedure' OR kind = 'field' OR
                                      kind = 'period' OR kind = 'population' OR kind = 'organization' OR
                                      kind = 'place' OR kind = 'person' OR kind = 'other')),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200 AND name = trim(name)),
  description   TEXT CHECK (description IS NULL OR (length(description) > 0 AND description = trim(description))),
  -- A period's bounds (e.g. the Vietnam War), as ISO dates; only periods have them.
  period_start  TEXT CHECK (period_start IS NULL OR date(period_start, '+0 days') IS period_start),
  period_end    TEXT CHECK (period_end IS NULL OR date(period_end, '+0 days') IS period_end),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), seed_set TEXT
  CHECK (seed_set IS NULL OR (length(seed_set) BETWEEN 1 AND 100 AND length(CAST(seed_set AS BLOB)) = length(seed_set) AND seed_set NOT GLOB '*[^a-z0-9-]*')),
  CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end),
  CHECK (kind = 'period' OR (period_start IS NULL AND period_end IS NULL)),
  CHECK (updated_at >= created_at)
) STRICT;

INSERT INTO entities_new(id, slug, kind, name, description, period_start, period_end, created_at, updated_at, seed_set)
  SELECT id, slug, kind, name, description, period_start, period_end, created_at, updated_at, seed_set FROM entities ORDER BY id;

INSERT INTO sqlite_sequence(name, seq)
  SELECT 'entities_new', 0 FROM sqlite_sequence WHERE name = 'entities'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'entities_new');
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM sqlite_sequence WHERE name = 'entities'))
WHERE name = 'entities_new';

DROP TABLE entities;

ALTER TABLE entities_new RENAME TO entities;

-- What was dropped, as sqlite_schema held it after migration 0009: the views, then the
-- triggers, the old table's own first.

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

CREATE TRIGGER entities_prose_insert BEFORE INSERT ON entities
  WHEN (coalesce(NEW.name, '') || coalesce(NEW.description, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.name, '') || coalesce(NEW.description, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'entities: name and description must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER entities_prose_update BEFORE UPDATE OF name, description ON entities
  WHEN (coalesce(NEW.name, '') || coalesce(NEW.description, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.name, '') || coalesce(NEW.description, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'entities: name and description must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER audit_entities_insert AFTER INSERT ON entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entities', NEW.id, NULL, 'insert', NULL,
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'name', NEW.name,
            'description', NEW.description, 'period_start', NEW.period_start, 'period_end', NEW.period_end,
            'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'seed_set', NEW.seed_set));
END;

CREATE TRIGGER audit_entities_update AFTER UPDATE OF id, slug, kind, name, description, period_start, period_end, created_at, seed_set ON entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entities', NEW.id, NULL, 'update',
          json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'name', OLD.name,
            'description', OLD.description, 'period_start', OLD.period_start, 'period_end', OLD.period_end,
            'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'seed_set', OLD.seed_set),
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'name', NEW.name,
            'description', NEW.description, 'period_start', NEW.period_start, 'period_end', NEW.period_end,
            'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ELSE NEW.updated_at END,
            'seed_set', NEW.seed_set));
END;

CREATE TRIGGER audit_entities_delete AFTER DELETE ON entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entities', OLD.id, NULL, 'delete',
          json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'name', OLD.name,
            'description', OLD.description, 'period_start', OLD.period_start, 'period_end', OLD.period_end,
            'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'seed_set', OLD.seed_set), NULL);
END;

CREATE TRIGGER entities_updated_at AFTER UPDATE ON entities
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE entities SET updated_at = max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE id = NEW.id AND updated_at IS NOT max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER entities_rules_insert BEFORE INSERT ON entities
BEGIN
  SELECT RAISE(ABORT, 'entities.name must not be empty, nor start or end with whitespace')
  WHERE NEW.name IS NOT trim(NEW.name, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.name = '';
  SELECT RAISE(ABORT, 'entities.description must be at most 1000 characters')
  WHERE length(NEW.description) > 1000;
  SELECT RAISE(ABORT, 'entities.description must not be empty, nor start or end with whitespace')
  WHERE NEW.description IS NOT trim(NEW.description, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.description = '';
  SELECT RAISE(ABORT, 'entities.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'entities.updated_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at) IS NOT NEW.updated_at OR substr(NEW.updated_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'entities.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;

CREATE TRIGGER entities_rules_update BEFORE UPDATE OF name, description, created_at, updated_at, seed_set ON entities
BEGIN
  SELECT RAISE(ABORT, 'entities.name must not be empty, nor start or end with whitespace')
  WHERE NEW.name IS NOT trim(NEW.name, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.name = '';
  SELECT RAISE(ABORT, 'entities.description must be at most 1000 characters')
  WHERE length(NEW.description) > 1000;
  SELECT RAISE(ABORT, 'entities.description must not be empty, nor start or end with whitespace')
  WHERE NEW.description IS NOT trim(NEW.description, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.description = '';
  SELECT RAISE(ABORT, 'entities.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'entities.updated_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at) IS NOT NEW.updated_at OR substr(NEW.updated_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'entities.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;

CREATE TRIGGER entities_no_replace BEFORE INSERT ON entities
WHEN EXISTS (SELECT 1 FROM entities WHERE (NEW.id > 0 AND id = NEW.id) OR slug = NEW.slug)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: entities.id or entities.slug is taken (a REPLACE would delete the row without an audit row; UPDATE it instead)');
END;

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

CREATE TRIGGER historical_events_period_insert
BEFORE INSERT ON historical_events
WHEN NEW.period_entity_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'historical_events.period_entity_id must be an entity of kind period')
  WHERE (SELECT kind FROM entities WHERE id = NEW.period_entity_id) IS NOT 'period';
  SELECT RAISE(ABORT, 'historical_events: bounds lie outside the bounds of the event''s period')
  FROM entities p
  WHERE p.id = NEW.period_entity_id AND NEW.precision = 'period'
    AND (NEW.earliest < p.period_start OR NEW.latest > p.period_end);
END;

CREATE TRIGGER historical_events_period_update
BEFORE UPDATE OF period_entity_id, earliest, latest, precision ON historical_events
WHEN NEW.period_entity_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'historical_events.period_entity_id must be an entity of kind period')
  WHERE (SELECT kind FROM entities WHERE id = NEW.period_entity_id) IS NOT 'period';
  SELECT RAISE(ABORT, 'historical_events: bounds lie outside the bounds of the event''s period')
  FROM entities p
  WHERE p.id = NEW.period_entity_id AND NEW.precision = 'period'
    AND (NEW.earliest < p.period_start OR NEW.latest > p.period_end);
END;

CREATE TRIGGER search_records_update AFTER UPDATE OF title, statement, status ON records
WHEN NEW.status <> 'deprecated' AND NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.id;
END;

CREATE TRIGGER search_citations_insert AFTER INSERT ON citations
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_citations_update AFTER UPDATE ON citations
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_citations_delete AFTER DELETE ON citations
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_record_entities_insert AFTER INSERT ON record_entities
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_record_entities_update AFTER UPDATE ON record_entities
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_record_entities_delete AFTER DELETE ON record_entities
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_historical_events_insert AFTER INSERT ON historical_events
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_historical_events_update AFTER UPDATE ON historical_events
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_historical_events_delete AFTER DELETE ON historical_events
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_mechanisms_insert AFTER INSERT ON mechanisms
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_mechanisms_update AFTER UPDATE ON mechanisms
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_mechanisms_delete AFTER DELETE ON mechanisms
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_clinical_claims_insert AFTER INSERT ON clinical_claims
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = NEW.record_id;
END;

CREATE TRIGGER search_clinical_claims_update AFTER UPDATE ON clinical_claims
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (OLD.record_id, NEW.record_id);
END;

CREATE TRIGGER search_clinical_claims_delete AFTER DELETE ON clinical_claims
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents WHERE record_id = OLD.record_id;
END;

CREATE TRIGGER search_entity_aliases_insert AFTER INSERT ON entity_aliases
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id = NEW.entity_id);
END;

CREATE TRIGGER search_entity_aliases_update AFTER UPDATE ON entity_aliases
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id IN (OLD.entity_id, NEW.entity_id));
END;

CREATE TRIGGER search_entity_aliases_delete AFTER DELETE ON entity_aliases
WHEN NOT EXISTS (SELECT 1 FROM search_index_pending WHERE record_id = 0)
BEGIN
  INSERT OR REPLACE INTO search_index(rowid, title, statement, quotes, entity_terms, kind)
  SELECT record_id, title, statement, quotes, entity_terms, kind FROM search_documents
  WHERE record_id IN (SELECT record_id FROM record_entity_links WHERE entity_id = OLD.entity_id);
END;
