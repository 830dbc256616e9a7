-- Templates (issue #3): versioned definitions (a published version never changes; publishing
-- a change adds the next version), mappings between templates for conversion, and the
-- choice values of each order's select, multi-select and cascade fields, one row per value,
-- written with the order so a filter by a field's value is an index lookup. Forward-only.

-- `templates` (key, version, definition, created_at) exists since 0001, unused until now.
ALTER TABLE templates ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published'));
ALTER TABLE templates ADD COLUMN created_by TEXT;

CREATE TABLE template_mappings (
    from_key   TEXT NOT NULL,
    to_key     TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    updated_by TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (from_key, to_key)
);

-- created_at and seq are the order's (they never change), so the index serves the filter and
-- the list's default sort (newest first) together.
CREATE TABLE order_field_values (
    order_id     TEXT NOT NULL REFERENCES work_orders(id),
    template_key TEXT NOT NULL,
    field_key    TEXT NOT NULL,
    value        TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    PRIMARY KEY (order_id, field_key, value)
);
CREATE INDEX order_field_values_lookup ON order_field_values (field_key, value, created_at, seq);
