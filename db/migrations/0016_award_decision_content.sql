ALTER TABLE `award_decisions` ADD `content_json` text;--> statement-breakpoint
ALTER TABLE `award_decisions` ADD `content_sha256` text;--> statement-breakpoint
-- A decision's content (its letter and what its checks read beyond the stored run) is frozen when
-- it is prepared (issue 12: a letter renders the stored run, and a sent letter never changes;
-- the final scores it was built from may be corrected later). A new decision carries its content
-- and the content's SHA-256 from the start. The content changes only while the inkoper holds the
-- decision (concept, or teruggestuurd: the jurist returned it and it is prepared again) and never
-- back to NULL; under review, approved, sent or replaced it stays as it is, for any connection.
-- Rows from before this migration keep NULL (the service then builds the content as before).
CREATE TRIGGER award_decisions_content_insert BEFORE INSERT ON award_decisions
WHEN NEW.content_json IS NULL OR NEW.content_sha256 IS NULL
  OR length(NEW.content_sha256) <> 64 OR NEW.content_sha256 GLOB '*[^0-9a-f]*'
BEGIN
  SELECT RAISE(ABORT, 'award_decisions: a new decision carries its frozen content and its SHA-256');
END;
--> statement-breakpoint
CREATE TRIGGER award_decisions_content_frozen BEFORE UPDATE ON award_decisions
WHEN (NEW.content_json IS NOT OLD.content_json OR NEW.content_sha256 IS NOT OLD.content_sha256)
  AND (OLD.state NOT IN ('concept', 'teruggestuurd')
    OR NEW.content_json IS NULL OR NEW.content_sha256 IS NULL
    OR length(NEW.content_sha256) <> 64 OR NEW.content_sha256 GLOB '*[^0-9a-f]*')
BEGIN
  SELECT RAISE(ABORT, 'award_decisions: the content of a decision under review, approved, sent or replaced never changes');
END;
