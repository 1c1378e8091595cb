-- The review trail: who changed a record's status, when, from what to what, and why.
--
-- `dossier review` writes one row here in the same transaction as the status change. The table
-- is append-only, like the audit log: a row is never updated, deleted or replaced. Each insert
-- also writes an audit_log row (table_name 'reviews', record_id set), so the trail is part of
-- the sealed audit chain and of `dossier history`. record_id is not a foreign key: the trail of
-- a deleted record stays, as its audit rows do.

CREATE TABLE reviews (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  record_id    INTEGER NOT NULL,
  from_status  TEXT NOT NULL CHECK ((from_status = 'draft' OR from_status = 'reviewed' OR
                                     from_status = 'published' OR from_status = 'deprecated')),
  to_status    TEXT NOT NULL CHECK ((to_status = 'draft' OR to_status = 'reviewed' OR
                                     to_status = 'published' OR to_status = 'deprecated')),
  reviewer     TEXT NOT NULL CHECK (length(reviewer) BETWEEN 1 AND 100),
  note         TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 1000),
  at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX reviews_record ON reviews(record_id, id);

CREATE TRIGGER reviews_rules_insert BEFORE INSERT ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews.reviewer must not be empty, nor start or end with whitespace')
  WHERE NEW.reviewer IS NOT trim(NEW.reviewer, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.reviewer = '';
  SELECT RAISE(ABORT, 'reviews.note must not be empty, nor start or end with whitespace')
  WHERE NEW.note IS NOT trim(NEW.note, char(9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288)) OR NEW.note = '';
  SELECT RAISE(ABORT, 'reviews: reviewer and note must not contain control characters (tab, line feed and carriage return are allowed)')
  WHERE (NEW.reviewer || NEW.note) GLOB ('*[' || char(1) || '-' || char(8, 11, 12, 14) || '-' || char(31, 127) || '-' || char(159) || ']*')
     OR instr(CAST((NEW.reviewer || NEW.note) AS BLOB), x'00') > 0;
  SELECT RAISE(ABORT, 'reviews.at must be a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ')
  WHERE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.at) IS NOT NEW.at OR substr(NEW.at, 12, 2) >= '24';
END;

CREATE TRIGGER reviews_no_replace BEFORE INSERT ON reviews
WHEN NEW.id > 0 AND EXISTS (SELECT 1 FROM reviews WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: reviews.id is taken (reviews is append-only)');
END;

CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews is append-only');
END;

CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews is append-only');
END;

CREATE TRIGGER audit_reviews_insert AFTER INSERT ON reviews
BEGIN
  INSERT INTO audit_log(table_name, row_id, record_id, operation, old_values, new_values)
  VALUES ('reviews', NEW.id, NEW.record_id, 'insert', NULL,
          json_object('id', NEW.id, 'record_id', NEW.record_id, 'from_status', NEW.from_status,
            'to_status', NEW.to_status, 'reviewer', NEW.reviewer, 'note', NEW.note, 'at', NEW.at));
END;
