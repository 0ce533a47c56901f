CREATE TABLE `kader_breakeven_tests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_version_id` integer NOT NULL,
	`test_file` text NOT NULL,
	`inputs_file` text NOT NULL,
	`outcome` text NOT NULL,
	`pseudonyms` text NOT NULL,
	`passes` integer NOT NULL,
	`share` text NOT NULL,
	`break_even` text,
	`justification` text,
	`accounts_import_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`kader_version_id`) REFERENCES `kader_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accounts_import_id`) REFERENCES `annual_accounts_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kader_breakeven_tests_version_unique` ON `kader_breakeven_tests` (`kader_version_id`);--> statement-breakpoint
CREATE INDEX `kader_breakeven_tests_import_idx` ON `kader_breakeven_tests` (`accounts_import_id`);--> statement-breakpoint
-- The test stored with a published version is as immutable as the version (see 0003, 0005):
-- no connection changes or removes it, nor replaces it through REPLACE INTO.
CREATE TRIGGER kader_breakeven_tests_no_update BEFORE UPDATE ON kader_breakeven_tests
BEGIN
  SELECT RAISE(ABORT, 'kader_breakeven_tests is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER kader_breakeven_tests_no_delete BEFORE DELETE ON kader_breakeven_tests
BEGIN
  SELECT RAISE(ABORT, 'kader_breakeven_tests is immutable once published');
END;
--> statement-breakpoint
CREATE TRIGGER kader_breakeven_tests_no_replace BEFORE INSERT ON kader_breakeven_tests
WHEN EXISTS (SELECT 1 FROM kader_breakeven_tests WHERE id = NEW.id OR kader_version_id = NEW.kader_version_id)
BEGIN
  SELECT RAISE(ABORT, 'kader_breakeven_tests is immutable once published');
END;
