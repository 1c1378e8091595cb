-- The audit log: an append-only history of every insert, update and delete of content rows,
-- written by triggers so that raw SQL is recorded as faithfully as the library's own writes.
--
-- Each row names the table, the row (its rowid, or its owner's id for WITHOUT ROWID tables), the
-- record the change belongs to (for `history <slug>`), and the row's values before and after as
-- JSON. A source's text is not copied: its SHA-256 identifies it, and the text cannot change.

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  table_name  TEXT NOT NULL,
  row_id      INTEGER NOT NULL,
  record_id   INTEGER,
  operation   TEXT NOT NULL CHECK ((operation = 'insert' OR operation = 'update' OR operation = 'delete')),
  -- JSON objects written by json_object() in the triggers below. (No json_valid() CHECK: SQLite
  -- 3.40 does not mark JSON functions innocuous, and with trusted_schema=OFF a schema using one
  -- in a CHECK cannot even be loaded.)
  old_values  TEXT CHECK (old_values IS NULL OR old_values GLOB '{*}'),
  new_values  TEXT CHECK (new_values IS NULL OR new_values GLOB '{*}'),
  CHECK ((operation = 'insert') = (old_values IS NULL)),
  CHECK ((operation = 'delete') = (new_values IS NULL))
) STRICT;

CREATE INDEX audit_log_record ON audit_log(record_id, id) WHERE record_id IS NOT NULL;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- sources
CREATE TRIGGER audit_sources_insert AFTER INSERT ON sources
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('sources', NEW.id, NULL, 'insert',
          NULL,
          json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'kind', NEW.kind,
                      'url', NEW.url, 'publisher', NEW.publisher, 'author', NEW.author, 'published_on', NEW.published_on,
                      'retrieved_on', NEW.retrieved_on, 'language', NEW.language, 'text_sha256', NEW.text_sha256, 'text_length', NEW.text_length));
END;
CREATE TRIGGER audit_sources_update AFTER UPDATE ON sources
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('sources', NEW.id, NULL, 'update',
          json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'kind', OLD.kind,
                      'url', OLD.url, 'publisher', OLD.publisher, 'author', OLD.author, 'published_on', OLD.published_on,
                      'retrieved_on', OLD.retrieved_on, 'language', OLD.language, 'text_sha256', OLD.text_sha256, 'text_length', OLD.text_length),
          json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'kind', NEW.kind,
                      'url', NEW.url, 'publisher', NEW.publisher, 'author', NEW.author, 'published_on', NEW.published_on,
                      'retrieved_on', NEW.retrieved_on, 'language', NEW.language, 'text_sha256', NEW.text_sha256, 'text_length', NEW.text_length));
END;
CREATE TRIGGER audit_sources_delete AFTER DELETE ON sources
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('sources', OLD.id, NULL, 'delete',
          json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'kind', OLD.kind,
                      'url', OLD.url, 'publisher', OLD.publisher, 'author', OLD.author, 'published_on', OLD.published_on,
                      'retrieved_on', OLD.retrieved_on, 'language', OLD.language, 'text_sha256', OLD.text_sha256, 'text_length', OLD.text_length),
          NULL);
END;

-- source_defects
CREATE TRIGGER audit_source_defects_insert AFTER INSERT ON source_defects
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('source_defects', NEW.id, NULL, 'insert',
          NULL,
          json_object('id', NEW.id, 'source_id', NEW.source_id, 'kind', NEW.kind, 'start_offset', NEW.start_offset,
                      'end_offset', NEW.end_offset, 'exact', NEW.exact, 'intended', NEW.intended, 'note', NEW.note));
END;
CREATE TRIGGER audit_source_defects_update AFTER UPDATE ON source_defects
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('source_defects', NEW.id, NULL, 'update',
          json_object('id', OLD.id, 'source_id', OLD.source_id, 'kind', OLD.kind, 'start_offset', OLD.start_offset,
                      'end_offset', OLD.end_offset, 'exact', OLD.exact, 'intended', OLD.intended, 'note', OLD.note),
          json_object('id', NEW.id, 'source_id', NEW.source_id, 'kind', NEW.kind, 'start_offset', NEW.start_offset,
                      'end_offset', NEW.end_offset, 'exact', NEW.exact, 'intended', NEW.intended, 'note', NEW.note));
