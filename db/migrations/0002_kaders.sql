CREATE TABLE `provider_year_data` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`zorgkantoor_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`year` integer NOT NULL,
	`volumes` text NOT NULL,
	`previous_year_percent` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`zorgkantoor_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_year_data_unique` ON `provider_year_data` (`zorgkantoor_id`,`provider_id`,`year`);--> statement-breakpoint
CREATE TABLE `tariff_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_id` integer NOT NULL,
	`code` text NOT NULL,
	`sector` text NOT NULL,
	`label` text NOT NULL,
	`unit` text NOT NULL,
	`max` text NOT NULL,
	`nhc` text NOT NULL,
	`nic` text NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `tariff_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tariff_rows_code_unique` ON `tariff_rows` (`table_id`,`code`);--> statement-breakpoint
CREATE INDEX `tariff_rows_table_idx` ON `tariff_rows` (`table_id`);--> statement-breakpoint
CREATE TABLE `tariff_tables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`zorgkantoor_id` integer NOT NULL,
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`source_name` text NOT NULL,
	`sha256` text NOT NULL,
	`note` text,
	`imported_at` integer NOT NULL,
	`imported_by` integer,
	FOREIGN KEY (`zorgkantoor_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tariff_tables_version_unique` ON `tariff_tables` (`zorgkantoor_id`,`year`,`version`);--> statement-breakpoint
CREATE TABLE `clarification_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` integer,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clarification_notices_number_unique` ON `clarification_notices` (`kader_id`,`number`);--> statement-breakpoint
CREATE TABLE `kader_regions` (
	`kader_id` integer NOT NULL,
	`region_id` integer NOT NULL,
	PRIMARY KEY(`kader_id`, `region_id`),
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `kader_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`number` integer NOT NULL,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`tariff_table_id` integer NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`questions_until` integer NOT NULL,
	`notice_id` integer,
	`published_at` integer NOT NULL,
	`published_by` integer,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_table_id`) REFERENCES `tariff_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_id`) REFERENCES `clarification_notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kader_versions_number_unique` ON `kader_versions` (`kader_id`,`number`);--> statement-breakpoint
CREATE TABLE `kaders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`zorgkantoor_id` integer NOT NULL,
	`title` text NOT NULL,
	`year` integer NOT NULL,
	`phase` text NOT NULL,
	`draft` text NOT NULL,
	`draft_updated_at` integer NOT NULL,
	`tariff_table_id` integer,
	`budget_ceiling` text,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`zorgkantoor_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_table_id`) REFERENCES `tariff_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kaders_slug_unique` ON `kaders` (`slug`);--> statement-breakpoint
CREATE INDEX `kaders_zorgkantoor_idx` ON `kaders` (`zorgkantoor_id`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kader_id` integer NOT NULL,
	`provider_id` integer NOT NULL,
	`asked_by` integer NOT NULL,
	`asked_at` integer NOT NULL,
	`text` text NOT NULL,
	`answer` text,
	`answered_at` integer,
	`answered_by` integer,
	`notice_id` integer,
	FOREIGN KEY (`kader_id`) REFERENCES `kaders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_id`) REFERENCES `clarification_notices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_kader_idx` ON `questions` (`kader_id`);