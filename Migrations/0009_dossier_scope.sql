-- Dossiers as a scope of their own, and entities as a registry the dossiers share.
--
-- A dossier is the set of sources, records and relations one seed file describes (its
-- `seed_set`, since 0004); this table names each dossier and keeps the description its file
-- gives. Entities are shared: any dossier may use an entity, and several may define it, as
-- long as their definitions agree (identifiers and aliases are merged). entity_definitions
-- says which dossiers define each entity, so that a sync removes an entity only when no
-- dossier defines it any more, and a dossier defining an entity alone may still change it.

CREATE TABLE dossiers (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  slug        TEXT NOT NULL UNIQUE
              CHECK (length(slug) BETWEEN 1 AND 100 AND length(CAST(slug AS BLOB)) = length(slug) AND slug NOT GLOB '*[^a-z0-9-]*'
                     AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'),
  description TEXT CHECK (description IS NULL OR length(description) BETWEEN 1 AND 2000),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TRIGGER dossiers_rules_insert BEFORE INSERT ON dossiers
BEGIN
  SELECT RAISE(ABORT, 'dossiers.description must not be empty, nor start or end with whitespace')
  WHERE NEW.description IS NOT trim(NEW.description, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.description = '';
  SELECT RAISE(ABORT, 'dossiers.description must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE NEW.description GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.description AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'dossiers.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
  SELECT RAISE(ABORT, 'dossiers: a row with this id or slug exists; update it instead (INSERT OR REPLACE would delete it)')
  WHERE EXISTS (SELECT 1 FROM dossiers WHERE id = NEW.id OR slug = NEW.slug);
END;

CREATE TRIGGER dossiers_rules_update BEFORE UPDATE ON dossiers
BEGIN
  SELECT RAISE(ABORT, 'dossiers.slug never changes: the dossier''s rows name it')
  WHERE NEW.slug IS NOT OLD.slug OR NEW.id IS NOT OLD.id;
  SELECT RAISE(ABORT, 'dossiers.description must not be empty, nor start or end with whitespace')
  WHERE NEW.description IS NOT trim(NEW.description, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.description = '';
  SELECT RAISE(ABORT, 'dossiers.description must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE NEW.description GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST(NEW.description AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'dossiers.created_at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at) IS NOT NEW.created_at OR substr(NEW.created_at, 12, 2) >= '24';
END;

-- Which dossiers define each entity (the first to define it is also its entities.seed_set).
CREATE TABLE entity_definitions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  entity_id   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  dossier     TEXT NOT NULL REFERENCES dossiers(slug)
              CHECK (length(dossier) BETWEEN 1 AND 100 AND length(CAST(dossier AS BLOB)) = length(dossier) AND dossier NOT GLOB '*[^a-z0-9-]*'
                     AND dossier NOT GLOB '-*' AND dossier NOT GLOB '*-' AND dossier NOT GLOB '*--*'),
  UNIQUE (entity_id, dossier)
) STRICT;

CREATE INDEX entity_definitions_dossier ON entity_definitions(dossier);

CREATE TRIGGER entity_definitions_no_replace BEFORE INSERT ON entity_definitions
BEGIN
  SELECT RAISE(ABORT, 'entity_definitions: a row with this id, or this entity and dossier, exists (INSERT OR REPLACE would delete it)')
  WHERE EXISTS (SELECT 1 FROM entity_definitions WHERE id = NEW.id OR (entity_id = NEW.entity_id AND dossier = NEW.dossier));
END;

-- What the seeds last wrote of each record (its export image, as compact JSON): a conflict shows,
-- field by field, the value last seeded beside the database's and the file's.
ALTER TABLE record_seeds ADD COLUMN seeded TEXT CHECK (seeded IS NULL OR seeded GLOB '{*}');

-- Every dossier seeded so far, and what each defined.
INSERT INTO dossiers(slug)
  SELECT seed_set FROM record_seeds UNION SELECT seed_set FROM sources WHERE seed_set IS NOT NULL
  UNION SELECT seed_set FROM entities WHERE seed_set IS NOT NULL UNION SELECT seed_set FROM relations WHERE seed_set IS NOT NULL
  UNION SELECT seed_set FROM source_defects WHERE seed_set IS NOT NULL
  ORDER BY 1;

INSERT INTO entity_definitions(entity_id, dossier)
  SELECT id, seed_set FROM entities WHERE seed_set IS NOT NULL ORDER BY id;