END;
CREATE TRIGGER audit_source_defects_delete AFTER DELETE ON source_defects
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('source_defects', OLD.id, NULL, 'delete',
          json_object('id', OLD.id, 'source_id', OLD.source_id, 'kind', OLD.kind, 'start_offset', OLD.start_offset,
                      'end_offset', OLD.end_offset, 'exact', OLD.exact, 'intended', OLD.intended, 'note', OLD.note),
          NULL);
END;

-- entities
CREATE TRIGGER audit_entities_insert AFTER INSERT ON entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entities', NEW.id, NULL, 'insert',
          NULL,
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'name', NEW.name,
                      'description', NEW.description, 'period_start', NEW.period_start, 'period_end', NEW.period_end));
END;
CREATE TRIGGER audit_entities_update AFTER UPDATE ON entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entities', NEW.id, NULL, 'update',
          json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'name', OLD.name,
                      'description', OLD.description, 'period_start', OLD.period_start, 'period_end', OLD.period_end),
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'name', NEW.name,
                      'description', NEW.description, 'period_start', NEW.period_start, 'period_end', NEW.period_end));
END;
CREATE TRIGGER audit_entities_delete AFTER DELETE ON entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entities', OLD.id, NULL, 'delete',
          json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'name', OLD.name,
                      'description', OLD.description, 'period_start', OLD.period_start, 'period_end', OLD.period_end),
          NULL);
END;

-- entity_aliases
CREATE TRIGGER audit_entity_aliases_insert AFTER INSERT ON entity_aliases
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entity_aliases', NEW.entity_id, NULL, 'insert',
          NULL,
          json_object('entity_id', NEW.entity_id, 'alias', NEW.alias, 'kind', NEW.kind));
END;
CREATE TRIGGER audit_entity_aliases_update AFTER UPDATE ON entity_aliases
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entity_aliases', NEW.entity_id, NULL, 'update',
          json_object('entity_id', OLD.entity_id, 'alias', OLD.alias, 'kind', OLD.kind),
          json_object('entity_id', NEW.entity_id, 'alias', NEW.alias, 'kind', NEW.kind));
END;
CREATE TRIGGER audit_entity_aliases_delete AFTER DELETE ON entity_aliases
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entity_aliases', OLD.entity_id, NULL, 'delete',
          json_object('entity_id', OLD.entity_id, 'alias', OLD.alias, 'kind', OLD.kind),
          NULL);
END;

-- entity_identifiers
CREATE TRIGGER audit_entity_identifiers_insert AFTER INSERT ON entity_identifiers
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entity_identifiers', NEW.entity_id, NULL, 'insert',
          NULL,
          json_object('entity_id', NEW.entity_id, 'scheme', NEW.scheme, 'value', NEW.value));
END;
CREATE TRIGGER audit_entity_identifiers_update AFTER UPDATE ON entity_identifiers
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entity_identifiers', NEW.entity_id, NULL, 'update',
          json_object('entity_id', OLD.entity_id, 'scheme', OLD.scheme, 'value', OLD.value),
          json_object('entity_id', NEW.entity_id, 'scheme', NEW.scheme, 'value', NEW.value));
END;
CREATE TRIGGER audit_entity_identifiers_delete AFTER DELETE ON entity_identifiers
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entity_identifiers', OLD.entity_id, NULL, 'delete',
          json_object('entity_id', OLD.entity_id, 'scheme', OLD.scheme, 'value', OLD.value),
          NULL);
END;

-- records
CREATE TRIGGER audit_records_insert AFTER INSERT ON records
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('records', NEW.id, NEW.id, 'insert',
          NULL,
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'title', NEW.title,
                      'statement', NEW.statement, 'certainty', NEW.certainty, 'status', NEW.status, 'deprecation_reason', NEW.deprecation_reason,
                      'version', NEW.version));
