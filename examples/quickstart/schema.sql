-- A small notes app, as plain SQLite DDL: the schema `scripts/quickstart` starts from (`sleet generate` turns
-- it into the first migration). `drizzle/` beside it is the folder drizzle-kit 0.31 itself generated for
-- this schema (0000_init creates the tables, 0001_pin_notes adds notes.pinned and its index); sleet reads and
-- applies it as it is (examples/embedded uses it).
CREATE TABLE users (
  id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  email text NOT NULL,
  name text,
  created_at integer DEFAULT (unixepoch()) NOT NULL
);
CREATE UNIQUE INDEX users_email_unique ON users (email);

CREATE TABLE notes (
  id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  pinned integer DEFAULT false NOT NULL,
  body text DEFAULT '' NOT NULL,
  created_at integer DEFAULT (unixepoch()) NOT NULL
);
CREATE INDEX notes_user_id_idx ON notes (user_id);
CREATE INDEX notes_pinned_idx ON notes (user_id, pinned);

CREATE TABLE tags (
  id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  name text NOT NULL
);
CREATE UNIQUE INDEX tags_name_unique ON tags (name);

CREATE TABLE note_tags (
  note_id integer NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
  tag_id integer NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (note_id, tag_id)
);
