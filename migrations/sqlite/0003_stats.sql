-- Statistics (issue #8): indexes that let each period of a statistics query read only its
-- slice of one index, and per-user dashboards. Forward-only.

-- Covers created counts, backlog and their common groupings without touching the table.
CREATE INDEX work_orders_stats_created ON work_orders (created_at, status, first_response_at, priority, department_id, assignee_id);
CREATE INDEX work_orders_stats_resolved ON work_orders (resolved_at, created_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX work_orders_stats_closed ON work_orders (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX work_orders_stats_responded ON work_orders (first_response_at, created_at) WHERE first_response_at IS NOT NULL;
CREATE INDEX order_events_kind_at ON order_events (kind, at);

CREATE TABLE dashboards (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    definition  TEXT NOT NULL,
    shared      INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX dashboards_owner ON dashboards (owner_id);