END;
CREATE TRIGGER audit_records_update AFTER UPDATE ON records
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('records', NEW.id, NEW.id, 'update',
          json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'title', OLD.title,
                      'statement', OLD.statement, 'certainty', OLD.certainty, 'status', OLD.status, 'deprecation_reason', OLD.deprecation_reason,
                      'version', OLD.version),
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'title', NEW.title,
                      'statement', NEW.statement, 'certainty', NEW.certainty, 'status', NEW.status, 'deprecation_reason', NEW.deprecation_reason,
                      'version', NEW.version));
END;
CREATE TRIGGER audit_records_delete AFTER DELETE ON records
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('records', OLD.id, OLD.id, 'delete',
          json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'title', OLD.title,
                      'statement', OLD.statement, 'certainty', OLD.certainty, 'status', OLD.status, 'deprecation_reason', OLD.deprecation_reason,
                      'version', OLD.version),
          NULL);
END;

-- record_entities
CREATE TRIGGER audit_record_entities_insert AFTER INSERT ON record_entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('record_entities', NEW.record_id, NEW.record_id, 'insert',
          NULL,
          json_object('record_id', NEW.record_id, 'entity_id', NEW.entity_id));
END;
CREATE TRIGGER audit_record_entities_update AFTER UPDATE ON record_entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('record_entities', NEW.record_id, NEW.record_id, 'update',
          json_object('record_id', OLD.record_id, 'entity_id', OLD.entity_id),
          json_object('record_id', NEW.record_id, 'entity_id', NEW.entity_id));
END;
CREATE TRIGGER audit_record_entities_delete AFTER DELETE ON record_entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('record_entities', OLD.record_id, OLD.record_id, 'delete',
          json_object('record_id', OLD.record_id, 'entity_id', OLD.entity_id),
          NULL);
END;

-- historical_events
CREATE TRIGGER audit_historical_events_insert AFTER INSERT ON historical_events
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('historical_events', NEW.record_id, NEW.record_id, 'insert',
          NULL,
          json_object('record_id', NEW.record_id, 'date_text', NEW.date_text, 'date_edtf', NEW.date_edtf, 'earliest', NEW.earliest,
                      'latest', NEW.latest, 'precision', NEW.precision, 'is_approximate', NEW.is_approximate, 'is_uncertain', NEW.is_uncertain,
                      'period_entity_id', NEW.period_entity_id, 'place', NEW.place));
END;
CREATE TRIGGER audit_historical_events_update AFTER UPDATE ON historical_events
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('historical_events', NEW.record_id, NEW.record_id, 'update',
          json_object('record_id', OLD.record_id, 'date_text', OLD.date_text, 'date_edtf', OLD.date_edtf, 'earliest', OLD.earliest,
                      'latest', OLD.latest, 'precision', OLD.precision, 'is_approximate', OLD.is_approximate, 'is_uncertain', OLD.is_uncertain,
                      'period_entity_id', OLD.period_entity_id, 'place', OLD.place),
          json_object('record_id', NEW.record_id, 'date_text', NEW.date_text, 'date_edtf', NEW.date_edtf, 'earliest', NEW.earliest,
                      'latest', NEW.latest, 'precision', NEW.precision, 'is_approximate', NEW.is_approximate, 'is_uncertain', NEW.is_uncertain,
                      'period_entity_id', NEW.period_entity_id, 'place', NEW.place));
END;
CREATE TRIGGER audit_historical_events_delete AFTER DELETE ON historical_events
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('historical_events', OLD.record_id, OLD.record_id, 'delete',
          json_object('record_id', OLD.record_id, 'date_text', OLD.date_text, 'date_edtf', OLD.date_edtf, 'earliest', OLD.earliest,
                      'latest', OLD.latest, 'precision', OLD.precision, 'is_approximate', OLD.is_approximate, 'is_uncertain', OLD.is_uncertain,
                      'period_entity_id', OLD.period_entity_id, 'place', OLD.place),
          NULL);
