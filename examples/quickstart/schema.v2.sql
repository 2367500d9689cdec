-- The quickstart's second version of schema.sql. users gets a role (NOT NULL, default 'member') and a check on
-- email. SQLite cannot add a check to an existing table, so the migration recreates users (drizzle's
-- `__new_users` + INSERT … SELECT + DROP TABLE + RENAME) while notes and note_tags reference it with
-- ON DELETE CASCADE: `sleet migrate` keeps every note (drizzle-orm's migrator deletes them).
CREATE TABLE users (
  id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  email text NOT NULL,
  name text,
  role text DEFAULT 'member' NOT NULL,
  created_at integer DEFAULT (unixepoch()) NOT NULL,
  CONSTRAINT users_email_check CHECK (email LIKE '%_@_%')
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
