-- Foundation schema (issue #2). Forward-only: never edit once shipped.
-- Times are UTC epoch milliseconds; ids are UUIDv7 text; JSON is stored as text; integers are
-- BIGINT so both engines decode them alike.

CREATE TABLE departments (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES departments(id),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    roles         TEXT NOT NULL,
    department_id TEXT REFERENCES departments(id),
    skills        TEXT NOT NULL DEFAULT '[]',
    home_lat      DOUBLE PRECISION,
    home_lon      DOUBLE PRECISION,
    active        BIGINT NOT NULL DEFAULT 1,
    password_hash TEXT,
    created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL
);

CREATE TABLE customer_groups (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE customers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    group_id    TEXT REFERENCES customer_groups(id),
    phone       TEXT,
    email       TEXT,
    address     TEXT,
    created_at  BIGINT NOT NULL
);

CREATE TABLE catalog_items (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES catalog_items(id),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE templates (
    key         TEXT NOT NULL,
    version     BIGINT NOT NULL,
    definition  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (key, version)
);

CREATE TABLE number_counters (
    year  BIGINT PRIMARY KEY,
    last  BIGINT NOT NULL
);

CREATE TABLE work_orders (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    number            TEXT NOT NULL UNIQUE,
    template_key      TEXT NOT NULL,
    template_version  BIGINT NOT NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    field_values      TEXT NOT NULL DEFAULT '{}',
    status            TEXT NOT NULL,
    priority          BIGINT NOT NULL,
    department_id     TEXT REFERENCES departments(id),
    assignee_id       TEXT REFERENCES users(id),
    customer_id       TEXT REFERENCES customers(id),
    catalog_item_id   TEXT REFERENCES catalog_items(id),
    address           TEXT,
    lat               DOUBLE PRECISION,
    lon               DOUBLE PRECISION,
    source            TEXT NOT NULL,
    external_id       TEXT UNIQUE,
    created_by        TEXT NOT NULL REFERENCES users(id),
    created_at        BIGINT NOT NULL,
    updated_by        TEXT NOT NULL REFERENCES users(id),
    updated_at        BIGINT NOT NULL,
    response_due_at   BIGINT,
    resolution_due_at BIGINT,
    first_response_at BIGINT,
    resolved_at       BIGINT,
    closed_at         BIGINT,
    urge_count        BIGINT NOT NULL DEFAULT 0,
    version           BIGINT NOT NULL DEFAULT 1
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
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    order_id   TEXT NOT NULL REFERENCES work_orders(id),
    at         BIGINT NOT NULL,
    actor_id   TEXT NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL,
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT
);
CREATE INDEX order_events_order ON order_events (order_id, seq);

-- History is append-only: the store itself refuses to rewrite it.
CREATE FUNCTION order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'order history is append-only';
END;
$$;
CREATE TRIGGER order_events_no_rewrite BEFORE UPDATE OR DELETE ON order_events
    FOR EACH ROW EXECUTE FUNCTION order_events_append_only();

CREATE TABLE comments (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES work_orders(id),
    author_id   TEXT NOT NULL REFERENCES users(id),
    body        TEXT NOT NULL,
    public      BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX comments_order ON comments (order_id, created_at);

-- Search documents: rowid = work_orders.seq (named as SQLite's FTS5 rowid so the shared SQL
-- reads the same). `head`/`tail` are pre-normalised by the core; `vec` is the tsvector the core
-- builds from them (positions included, so CJK phrases match adjacent characters), never
-- parsed by PostgreSQL's locale-dependent word parser.
CREATE TABLE order_search (
    rowid  BIGINT PRIMARY KEY REFERENCES work_orders(seq),
    head   TEXT NOT NULL,
    tail   TEXT NOT NULL,
    vec    TSVECTOR NOT NULL
);
CREATE INDEX order_search_vec ON order_search USING GIN (vec);
