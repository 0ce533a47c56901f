-- REPLACE INTO / INSERT OR REPLACE deletes the conflicting row without firing DELETE triggers
-- (unless recursive_triggers is on, which is per connection). So refuse, for any connection, an
-- insert that would land on an existing key of an immutable table: its primary key or any of its
-- unique keys. A BEFORE INSERT trigger fires before the conflict is resolved, so this also stops
-- INSERT ... ON CONFLICT DO UPDATE before the UPDATE triggers are even reached.
CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events
WHEN EXISTS (SELECT 1 FROM audit_events WHERE seq = NEW.seq)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER kader_versions_no_replace BEFORE INSERT ON kader_versions
WHEN EXISTS (SELECT 1 FROM kader_versions WHERE id = NEW.id OR (kader_id = NEW.kader_id AND number = NEW.number))
BEGIN
  SELECT RAISE(ABORT, 'kader_versions is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER clarification_notices_no_replace BEFORE INSERT ON clarification_notices
WHEN EXISTS (SELECT 1 FROM clarification_notices WHERE id = NEW.id OR (kader_id = NEW.kader_id AND number = NEW.number))
BEGIN
  SELECT RAISE(ABORT, 'clarification_notices is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER tariff_tables_no_replace BEFORE INSERT ON tariff_tables
WHEN EXISTS (SELECT 1 FROM tariff_tables WHERE id = NEW.id OR (zorgkantoor_id = NEW.zorgkantoor_id AND year = NEW.year AND version = NEW.version))
BEGIN
  SELECT RAISE(ABORT, 'tariff_tables is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER tariff_rows_no_replace BEFORE INSERT ON tariff_rows
WHEN EXISTS (SELECT 1 FROM tariff_rows WHERE id = NEW.id OR (table_id = NEW.table_id AND code = NEW.code))
BEGIN
  SELECT RAISE(ABORT, 'tariff_rows is immutable once published');
END;
