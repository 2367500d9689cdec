ALTER SCHEMA "a" RENAME TO "b";
--> statement-breakpoint
DROP VIEW "b"."changed";--> statement-breakpoint
DROP MATERIALIZED VIEW "b"."counted";--> statement-breakpoint
DROP VIEW "b"."names";--> statement-breakpoint
CREATE VIEW "b"."changed" AS (select 2 as two);--> statement-breakpoint
CREATE MATERIALIZED VIEW "b"."counted" AS (select count(*) as n from b.t);--> statement-breakpoint
CREATE VIEW "b"."names" AS (select id, name from b.t);