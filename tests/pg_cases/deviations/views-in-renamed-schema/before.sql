CREATE SCHEMA a;
CREATE TABLE a.t (id integer NOT NULL, name text);
CREATE VIEW a.constant AS SELECT 1 AS one;
CREATE VIEW a.changed AS SELECT 1 AS one;
CREATE VIEW a.names AS SELECT id, name FROM a.t;
CREATE MATERIALIZED VIEW a.counted AS SELECT count(*) AS n FROM a.t;
