-- Foundation schema (issue #2). Forward-only: never edit once shipped.
-- Times are UTC epoch milliseconds; ids are UUIDv7 text; JSON is stored as text.

CREATE TABLE departments (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES departments(id),
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    roles         TEXT NOT NULL,
    department_id TEXT REFERENCES departments(id),
    skills        TEXT NOT NULL DEFAULT '[]',
    home_lat      REAL,
    home_lon      REAL,
    active        INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL
);

CREATE TABLE customer_groups (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE customers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    group_id    TEXT REFERENCES customer_groups(id),
    phone       TEXT,
    email       TEXT,
    address     TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE catalog_items (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES catalog_items(id),
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE templates (
    key         TEXT NOT NULL,
    version     INTEGER NOT NULL,
    definition  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (key, version)
);

CREATE TABLE number_counters (
    year  INTEGER PRIMARY KEY,
    last  INTEGER NOT NULL
);

CREATE TABLE work_orders (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    number            TEXT NOT NULL UNIQUE,
    template_key      TEXT NOT NULL,
    template_version  INTEGER NOT NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    field_values      TEXT NOT NULL DEFAULT '{}',
    status            TEXT NOT NULL,
    priority          INTEGER NOT NULL,
    department_id     TEXT REFERENCES departments(id),
    assignee_id       TEXT REFERENCES users(id),
    customer_id       TEXT REFERENCES customers(id),
    catalog_item_id   TEXT REFERENCES catalog_items(id),
    address           TEXT,
    lat               REAL,
    lon               REAL,
    source            TEXT NOT NULL,
    external_id       TEXT UNIQUE,
    created_by        TEXT NOT NULL REFERENCES users(id),
    created_at        INTEGER NOT NULL,
    updated_by        TEXT NOT NULL REFERENCES users(id),
    updated_at        INTEGER NOT NULL,
    response_due_at   INTEGER,
    resolution_due_at INTEGER,
    first_response_at INTEGER,
    resolved_at       INTEGER,
    closed_at         INTEGER,
    urge_count        INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX work_orders_created ON work_orders (created_at, seq);
CREATE INDEX work_orders_updated ON work_orders (updated_at, seq);
CREATE INDEX work_orders_priority ON work_orders (priority, created_at DESC, seq DESC);
CREATE INDEX work_orders_status ON work_orders (status, created_at, seq);
CREATE INDEX work_orders_assignee ON work_orders (assignee_id, created_at, seq);
CREATE INDEX work_orders_department ON work_orders (department_id, created_at, seq);
CREATE INDEX work_orders_customer ON work_orders (customer_id, created_at, seq);

CREATE TABLE order_collaborators (
    order_id  TEXT NOT NULL REFERENCES work_orders(id),
    user_id   TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (order_id, user_id)
);
CREATE INDEX order_collaborators_user ON order_collaborators (user_id);

CREATE TABLE order_events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    order_id   TEXT NOT NULL REFERENCES work_orders(id),
    at         INTEGER NOT NULL,
    actor_id   TEXT NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL,
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX order_events_order ON order_events (order_id, seq);

-- History is append-only: the store itself refuses to rewrite it.
CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events
BEGIN SELECT RAISE(ABORT, 'order history is append-only'); END;
CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events
BEGIN SELECT RAISE(ABORT, 'order history is append-only'); END;

CREATE TABLE comments (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES work_orders(id),
    author_id   TEXT NOT NULL REFERENCES users(id),
    body        TEXT NOT NULL,
    public      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX comments_order ON comments (order_id, created_at);

-- Search documents: rowid = work_orders.seq. `head` holds number, title and description,
-- `tail` the comments, both pre-normalised by the core (see domain::search).
CREATE VIRTUAL TABLE order_search USING fts5(head, tail, tokenize = 'unicode61 remove_diacritics 0');
