// The two complete snapshots of drizzle-reference.md 3.2 (postgresql) and 3.3 (sqlite), exactly as drizzle-kit
// 0.31 generated them: a snapshot written with a default layout must reproduce them byte for byte, whether the
// model was read from them or built by hand.
#include <gtest/gtest.h>

#include "snapshot/snapshot_json.hpp"

namespace sleet::snapshot {
namespace {

constexpr std::string_view kPgExample = R"snap({
  "id": "dfd1be82-9ea1-466d-8533-9b4d48e30bc0",
  "prevId": "00000000-0000-0000-0000-000000000000",
  "version": "7",
  "dialect": "postgresql",
  "tables": {
    "public.posts": {
      "name": "posts",
      "schema": "",
      "columns": {
        "id": {
          "name": "id",
          "type": "integer",
          "primaryKey": true,
          "notNull": true,
          "identity": {
            "type": "always",
            "name": "posts_id_seq",
            "schema": "public",
            "increment": "1",
            "startWith": "1",
            "minValue": "1",
            "maxValue": "2147483647",
            "cache": "1",
            "cycle": false
          }
        },
        "author_id": {
          "name": "author_id",
          "type": "integer",
          "primaryKey": false,
          "notNull": true
        },
        "title": {
          "name": "title",
          "type": "text",
          "primaryKey": false,
          "notNull": true
        },
        "body": {
          "name": "body",
          "type": "jsonb",
          "primaryKey": false,
          "notNull": false
        },
        "price": {
          "name": "price",
          "type": "numeric(10, 2)",
          "primaryKey": false,
          "notNull": false
        }
      },
      "indexes": {},
      "foreignKeys": {
        "posts_author_id_users_id_fk": {
          "name": "posts_author_id_users_id_fk",
          "tableFrom": "posts",
          "tableTo": "users",
          "columnsFrom": [
            "author_id"
          ],
          "columnsTo": [
            "id"
          ],
          "onDelete": "cascade",
          "onUpdate": "no action"
        }
      },
      "compositePrimaryKeys": {},
      "uniqueConstraints": {},
      "policies": {},
      "checkConstraints": {},
      "isRLSEnabled": false
    },
    "auth.sessions": {
      "name": "sessions",
      "schema": "auth",
      "columns": {
        "id": {
          "name": "id",
          "type": "uuid",
          "primaryKey": true,
          "notNull": true,
          "default": "gen_random_uuid()"
        },
        "user_id": {
          "name": "user_id",
          "type": "integer",
          "primaryKey": false,
          "notNull": false
        }
      },
      "indexes": {},
      "foreignKeys": {
        "sessions_user_id_users_id_fk": {
          "name": "sessions_user_id_users_id_fk",
          "tableFrom": "sessions",
          "tableTo": "users",
          "columnsFrom": [
            "user_id"
          ],
          "columnsTo": [
            "id"
          ],
          "onDelete": "no action",
          "onUpdate": "no action"
        }
      },
      "compositePrimaryKeys": {},
      "uniqueConstraints": {},
      "policies": {},
      "checkConstraints": {},
      "isRLSEnabled": false
    },
    "public.post_tags": {
      "name": "post_tags",
      "schema": "",
      "columns": {
        "post_id": {
          "name": "post_id",
          "type": "integer",
          "primaryKey": false,
          "notNull": true
        },
        "tag": {
          "name": "tag",
          "type": "text",
          "primaryKey": false,
          "notNull": true
        }
      },
      "indexes": {},
      "foreignKeys": {},
      "compositePrimaryKeys": {
        "post_tags_post_id_tag_pk": {
          "name": "post_tags_post_id_tag_pk",
          "columns": [
            "post_id",
            "tag"
          ]
        }
      },
      "uniqueConstraints": {
        "post_tags_tag_post_id_unique": {
          "name": "post_tags_tag_post_id_unique",
          "nullsNotDistinct": false,
          "columns": [
            "tag",
            "post_id"
          ]
        }
      },
      "policies": {},
      "checkConstraints": {},
      "isRLSEnabled": false
    },
    "public.users": {
      "name": "users",
      "schema": "",
      "columns": {
        "id": {
          "name": "id",
          "type": "serial",
          "primaryKey": true,
          "notNull": true
        },
        "email": {
          "name": "email",
          "type": "varchar(255)",
          "primaryKey": false,
          "notNull": true
        },
        "name": {
          "name": "name",
          "type": "text",
          "primaryKey": false,
          "notNull": false
        },
        "role": {
          "name": "role",
          "type": "role",
          "typeSchema": "public",
          "primaryKey": false,
          "notNull": true,
          "default": "'user'"
        },
        "active": {
          "name": "active",
          "type": "boolean",
          "primaryKey": false,
          "notNull": false,
          "default": true
        },
        "created_at": {
          "name": "created_at",
          "type": "timestamp with time zone",
          "primaryKey": false,
          "notNull": true,
          "default": "now()"
        },
        "age": {
          "name": "age",
          "type": "integer",
          "primaryKey": false,
          "notNull": false
        }
      },
      "indexes": {
        "users_name_idx": {
          "name": "users_name_idx",
          "columns": [
            {
              "expression": "name",
              "isExpression": false,
              "asc": true,
              "nulls": "last"
            }
          ],
          "isUnique": false,
          "concurrently": false,
          "method": "btree",
          "with": {}
        }
      },
      "foreignKeys": {},
      "compositePrimaryKeys": {},
      "uniqueConstraints": {
        "users_email_unique": {
          "name": "users_email_unique",
          "nullsNotDistinct": false,
          "columns": [
            "email"
          ]
        }
      },
      "policies": {},
      "checkConstraints": {
        "age_check": {
          "name": "age_check",
          "value": "\"users\".\"age\" > 0"
        }
      },
      "isRLSEnabled": false
    }
  },
  "enums": {
    "public.role": {
      "name": "role",
      "schema": "public",
      "values": [
        "admin",
        "user"
      ]
    }
  },
  "schemas": {
    "auth": "auth"
  },
  "sequences": {
    "public.my_seq": {
      "name": "my_seq",
      "schema": "public",
      "increment": "2",
      "startWith": "10",
      "minValue": "1",
      "maxValue": "9223372036854775807",
      "cache": "1",
      "cycle": false
    }
  },
  "roles": {},
  "policies": {},
  "views": {},
  "_meta": {
    "columns": {},
    "schemas": {},
    "tables": {}
  }
})snap";

