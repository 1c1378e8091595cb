-- One declaration, one schema: the rules the library declares for every column (Swift,
-- Sources/Dossier/Schema) held inside the database too, where earlier migrations left gaps.
-- SchemaDeclarationTests tries every column at its limits through raw SQL and through the
-- library, and holds the two to the same verdicts.
--
-- 1. Audit images carry every column of every audited table (seed_set, created_at,
--    updated_at, a citation's prefix, suffix and source hash were missing), except a source's
--    text, which never changes and which text_sha256 identifies.
-- 2. The database keeps updated_at: an update that does not set it gets the time of the
--    update. The version rule and the audit of updates ignore that bookkeeping write.
-- 3. Bounds and rules CHECK constraints lacked: maximum lengths of prose (a 1,500-character
--    outcome was stored, and its export could not be imported), no leading or trailing
--    whitespace of any kind (SQL's trim() alone strips spaces only), URLs without spaces,
--    source texts without carriage returns or control characters, slugs for seed sets,
--    timestamps in the database's own format.
-- 4. Indexes on the entity columns of the typed tables, which entity filters and the search
--    index triggers look records up by; one identifier per scheme and entity.
--
-- Tables are not rebuilt: SQLite cannot add a CHECK to a table, so the new rules are triggers
-- (which `PRAGMA ignore_check_constraints` does not switch off). Rows stored before this
-- migration are not re-checked here; `dossier check` reports any that break a rule.

------------------------------------------------------------------------------ audit images

DROP TRIGGER audit_sources_insert;
DROP TRIGGER audit_sources_update;
DROP TRIGGER audit_sources_delete;
DROP TRIGGER audit_source_defects_insert;
DROP TRIGGER audit_source_defects_update;
DROP TRIGGER audit_source_defects_delete;
DROP TRIGGER audit_entities_insert;
DROP TRIGGER audit_entities_update;
DROP TRIGGER audit_entities_delete;
DROP TRIGGER audit_entity_aliases_insert;
DROP TRIGGER audit_entity_aliases_update;
DROP TRIGGER audit_entity_aliases_delete;
DROP TRIGGER audit_entity_identifiers_insert;
DROP TRIGGER audit_entity_identifiers_update;
DROP TRIGGER audit_entity_identifiers_delete;
DROP TRIGGER audit_records_insert;
DROP TRIGGER audit_records_update;
DROP TRIGGER audit_records_delete;
DROP TRIGGER audit_record_entities_insert;
DROP TRIGGER audit_record_entities_update;
DROP TRIGGER audit_record_entities_delete;
DROP TRIGGER audit_historical_events_insert;
DROP TRIGGER audit_historical_events_update;
DROP TRIGGER audit_historical_events_delete;
DROP TRIGGER audit_mechanisms_insert;
DROP TRIGGER audit_mechanisms_update;
DROP TRIGGER audit_mechanisms_delete;
DROP TRIGGER audit_clinical_claims_insert;
DROP TRIGGER audit_clinical_claims_update;
DROP TRIGGER audit_clinical_claims_delete;
DROP TRIGGER audit_citations_insert;
DROP TRIGGER audit_citations_update;
DROP TRIGGER audit_citations_delete;
DROP TRIGGER audit_relations_insert;
DROP TRIGGER audit_relations_update;
DROP TRIGGER audit_relations_delete;

CREATE TRIGGER audit_sources_insert AFTER INSERT ON sources
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('sources', NEW.id, NULL, 'insert', NULL,
          json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'kind', NEW.kind, 'url', NEW.url,
            'publisher', NEW.publisher, 'author', NEW.author, 'published_on', NEW.published_on,
            'retrieved_on', NEW.retrieved_on, 'language', NEW.language, 'text_sha256', NEW.text_sha256,
            'text_length', NEW.text_length, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
            'seed_set', NEW.seed_set));
END;
-- Not fired by the write that keeps updated_at, which changes nothing else.
CREATE TRIGGER audit_sources_update AFTER UPDATE OF id, slug, title, kind, url, publisher, author, published_on, retrieved_on, language, text, text_sha256, text_length, created_at, seed_set ON sources
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('sources', NEW.id, NULL, 'update',
          json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'kind', OLD.kind, 'url', OLD.url,
            'publisher', OLD.publisher, 'author', OLD.author, 'published_on', OLD.published_on,
            'retrieved_on', OLD.retrieved_on, 'language', OLD.language, 'text_sha256', OLD.text_sha256,
            'text_length', OLD.text_length, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
            'seed_set', OLD.seed_set),
          json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'kind', NEW.kind, 'url', NEW.url,
            'publisher', NEW.publisher, 'author', NEW.author, 'published_on', NEW.published_on,
            'retrieved_on', NEW.retrieved_on, 'language', NEW.language, 'text_sha256', NEW.text_sha256,
            'text_length', NEW.text_length, 'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ELSE NEW.updated_at END,
            'seed_set', NEW.seed_set));
END;
CREATE TRIGGER audit_sources_delete AFTER DELETE ON sources
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('sources', OLD.id, NULL, 'delete',
          json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'kind', OLD.kind, 'url', OLD.url,
            'publisher', OLD.publisher, 'author', OLD.author, 'published_on', OLD.published_on,
            'retrieved_on', OLD.retrieved_on, 'language', OLD.language, 'text_sha256', OLD.text_sha256,
            'text_length', OLD.text_length, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
            'seed_set', OLD.seed_set), NULL);
