-- Processing (issue #4): links between orders, each person's own marks (star, important),
-- each person's saved list filters, and indexes for the list's views (awaiting response,
-- overdue, unassigned). Collaborators already have their table (0001).

-- One row per linked pair: (low_id, high_id) orders the pair so a pair links once whatever the
-- direction (the core puts the smaller id first); from_id says which end the kind reads from
-- (duplicate_of, parent_of).
CREATE TABLE order_links (
    low_id      TEXT NOT NULL REFERENCES work_orders(id),
    high_id     TEXT NOT NULL REFERENCES work_orders(id),
    from_id     TEXT NOT NULL REFERENCES work_orders(id),
    kind        TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (low_id, high_id)
);
CREATE INDEX order_links_high ON order_links (high_id);

CREATE TABLE order_marks (
    user_id     TEXT NOT NULL REFERENCES users(id),
    mark        TEXT NOT NULL,
    order_id    TEXT NOT NULL REFERENCES work_orders(id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (user_id, mark, order_id)
);
CREATE INDEX order_marks_order ON order_marks (order_id);

CREATE TABLE saved_filters (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    filter      TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (user_id, name)
);

-- The views: open orders nobody answered yet, and the SLA due times still running.
CREATE INDEX work_orders_awaiting ON work_orders (created_at, seq) WHERE first_response_at IS NULL;
CREATE INDEX work_orders_response_due ON work_orders (response_due_at) WHERE first_response_at IS NULL AND response_due_at IS NOT NULL;
CREATE INDEX work_orders_resolution_due ON work_orders (resolution_due_at) WHERE resolved_at IS NULL AND resolution_due_at IS NOT NULL;
