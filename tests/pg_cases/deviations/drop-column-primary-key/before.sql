CREATE SCHEMA app;
CREATE TABLE users (id integer PRIMARY KEY, name text);
CREATE TABLE app.a_table_whose_name_is_long_enough_to_be_cut_by_postgres_xyz (id bigint PRIMARY KEY);
CREATE TABLE posts (slug text PRIMARY KEY, title text);
