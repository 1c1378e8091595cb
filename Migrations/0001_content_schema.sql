-- Dossier content schema: sources and their known defects, entities, records with their typed
-- subtypes (historical events, mechanisms, clinical claims), citations and relations.
--
-- Integrity lives here, not only in Swift: foreign keys, CHECK lists for every closed vocabulary,
-- and triggers for the rules that span tables, so that a raw SQL statement cannot break what the
-- library relies on. Offsets are in Unicode code points, the unit of SQLite's length()/substr().
--
-- Closed vocabularies are checked with `col = 'a' OR col = 'b' …` rather than `col IN ('a', 'b', …)`:
-- SQLite 3.40 builds a temporary index for an IN list of three or more values on every row
-- written, which costs more than the rest of the CHECK constraints together.
--
-- Slugs are lowercase ASCII words joined by single hyphens, 1 to 100 characters ("ketamine",
-- "vietnam-war-battlefield-anesthetic"). The same CHECK is repeated on each table that has one,
-- because SQLite has no domains. length() and GLOB stop at the first NUL character, so a slug
-- like 'a' || char(0) || 'Ω' would pass them: comparing the byte length with the character
-- length refuses NUL (and anything not ASCII) outright.

------------------------------------------------------------------------------ sources

CREATE TABLE sources (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  slug          TEXT NOT NULL UNIQUE
                CHECK (length(slug) BETWEEN 1 AND 100 AND length(CAST(slug AS BLOB)) = length(slug) AND slug NOT GLOB '*[^a-z0-9-]*'
                       AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
  title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300 AND title = trim(title)),
  kind          TEXT NOT NULL CHECK ((kind = 'web_article' OR kind = 'news_article' OR kind = 'review' OR
                                      kind = 'systematic_review' OR kind = 'trial' OR
                                      kind = 'observational_study' OR kind = 'case_report' OR
                                      kind = 'drug_label' OR kind = 'guideline' OR kind = 'book' OR
                                      kind = 'other')),
  url           TEXT CHECK (url IS NULL OR url GLOB 'http://?*' OR url GLOB 'https://?*'),
  publisher     TEXT CHECK (publisher IS NULL OR (length(publisher) > 0 AND publisher = trim(publisher))),
  author        TEXT CHECK (author IS NULL OR (length(author) > 0 AND author = trim(author))),
  published_on  TEXT CHECK (published_on IS NULL
                            OR (length(published_on) = 4 AND published_on NOT GLOB '*[^0-9]*')
                            OR date(published_on || '-01', '+0 days') IS published_on || '-01'
                            OR date(published_on, '+0 days') IS published_on),
  retrieved_on  TEXT CHECK (retrieved_on IS NULL OR date(retrieved_on, '+0 days') IS retrieved_on),
  language      TEXT NOT NULL DEFAULT 'en' CHECK (length(language) BETWEEN 2 AND 35 AND length(CAST(language AS BLOB)) = length(language) AND language NOT GLOB '*[^A-Za-z0-9-]*'),
  -- The verbatim text, NFC-normalised, that every citation and defect points into.
  text          TEXT NOT NULL CHECK (length(text) > 0),
  text_sha256   TEXT NOT NULL CHECK (length(text_sha256) = 64 AND text_sha256 NOT GLOB '*[^0-9a-f]*'),
  -- In code points: equal to SQLite's length(text), which the CHECK proves.
  text_length   INTEGER NOT NULL CHECK (text_length = length(text)),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (updated_at >= created_at)
) STRICT;

-- A source's text is what its citations were verified against: it never changes. A corrected or
-- re-fetched text is a new source.
CREATE TRIGGER sources_text_is_immutable
BEFORE UPDATE OF text, text_sha256, text_length ON sources
WHEN NEW.text IS NOT OLD.text OR NEW.text_sha256 IS NOT OLD.text_sha256 OR NEW.text_length IS NOT OLD.text_length
BEGIN
  SELECT RAISE(ABORT, 'sources.text is immutable: add the corrected text as a new source');
END;

------------------------------------------------------------------------------ source defects