END;

CREATE TRIGGER audit_source_defects_insert AFTER INSERT ON source_defects
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('source_defects', NEW.id, NULL, 'insert', NULL,
          json_object('id', NEW.id, 'source_id', NEW.source_id, 'kind', NEW.kind, 'start_offset', NEW.start_offset,
            'end_offset', NEW.end_offset, 'exact', NEW.exact, 'intended', NEW.intended, 'note', NEW.note,
            'seed_set', NEW.seed_set));
END;
CREATE TRIGGER audit_source_defects_update AFTER UPDATE ON source_defects
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('source_defects', NEW.id, NULL, 'update',
          json_object('id', OLD.id, 'source_id', OLD.source_id, 'kind', OLD.kind, 'start_offset', OLD.start_offset,
            'end_offset', OLD.end_offset, 'exact', OLD.exact, 'intended', OLD.intended, 'note', OLD.note,
            'seed_set', OLD.seed_set),
          json_object('id', NEW.id, 'source_id', NEW.source_id, 'kind', NEW.kind, 'start_offset', NEW.start_offset,
            'end_offset', NEW.end_offset, 'exact', NEW.exact, 'intended', NEW.intended, 'note', NEW.note,
            'seed_set', NEW.seed_set));
END;
CREATE TRIGGER audit_source_defects_delete AFTER DELETE ON source_defects
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('source_defects', OLD.id, NULL, 'delete',
          json_object('id', OLD.id, 'source_id', OLD.source_id, 'kind', OLD.kind, 'start_offset', OLD.start_offset,
            'end_offset', OLD.end_offset, 'exact', OLD.exact, 'intended', OLD.intended, 'note', OLD.note,
            'seed_set', OLD.seed_set), NULL);
END;

CREATE TRIGGER audit_entities_insert AFTER INSERT ON entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entities', NEW.id, NULL, 'insert', NULL,
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'name', NEW.name,
            'description', NEW.description, 'period_start', NEW.period_start, 'period_end', NEW.period_end,
            'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'seed_set', NEW.seed_set));
END;
-- Not fired by the write that keeps updated_at, which changes nothing else.
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

CREATE TRIGGER audit_entity_aliases_insert AFTER INSERT ON entity_aliases
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entity_aliases', NEW.entity_id, NULL, 'insert', NULL,
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
          json_object('entity_id', OLD.entity_id, 'alias', OLD.alias, 'kind', OLD.kind), NULL);
END;

CREATE TRIGGER audit_entity_identifiers_insert AFTER INSERT ON entity_identifiers
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('entity_identifiers', NEW.entity_id, NULL, 'insert', NULL,
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
          json_object('entity_id', OLD.entity_id, 'scheme', OLD.scheme, 'value', OLD.value), NULL);
END;

CREATE TRIGGER audit_records_insert AFTER INSERT ON records
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('records', NEW.id, NEW.id, 'insert', NULL,
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'title', NEW.title, 'statement', NEW.statement,
            'certainty', NEW.certainty, 'status', NEW.status, 'deprecation_reason', NEW.deprecation_reason,
            'version', NEW.version, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
-- Not fired by the write that keeps updated_at, which changes nothing else.
CREATE TRIGGER audit_records_update AFTER UPDATE OF id, slug, kind, title, statement, certainty, status, deprecation_reason, version, created_at ON records
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('records', NEW.id, NEW.id, 'update',
          json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'title', OLD.title, 'statement', OLD.statement,
            'certainty', OLD.certainty, 'status', OLD.status, 'deprecation_reason', OLD.deprecation_reason,
            'version', OLD.version, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at),
          json_object('id', NEW.id, 'slug', NEW.slug, 'kind', NEW.kind, 'title', NEW.title, 'statement', NEW.statement,
            'certainty', NEW.certainty, 'status', NEW.status, 'deprecation_reason', NEW.deprecation_reason,
            'version', NEW.version, 'created_at', NEW.created_at,
            'updated_at', CASE WHEN NEW.updated_at IS OLD.updated_at THEN max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ELSE NEW.updated_at END));
