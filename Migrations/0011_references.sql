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
