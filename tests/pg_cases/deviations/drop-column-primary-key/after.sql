CREATE SCHEMA app;
CREATE TABLE users (id integer NOT NULL, name text);
CREATE TABLE app.a_table_whose_name_is_long_enough_to_be_cut_by_postgres_xyz (id bigint);
CREATE TABLE posts (slug text NOT NULL, title text PRIMARY KEY);