constexpr std::string_view kSqliteExample = R"snap({
  "version": "6",
  "dialect": "sqlite",
  "id": "7d0f418d-618c-413f-8bec-9f1ed6b91225",
  "prevId": "00000000-0000-0000-0000-000000000000",
  "tables": {
    "posts": {
      "name": "posts",
      "columns": {
        "id": {
          "name": "id",
          "type": "integer",
          "primaryKey": true,
          "notNull": true,
          "autoincrement": false
        },
        "author_id": {
          "name": "author_id",
          "type": "integer",
          "primaryKey": false,
          "notNull": true,
          "autoincrement": false
        },
        "title": {
          "name": "title",
          "type": "text",
          "primaryKey": false,
          "notNull": true,
          "autoincrement": false,
          "default": "'untitled'"
        },
        "data": {
          "name": "data",
          "type": "blob",
          "primaryKey": false,
          "notNull": false,
          "autoincrement": false
        }
      },
      "indexes": {},
      "foreignKeys": {
        "posts_author_id_users_id_fk": {
          "name": "posts_author_id_users_id_fk",
          "tableFrom": "posts",
          "tableTo": "users",
          "columnsFrom": [
            "author_id"
          ],
          "columnsTo": [
            "id"
          ],
          "onDelete": "cascade",
          "onUpdate": "no action"
        }
      },
      "compositePrimaryKeys": {},
      "uniqueConstraints": {},
      "checkConstraints": {}
    },
    "post_tags": {
      "name": "post_tags",
      "columns": {
        "post_id": {
          "name": "post_id",
          "type": "integer",
          "primaryKey": false,
          "notNull": true,
          "autoincrement": false
        },
        "tag": {
          "name": "tag",
          "type": "text",
          "primaryKey": false,
          "notNull": true,
          "autoincrement": false
        }
      },
      "indexes": {
        "post_tags_tag_post_id_unique": {
          "name": "post_tags_tag_post_id_unique",
          "columns": [
            "tag",
            "post_id"
          ],
          "isUnique": true
        }
      },
      "foreignKeys": {},
      "compositePrimaryKeys": {
        "post_tags_post_id_tag_pk": {
          "columns": [
            "post_id",
            "tag"
          ],
          "name": "post_tags_post_id_tag_pk"
        }
      },
      "uniqueConstraints": {},
      "checkConstraints": {}
    },
    "users": {
      "name": "users",
      "columns": {
        "id": {
          "name": "id",
          "type": "integer",
          "primaryKey": true,
          "notNull": true,
          "autoincrement": true
        },
        "email": {
          "name": "email",
          "type": "text",
          "primaryKey": false,
          "notNull": true,
          "autoincrement": false
        },
        "name": {
          "name": "name",
          "type": "text",
          "primaryKey": false,
          "notNull": false,
          "autoincrement": false
        },
        "age": {
          "name": "age",
          "type": "integer",
          "primaryKey": false,
          "notNull": false,
          "autoincrement": false,
          "default": 18
        },
        "created_at": {
          "name": "created_at",
          "type": "integer",
          "primaryKey": false,
          "notNull": true,
          "autoincrement": false,
          "default": "(unixepoch())"
        },
        "is_admin": {
          "name": "is_admin",
          "type": "integer",
          "primaryKey": false,
          "notNull": false,
          "autoincrement": false,
          "default": false
        },
        "score": {
          "name": "score",
          "type": "real",
          "primaryKey": false,
          "notNull": false,
          "autoincrement": false
        }
      },
      "indexes": {
        "users_email_unique": {
          "name": "users_email_unique",
          "columns": [
            "email"
          ],
          "isUnique": true
        },
        "users_name_idx": {
          "name": "users_name_idx",
          "columns": [
            "name"
          ],
          "isUnique": false
        }
      },
      "foreignKeys": {},
      "compositePrimaryKeys": {},
      "uniqueConstraints": {},
      "checkConstraints": {
        "age_check": {
          "name": "age_check",
          "value": "\"users\".\"age\" > 0"
        }
      }
    }
  },
  "views": {},
  "enums": {},
  "_meta": {
    "schemas": {},
    "tables": {},
    "columns": {}
  },
  "internal": {
    "indexes": {}
  }
})snap";

