-- Attachments (issue #3): files kept content-addressed in the files folder
-- (`<files>/<sha[0..2]>/<sha256>`), one row per distinct content, and which orders name which
-- files (rewritten with the order), so reading a file checks that the reader may see an order
-- that names it. Forward-only (10 and 11 are taken by other branches).

CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    mime       TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
);

CREATE TABLE order_attachments (
    order_id TEXT NOT NULL REFERENCES work_orders(id),
    sha256   TEXT NOT NULL REFERENCES attachments(sha256),
    PRIMARY KEY (order_id, sha256)
);
CREATE INDEX order_attachments_by_file ON order_attachments (sha256);