-- Known damage in a source's text at code-point spans: text injected into a sentence (advertising,
-- link text) and words that lost letters. Quotes stay verbatim; curated prose uses `intended`.
CREATE TABLE source_defects (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK ((kind = 'injected_text' OR kind = 'corrupted_word' OR kind = 'other')),
  start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset    INTEGER NOT NULL,
  -- The damaged text exactly as it stands in the source.
  exact         TEXT NOT NULL,
  -- What the text should read: the intended word for a corrupted one; NULL for injected text,
  -- which should not be there at all.
  intended      TEXT CHECK (intended IS NULL OR (length(intended) > 0 AND intended = trim(intended))),
  note          TEXT,
  CHECK (end_offset > start_offset),
  CHECK (length(exact) = end_offset - start_offset),
  CHECK (kind <> 'corrupted_word' OR intended IS NOT NULL),
  CHECK (kind <> 'injected_text' OR intended IS NULL),
  UNIQUE (source_id, start_offset)
) STRICT;

CREATE TRIGGER source_defects_anchor_insert
BEFORE INSERT ON source_defects
BEGIN
  SELECT RAISE(ABORT, 'source_defects: exact is not the source text at [start_offset, end_offset)')
  WHERE (SELECT substr(text, NEW.start_offset + 1, NEW.end_offset - NEW.start_offset)
           FROM sources WHERE id = NEW.source_id) IS NOT NEW.exact;
  SELECT RAISE(ABORT, 'source_defects: the span overlaps another defect of the same source')
  WHERE EXISTS (SELECT 1 FROM source_defects d
                WHERE d.source_id = NEW.source_id
                  AND d.start_offset < NEW.end_offset AND NEW.start_offset < d.end_offset);
END;

CREATE TRIGGER source_defects_anchor_update
BEFORE UPDATE OF source_id, start_offset, end_offset, exact ON source_defects
BEGIN
  SELECT RAISE(ABORT, 'source_defects: exact is not the source text at [start_offset, end_offset)')
  WHERE (SELECT substr(text, NEW.start_offset + 1, NEW.end_offset - NEW.start_offset)
           FROM sources WHERE id = NEW.source_id) IS NOT NEW.exact;
  SELECT RAISE(ABORT, 'source_defects: the span overlaps another defect of the same source')
  WHERE EXISTS (SELECT 1 FROM source_defects d
                WHERE d.source_id = NEW.source_id AND d.id <> NEW.id
                  AND d.start_offset < NEW.end_offset AND NEW.start_offset < d.end_offset);
END;

------------------------------------------------------------------------------ entities

-- What records are about: substances, receptors, neurotransmitter systems, conditions,
-- procedures, periods, populations…
CREATE TABLE entities (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  slug          TEXT NOT NULL UNIQUE
                CHECK (length(slug) BETWEEN 1 AND 100 AND length(CAST(slug AS BLOB)) = length(slug) AND slug NOT GLOB '*[^a-z0-9-]*'
                       AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
  kind          TEXT NOT NULL CHECK ((kind = 'substance' OR kind = 'drug_class' OR kind = 'receptor' OR
                                      kind = 'neurotransmitter_system' OR kind = 'biological_process' OR
                                      kind = 'condition' OR kind = 'procedure' OR kind = 'field' OR
                                      kind = 'period' OR kind = 'population' OR kind = 'organization' OR
                                      kind = 'place' OR kind = 'other')),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200 AND name = trim(name)),
  description   TEXT CHECK (description IS NULL OR (length(description) > 0 AND description = trim(description))),
  -- A period's bounds (e.g. the Vietnam War), as ISO dates; only periods have them.
  period_start  TEXT CHECK (period_start IS NULL OR date(period_start, '+0 days') IS period_start),
  period_end    TEXT CHECK (period_end IS NULL OR date(period_end, '+0 days') IS period_end),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end),
  CHECK (kind = 'period' OR (period_start IS NULL AND period_end IS NULL)),
  CHECK (updated_at >= created_at)
) STRICT;

-- WITHOUT ROWID tables keep their primary-key columns first and in order: SQLite 3.40.0–3.41.0
-- integrity_check reports false errors otherwise.
CREATE TABLE entity_aliases (
  entity_id     INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  alias         TEXT NOT NULL CHECK (length(alias) BETWEEN 1 AND 200 AND alias = trim(alias)),
  kind          TEXT NOT NULL DEFAULT 'synonym' CHECK ((kind = 'synonym' OR kind = 'abbreviation' OR
                                                        kind = 'brand' OR kind = 'former_name')),
  PRIMARY KEY (entity_id, alias)
) STRICT, WITHOUT ROWID;

