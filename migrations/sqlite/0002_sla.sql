-- SLA (issue #7): business calendars, policies, each order's SLA clock state, the in-app
-- notification inbox and per-user notification preferences. Forward-only.

-- The scheduler and other automatic actions act as this user in the history.
INSERT INTO users (id, login, display_name, roles, active, created_at)
VALUES ('00000000-0000-7000-8000-000000000001', 'system', 'Orderly', '[]', 0, 0);

CREATE TABLE business_calendars (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    definition  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- `scope` is "<customer group id or *>|<catalog item id or *>": one policy per pair.
CREATE TABLE sla_policies (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    scope             TEXT NOT NULL UNIQUE,
    customer_group_id TEXT REFERENCES customer_groups(id),
    catalog_item_id   TEXT REFERENCES catalog_items(id),
    calendar_id       TEXT NOT NULL REFERENCES business_calendars(id),
    definition        TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

-- One row per order under an SLA. `next_check_at` is the next instant the scheduler must look
-- at the order (a warning, a due time or the next alert); NULL while nothing can happen
-- (paused, resolved). The scheduler reads only rows whose time has come, through the index.
CREATE TABLE order_sla (
    order_id               TEXT PRIMARY KEY REFERENCES work_orders(id),
    policy_id              TEXT NOT NULL REFERENCES sla_policies(id),
    next_check_at          INTEGER,
    response_warned_at     INTEGER,
    resolution_warned_at   INTEGER,
    response_breached_at   INTEGER,
    resolution_breached_at INTEGER,
    alerts_sent            INTEGER NOT NULL DEFAULT 0,
    last_alert_at          INTEGER,
    suspended_at           INTEGER
);
CREATE INDEX order_sla_next_check ON order_sla (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE notifications (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    order_id     TEXT REFERENCES work_orders(id),
    kind         TEXT NOT NULL,
    params       TEXT NOT NULL DEFAULT '{}',
    created_at   INTEGER NOT NULL,
    read_at      INTEGER,
    delivered_at INTEGER
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE notification_prefs (
    user_id     TEXT PRIMARY KEY REFERENCES users(id),
    definition  TEXT NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
