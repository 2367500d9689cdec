ALTER SCHEMA "a" RENAME TO "b";
--> statement-breakpoint
DROP VIEW "a"."changed";--> statement-breakpoint
DROP VIEW "a"."constant";--> statement-breakpoint
DROP MATERIALIZED VIEW "a"."counted";--> statement-breakpoint
DROP VIEW "a"."names";--> statement-breakpoint
CREATE VIEW "b"."changed" AS (select 2 as two);--> statement-breakpoint
CREATE VIEW "b"."constant" AS (select 1 as one);--> statement-breakpoint
CREATE MATERIALIZED VIEW "b"."counted" AS (select count(*) as n from b.t);--> statement-breakpoint
CREATE VIEW "b"."names" AS (select id, name from b.t);