-- External identifiers, each value checked against its scheme's pattern.
CREATE TABLE entity_identifiers (
  entity_id     INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  scheme        TEXT NOT NULL CHECK ((scheme = 'mesh' OR scheme = 'drugbank' OR scheme = 'chebi' OR
                                      scheme = 'wikidata' OR scheme = 'rxnorm' OR scheme = 'unii' OR
                                      scheme = 'pubchem' OR scheme = 'chembl' OR scheme = 'go')),
  value         TEXT NOT NULL CHECK (CASE scheme
      WHEN 'mesh'     THEN length(value) BETWEEN 7 AND 10 AND value GLOB '[CD]*' AND substr(value, 2) NOT GLOB '*[^0-9]*'
      WHEN 'drugbank' THEN value GLOB 'DB[0-9][0-9][0-9][0-9][0-9]'
      WHEN 'chebi'    THEN length(value) BETWEEN 7 AND 16 AND value GLOB 'CHEBI:*' AND substr(value, 7) NOT GLOB '*[^0-9]*'
      WHEN 'wikidata' THEN length(value) BETWEEN 2 AND 12 AND value GLOB 'Q[1-9]*' AND substr(value, 2) NOT GLOB '*[^0-9]*'
      WHEN 'rxnorm'   THEN length(value) BETWEEN 1 AND 10 AND value NOT GLOB '*[^0-9]*'
      WHEN 'unii'     THEN length(value) = 10 AND value NOT GLOB '*[^0-9A-Z]*'
      WHEN 'pubchem'  THEN length(value) BETWEEN 1 AND 12 AND value NOT GLOB '*[^0-9]*'
      WHEN 'chembl'   THEN length(value) BETWEEN 7 AND 16 AND value GLOB 'CHEMBL*' AND substr(value, 7) NOT GLOB '*[^0-9]*'
      WHEN 'go'       THEN value GLOB 'GO:[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
      ELSE 0 END),
  PRIMARY KEY (entity_id, scheme, value),
  UNIQUE (scheme, value)
) STRICT, WITHOUT ROWID;

------------------------------------------------------------------------------ records

-- The parent of every event, mechanism and claim. Certainty is as the source states it, not the
-- curator's belief; status is the editorial workflow.
CREATE TABLE records (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  slug               TEXT NOT NULL UNIQUE
                     CHECK (length(slug) BETWEEN 1 AND 100 AND length(CAST(slug AS BLOB)) = length(slug) AND slug NOT GLOB '*[^a-z0-9-]*'
                            AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
  kind               TEXT NOT NULL CHECK ((kind = 'event' OR kind = 'mechanism' OR kind = 'claim')),
  title              TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200 AND title = trim(title)),
  statement          TEXT NOT NULL CHECK (length(statement) BETWEEN 1 AND 4000 AND statement = trim(statement)),
  certainty          TEXT NOT NULL CHECK ((certainty = 'established' OR certainty = 'probable' OR
                                           certainty = 'possible' OR certainty = 'speculative')),
  status             TEXT NOT NULL DEFAULT 'draft' CHECK ((status = 'draft' OR status = 'reviewed' OR
                                                           status = 'published' OR status = 'deprecated')),
  deprecation_reason TEXT,
  -- Optimistic locking: every update sets version = version + 1 (trigger below).
  version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((status = 'deprecated') = (deprecation_reason IS NOT NULL)),
  CHECK (deprecation_reason IS NULL OR length(trim(deprecation_reason)) > 0),
  CHECK (updated_at >= created_at)
) STRICT;

CREATE INDEX records_kind ON records(kind, id);

CREATE TRIGGER records_version_increases
BEFORE UPDATE ON records
WHEN NEW.version IS NOT OLD.version + 1
BEGIN
  SELECT RAISE(ABORT, 'records.version must increase by exactly 1 on every update');
END;

CREATE TRIGGER records_kind_is_immutable
BEFORE UPDATE OF kind ON records
WHEN NEW.kind IS NOT OLD.kind
BEGIN
  SELECT RAISE(ABORT, 'records.kind cannot change: delete the record and create one of the other kind');
END;

