-- Workflows (issue #4): stored workflow definitions (JSON checked by the core; the built-in
-- `default` is seeded at start like the template library), which workflow a template uses (no
-- row: `default`), ordered triggers, time rules and the runs that keep each rule to once per
-- stay in a status, and per-order review requests for a transfer between departments.
-- Orders keep their `status` column: a workflow's status keys are the built-in ones.
-- Forward-only (0009 and 0010 are taken by other branches).

CREATE TABLE workflows (
    key         TEXT PRIMARY KEY,
    version     INTEGER NOT NULL,
    definition  TEXT NOT NULL,
    updated_by  TEXT,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE template_workflows (
    template_key TEXT PRIMARY KEY,
    workflow_key TEXT NOT NULL REFERENCES workflows(key),
    updated_at   INTEGER NOT NULL
);

CREATE TABLE triggers (
    key         TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    active      INTEGER NOT NULL,
    definition  TEXT NOT NULL,
    updated_by  TEXT,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX triggers_position ON triggers (position);

CREATE TABLE time_rules (
    key         TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    definition  TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- One row per rule run in one stay: `since` is when the order entered the status.
CREATE TABLE time_rule_runs (
    order_id   TEXT NOT NULL REFERENCES work_orders(id),
    rule_key   TEXT NOT NULL,
    since      INTEGER NOT NULL,
    ran_at     INTEGER NOT NULL,
    PRIMARY KEY (order_id, rule_key, since)
);

CREATE TABLE review_requests (
    id                  TEXT PRIMARY KEY,
    order_id            TEXT NOT NULL REFERENCES work_orders(id),
    requested_by        TEXT NOT NULL REFERENCES users(id),
    from_department_id  TEXT REFERENCES departments(id),
    to_department_id    TEXT NOT NULL REFERENCES departments(id),
    target_template_key TEXT,
    from_status         TEXT NOT NULL,
    reason              TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reviewer_id         TEXT REFERENCES users(id),
    comment             TEXT,
    requested_at        INTEGER NOT NULL,
    decided_at          INTEGER
);
CREATE INDEX review_requests_order ON review_requests (order_id, status);
CREATE INDEX review_requests_pending ON review_requests (to_department_id, status);