END;

-- mechanisms
CREATE TRIGGER audit_mechanisms_insert AFTER INSERT ON mechanisms
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('mechanisms', NEW.record_id, NEW.record_id, 'insert',
          NULL,
          json_object('record_id', NEW.record_id, 'agent_entity_id', NEW.agent_entity_id, 'action', NEW.action, 'target_entity_id', NEW.target_entity_id,
                      'system_entity_id', NEW.system_entity_id, 'effect', NEW.effect, 'role', NEW.role));
END;
CREATE TRIGGER audit_mechanisms_update AFTER UPDATE ON mechanisms
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('mechanisms', NEW.record_id, NEW.record_id, 'update',
          json_object('record_id', OLD.record_id, 'agent_entity_id', OLD.agent_entity_id, 'action', OLD.action, 'target_entity_id', OLD.target_entity_id,
                      'system_entity_id', OLD.system_entity_id, 'effect', OLD.effect, 'role', OLD.role),
          json_object('record_id', NEW.record_id, 'agent_entity_id', NEW.agent_entity_id, 'action', NEW.action, 'target_entity_id', NEW.target_entity_id,
                      'system_entity_id', NEW.system_entity_id, 'effect', NEW.effect, 'role', NEW.role));
END;
CREATE TRIGGER audit_mechanisms_delete AFTER DELETE ON mechanisms
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('mechanisms', OLD.record_id, OLD.record_id, 'delete',
          json_object('record_id', OLD.record_id, 'agent_entity_id', OLD.agent_entity_id, 'action', OLD.action, 'target_entity_id', OLD.target_entity_id,
                      'system_entity_id', OLD.system_entity_id, 'effect', OLD.effect, 'role', OLD.role),
          NULL);
END;

-- clinical_claims
CREATE TRIGGER audit_clinical_claims_insert AFTER INSERT ON clinical_claims
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('clinical_claims', NEW.record_id, NEW.record_id, 'insert',
          NULL,
          json_object('record_id', NEW.record_id, 'intervention_entity_id', NEW.intervention_entity_id, 'indication_entity_id', NEW.indication_entity_id, 'population', NEW.population,
                      'outcome', NEW.outcome, 'onset_text', NEW.onset_text, 'onset_lower_unit', NEW.onset_lower_unit, 'onset_upper_unit', NEW.onset_upper_unit,
                      'comparator_entity_id', NEW.comparator_entity_id, 'comparator_text', NEW.comparator_text, 'comparator_onset_text', NEW.comparator_onset_text, 'comparator_onset_unit', NEW.comparator_onset_unit,
                      'evidence_level', NEW.evidence_level));
END;
CREATE TRIGGER audit_clinical_claims_update AFTER UPDATE ON clinical_claims
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('clinical_claims', NEW.record_id, NEW.record_id, 'update',
          json_object('record_id', OLD.record_id, 'intervention_entity_id', OLD.intervention_entity_id, 'indication_entity_id', OLD.indication_entity_id, 'population', OLD.population,
                      'outcome', OLD.outcome, 'onset_text', OLD.onset_text, 'onset_lower_unit', OLD.onset_lower_unit, 'onset_upper_unit', OLD.onset_upper_unit,
                      'comparator_entity_id', OLD.comparator_entity_id, 'comparator_text', OLD.comparator_text, 'comparator_onset_text', OLD.comparator_onset_text, 'comparator_onset_unit', OLD.comparator_onset_unit,
                      'evidence_level', OLD.evidence_level),
          json_object('record_id', NEW.record_id, 'intervention_entity_id', NEW.intervention_entity_id, 'indication_entity_id', NEW.indication_entity_id, 'population', NEW.population,
                      'outcome', NEW.outcome, 'onset_text', NEW.onset_text, 'onset_lower_unit', NEW.onset_lower_unit, 'onset_upper_unit', NEW.onset_upper_unit,
                      'comparator_entity_id', NEW.comparator_entity_id, 'comparator_text', NEW.comparator_text, 'comparator_onset_text', NEW.comparator_onset_text, 'comparator_onset_unit', NEW.comparator_onset_unit,
                      'evidence_level', NEW.evidence_level));
