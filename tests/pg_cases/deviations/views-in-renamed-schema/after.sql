CREATE SCHEMA b;
CREATE TABLE b.t (id integer NOT NULL, name text);
CREATE VIEW b.constant AS SELECT 1 AS one;
CREATE VIEW b.changed AS SELECT 2 AS two;
CREATE VIEW b.names AS SELECT id, name FROM b.t;
CREATE MATERIALIZED VIEW b.counted AS SELECT count(*) AS n FROM b.t;
