CREATE TABLE `scoring_run_providers` (
	`run_id` integer NOT NULL,
	`agb_code` text NOT NULL,
	`lines_json` text NOT NULL,
	`budget_total` text,
	FOREIGN KEY (`run_id`) REFERENCES `scoring_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scoring_run_providers_unique` ON `scoring_run_providers` (`run_id`,`agb_code`);--> statement-breakpoint
CREATE TABLE `scoring_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`number` integer NOT NULL,
	`kader_version_id` integer NOT NULL,
	`kader_content_hash` text NOT NULL,
	`tariff_table_id` integer NOT NULL,
	`budget_ceiling` text,
	`inputs_json` text NOT NULL,
	`inputs_sha256` text NOT NULL,
	`engine_version` text NOT NULL,
	`reason` text,
	`corrects_run_id` integer,
	`started_by` integer NOT NULL,
	`started_at` integer NOT NULL,
	`status` text NOT NULL,
	`finished_at` integer,
	`result_gz` blob,
	`result_sha256` text,
	`modules_json` text,
	`budget_json` text,
	`field_best_json` text,
	`rank_findings_json` text,
	`summary_json` text,
	`error` text,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`kader_version_id`) REFERENCES `kader_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_table_id`) REFERENCES `tariff_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scoring_runs_number_unique` ON `scoring_runs` (`kader_id`,`number`);--> statement-breakpoint
CREATE INDEX `scoring_runs_kader_idx` ON `scoring_runs` (`kader_id`);--> statement-breakpoint
-- A scoring run is written at its start and completed exactly once (running → done | failed);
-- everything it was computed from never changes, and after completion nothing does. A
-- correction run names its reason. REPLACE INTO deletes without firing DELETE triggers, so an
-- insert over an existing key is refused as well (see 0005_refuse_replace).
CREATE TRIGGER scoring_runs_no_update BEFORE UPDATE ON scoring_runs
WHEN NOT (
  OLD.status = 'running' AND NEW.status IN ('done', 'failed') AND NEW.finished_at IS NOT NULL
  AND NEW.id IS OLD.id AND NEW.kader_id IS OLD.kader_id AND NEW.number IS OLD.number
  AND NEW.kader_version_id IS OLD.kader_version_id AND NEW.kader_content_hash IS OLD.kader_content_hash
  AND NEW.tariff_table_id IS OLD.tariff_table_id AND NEW.budget_ceiling IS OLD.budget_ceiling
  AND NEW.inputs_json IS OLD.inputs_json AND NEW.inputs_sha256 IS OLD.inputs_sha256
  AND NEW.engine_version IS OLD.engine_version AND NEW.reason IS OLD.reason
  AND NEW.corrects_run_id IS OLD.corrects_run_id AND NEW.started_by IS OLD.started_by
  AND NEW.started_at IS OLD.started_at
)
BEGIN
  SELECT RAISE(ABORT, 'scoring_runs is immutable once completed');
END;
--> statement-breakpoint
CREATE TRIGGER scoring_runs_no_delete BEFORE DELETE ON scoring_runs
BEGIN
  SELECT RAISE(ABORT, 'scoring_runs is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER scoring_runs_no_replace BEFORE INSERT ON scoring_runs
WHEN EXISTS (SELECT 1 FROM scoring_runs WHERE id = NEW.id OR (kader_id = NEW.kader_id AND number = NEW.number))
  OR NEW.status <> 'running'
  OR (NEW.corrects_run_id IS NOT NULL AND (NEW.reason IS NULL OR trim(NEW.reason) = ''))
BEGIN
  SELECT RAISE(ABORT, 'scoring_runs: a run starts as running, once per number, a correction with its reason');
END;
--> statement-breakpoint
CREATE TRIGGER scoring_run_providers_no_update BEFORE UPDATE ON scoring_run_providers
BEGIN
  SELECT RAISE(ABORT, 'scoring_run_providers is immutable');
END;
--> statement-breakpoint
CREATE TRIGGER scoring_run_providers_no_delete BEFORE DELETE ON scoring_run_providers
BEGIN
  SELECT RAISE(ABORT, 'scoring_run_providers is immutable');
END;
--> statement-breakpoint
-- Lines are written only while their run is running (in its completing transaction), once.
CREATE TRIGGER scoring_run_providers_insert BEFORE INSERT ON scoring_run_providers
WHEN (SELECT status FROM scoring_runs WHERE id = NEW.run_id) IS NOT 'running'
  OR EXISTS (SELECT 1 FROM scoring_run_providers WHERE run_id = NEW.run_id AND agb_code = NEW.agb_code)
BEGIN
  SELECT RAISE(ABORT, 'scoring_run_providers: only for a running run, once per provider');
END;
