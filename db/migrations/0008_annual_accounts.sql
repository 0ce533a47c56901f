CREATE TABLE `annual_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`agb_code` text NOT NULL,
	`wlz_revenue` text NOT NULL,
	`total_revenue` text NOT NULL,
	`personnel_costs` text NOT NULL,
	`other_operating_costs` text NOT NULL,
	`financing_income` text NOT NULL,
	`financing_costs` text NOT NULL,
	`tariff_percent` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `annual_accounts_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `annual_accounts_provider_unique` ON `annual_accounts` (`import_id`,`provider_id`);--> statement-breakpoint
CREATE INDEX `annual_accounts_import_idx` ON `annual_accounts` (`import_id`);--> statement-breakpoint
CREATE TABLE `annual_accounts_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`zorgkantoor_id` integer NOT NULL,
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`source_name` text NOT NULL,
	`sha256` text NOT NULL,
	`illustrative` integer NOT NULL,
	`note` text,
	`imported_at` integer NOT NULL,
	`imported_by` integer,
	FOREIGN KEY (`zorgkantoor_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `annual_accounts_imports_version_unique` ON `annual_accounts_imports` (`zorgkantoor_id`,`year`,`version`);--> statement-breakpoint
-- An import of annual accounts is a version, like a tariff table: a re-import is a new version,
-- and no connection changes or removes an earlier one (nor replaces it through REPLACE INTO, which
-- deletes without firing DELETE triggers: see 0005), so a test can always name the figures it used.
CREATE TRIGGER annual_accounts_imports_no_update BEFORE UPDATE ON annual_accounts_imports
BEGIN
  SELECT RAISE(ABORT, 'annual_accounts_imports is immutable once imported');
END;
--> statement-breakpoint
CREATE TRIGGER annual_accounts_imports_no_delete BEFORE DELETE ON annual_accounts_imports
BEGIN
  SELECT RAISE(ABORT, 'annual_accounts_imports is immutable once imported');
END;
--> statement-breakpoint
CREATE TRIGGER annual_accounts_imports_no_replace BEFORE INSERT ON annual_accounts_imports
WHEN EXISTS (SELECT 1 FROM annual_accounts_imports WHERE id = NEW.id OR (zorgkantoor_id = NEW.zorgkantoor_id AND year = NEW.year AND version = NEW.version))
BEGIN
  SELECT RAISE(ABORT, 'annual_accounts_imports is immutable once imported');
END;
--> statement-breakpoint
CREATE TRIGGER annual_accounts_no_update BEFORE UPDATE ON annual_accounts
BEGIN
  SELECT RAISE(ABORT, 'annual_accounts is immutable once imported');
END;
--> statement-breakpoint
CREATE TRIGGER annual_accounts_no_delete BEFORE DELETE ON annual_accounts
BEGIN
  SELECT RAISE(ABORT, 'annual_accounts is immutable once imported');
END;
--> statement-breakpoint
CREATE TRIGGER annual_accounts_no_replace BEFORE INSERT ON annual_accounts
WHEN EXISTS (SELECT 1 FROM annual_accounts WHERE id = NEW.id OR (import_id = NEW.import_id AND provider_id = NEW.provider_id))
BEGIN
  SELECT RAISE(ABORT, 'annual_accounts is immutable once imported');
END;
