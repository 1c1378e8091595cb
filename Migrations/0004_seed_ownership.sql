-- Which rows the seeder owns, so that seeding can be idempotent, can remove what the seed files no
-- longer contain (sync mode) without touching content curated by hand, and can refuse to
-- overwrite a seeded record that someone edited in the database since.
--
-- Sources, entities, relations and defects carry the name of the seed set that owns them. Records
-- have a table of their own, because it holds more: the checksum of the content last seeded, and
-- the last audit_log row the seeder accounted for. A later audit row for the record is an edit
-- made outside the seeder — by the library, the CLI or raw SQL alike, since triggers write the
-- audit log. Writing to record_seeds itself bumps no version and writes no audit row.

ALTER TABLE sources ADD COLUMN seed_set TEXT
  CHECK (seed_set IS NULL OR (length(seed_set) BETWEEN 1 AND 100 AND length(CAST(seed_set AS BLOB)) = length(seed_set) AND seed_set NOT GLOB '*[^a-z0-9-]*'));

ALTER TABLE entities ADD COLUMN seed_set TEXT
  CHECK (seed_set IS NULL OR (length(seed_set) BETWEEN 1 AND 100 AND length(CAST(seed_set AS BLOB)) = length(seed_set) AND seed_set NOT GLOB '*[^a-z0-9-]*'));

ALTER TABLE relations ADD COLUMN seed_set TEXT
  CHECK (seed_set IS NULL OR (length(seed_set) BETWEEN 1 AND 100 AND length(CAST(seed_set AS BLOB)) = length(seed_set) AND seed_set NOT GLOB '*[^a-z0-9-]*'));

ALTER TABLE source_defects ADD COLUMN seed_set TEXT
  CHECK (seed_set IS NULL OR (length(seed_set) BETWEEN 1 AND 100 AND length(CAST(seed_set AS BLOB)) = length(seed_set) AND seed_set NOT GLOB '*[^a-z0-9-]*'));

CREATE TABLE record_seeds (
  record_id   INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  seed_set    TEXT NOT NULL CHECK (length(seed_set) BETWEEN 1 AND 100 AND length(CAST(seed_set AS BLOB)) = length(seed_set) AND seed_set NOT GLOB '*[^a-z0-9-]*'),
  -- SHA-256 of the record as the seed files last gave it (fields, typed fields, quotes).
  checksum    TEXT NOT NULL CHECK (length(checksum) = 64 AND checksum NOT GLOB '*[^0-9a-f]*'),
  -- The highest audit_log id the seeder had accounted for when it last wrote or checked the record.
  audit_mark  INTEGER NOT NULL CHECK (audit_mark >= 0)
) STRICT;

CREATE INDEX record_seeds_set ON record_seeds(seed_set);

-- One row per seeding run that changed something: what, from which files, when.
CREATE TABLE seed_runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  seed_set    TEXT NOT NULL,
  mode        TEXT NOT NULL CHECK (mode IN ('upsert', 'sync')),
  checksum    TEXT NOT NULL CHECK (length(checksum) = 64 AND checksum NOT GLOB '*[^0-9a-f]*'),
  inserted    INTEGER NOT NULL CHECK (inserted >= 0),
  updated     INTEGER NOT NULL CHECK (updated >= 0),
  deleted     INTEGER NOT NULL CHECK (deleted >= 0),
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TRIGGER seed_runs_append_only_update BEFORE UPDATE ON seed_runs
BEGIN
  SELECT RAISE(ABORT, 'seed_runs is append-only');
END;

CREATE TRIGGER seed_runs_append_only_delete BEFORE DELETE ON seed_runs
BEGIN
  SELECT RAISE(ABORT, 'seed_runs is append-only');
END;