END;
CREATE TRIGGER audit_records_delete AFTER DELETE ON records
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('records', OLD.id, OLD.id, 'delete',
          json_object('id', OLD.id, 'slug', OLD.slug, 'kind', OLD.kind, 'title', OLD.title, 'statement', OLD.statement,
            'certainty', OLD.certainty, 'status', OLD.status, 'deprecation_reason', OLD.deprecation_reason,
            'version', OLD.version, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL);
END;

CREATE TRIGGER audit_record_entities_insert AFTER INSERT ON record_entities
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('record_entities', NEW.record_id, NEW.record_id, 'insert', NULL,
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
          json_object('record_id', OLD.record_id, 'entity_id', OLD.entity_id), NULL);
END;

CREATE TRIGGER audit_historical_events_insert AFTER INSERT ON historical_events
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('historical_events', NEW.record_id, NEW.record_id, 'insert', NULL,
          json_object('record_id', NEW.record_id, 'date_text', NEW.date_text, 'date_edtf', NEW.date_edtf,
            'earliest', NEW.earliest, 'latest', NEW.latest, 'precision', NEW.precision,
            'is_approximate', NEW.is_approximate, 'is_uncertain', NEW.is_uncertain,
            'period_entity_id', NEW.period_entity_id, 'place', NEW.place));
END;
CREATE TRIGGER audit_historical_events_update AFTER UPDATE ON historical_events
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('historical_events', NEW.record_id, NEW.record_id, 'update',
          json_object('record_id', OLD.record_id, 'date_text', OLD.date_text, 'date_edtf', OLD.date_edtf,
            'earliest', OLD.earliest, 'latest', OLD.latest, 'precision', OLD.precision,
            'is_approximate', OLD.is_approximate, 'is_uncertain', OLD.is_uncertain,
            'period_entity_id', OLD.period_entity_id, 'place', OLD.place),
          json_object('record_id', NEW.record_id, 'date_text', NEW.date_text, 'date_edtf', NEW.date_edtf,
            'earliest', NEW.earliest, 'latest', NEW.latest, 'precision', NEW.precision,
            'is_approximate', NEW.is_approximate, 'is_uncertain', NEW.is_uncertain,
            'period_entity_id', NEW.period_entity_id, 'place', NEW.place));
END;
CREATE TRIGGER audit_historical_events_delete AFTER DELETE ON historical_events
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('historical_events', OLD.record_id, OLD.record_id, 'delete',
          json_object('record_id', OLD.record_id, 'date_text', OLD.date_text, 'date_edtf', OLD.date_edtf,
            'earliest', OLD.earliest, 'latest', OLD.latest, 'precision', OLD.precision,
            'is_approximate', OLD.is_approximate, 'is_uncertain', OLD.is_uncertain,
            'period_entity_id', OLD.period_entity_id, 'place', OLD.place), NULL);
END;

CREATE TRIGGER audit_mechanisms_insert AFTER INSERT ON mechanisms
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('mechanisms', NEW.record_id, NEW.record_id, 'insert', NULL,
          json_object('record_id', NEW.record_id, 'agent_entity_id', NEW.agent_entity_id, 'action', NEW.action,
            'target_entity_id', NEW.target_entity_id, 'system_entity_id', NEW.system_entity_id,
            'effect', NEW.effect, 'role', NEW.role));
END;
CREATE TRIGGER audit_mechanisms_update AFTER UPDATE ON mechanisms
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('mechanisms', NEW.record_id, NEW.record_id, 'update',
          json_object('record_id', OLD.record_id, 'agent_entity_id', OLD.agent_entity_id, 'action', OLD.action,
            'target_entity_id', OLD.target_entity_id, 'system_entity_id', OLD.system_entity_id,
            'effect', OLD.effect, 'role', OLD.role),
          json_object('record_id', NEW.record_id, 'agent_entity_id', NEW.agent_entity_id, 'action', NEW.action,
            'target_entity_id', NEW.target_entity_id, 'system_entity_id', NEW.system_entity_id,
            'effect', NEW.effect, 'role', NEW.role));
END;
CREATE TRIGGER audit_mechanisms_delete AFTER DELETE ON mechanisms
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('mechanisms', OLD.record_id, OLD.record_id, 'delete',
          json_object('record_id', OLD.record_id, 'agent_entity_id', OLD.agent_entity_id, 'action', OLD.action,
            'target_entity_id', OLD.target_entity_id, 'system_entity_id', OLD.system_entity_id,
            'effect', OLD.effect, 'role', OLD.role), NULL);
END;

CREATE TRIGGER audit_clinical_claims_insert AFTER INSERT ON clinical_claims
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('clinical_claims', NEW.record_id, NEW.record_id, 'insert', NULL,
          json_object('record_id', NEW.record_id, 'intervention_entity_id', NEW.intervention_entity_id,
            'indication_entity_id', NEW.indication_entity_id, 'population', NEW.population,
            'outcome', NEW.outcome, 'onset_text', NEW.onset_text, 'onset_lower_unit', NEW.onset_lower_unit,
            'onset_upper_unit', NEW.onset_upper_unit, 'comparator_entity_id', NEW.comparator_entity_id,
            'comparator_text', NEW.comparator_text, 'comparator_onset_text', NEW.comparator_onset_text,
            'comparator_onset_unit', NEW.comparator_onset_unit, 'evidence_level', NEW.evidence_level));
END;
CREATE TRIGGER audit_clinical_claims_update AFTER UPDATE ON clinical_claims
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('clinical_claims', NEW.record_id, NEW.record_id, 'update',
          json_object('record_id', OLD.record_id, 'intervention_entity_id', OLD.intervention_entity_id,
            'indication_entity_id', OLD.indication_entity_id, 'population', OLD.population,
            'outcome', OLD.outcome, 'onset_text', OLD.onset_text, 'onset_lower_unit', OLD.onset_lower_unit,
            'onset_upper_unit', OLD.onset_upper_unit, 'comparator_entity_id', OLD.comparator_entity_id,
            'comparator_text', OLD.comparator_text, 'comparator_onset_text', OLD.comparator_onset_text,
            'comparator_onset_unit', OLD.comparator_onset_unit, 'evidence_level', OLD.evidence_level),
          json_object('record_id', NEW.record_id, 'intervention_entity_id', NEW.intervention_entity_id,
            'indication_entity_id', NEW.indication_entity_id, 'population', NEW.population,
            'outcome', NEW.outcome, 'onset_text', NEW.onset_text, 'onset_lower_unit', NEW.onset_lower_unit,
            'onset_upper_unit', NEW.onset_upper_unit, 'comparator_entity_id', NEW.comparator_entity_id,
            'comparator_text', NEW.comparator_text, 'comparator_onset_text', NEW.comparator_onset_text,
            'comparator_onset_unit', NEW.comparator_onset_unit, 'evidence_level', NEW.evidence_level));
END;
CREATE TRIGGER audit_clinical_claims_delete AFTER DELETE ON clinical_claims
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('clinical_claims', OLD.record_id, OLD.record_id, 'delete',
          json_object('record_id', OLD.record_id, 'intervention_entity_id', OLD.intervention_entity_id,
            'indication_entity_id', OLD.indication_entity_id, 'population', OLD.population,
            'outcome', OLD.outcome, 'onset_text', OLD.onset_text, 'onset_lower_unit', OLD.onset_lower_unit,
            'onset_upper_unit', OLD.onset_upper_unit, 'comparator_entity_id', OLD.comparator_entity_id,
            'comparator_text', OLD.comparator_text, 'comparator_onset_text', OLD.comparator_onset_text,
            'comparator_onset_unit', OLD.comparator_onset_unit, 'evidence_level', OLD.evidence_level), NULL);
END;

CREATE TRIGGER audit_citations_insert AFTER INSERT ON citations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('citations', NEW.id, NEW.record_id, 'insert', NULL,
          json_object('id', NEW.id, 'record_id', NEW.record_id, 'source_id', NEW.source_id,
            'source_sha256', NEW.source_sha256, 'exact', NEW.exact, 'prefix', NEW.prefix,
            'suffix', NEW.suffix, 'start_offset', NEW.start_offset, 'end_offset', NEW.end_offset,
            'note', NEW.note, 'hedge_review', NEW.hedge_review));
END;
CREATE TRIGGER audit_citations_update AFTER UPDATE ON citations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('citations', NEW.id, NEW.record_id, 'update',
          json_object('id', OLD.id, 'record_id', OLD.record_id, 'source_id', OLD.source_id,
            'source_sha256', OLD.source_sha256, 'exact', OLD.exact, 'prefix', OLD.prefix,
            'suffix', OLD.suffix, 'start_offset', OLD.start_offset, 'end_offset', OLD.end_offset,
            'note', OLD.note, 'hedge_review', OLD.hedge_review),
          json_object('id', NEW.id, 'record_id', NEW.record_id, 'source_id', NEW.source_id,
            'source_sha256', NEW.source_sha256, 'exact', NEW.exact, 'prefix', NEW.prefix,
            'suffix', NEW.suffix, 'start_offset', NEW.start_offset, 'end_offset', NEW.end_offset,
            'note', NEW.note, 'hedge_review', NEW.hedge_review));
END;
CREATE TRIGGER audit_citations_delete AFTER DELETE ON citations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('citations', OLD.id, OLD.record_id, 'delete',
          json_object('id', OLD.id, 'record_id', OLD.record_id, 'source_id', OLD.source_id,
            'source_sha256', OLD.source_sha256, 'exact', OLD.exact, 'prefix', OLD.prefix,
            'suffix', OLD.suffix, 'start_offset', OLD.start_offset, 'end_offset', OLD.end_offset,
            'note', OLD.note, 'hedge_review', OLD.hedge_review), NULL);
END;

CREATE TRIGGER audit_relations_insert AFTER INSERT ON relations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('relations', NEW.id, NEW.subject_record_id, 'insert', NULL,
          json_object('id', NEW.id, 'subject_record_id', NEW.subject_record_id, 'predicate', NEW.predicate,
            'object_record_id', NEW.object_record_id, 'note', NEW.note, 'created_at', NEW.created_at,
            'seed_set', NEW.seed_set));
END;
CREATE TRIGGER audit_relations_update AFTER UPDATE ON relations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('relations', NEW.id, NEW.subject_record_id, 'update',
          json_object('id', OLD.id, 'subject_record_id', OLD.subject_record_id, 'predicate', OLD.predicate,
            'object_record_id', OLD.object_record_id, 'note', OLD.note, 'created_at', OLD.created_at,
            'seed_set', OLD.seed_set),
          json_object('id', NEW.id, 'subject_record_id', NEW.subject_record_id, 'predicate', NEW.predicate,
            'object_record_id', NEW.object_record_id, 'note', NEW.note, 'created_at', NEW.created_at,
            'seed_set', NEW.seed_set));
END;
CREATE TRIGGER audit_relations_delete AFTER DELETE ON relations
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('relations', OLD.id, OLD.subject_record_id, 'delete',
          json_object('id', OLD.id, 'subject_record_id', OLD.subject_record_id, 'predicate', OLD.predicate,
            'object_record_id', OLD.object_record_id, 'note', OLD.note, 'created_at', OLD.created_at,
            'seed_set', OLD.seed_set), NULL);
END;

------------------------------------------------------------------------------ updated_at

-- A record's version rises with every change of its content; the write that keeps updated_at
-- is not one.
DROP TRIGGER records_version_increases;
CREATE TRIGGER records_version_increases
BEFORE UPDATE OF slug, kind, title, statement, certainty, status, deprecation_reason, version, created_at ON records
WHEN NEW.version IS NOT OLD.version + 1
BEGIN
  SELECT RAISE(ABORT, 'records.version must increase by exactly 1 on every update');
END;

CREATE TRIGGER sources_updated_at AFTER UPDATE ON sources
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE sources SET updated_at = max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE id = NEW.id AND updated_at IS NOT max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER entities_updated_at AFTER UPDATE ON entities
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE entities SET updated_at = max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE id = NEW.id AND updated_at IS NOT max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER records_updated_at AFTER UPDATE ON records
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE records SET updated_at = max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  WHERE id = NEW.id AND updated_at IS NOT max(NEW.created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

------------------------------------------------------------------------------ declared rules

CREATE TRIGGER sources_rules_insert BEFORE INSERT ON sources
BEGIN
  SELECT RAISE(ABORT, 'sources.title must not be empty, nor start or end with whitespace')
  WHERE NEW.title IS NOT trim(NEW.title, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.title = '';
  SELECT RAISE(ABORT, 'sources.publisher must be at most 300 characters')
  WHERE length(NEW.publisher) > 300;
  SELECT RAISE(ABORT, 'sources.publisher must not be empty, nor start or end with whitespace')
  WHERE NEW.publisher IS NOT trim(NEW.publisher, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.publisher = '';
  SELECT RAISE(ABORT, 'sources.author must be at most 300 characters')
  WHERE length(NEW.author) > 300;
  SELECT RAISE(ABORT, 'sources.author must not be empty, nor start or end with whitespace')
  WHERE NEW.author IS NOT trim(NEW.author, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.author = '';
  SELECT RAISE(ABORT, 'sources.url must be an http(s) URL of at most 2000 characters, without spaces or control characters')
  WHERE length(NEW.url) > 2000 OR NEW.url GLOB ('*[' || char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288) || ']*') OR NEW.url GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*');
  SELECT RAISE(ABORT, 'sources.text must be plain text with LF line endings, not blank, without control characters but tab and line feed')
  WHERE trim(NEW.text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) = '' OR instr(NEW.text, char(13)) > 0 OR NEW.text GLOB ('*[' || char(1) || '-' || char(8, 11, 12) || '-' || char(31, 127) || '-' || char(159) || ']*') OR instr(CAST(NEW.text AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'sources.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'sources.updated_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at) IS NOT NEW.updated_at OR substr(NEW.updated_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'sources.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;
CREATE TRIGGER sources_rules_update BEFORE UPDATE OF title, url, publisher, author, text, created_at, updated_at, seed_set ON sources
BEGIN
  SELECT RAISE(ABORT, 'sources.title must not be empty, nor start or end with whitespace')
  WHERE NEW.title IS NOT trim(NEW.title, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.title = '';
  SELECT RAISE(ABORT, 'sources.publisher must be at most 300 characters')
  WHERE length(NEW.publisher) > 300;
  SELECT RAISE(ABORT, 'sources.publisher must not be empty, nor start or end with whitespace')
  WHERE NEW.publisher IS NOT trim(NEW.publisher, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.publisher = '';
  SELECT RAISE(ABORT, 'sources.author must be at most 300 characters')
  WHERE length(NEW.author) > 300;
  SELECT RAISE(ABORT, 'sources.author must not be empty, nor start or end with whitespace')
  WHERE NEW.author IS NOT trim(NEW.author, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.author = '';
  SELECT RAISE(ABORT, 'sources.url must be an http(s) URL of at most 2000 characters, without spaces or control characters')
  WHERE length(NEW.url) > 2000 OR NEW.url GLOB ('*[' || char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288) || ']*') OR NEW.url GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*');
  SELECT RAISE(ABORT, 'sources.text must be plain text with LF line endings, not blank, without control characters but tab and line feed')
  WHERE trim(NEW.text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) = '' OR instr(NEW.text, char(13)) > 0 OR NEW.text GLOB ('*[' || char(1) || '-' || char(8, 11, 12) || '-' || char(31, 127) || '-' || char(159) || ']*') OR instr(CAST(NEW.text AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'sources.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'sources.updated_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at) IS NOT NEW.updated_at OR substr(NEW.updated_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'sources.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;

CREATE TRIGGER source_defects_rules_insert BEFORE INSERT ON source_defects
BEGIN
  SELECT RAISE(ABORT, 'source_defects.intended must be at most 200 characters')
  WHERE length(NEW.intended) > 200;
  SELECT RAISE(ABORT, 'source_defects.intended must not be empty, nor start or end with whitespace')
  WHERE NEW.intended IS NOT trim(NEW.intended, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.intended = '';
  SELECT RAISE(ABORT, 'source_defects.note must be at most 1000 characters')
  WHERE length(NEW.note) > 1000;
  SELECT RAISE(ABORT, 'source_defects.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'source_defects.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;
CREATE TRIGGER source_defects_rules_update BEFORE UPDATE OF intended, note, seed_set ON source_defects
BEGIN
  SELECT RAISE(ABORT, 'source_defects.intended must be at most 200 characters')
  WHERE length(NEW.intended) > 200;
  SELECT RAISE(ABORT, 'source_defects.intended must not be empty, nor start or end with whitespace')
  WHERE NEW.intended IS NOT trim(NEW.intended, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.intended = '';
  SELECT RAISE(ABORT, 'source_defects.note must be at most 1000 characters')
  WHERE length(NEW.note) > 1000;
  SELECT RAISE(ABORT, 'source_defects.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'source_defects.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
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

CREATE TRIGGER entity_aliases_rules_insert BEFORE INSERT ON entity_aliases
BEGIN
  SELECT RAISE(ABORT, 'entity_aliases.alias must not be empty, nor start or end with whitespace')
  WHERE NEW.alias IS NOT trim(NEW.alias, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.alias = '';
END;
CREATE TRIGGER entity_aliases_rules_update BEFORE UPDATE OF alias ON entity_aliases
BEGIN
  SELECT RAISE(ABORT, 'entity_aliases.alias must not be empty, nor start or end with whitespace')
  WHERE NEW.alias IS NOT trim(NEW.alias, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.alias = '';
END;

CREATE TRIGGER records_rules_insert BEFORE INSERT ON records
BEGIN
  SELECT RAISE(ABORT, 'records.title must not be empty, nor start or end with whitespace')
  WHERE NEW.title IS NOT trim(NEW.title, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.title = '';
  SELECT RAISE(ABORT, 'records.statement must not be empty, nor start or end with whitespace')
  WHERE NEW.statement IS NOT trim(NEW.statement, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.statement = '';
  SELECT RAISE(ABORT, 'records.deprecation_reason must be at most 1000 characters')
  WHERE length(NEW.deprecation_reason) > 1000;
  SELECT RAISE(ABORT, 'records.deprecation_reason must not be empty, nor start or end with whitespace')
  WHERE NEW.deprecation_reason IS NOT trim(NEW.deprecation_reason, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.deprecation_reason = '';
  SELECT RAISE(ABORT, 'records.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'records.updated_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at) IS NOT NEW.updated_at OR substr(NEW.updated_at, 12, 2) >= '24';
END;
CREATE TRIGGER records_rules_update BEFORE UPDATE OF title, statement, deprecation_reason, created_at, updated_at ON records
BEGIN
  SELECT RAISE(ABORT, 'records.title must not be empty, nor start or end with whitespace')
  WHERE NEW.title IS NOT trim(NEW.title, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.title = '';
  SELECT RAISE(ABORT, 'records.statement must not be empty, nor start or end with whitespace')
  WHERE NEW.statement IS NOT trim(NEW.statement, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.statement = '';
  SELECT RAISE(ABORT, 'records.deprecation_reason must be at most 1000 characters')
  WHERE length(NEW.deprecation_reason) > 1000;
  SELECT RAISE(ABORT, 'records.deprecation_reason must not be empty, nor start or end with whitespace')
  WHERE NEW.deprecation_reason IS NOT trim(NEW.deprecation_reason, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.deprecation_reason = '';
  SELECT RAISE(ABORT, 'records.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'records.updated_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at) IS NOT NEW.updated_at OR substr(NEW.updated_at, 12, 2) >= '24';
END;

CREATE TRIGGER historical_events_rules_insert BEFORE INSERT ON historical_events
BEGIN
  SELECT RAISE(ABORT, 'historical_events.date_text must be at most 200 characters')
  WHERE length(NEW.date_text) > 200;
  SELECT RAISE(ABORT, 'historical_events.date_text must not be empty, nor start or end with whitespace')
  WHERE NEW.date_text IS NOT trim(NEW.date_text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.date_text = '';
  SELECT RAISE(ABORT, 'historical_events.place must be at most 200 characters')
  WHERE length(NEW.place) > 200;
  SELECT RAISE(ABORT, 'historical_events.place must not be empty, nor start or end with whitespace')
  WHERE NEW.place IS NOT trim(NEW.place, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.place = '';
  SELECT RAISE(ABORT, 'historical_events: an event with an unknown date has no period (dated by a period, its precision is period)')
  WHERE NEW.precision = 'unknown' AND NEW.period_entity_id IS NOT NULL;
END;
CREATE TRIGGER historical_events_rules_update BEFORE UPDATE OF date_text, precision, period_entity_id, place ON historical_events
BEGIN
  SELECT RAISE(ABORT, 'historical_events.date_text must be at most 200 characters')
  WHERE length(NEW.date_text) > 200;
  SELECT RAISE(ABORT, 'historical_events.date_text must not be empty, nor start or end with whitespace')
  WHERE NEW.date_text IS NOT trim(NEW.date_text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.date_text = '';
  SELECT RAISE(ABORT, 'historical_events.place must be at most 200 characters')
  WHERE length(NEW.place) > 200;
  SELECT RAISE(ABORT, 'historical_events.place must not be empty, nor start or end with whitespace')
  WHERE NEW.place IS NOT trim(NEW.place, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.place = '';
  SELECT RAISE(ABORT, 'historical_events: an event with an unknown date has no period (dated by a period, its precision is period)')
  WHERE NEW.precision = 'unknown' AND NEW.period_entity_id IS NOT NULL;
END;

CREATE TRIGGER mechanisms_rules_insert BEFORE INSERT ON mechanisms
BEGIN
  SELECT RAISE(ABORT, 'mechanisms.effect must be at most 1000 characters')
  WHERE length(NEW.effect) > 1000;
  SELECT RAISE(ABORT, 'mechanisms.effect must not be empty, nor start or end with whitespace')
  WHERE NEW.effect IS NOT trim(NEW.effect, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.effect = '';
END;
CREATE TRIGGER mechanisms_rules_update BEFORE UPDATE OF effect ON mechanisms
BEGIN
  SELECT RAISE(ABORT, 'mechanisms.effect must be at most 1000 characters')
  WHERE length(NEW.effect) > 1000;
  SELECT RAISE(ABORT, 'mechanisms.effect must not be empty, nor start or end with whitespace')
  WHERE NEW.effect IS NOT trim(NEW.effect, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.effect = '';
END;

CREATE TRIGGER clinical_claims_rules_insert BEFORE INSERT ON clinical_claims
BEGIN
  SELECT RAISE(ABORT, 'clinical_claims.population must be at most 300 characters')
  WHERE length(NEW.population) > 300;
  SELECT RAISE(ABORT, 'clinical_claims.population must not be empty, nor start or end with whitespace')
  WHERE NEW.population IS NOT trim(NEW.population, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.population = '';
  SELECT RAISE(ABORT, 'clinical_claims.outcome must be at most 1000 characters')
  WHERE length(NEW.outcome) > 1000;
  SELECT RAISE(ABORT, 'clinical_claims.outcome must not be empty, nor start or end with whitespace')
  WHERE NEW.outcome IS NOT trim(NEW.outcome, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.outcome = '';
  SELECT RAISE(ABORT, 'clinical_claims.onset_text must be at most 200 characters')
  WHERE length(NEW.onset_text) > 200;
  SELECT RAISE(ABORT, 'clinical_claims.onset_text must not be empty, nor start or end with whitespace')
  WHERE NEW.onset_text IS NOT trim(NEW.onset_text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.onset_text = '';
  SELECT RAISE(ABORT, 'clinical_claims.comparator_text must be at most 300 characters')
  WHERE length(NEW.comparator_text) > 300;
  SELECT RAISE(ABORT, 'clinical_claims.comparator_text must not be empty, nor start or end with whitespace')
  WHERE NEW.comparator_text IS NOT trim(NEW.comparator_text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.comparator_text = '';
  SELECT RAISE(ABORT, 'clinical_claims.comparator_onset_text must be at most 200 characters')
  WHERE length(NEW.comparator_onset_text) > 200;
  SELECT RAISE(ABORT, 'clinical_claims.comparator_onset_text must not be empty, nor start or end with whitespace')
  WHERE NEW.comparator_onset_text IS NOT trim(NEW.comparator_onset_text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.comparator_onset_text = '';
END;
CREATE TRIGGER clinical_claims_rules_update BEFORE UPDATE OF population, outcome, onset_text, comparator_text, comparator_onset_text ON clinical_claims
BEGIN
  SELECT RAISE(ABORT, 'clinical_claims.population must be at most 300 characters')
  WHERE length(NEW.population) > 300;
  SELECT RAISE(ABORT, 'clinical_claims.population must not be empty, nor start or end with whitespace')
  WHERE NEW.population IS NOT trim(NEW.population, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.population = '';
  SELECT RAISE(ABORT, 'clinical_claims.outcome must be at most 1000 characters')
  WHERE length(NEW.outcome) > 1000;
  SELECT RAISE(ABORT, 'clinical_claims.outcome must not be empty, nor start or end with whitespace')
  WHERE NEW.outcome IS NOT trim(NEW.outcome, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.outcome = '';
  SELECT RAISE(ABORT, 'clinical_claims.onset_text must be at most 200 characters')
  WHERE length(NEW.onset_text) > 200;
  SELECT RAISE(ABORT, 'clinical_claims.onset_text must not be empty, nor start or end with whitespace')
  WHERE NEW.onset_text IS NOT trim(NEW.onset_text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.onset_text = '';
  SELECT RAISE(ABORT, 'clinical_claims.comparator_text must be at most 300 characters')
  WHERE length(NEW.comparator_text) > 300;
  SELECT RAISE(ABORT, 'clinical_claims.comparator_text must not be empty, nor start or end with whitespace')
  WHERE NEW.comparator_text IS NOT trim(NEW.comparator_text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.comparator_text = '';
  SELECT RAISE(ABORT, 'clinical_claims.comparator_onset_text must be at most 200 characters')
  WHERE length(NEW.comparator_onset_text) > 200;
  SELECT RAISE(ABORT, 'clinical_claims.comparator_onset_text must not be empty, nor start or end with whitespace')
  WHERE NEW.comparator_onset_text IS NOT trim(NEW.comparator_onset_text, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.comparator_onset_text = '';
END;

CREATE TRIGGER citations_rules_insert BEFORE INSERT ON citations
BEGIN
  SELECT RAISE(ABORT, 'citations.exact must not start or end with whitespace')
  WHERE NEW.exact IS NOT trim(NEW.exact, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288));
  SELECT RAISE(ABORT, 'citations.source_sha256 must be 64 lowercase hexadecimal digits')
  WHERE length(NEW.source_sha256) <> 64 OR NEW.source_sha256 GLOB '*[^0-9a-f]*';
  SELECT RAISE(ABORT, 'citations.note must be at most 1000 characters')
  WHERE length(NEW.note) > 1000;
  SELECT RAISE(ABORT, 'citations.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'citations.hedge_review must be at most 1000 characters')
  WHERE length(NEW.hedge_review) > 1000;
  SELECT RAISE(ABORT, 'citations.hedge_review must not be empty, nor start or end with whitespace')
  WHERE NEW.hedge_review IS NOT trim(NEW.hedge_review, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.hedge_review = '';
END;
CREATE TRIGGER citations_rules_update BEFORE UPDATE OF source_sha256, exact, note, hedge_review ON citations
BEGIN
  SELECT RAISE(ABORT, 'citations.exact must not start or end with whitespace')
  WHERE NEW.exact IS NOT trim(NEW.exact, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288));
  SELECT RAISE(ABORT, 'citations.source_sha256 must be 64 lowercase hexadecimal digits')
  WHERE length(NEW.source_sha256) <> 64 OR NEW.source_sha256 GLOB '*[^0-9a-f]*';
  SELECT RAISE(ABORT, 'citations.note must be at most 1000 characters')
  WHERE length(NEW.note) > 1000;
  SELECT RAISE(ABORT, 'citations.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'citations.hedge_review must be at most 1000 characters')
  WHERE length(NEW.hedge_review) > 1000;
  SELECT RAISE(ABORT, 'citations.hedge_review must not be empty, nor start or end with whitespace')
  WHERE NEW.hedge_review IS NOT trim(NEW.hedge_review, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.hedge_review = '';
END;

CREATE TRIGGER relations_rules_insert BEFORE INSERT ON relations
BEGIN
  SELECT RAISE(ABORT, 'relations.note must be at most 1000 characters')
  WHERE length(NEW.note) > 1000;
  SELECT RAISE(ABORT, 'relations.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'relations.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'relations.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;
CREATE TRIGGER relations_rules_update BEFORE UPDATE OF note, created_at, seed_set ON relations
BEGIN
  SELECT RAISE(ABORT, 'relations.note must be at most 1000 characters')
  WHERE length(NEW.note) > 1000;
  SELECT RAISE(ABORT, 'relations.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'relations.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'relations.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;

CREATE TRIGGER record_seeds_rules_insert BEFORE INSERT ON record_seeds
BEGIN
  SELECT RAISE(ABORT, 'record_seeds.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;
CREATE TRIGGER record_seeds_rules_update BEFORE UPDATE OF seed_set ON record_seeds
BEGIN
  SELECT RAISE(ABORT, 'record_seeds.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
END;

CREATE TRIGGER seed_runs_rules_insert BEFORE INSERT ON seed_runs
BEGIN
  SELECT RAISE(ABORT, 'seed_runs.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
  SELECT RAISE(ABORT, 'seed_runs.at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.at) IS NOT NEW.at OR substr(NEW.at, 12, 2) >= '24';
END;
CREATE TRIGGER seed_runs_rules_update BEFORE UPDATE OF seed_set, at ON seed_runs
BEGIN
  SELECT RAISE(ABORT, 'seed_runs.seed_set must be lowercase letters and digits in words joined by single hyphens, 1 to 100 characters')
  WHERE NEW.seed_set GLOB '-*' OR NEW.seed_set GLOB '*-' OR NEW.seed_set GLOB '*--*' OR NEW.seed_set GLOB '*[^a-z0-9-]*' OR length(NEW.seed_set) NOT BETWEEN 1 AND 100 OR length(CAST(NEW.seed_set AS BLOB)) <> length(NEW.seed_set);
  SELECT RAISE(ABORT, 'seed_runs.at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.at) IS NOT NEW.at OR substr(NEW.at, 12, 2) >= '24';
END;

CREATE TRIGGER audit_log_rules_insert BEFORE INSERT ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log.at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.at) IS NOT NEW.at OR substr(NEW.at, 12, 2) >= '24';
END;
CREATE TRIGGER audit_log_rules_update BEFORE UPDATE OF at ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log.at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.at) IS NOT NEW.at OR substr(NEW.at, 12, 2) >= '24';
END;

------------------------------------------------------------------------------ indexes

-- The typed tables' entity columns: entity filters, the search index triggers (which find the
-- records an entity's rename touches) and foreign-key checks on deleting an entity.
CREATE INDEX historical_events_period ON historical_events(period_entity_id);
CREATE INDEX mechanisms_agent ON mechanisms(agent_entity_id);
CREATE INDEX mechanisms_target ON mechanisms(target_entity_id);
CREATE INDEX mechanisms_system ON mechanisms(system_entity_id);
CREATE INDEX clinical_claims_intervention ON clinical_claims(intervention_entity_id);
CREATE INDEX clinical_claims_indication ON clinical_claims(indication_entity_id);
CREATE INDEX clinical_claims_comparator ON clinical_claims(comparator_entity_id);

-- One identifier per scheme and entity: seed files and exports write them as an object keyed
-- by scheme.
CREATE UNIQUE INDEX entity_identifiers_one_per_scheme ON entity_identifiers(entity_id, scheme);
