-- Published kader versions, notas van inlichtingen and imported tariff tables never change:
-- an amendment is a new version, a re-import a new table.
CREATE TRIGGER kader_versions_no_update BEFORE UPDATE ON kader_versions
BEGIN
  SELECT RAISE(ABORT, 'kader_versions is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER kader_versions_no_delete BEFORE DELETE ON kader_versions
BEGIN
  SELECT RAISE(ABORT, 'kader_versions is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER clarification_notices_no_update BEFORE UPDATE ON clarification_notices
BEGIN
  SELECT RAISE(ABORT, 'clarification_notices is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER clarification_notices_no_delete BEFORE DELETE ON clarification_notices
BEGIN
  SELECT RAISE(ABORT, 'clarification_notices is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER tariff_tables_no_update BEFORE UPDATE ON tariff_tables
BEGIN
  SELECT RAISE(ABORT, 'tariff_tables is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER tariff_tables_no_delete BEFORE DELETE ON tariff_tables
BEGIN
  SELECT RAISE(ABORT, 'tariff_tables is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER tariff_rows_no_update BEFORE UPDATE ON tariff_rows
BEGIN
  SELECT RAISE(ABORT, 'tariff_rows is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER tariff_rows_no_delete BEFORE DELETE ON tariff_rows
BEGIN
  SELECT RAISE(ABORT, 'tariff_rows is immutable once published');
END;