Snapshot with_default_layout(const Snapshot& read) {
  return Snapshot{read.id, read.prev_id, read.version, read.database, SnapshotLayout()};
}

TEST(SnapshotDefaults, PostgresExampleIsWrittenExactlyFromTheModel) {
  auto read = parse_snapshot(kPgExample, "0000_snapshot.json");
  ASSERT_TRUE(read) << read.error().describe();
  ASSERT_EQ(read->database.tables.size(), 4u);
  EXPECT_EQ(read->database.tables[1].schema, "auth");
  EXPECT_EQ(write_snapshot(with_default_layout(*read)), kPgExample);
  LayoutStats stats = layout_stats(read->layout);
  EXPECT_EQ(stats.kinds_reordered, 0u);
  EXPECT_EQ(stats.exceptions, 0u);
  EXPECT_TRUE(stats.default_style);
}

TEST(SnapshotDefaults, SqliteExampleIsWrittenExactlyFromTheModel) {
  auto read = parse_snapshot(kSqliteExample, "0000_snapshot.json");
  ASSERT_TRUE(read) << read.error().describe();
  EXPECT_EQ(read->database.dialect, schema::Dialect::Sqlite);
  EXPECT_EQ(write_snapshot(with_default_layout(*read)), kSqliteExample);
  EXPECT_EQ(layout_stats(read->layout).exceptions, 0u);
}

schema::Column sqlite_column(std::string name, std::string type, bool primary_key, bool not_null,
                             bool autoincrement = false) {
  schema::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.primary_key = primary_key;
  c.not_null = not_null;
  c.autoincrement = autoincrement;
  return c;
}

schema::Index sqlite_index(std::string name, std::vector<std::string> columns, bool unique) {
  schema::Index index;
  index.name = std::move(name);
  for (std::string& column : columns) {
    schema::IndexColumn c;
    c.expression = std::move(column);
    index.columns.push_back(std::move(c));
  }
  index.is_unique = unique;
  return index;
}