-- Entities a record is about, beyond the typed roles of its subtype row (an event about
-- veterinary medicine, say, whose only typed entity is its period).
CREATE TABLE record_entities (
  record_id     INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  entity_id     INTEGER NOT NULL REFERENCES entities(id) ON DELETE RESTRICT,
  PRIMARY KEY (record_id, entity_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX record_entities_entity ON record_entities(entity_id);

------------------------------------------------------------------------------ historical events

-- The date as the source gives it (date_text, verbatim), an EDTF value where one exists, and the
-- outer bounds it implies. An undated event has precision 'unknown' and no bounds: a date is never
-- invented. A date known only as "during <period>" has precision 'period', the period entity, and
-- that period's bounds.
CREATE TABLE historical_events (
  record_id        INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  date_text        TEXT CHECK (date_text IS NULL OR (length(date_text) > 0 AND date_text = trim(date_text))),
  -- EDTF characters only: digits, X, ? ~ % qualifiers, / intervals, .. open ends, [a..b] sets.
  date_edtf        TEXT CHECK (date_edtf IS NULL OR (length(date_edtf) BETWEEN 4 AND 60
                                                      AND date_edtf NOT GLOB '*[^]0-9X?~%/.[,-]*')),
  earliest         TEXT CHECK (earliest IS NULL OR date(earliest, '+0 days') IS earliest),
  latest           TEXT CHECK (latest IS NULL OR date(latest, '+0 days') IS latest),
  precision        TEXT NOT NULL CHECK ((precision = 'day' OR precision = 'month' OR precision = 'year' OR
                                         precision = 'decade' OR precision = 'century' OR precision = 'period' OR
                                         precision = 'unknown')),
  is_approximate   INTEGER NOT NULL DEFAULT 0 CHECK (is_approximate IN (0, 1)),
  is_uncertain     INTEGER NOT NULL DEFAULT 0 CHECK (is_uncertain IN (0, 1)),
  period_entity_id INTEGER REFERENCES entities(id) ON DELETE RESTRICT,
  place            TEXT CHECK (place IS NULL OR (length(place) > 0 AND place = trim(place))),
  CHECK (earliest IS NULL OR latest IS NULL OR earliest <= latest),
  -- A calendar precision has both bounds; an unknown date has neither; a period's bounds are
  -- its period's, when the period has them.
  CHECK ((precision <> 'day' AND precision <> 'month' AND precision <> 'year' AND precision <> 'decade' AND precision <> 'century') OR
          (earliest IS NOT NULL AND latest IS NOT NULL)),
  CHECK (precision <> 'unknown' OR (earliest IS NULL AND latest IS NULL AND date_edtf IS NULL)),
  CHECK (precision <> 'period' OR (period_entity_id IS NOT NULL AND date_edtf IS NULL)),
  CHECK (date_edtf IS NULL OR is_approximate = (date_edtf GLOB '*[~%]*')),
  CHECK (date_edtf IS NULL OR is_uncertain = (date_edtf GLOB '*[?%]*'))
) STRICT;

CREATE INDEX historical_events_bounds ON historical_events(earliest, latest);

------------------------------------------------------------------------------ mechanisms

-- agent → action → target, in a system, with an effect. The action is no more specific than the
-- source's words ("blocking" is a blocker/antagonist, not a pore blocker).
CREATE TABLE mechanisms (
  record_id        INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  agent_entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE RESTRICT,
  action           TEXT NOT NULL CHECK ((action = 'agonist' OR action = 'antagonist' OR action = 'blocker' OR
                                         action = 'inhibitor' OR action = 'modulator' OR action = 'promotes' OR
                                         action = 'induces' OR action = 'affects')),
  target_entity_id INTEGER REFERENCES entities(id) ON DELETE RESTRICT,
  system_entity_id INTEGER REFERENCES entities(id) ON DELETE RESTRICT,
  effect           TEXT CHECK (effect IS NULL OR (length(effect) > 0 AND effect = trim(effect))),
  role             TEXT NOT NULL CHECK ((role = 'primary' OR role = 'contributing' OR role = 'hypothesised')),
  CHECK (target_entity_id IS NOT NULL OR system_entity_id IS NOT NULL OR effect IS NOT NULL),
  CHECK (target_entity_id IS NULL OR target_entity_id <> agent_entity_id)
) STRICT;

------------------------------------------------------------------------------ clinical claims

-- PICO plus onset: intervention, population/indication, outcome, comparator. Onset is a verbatim
-- phrase and coarse units; numbers only where the source gives them. The evidence level stays
-- 'not_assessed' unless a cited study justifies more (a curation check).
CREATE TABLE clinical_claims (
  record_id              INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  intervention_entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE RESTRICT,
  indication_entity_id   INTEGER REFERENCES entities(id) ON DELETE RESTRICT,
  population             TEXT CHECK (population IS NULL OR (length(population) > 0 AND population = trim(population))),
  outcome                TEXT NOT NULL CHECK (length(outcome) > 0 AND outcome = trim(outcome)),
  onset_text             TEXT CHECK (onset_text IS NULL OR (length(onset_text) > 0 AND onset_text = trim(onset_text))),
  onset_lower_unit       TEXT CHECK ((onset_lower_unit = 'minutes' OR onset_lower_unit = 'hours' OR
                                      onset_lower_unit = 'days' OR onset_lower_unit = 'weeks' OR
                                      onset_lower_unit = 'months' OR onset_lower_unit = 'years')),
  onset_upper_unit       TEXT CHECK ((onset_upper_unit = 'minutes' OR onset_upper_unit = 'hours' OR
                                      onset_upper_unit = 'days' OR onset_upper_unit = 'weeks' OR
                                      onset_upper_unit = 'months' OR onset_upper_unit = 'years')),
  comparator_entity_id   INTEGER REFERENCES entities(id) ON DELETE RESTRICT,
  comparator_text        TEXT CHECK (comparator_text IS NULL OR (length(comparator_text) > 0 AND comparator_text = trim(comparator_text))),
  comparator_onset_text  TEXT CHECK (comparator_onset_text IS NULL OR (length(comparator_onset_text) > 0 AND comparator_onset_text = trim(comparator_onset_text))),
  comparator_onset_unit  TEXT CHECK ((comparator_onset_unit = 'minutes' OR comparator_onset_unit = 'hours' OR
                                      comparator_onset_unit = 'days' OR comparator_onset_unit = 'weeks' OR
                                      comparator_onset_unit = 'months' OR comparator_onset_unit = 'years')),
  evidence_level         TEXT NOT NULL DEFAULT 'not_assessed'
                         CHECK ((evidence_level = 'not_assessed' OR evidence_level = 'expert_opinion' OR
                                 evidence_level = 'case_series' OR evidence_level = 'observational' OR
                                 evidence_level = 'randomized_trial' OR
                                 evidence_level = 'systematic_review')),
  -- From the lower unit to the upper one, never backwards ("hours to days", not "days to hours").
  CHECK (onset_lower_unit IS NULL OR onset_upper_unit IS NULL
         OR (CASE onset_lower_unit WHEN 'minutes' THEN 1 WHEN 'hours' THEN 2 WHEN 'days' THEN 3
                                   WHEN 'weeks' THEN 4 WHEN 'months' THEN 5 ELSE 6 END)
            <= (CASE onset_upper_unit WHEN 'minutes' THEN 1 WHEN 'hours' THEN 2 WHEN 'days' THEN 3
                                      WHEN 'weeks' THEN 4 WHEN 'months' THEN 5 ELSE 6 END)),
  CHECK (onset_text IS NOT NULL OR (onset_lower_unit IS NULL AND onset_upper_unit IS NULL)),
  CHECK (comparator_onset_text IS NULL OR comparator_entity_id IS NOT NULL OR comparator_text IS NOT NULL),
  CHECK (comparator_onset_unit IS NULL OR comparator_onset_text IS NOT NULL),
  CHECK (comparator_entity_id IS NULL OR comparator_entity_id <> intervention_entity_id)
) STRICT;

------------------------------------------------------------------------------ subtype kinds

-- Each subtype row belongs to a record of its kind.
CREATE TRIGGER historical_events_record_kind
BEFORE INSERT ON historical_events
WHEN (SELECT kind FROM records WHERE id = NEW.record_id) IS NOT 'event'
BEGIN
  SELECT RAISE(ABORT, 'historical_events.record_id must be a record of kind event');
END;

CREATE TRIGGER historical_events_record_kind_update
BEFORE UPDATE OF record_id ON historical_events
WHEN (SELECT kind FROM records WHERE id = NEW.record_id) IS NOT 'event'
BEGIN
  SELECT RAISE(ABORT, 'historical_events.record_id must be a record of kind event');
END;

CREATE TRIGGER mechanisms_record_kind
BEFORE INSERT ON mechanisms
WHEN (SELECT kind FROM records WHERE id = NEW.record_id) IS NOT 'mechanism'
BEGIN
  SELECT RAISE(ABORT, 'mechanisms.record_id must be a record of kind mechanism');
END;

CREATE TRIGGER mechanisms_record_kind_update
BEFORE UPDATE OF record_id ON mechanisms
WHEN (SELECT kind FROM records WHERE id = NEW.record_id) IS NOT 'mechanism'
BEGIN
  SELECT RAISE(ABORT, 'mechanisms.record_id must be a record of kind mechanism');
END;

CREATE TRIGGER clinical_claims_record_kind
BEFORE INSERT ON clinical_claims
WHEN (SELECT kind FROM records WHERE id = NEW.record_id) IS NOT 'claim'
BEGIN
  SELECT RAISE(ABORT, 'clinical_claims.record_id must be a record of kind claim');
END;

CREATE TRIGGER clinical_claims_record_kind_update
BEFORE UPDATE OF record_id ON clinical_claims
WHEN (SELECT kind FROM records WHERE id = NEW.record_id) IS NOT 'claim'
BEGIN
  SELECT RAISE(ABORT, 'clinical_claims.record_id must be a record of kind claim');
END;

-- An event's period is a period entity, and an event dated by it lies within its bounds.
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

------------------------------------------------------------------------------ citations

-- A record's quote from a source (W3C Web Annotation TextQuoteSelector + TextPositionSelector):
-- `exact` is the source text at [start_offset, end_offset) in code points, `prefix`/`suffix` the
-- text around it, and `source_sha256` pins the text version the offsets refer to.
CREATE TABLE citations (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id     INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
  source_sha256 TEXT NOT NULL,
  exact         TEXT NOT NULL CHECK (length(exact) BETWEEN 1 AND 2000),
  prefix        TEXT NOT NULL DEFAULT '' CHECK (length(prefix) <= 32),
  suffix        TEXT NOT NULL DEFAULT '' CHECK (length(suffix) <= 32),
  start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset    INTEGER NOT NULL,
  note          TEXT CHECK (note IS NULL OR (length(note) > 0 AND note = trim(note))),
  -- Why the hedge words in this quote do not bear on the record's certainty ("'may' qualifies
  -- the comparator, not the claim"). The overclaiming check then reports them as a notice only.
  hedge_review  TEXT CHECK (hedge_review IS NULL OR (length(hedge_review) > 0 AND hedge_review = trim(hedge_review))),
  CHECK (end_offset > start_offset),
  CHECK (length(exact) = end_offset - start_offset),
  CHECK (exact = trim(exact, ' ' || char(9, 10, 13))),
  UNIQUE (record_id, source_id, start_offset, end_offset)
) STRICT;

CREATE INDEX citations_source ON citations(source_id, start_offset);

CREATE TRIGGER citations_anchor_insert
BEFORE INSERT ON citations
BEGIN
  SELECT RAISE(ABORT, 'citations: source_sha256 is not the hash of the source text')
  WHERE NEW.source_sha256 IS NOT (SELECT text_sha256 FROM sources WHERE id = NEW.source_id);
  SELECT RAISE(ABORT, 'citations: exact is not the source text at [start_offset, end_offset)')
  WHERE (SELECT substr(text, NEW.start_offset + 1, NEW.end_offset - NEW.start_offset)
           FROM sources WHERE id = NEW.source_id) IS NOT NEW.exact;
  SELECT RAISE(ABORT, 'citations: prefix does not end where exact starts')
  WHERE NEW.start_offset < length(NEW.prefix)
     OR (SELECT substr(text, NEW.start_offset - length(NEW.prefix) + 1, length(NEW.prefix))
           FROM sources WHERE id = NEW.source_id) IS NOT NEW.prefix;
  SELECT RAISE(ABORT, 'citations: suffix does not start where exact ends')
  WHERE (SELECT substr(text, NEW.end_offset + 1, length(NEW.suffix))
           FROM sources WHERE id = NEW.source_id) IS NOT NEW.suffix;
END;

CREATE TRIGGER citations_anchor_update
BEFORE UPDATE OF source_id, source_sha256, exact, prefix, suffix, start_offset, end_offset ON citations
BEGIN
  SELECT RAISE(ABORT, 'citations: source_sha256 is not the hash of the source text')
  WHERE NEW.source_sha256 IS NOT (SELECT text_sha256 FROM sources WHERE id = NEW.source_id);
  SELECT RAISE(ABORT, 'citations: exact is not the source text at [start_offset, end_offset)')
  WHERE (SELECT substr(text, NEW.start_offset + 1, NEW.end_offset - NEW.start_offset)
           FROM sources WHERE id = NEW.source_id) IS NOT NEW.exact;
  SELECT RAISE(ABORT, 'citations: prefix does not end where exact starts')
  WHERE NEW.start_offset < length(NEW.prefix)
     OR (SELECT substr(text, NEW.start_offset - length(NEW.prefix) + 1, length(NEW.prefix))
           FROM sources WHERE id = NEW.source_id) IS NOT NEW.prefix;
  SELECT RAISE(ABORT, 'citations: suffix does not start where exact ends')
  WHERE (SELECT substr(text, NEW.end_offset + 1, length(NEW.suffix))
           FROM sources WHERE id = NEW.source_id) IS NOT NEW.suffix;
END;

------------------------------------------------------------------------------ relations

-- Which predicate may link which kinds of record. A view, so the vocabulary changes only by
-- migration.
CREATE VIEW relation_rules(predicate, subject_kind, object_kind, is_acyclic) AS
VALUES
  ('explained_by',   'claim',     'mechanism', 1),
  ('explained_by',   'event',     'mechanism', 1),
  ('explained_by',   'mechanism', 'mechanism', 1),
  ('led_to',         'event',     'event',     1),
  ('preceded',       'event',     'event',     1),
  ('led_to',         'mechanism', 'mechanism', 1),
  ('led_to',         'event',     'claim',     1),
  ('part_of',        'event',     'event',     1),
  ('part_of',        'mechanism', 'mechanism', 1),
  ('supports',       'event',     'claim',     1),
  ('supports',       'mechanism', 'claim',     1),
  ('supports',       'claim',     'claim',     1),
  ('contrasts_with', 'claim',     'claim',     0),
  ('contrasts_with', 'mechanism', 'mechanism', 0),
  ('contradicts',    'claim',     'claim',     0);

CREATE TABLE relations (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  predicate         TEXT NOT NULL CHECK ((predicate = 'explained_by' OR predicate = 'led_to' OR
                                          predicate = 'preceded' OR predicate = 'part_of' OR
                                          predicate = 'supports' OR predicate = 'contrasts_with' OR
                                          predicate = 'contradicts')),
  object_record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  note              TEXT CHECK (note IS NULL OR (length(note) > 0 AND note = trim(note))),
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (subject_record_id <> object_record_id),
  UNIQUE (subject_record_id, predicate, object_record_id)
) STRICT;

CREATE INDEX relations_object ON relations(object_record_id);

CREATE TRIGGER relations_insert_rules
BEFORE INSERT ON relations
BEGIN
  SELECT RAISE(ABORT, 'relations: this predicate does not link records of these kinds (see relation_rules)')
  WHERE NOT EXISTS (
    SELECT 1 FROM relation_rules rule
    WHERE rule.predicate = NEW.predicate
      AND rule.subject_kind = (SELECT kind FROM records WHERE id = NEW.subject_record_id)
      AND rule.object_kind = (SELECT kind FROM records WHERE id = NEW.object_record_id));
  -- Symmetric predicates are stored once: A contrasts_with B is also B contrasts_with A.
  SELECT RAISE(ABORT, 'relations: the reverse of this symmetric relation already exists')
  WHERE NEW.predicate IN ('contrasts_with', 'contradicts')
    AND EXISTS (SELECT 1 FROM relations r
                WHERE r.subject_record_id = NEW.object_record_id AND r.predicate = NEW.predicate
                  AND r.object_record_id = NEW.subject_record_id);
  -- Causal and part-whole chains cannot loop back on themselves.
  SELECT RAISE(ABORT, 'relations: this relation would close a cycle')
  WHERE (NEW.predicate = 'explained_by' OR NEW.predicate = 'led_to' OR NEW.predicate = 'preceded' OR
         NEW.predicate = 'part_of' OR NEW.predicate = 'supports')
    AND EXISTS (
      WITH RECURSIVE reachable(id) AS (
        SELECT NEW.object_record_id
        UNION
        SELECT r.object_record_id FROM relations r JOIN reachable ON r.subject_record_id = reachable.id
        WHERE r.predicate = NEW.predicate)
      SELECT 1 FROM reachable WHERE id = NEW.subject_record_id);
END;

CREATE TRIGGER relations_are_immutable
BEFORE UPDATE OF subject_record_id, predicate, object_record_id ON relations
BEGIN
  SELECT RAISE(ABORT, 'relations: subject, predicate and object cannot change; delete the relation and add another');
END;
