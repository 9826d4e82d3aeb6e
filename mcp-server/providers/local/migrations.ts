// Schema migrations, applied in order; `PRAGMA user_version` records how many have run. Never edit
// a migration that has shipped: add a new one.

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX customers_name ON customers (name COLLATE NOCASE);

  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    customer_id INTEGER REFERENCES customers (id),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX projects_name ON projects (name COLLATE NOCASE);

  CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    project_id INTEGER REFERENCES projects (id),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX activities_name ON activities (name COLLATE NOCASE, ifnull(project_id, 0));

  CREATE TABLE time_entries (
    id INTEGER PRIMARY KEY,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER CHECK (end_ms IS NULL OR end_ms >= start_ms),
    project_id INTEGER REFERENCES projects (id),
    activity_id INTEGER REFERENCES activities (id),
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- At most one running timer, across every process that opens the file: every running row has
  -- the same key in this partial unique index, so a second one cannot be inserted.
  CREATE UNIQUE INDEX time_entries_one_running ON time_entries ((end_ms IS NULL)) WHERE end_ms IS NULL;
  CREATE INDEX time_entries_start ON time_entries (start_ms);
  CREATE INDEX time_entries_end ON time_entries (end_ms);

  CREATE TABLE leave_requests (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('vacation', 'sick', 'personal', 'parental', 'unpaid', 'other')),
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL CHECK (last_day >= first_day),
    first_day_part TEXT NOT NULL DEFAULT 'full' CHECK (first_day_part IN ('full', 'afternoon')),
    last_day_part TEXT NOT NULL DEFAULT 'full' CHECK (last_day_part IN ('full', 'morning')),
    days REAL NOT NULL CHECK (days >= 0),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
    comment TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX leave_requests_days ON leave_requests (first_day, last_day);
  `,
  // 2: an AI agent's own time (record_agent_time) names its agent in a column of its own; the
  // person's own entries leave it NULL. Adding a nullable column keeps every row as it was.
  `
  ALTER TABLE time_entries ADD COLUMN agent TEXT CHECK (agent IS NULL OR length(agent) BETWEEN 1 AND 64);
  `,
];
