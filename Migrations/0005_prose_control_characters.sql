-- Prose may not hold control characters, whoever writes it.
--
-- The library refuses them in every piece of curated prose (titles, statements, names, notes…),
-- but until now only the Swift checks did: a raw SQL statement could store a NUL or an escape
-- character that no export could then import again. These triggers hold the same rule inside
-- the database: no C0 control character but tab, line feed and carriage return; no DEL; no C1
-- control character (U+0080 to U+009F).
--
-- How: the columns of a row are joined and matched once. GLOB with a character class finds
-- U+0001 to U+009F (SQLite reads the class as Unicode), but GLOB, like every text function,
-- stops at a NUL; so NUL is searched for in the bytes, with instr() on a BLOB, which counts by
-- length. Source texts are not checked here: they keep their own stricter rule in the library,
-- are immutable once stored, and scanning megabytes on every metadata update would cost for
-- nothing.

CREATE TRIGGER sources_prose_insert BEFORE INSERT ON sources
  WHEN (coalesce(NEW.title, '') || coalesce(NEW.publisher, '') || coalesce(NEW.author, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.title, '') || coalesce(NEW.publisher, '') || coalesce(NEW.author, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'sources: title, publisher and author must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER sources_prose_update BEFORE UPDATE OF title, publisher, author ON sources
  WHEN (coalesce(NEW.title, '') || coalesce(NEW.publisher, '') || coalesce(NEW.author, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.title, '') || coalesce(NEW.publisher, '') || coalesce(NEW.author, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'sources: title, publisher and author must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER source_defects_prose_insert BEFORE INSERT ON source_defects
  WHEN (coalesce(NEW.intended, '') || coalesce(NEW.note, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.intended, '') || coalesce(NEW.note, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'source_defects: intended and note must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER source_defects_prose_update BEFORE UPDATE OF intended, note ON source_defects
  WHEN (coalesce(NEW.intended, '') || coalesce(NEW.note, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.intended, '') || coalesce(NEW.note, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'source_defects: intended and note must not contain control characters (tab, line feed and carriage return are allowed)');
END;

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

CREATE TRIGGER entity_aliases_prose_insert BEFORE INSERT ON entity_aliases
  WHEN (coalesce(NEW.alias, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.alias, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'entity_aliases: alias must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER entity_aliases_prose_update BEFORE UPDATE OF alias ON entity_aliases
  WHEN (coalesce(NEW.alias, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.alias, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'entity_aliases: alias must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER records_prose_insert BEFORE INSERT ON records
  WHEN (coalesce(NEW.title, '') || coalesce(NEW.statement, '') || coalesce(NEW.deprecation_reason, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.title, '') || coalesce(NEW.statement, '') || coalesce(NEW.deprecation_reason, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'records: title, statement and deprecation_reason must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER records_prose_update BEFORE UPDATE OF title, statement, deprecation_reason ON records
  WHEN (coalesce(NEW.title, '') || coalesce(NEW.statement, '') || coalesce(NEW.deprecation_reason, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.title, '') || coalesce(NEW.statement, '') || coalesce(NEW.deprecation_reason, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'records: title, statement and deprecation_reason must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER historical_events_prose_insert BEFORE INSERT ON historical_events
  WHEN (coalesce(NEW.date_text, '') || coalesce(NEW.place, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.date_text, '') || coalesce(NEW.place, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'historical_events: date_text and place must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER historical_events_prose_update BEFORE UPDATE OF date_text, place ON historical_events
  WHEN (coalesce(NEW.date_text, '') || coalesce(NEW.place, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.date_text, '') || coalesce(NEW.place, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'historical_events: date_text and place must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER mechanisms_prose_insert BEFORE INSERT ON mechanisms
  WHEN (coalesce(NEW.effect, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.effect, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'mechanisms: effect must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER mechanisms_prose_update BEFORE UPDATE OF effect ON mechanisms
  WHEN (coalesce(NEW.effect, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.effect, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'mechanisms: effect must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER clinical_claims_prose_insert BEFORE INSERT ON clinical_claims
  WHEN (coalesce(NEW.population, '') || coalesce(NEW.outcome, '') || coalesce(NEW.onset_text, '') || coalesce(NEW.comparator_text, '') || coalesce(NEW.comparator_onset_text, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.population, '') || coalesce(NEW.outcome, '') || coalesce(NEW.onset_text, '') || coalesce(NEW.comparator_text, '') || coalesce(NEW.comparator_onset_text, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'clinical_claims: population, outcome, onset_text, comparator_text and comparator_onset_text must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER clinical_claims_prose_update BEFORE UPDATE OF population, outcome, onset_text, comparator_text, comparator_onset_text ON clinical_claims
  WHEN (coalesce(NEW.population, '') || coalesce(NEW.outcome, '') || coalesce(NEW.onset_text, '') || coalesce(NEW.comparator_text, '') || coalesce(NEW.comparator_onset_text, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.population, '') || coalesce(NEW.outcome, '') || coalesce(NEW.onset_text, '') || coalesce(NEW.comparator_text, '') || coalesce(NEW.comparator_onset_text, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'clinical_claims: population, outcome, onset_text, comparator_text and comparator_onset_text must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER citations_prose_insert BEFORE INSERT ON citations
  WHEN (coalesce(NEW.note, '') || coalesce(NEW.hedge_review, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.note, '') || coalesce(NEW.hedge_review, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'citations: note and hedge_review must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER citations_prose_update BEFORE UPDATE OF note, hedge_review ON citations
  WHEN (coalesce(NEW.note, '') || coalesce(NEW.hedge_review, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.note, '') || coalesce(NEW.hedge_review, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'citations: note and hedge_review must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER relations_prose_insert BEFORE INSERT ON relations
  WHEN (coalesce(NEW.note, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.note, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'relations: note must not contain control characters (tab, line feed and carriage return are allowed)');
END;

CREATE TRIGGER relations_prose_update BEFORE UPDATE OF note ON relations
  WHEN (coalesce(NEW.note, '')) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
    OR instr(CAST((coalesce(NEW.note, '')) AS BLOB), x'00') > 0
BEGIN
  SELECT RAISE(ABORT, 'relations: note must not contain control characters (tab, line feed and carriage return are allowed)');
END;