END;
CREATE TRIGGER audit_clinical_claims_delete AFTER DELETE ON clinical_claims
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('clinical_claims', OLD.record_id, OLD.record_id, 'delete',
          json_object('record_id', OLD.record_id, 'intervention_entity_id', OLD.intervention_entity_id, 'indication_entity_id', OLD.indication_entity_id, 'population', OLD.population,
                      'outcome', OLD.outcome, 'onset_text', OLD.onset_text, 'onset_lower_unit', OLD.onset_lower_unit, 'onset_upper_unit', OLD.onset_upper_unit,
                      'comparator_entity_id', OLD.comparator_entity_id, 'comparator_text', OLD.comparator_text, 'comparator_onset_text', OLD.comparator_onset_text, 'comparator_onset_unit', OLD.comparator_onset_unit,
                      'evidence_level', OLD.evidence_level),
          NULL);
END;

-- citations
CREATE TRIGGER audit_citations_insert AFTER INSERT ON citations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('citations', NEW.id, NEW.record_id, 'insert',
          NULL,
          json_object('id', NEW.id, 'record_id', NEW.record_id, 'source_id', NEW.source_id, 'exact', NEW.exact,
                      'start_offset', NEW.start_offset, 'end_offset', NEW.end_offset, 'note', NEW.note, 'hedge_review', NEW.hedge_review));
END;
CREATE TRIGGER audit_citations_update AFTER UPDATE ON citations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('citations', NEW.id, NEW.record_id, 'update',
          json_object('id', OLD.id, 'record_id', OLD.record_id, 'source_id', OLD.source_id, 'exact', OLD.exact,
                      'start_offset', OLD.start_offset, 'end_offset', OLD.end_offset, 'note', OLD.note, 'hedge_review', OLD.hedge_review),
          json_object('id', NEW.id, 'record_id', NEW.record_id, 'source_id', NEW.source_id, 'exact', NEW.exact,
                      'start_offset', NEW.start_offset, 'end_offset', NEW.end_offset, 'note', NEW.note, 'hedge_review', NEW.hedge_review));
END;
CREATE TRIGGER audit_citations_delete AFTER DELETE ON citations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('citations', OLD.id, OLD.record_id, 'delete',
          json_object('id', OLD.id, 'record_id', OLD.record_id, 'source_id', OLD.source_id, 'exact', OLD.exact,
                      'start_offset', OLD.start_offset, 'end_offset', OLD.end_offset, 'note', OLD.note, 'hedge_review', OLD.hedge_review),
          NULL);
END;

-- relations
CREATE TRIGGER audit_relations_insert AFTER INSERT ON relations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('relations', NEW.id, NEW.subject_record_id, 'insert',
          NULL,
          json_object('id', NEW.id, 'subject_record_id', NEW.subject_record_id, 'predicate', NEW.predicate, 'object_record_id', NEW.object_record_id,
                      'note', NEW.note));
END;
CREATE TRIGGER audit_relations_update AFTER UPDATE ON relations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('relations', NEW.id, NEW.subject_record_id, 'update',
          json_object('id', OLD.id, 'subject_record_id', OLD.subject_record_id, 'predicate', OLD.predicate, 'object_record_id', OLD.object_record_id,
                      'note', OLD.note),
          json_object('id', NEW.id, 'subject_record_id', NEW.subject_record_id, 'predicate', NEW.predicate, 'object_record_id', NEW.object_record_id,
                      'note', NEW.note));
END;
CREATE TRIGGER audit_relations_delete AFTER DELETE ON relations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('relations', OLD.id, OLD.subject_record_id, 'delete',
          json_object('id', OLD.id, 'subject_record_id', OLD.subject_record_id, 'predicate', OLD.predicate, 'object_record_id', OLD.object_record_id,
                      'note', OLD.note),
          NULL);
END;