TEST(SnapshotDefaults, SqliteExampleIsWrittenExactlyFromAHandBuiltDatabase) {
  schema::Database db;
  db.dialect = schema::Dialect::Sqlite;

  schema::Table posts;
  posts.name = "posts";
  posts.columns.push_back(sqlite_column("id", "integer", true, true));
  posts.columns.push_back(sqlite_column("author_id", "integer", false, true));
  posts.columns.push_back(sqlite_column("title", "text", false, true));
  posts.columns.back().default_value = schema::Scalar::string("'untitled'");
  posts.columns.push_back(sqlite_column("data", "blob", false, false));
  schema::ForeignKey fk;
  fk.name = "posts_author_id_users_id_fk";
  fk.table_from = "posts";
  fk.table_to = "users";
  fk.columns_from = {"author_id"};
  fk.columns_to = {"id"};
  fk.on_delete = "cascade";
  fk.on_update = "no action";
  posts.foreign_keys.push_back(fk);
  db.tables.push_back(posts);

  schema::Table tags;
  tags.name = "post_tags";
  tags.columns.push_back(sqlite_column("post_id", "integer", false, true));
  tags.columns.push_back(sqlite_column("tag", "text", false, true));
  tags.indexes.push_back(sqlite_index("post_tags_tag_post_id_unique", {"tag", "post_id"}, true));
  tags.composite_primary_keys.push_back({"post_tags_post_id_tag_pk", {"post_id", "tag"}});
  db.tables.push_back(tags);

  schema::Table users;
  users.name = "users";
  users.columns.push_back(sqlite_column("id", "integer", true, true, true));
  users.columns.push_back(sqlite_column("email", "text", false, true));
  users.columns.push_back(sqlite_column("name", "text", false, false));
  users.columns.push_back(sqlite_column("age", "integer", false, false));
  users.columns.back().default_value = schema::Scalar::number("18");
  users.columns.push_back(sqlite_column("created_at", "integer", false, true));
  users.columns.back().default_value = schema::Scalar::string("(unixepoch())");
  users.columns.push_back(sqlite_column("is_admin", "integer", false, false));
  users.columns.back().default_value = schema::Scalar::boolean(false);
  users.columns.push_back(sqlite_column("score", "real", false, false));
  users.indexes.push_back(sqlite_index("users_email_unique", {"email"}, true));
  users.indexes.push_back(sqlite_index("users_name_idx", {"name"}, false));
  users.check_constraints.push_back({"age_check", schema::Expr("\"users\".\"age\" > 0")});
  db.tables.push_back(users);

  Snapshot snapshot{"7d0f418d-618c-413f-8bec-9f1ed6b91225", std::string(kOriginId), "6", db, SnapshotLayout()};
  EXPECT_EQ(write_snapshot(snapshot), kSqliteExample);
}

TEST(SnapshotDefaults, PostgresColumnKeysFollowDrizzleOrderWithDefaultLast) {
  schema::Database db;
  schema::Table t;
  t.name = "t";
  schema::Column c;
  c.name = "id";
  c.type = "integer";
  c.not_null = true;
  c.default_value = schema::Scalar::number("1");
  c.generated = schema::Generated{schema::Expr("1 + 1"), schema::GeneratedKind::Stored};
  t.columns.push_back(c);
  schema::Index index;
  index.name = "t_expr_idx";
  index.columns.push_back({"lower(\"id\")", true, true, "last", std::nullopt});
  t.indexes.push_back(index);
  db.tables.push_back(t);
  Snapshot snapshot{"x", "y", "7", db, SnapshotLayout()};
  std::string text = write_snapshot(snapshot);
  EXPECT_NE(text.find(R"t("notNull": true,
          "generated": {
            "as": "1 + 1",
            "type": "stored"
          },
          "default": 1
        })t"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"t({
              "expression": "lower(\"id\")",
              "asc": true,
              "isExpression": true,
              "nulls": "last"
            })t"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"t("_meta": {
    "columns": {},
    "schemas": {},
    "tables": {}
  }
})t"),
            std::string::npos)
      << text;
  auto back = parse_snapshot(text, "t.json");
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->database, db);
}

}  // namespace
}  // namespace sleet::snapshot
