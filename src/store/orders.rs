//! Work orders, their history, comments and search documents in the store.

use super::dialect::{self, search_sql};
use super::rows::{self, OrderRow, ORDER_COLUMNS};
use super::Engine;
use crate::domain::history::{Change, Comment, Event};
use crate::domain::new_id;
use crate::domain::order::{AssigneeFilter, Cursor, OrderQuery, OrderSort, WorkOrder};
use crate::domain::processing::{Mark, OrderView};
use crate::domain::search::SearchQuery;
use crate::Result;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

/// A value bound to a numbered parameter of a query built at run time.
#[derive(Debug, Clone)]
pub enum Bind {
    Text(String),
    Int(i64),
}

/// SQL text with its numbered parameters (`$1`, `$2` …), shared by both engines.
#[derive(Debug, Default)]
pub struct Sql {
    pub text: String,
    pub binds: Vec<Bind>,
}

impl Sql {
    /// Adds a bound value and returns its placeholder.
    pub fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }
    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for b in &self.binds {
            q = match b {
                Bind::Text(t) => q.bind(t.as_str()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

/// The next human number counter of `year` (per-year sequence, inside the write transaction).
pub async fn next_number(conn: &mut AnyConnection, year: i32) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO number_counters (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = number_counters.last + 1 RETURNING last",
    )
    .bind(year as i64)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get(0)?)
}

/// Inserts a new order and returns its sequence number.
pub async fn insert(conn: &mut AnyConnection, o: &WorkOrder) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO work_orders (id, number, template_key, template_version, title, description, field_values, \
         status, priority, department_id, assignee_id, customer_id, catalog_item_id, address, lat, lon, source, \
         external_id, created_by, created_at, updated_by, updated_at, response_due_at, resolution_due_at, \
         first_response_at, resolved_at, closed_at, urge_count, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
         $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29) RETURNING seq",
    )
    // sqlx `Any` binds a NULL float as float4 on PostgreSQL; a statement cached with that
    // type then refuses a float8 value. Prepared afresh, each call gets its own types.
    .persistent(false)
    .bind(&o.id)
    .bind(&o.number)
    .bind(&o.template_key)
    .bind(o.template_version as i64)
    .bind(&o.title)
    .bind(&o.description)
    .bind(o.values.to_string())
    .bind(o.status.key())
    .bind(o.priority.rank())
    .bind(&o.department_id)
    .bind(&o.assignee_id)
    .bind(&o.customer_id)
    .bind(&o.catalog_item_id)
    .bind(&o.location.address)
    .bind(o.location.lat)
    .bind(o.location.lon)
    .bind(&o.source)
    .bind(&o.external_id)
    .bind(&o.created_by)
    .bind(o.created_at)
    .bind(&o.updated_by)
    .bind(o.updated_at)
    .bind(o.response_due_at)
    .bind(o.resolution_due_at)
    .bind(o.first_response_at)
    .bind(o.resolved_at)
    .bind(o.closed_at)
    .bind(o.urge_count as i64)
    .bind(o.version)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get(0)?)
}

/// Writes every mutable column of `o` if the stored version is still `read_version`;
/// returns false when someone else changed the order meanwhile.
pub async fn update_if_version(conn: &mut AnyConnection, o: &WorkOrder, read_version: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE work_orders SET title = $1, description = $2, field_values = $3, status = $4, priority = $5, \
         department_id = $6, assignee_id = $7, customer_id = $8, catalog_item_id = $9, address = $10, lat = $11, \
         lon = $12, source = $13, updated_by = $14, updated_at = $15, first_response_at = $16, resolved_at = $17, \
         closed_at = $18, urge_count = $19, version = $20 WHERE id = $21 AND version = $22",
    )
    // sqlx `Any` binds a NULL float as float4 on PostgreSQL; a statement cached with that
    // type then refuses a float8 value. Prepared afresh, each call gets its own types.
    .persistent(false)
    .bind(&o.title)
    .bind(&o.description)
    .bind(o.values.to_string())
    .bind(o.status.key())
    .bind(o.priority.rank())
    .bind(&o.department_id)
    .bind(&o.assignee_id)
    .bind(&o.customer_id)
    .bind(&o.catalog_item_id)
    .bind(&o.location.address)
    .bind(o.location.lat)
    .bind(o.location.lon)
    .bind(&o.source)
    .bind(&o.updated_by)
    .bind(o.updated_at)
    .bind(o.first_response_at)
    .bind(o.resolved_at)
    .bind(o.closed_at)
    .bind(o.urge_count as i64)
    .bind(o.version)
    .bind(&o.id)
    .bind(read_version)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves an order to another template version (a conversion), keeping its version counter:
/// the caller's [`update_if_version`] bumps it.
pub async fn set_template(conn: &mut AnyConnection, order_id: &str, key: &str, version: i32) -> Result<()> {
    sqlx::query("UPDATE work_orders SET template_key = $1, template_version = $2 WHERE id = $3")
        .bind(key)
        .bind(version as i64)
        .bind(order_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Finds an order by id (UUID) or human number (`WO-2026-000123`).
pub async fn find(conn: &mut AnyConnection, id_or_number: &str) -> Result<Option<OrderRow>> {
    let column = if id_or_number.starts_with("WO-") { "number" } else { "id" };
    let sql = format!("SELECT {ORDER_COLUMNS} FROM work_orders o WHERE o.{column} = $1");
    let Some(row) = sqlx::query(&sql).bind(id_or_number).fetch_optional(&mut *conn).await? else {
        return Ok(None);
    };
    let mut found = rows::order(&row)?;
    found.order.collaborator_ids = collaborators(conn, &found.order.id).await?;
    Ok(Some(found))
}

pub async fn find_by_external_id(conn: &mut AnyConnection, external_id: &str) -> Result<Option<WorkOrder>> {
    let sql = format!("SELECT {ORDER_COLUMNS} FROM work_orders o WHERE o.external_id = $1");
    let row = sqlx::query(&sql).bind(external_id).fetch_optional(&mut *conn).await?;
    row.map(|r| rows::order(&r).map(|o| o.order)).transpose()
}

pub async fn collaborators(conn: &mut AnyConnection, order_id: &str) -> Result<Vec<String>> {
    let rows = sqlx::query("SELECT user_id FROM order_collaborators WHERE order_id = $1 ORDER BY user_id")
        .bind(order_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| r.try_get(0).map_err(Into::into)).collect()
}

/// Appends one history event.
pub async fn append_event(
    conn: &mut AnyConnection,
    order_id: &str,
    at: i64,
    actor_id: &str,
    change: &Change,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO order_events (id, order_id, at, actor_id, kind, field, old_value, new_value) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(order_id)
    .bind(at)
    .bind(actor_id)
    .bind(change.kind.key())
    .bind(&change.field)
    .bind(change.old_value.as_ref().map(|v| v.to_string()))
    .bind(change.new_value.as_ref().map(|v| v.to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn events(conn: &mut AnyConnection, order_id: &str) -> Result<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT id, order_id, at, actor_id, kind, field, old_value, new_value FROM order_events WHERE order_id = $1 ORDER BY seq",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(rows::event).collect()
}

pub async fn insert_comment(conn: &mut AnyConnection, c: &Comment) -> Result<()> {
    sqlx::query(
        "INSERT INTO comments (id, order_id, author_id, body, public, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&c.id)
    .bind(&c.order_id)
    .bind(&c.author_id)
    .bind(&c.body)
    .bind(c.public as i64)
    .bind(c.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn comments(conn: &mut AnyConnection, order_id: &str) -> Result<Vec<Comment>> {
    let rows = sqlx::query(
        "SELECT id, order_id, author_id, body, public, created_at FROM comments WHERE order_id = $1 ORDER BY created_at, id",
    )
    .bind(order_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(rows::comment).collect()
}

/// One page of orders matching `q`, plus the cursor of the next page.
pub async fn list(
    conn: &mut AnyConnection,
    engine: Engine,
    q: &OrderQuery,
) -> Result<(Vec<WorkOrder>, Option<Cursor>)> {
    let search = q.text.as_deref().map(SearchQuery::parse).transpose()?;
    let mut sql = Sql::default();
    let mut conditions: Vec<String> = Vec::new();
    let mut join = "";
    if let Some(search) = &search {
        let s = search_sql(engine, sql.binds.len() + 1, search);
        sql.binds.push(Bind::Text(s.param));
        join = s.join;
        conditions.push(s.condition);
    }
    // A field filter under a creation-time sort walks the side table's index in order
    // (field, value, created_at, seq) and stops at the page's end, however common the value.
    let by_field =
        q.field.is_some() && search.is_none() && matches!(q.sort, OrderSort::CreatedDesc | OrderSort::CreatedAsc);
    if let (Some(f), true) = (&q.field, by_field) {
        join = "JOIN order_field_values v ON v.seq = o.seq";
        let (key, value) = (sql.bind(Bind::Text(f.key.clone())), sql.bind(Bind::Text(f.value.clone())));
        conditions.push(format!("v.field_key = {key} AND v.value = {value}"));
    }
    filter_conditions(q, &mut sql, &mut conditions, by_field);
    let ranked_by_recency = search.is_some() && q.sort == OrderSort::CreatedDesc;
    let sort = if by_field { SortSpec::by_field_values(q.sort) } else { SortSpec::of(q.sort, ranked_by_recency) };
    if let Some(cursor) = &q.after {
        conditions.push(sort.after(cursor, &mut sql)?);
    }
    let limit = sql.bind(Bind::Int(q.limit as i64 + 1));
    let where_clause =
        if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    sql.text = format!(
        "SELECT {ORDER_COLUMNS} FROM work_orders o {join} {where_clause} ORDER BY {} LIMIT {limit}",
        sort.order_by
    );
    let rows = sql.query().fetch_all(&mut *conn).await?;
    let mut found: Vec<OrderRow> = rows.iter().map(rows::order).collect::<Result<_>>()?;
    let next = if found.len() > q.limit as usize {
        found.truncate(q.limit as usize);
        found.last().map(|last| sort.cursor_of(last))
    } else {
        None
    };
    let mut orders: Vec<WorkOrder> = found.into_iter().map(|r| r.order).collect();
    fill_collaborators(conn, &mut orders).await?;
    Ok((orders, next))
}

fn filter_conditions(q: &OrderQuery, sql: &mut Sql, conditions: &mut Vec<String>, field_joined: bool) {
    if !q.status.is_empty() {
        let list: Vec<String> = q.status.iter().map(|s| sql.bind(Bind::Text(s.key().into()))).collect();
        conditions.push(format!("o.status IN ({})", list.join(", ")));
    }
    if !q.priority.is_empty() {
        let list: Vec<String> = q.priority.iter().map(|p| sql.bind(Bind::Int(p.rank()))).collect();
        conditions.push(format!("o.priority IN ({})", list.join(", ")));
    }
    let equal = |column: &str, value: &Option<String>, sql: &mut Sql, conditions: &mut Vec<String>| {
        if let Some(v) = value {
            let p = sql.bind(Bind::Text(v.clone()));
            conditions.push(format!("o.{column} = {p}"));
        }
    };
    equal("department_id", &q.department_id, sql, conditions);
    equal("customer_id", &q.customer_id, sql, conditions);
    equal("template_key", &q.template_key, sql, conditions);
    if let (Some(f), false) = (&q.field, field_joined) {
        let (key, value) = (sql.bind(Bind::Text(f.key.clone())), sql.bind(Bind::Text(f.value.clone())));
        conditions.push(format!(
            "o.seq IN (SELECT v.seq FROM order_field_values v WHERE v.field_key = {key} AND v.value = {value})"
        ));
    }
    match &q.assignee {
        AssigneeFilter::Any => {}
        AssigneeFilter::Nobody => conditions.push("o.assignee_id IS NULL".into()),
        AssigneeFilter::User(id) => {
            let p = sql.bind(Bind::Text(id.clone()));
            conditions.push(format!("o.assignee_id = {p}"));
        }
    }
    view_condition(q, sql, conditions);
    if let Some((user_id, department_id)) = &q.visible_to {
        let me = sql.bind(Bind::Text(user_id.clone()));
        let dept = match department_id {
            Some(d) => format!(" OR o.department_id = {}", sql.bind(Bind::Text(d.clone()))),
            None => String::new(),
        };
        conditions.push(format!(
            "(o.assignee_id = {me}{dept} OR EXISTS (SELECT 1 FROM order_collaborators c WHERE c.order_id = o.id AND c.user_id = {me}))"
        ));
    }
}

/// The view's condition. "Needs work" is any status but done, closed and cancelled; overdue is
/// a due time passed before its target was met (the response before the first response, the
/// resolution before resolving).
fn view_condition(q: &OrderQuery, sql: &mut Sql, conditions: &mut Vec<String>) {
    const NEEDS_WORK: &str = "o.status NOT IN ('done', 'closed', 'cancelled')";
    let marked = |mark: &str, sql: &mut Sql| {
        let (me, mark) = (sql.bind(Bind::Text(q.viewer.clone())), sql.bind(Bind::Text(mark.into())));
        format!("EXISTS (SELECT 1 FROM order_marks m WHERE m.user_id = {me} AND m.mark = {mark} AND m.order_id = o.id)")
    };
    let condition = match q.view {
        OrderView::All => return,
        OrderView::Mine => {
            let me = sql.bind(Bind::Text(q.viewer.clone()));
            format!(
                "(o.assignee_id = {me} OR EXISTS (SELECT 1 FROM order_collaborators c WHERE c.order_id = o.id AND c.user_id = {me}))"
            )
        }
        OrderView::Unassigned => format!("o.assignee_id IS NULL AND {NEEDS_WORK}"),
        OrderView::AwaitingResponse => format!("o.first_response_at IS NULL AND {NEEDS_WORK}"),
        OrderView::Starred => marked(Mark::Star.key(), sql),
        OrderView::Important => marked(Mark::Important.key(), sql),
        OrderView::Overdue => {
            let now = sql.bind(Bind::Int(q.now));
            format!(
                "{NEEDS_WORK} AND ((o.first_response_at IS NULL AND o.response_due_at < {now}) \
                 OR (o.resolved_at IS NULL AND o.resolution_due_at < {now}))"
            )
        }
    };
    conditions.push(condition);
}

/// How a sort orders rows and pages through them (keyset, never OFFSET).
struct SortSpec {
    order_by: &'static str,
    /// Key columns in order, each with `true` when it ascends.
    keys: &'static [(&'static str, bool)],
}

impl SortSpec {
    fn of(sort: OrderSort, ranked_by_recency: bool) -> SortSpec {
        if ranked_by_recency {
            return SortSpec { order_by: "order_search.rowid DESC", keys: &[("order_search.rowid", false)] };
        }
        match sort {
            OrderSort::CreatedDesc => SortSpec {
                order_by: "o.created_at DESC, o.seq DESC",
                keys: &[("o.created_at", false), ("o.seq", false)],
            },
            OrderSort::CreatedAsc => {
                SortSpec { order_by: "o.created_at ASC, o.seq ASC", keys: &[("o.created_at", true), ("o.seq", true)] }
            }
            OrderSort::UpdatedDesc => SortSpec {
                order_by: "o.updated_at DESC, o.seq DESC",
                keys: &[("o.updated_at", false), ("o.seq", false)],
            },
            OrderSort::PriorityAsc => SortSpec {
                order_by: "o.priority ASC, o.created_at DESC, o.seq DESC",
                keys: &[("o.priority", true), ("o.created_at", false), ("o.seq", false)],
            },
        }
    }

    /// The creation-time sorts read from the joined side table (same values as the order's).
    fn by_field_values(sort: OrderSort) -> SortSpec {
        match sort {
            OrderSort::CreatedAsc => {
                SortSpec { order_by: "v.created_at ASC, v.seq ASC", keys: &[("v.created_at", true), ("v.seq", true)] }
            }
            _ => SortSpec {
                order_by: "v.created_at DESC, v.seq DESC",
                keys: &[("v.created_at", false), ("v.seq", false)],
            },
        }
    }

    fn cursor_of(&self, row: &OrderRow) -> Cursor {
        let keys = self
            .keys
            .iter()
            .map(|(column, _)| match *column {
                "o.created_at" | "v.created_at" => row.order.created_at,
                "o.updated_at" => row.order.updated_at,
                "o.priority" => row.order.priority.rank(),
                _ => row.seq,
            })
            .collect();
        Cursor { keys }
    }

    /// `(k1 > a) OR (k1 = a AND (k2 > b OR …))`, with each comparison's direction.
    fn after(&self, cursor: &Cursor, sql: &mut Sql) -> Result<String> {
        if cursor.keys.len() != self.keys.len() {
            return Err(crate::Error::invalid("order.cursor_invalid").on_field("after"));
        }
        let mut clause = String::new();
        for (i, ((column, ascending), value)) in self.keys.iter().zip(&cursor.keys).enumerate().rev() {
            let p = sql.bind(Bind::Int(*value));
            let op = if *ascending { ">" } else { "<" };
            clause = if i == self.keys.len() - 1 {
                format!("{column} {op} {p}")
            } else {
                format!("({column} {op} {p} OR ({column} = {p} AND {clause}))")
            };
        }
        Ok(clause)
    }
}

async fn fill_collaborators(conn: &mut AnyConnection, orders: &mut [WorkOrder]) -> Result<()> {
    if orders.is_empty() {
        return Ok(());
    }
    let mut sql = Sql::default();
    let list: Vec<String> = orders.iter().map(|o| sql.bind(Bind::Text(o.id.clone()))).collect();
    sql.text = format!("SELECT order_id, user_id FROM order_collaborators WHERE order_id IN ({})", list.join(", "));
    for row in sql.query().fetch_all(&mut *conn).await? {
        let (order_id, user_id): (String, String) = (row.try_get(0)?, row.try_get(1)?);
        if let Some(o) = orders.iter_mut().find(|o| o.id == order_id) {
            o.collaborator_ids.push(user_id);
        }
    }
    Ok(())
}

/// Rewrites the searchable head (number, title, description) of an order, keeping its comments.
pub async fn index_head(conn: &mut AnyConnection, engine: Engine, seq: i64, o: &WorkOrder) -> Result<()> {
    let (_, tail) = dialect::get_search_doc(conn, seq).await?;
    let head = dialect::search_head(&o.number, &o.title, &o.description);
    dialect::put_search_doc(conn, engine, seq, &head, &tail).await
}

/// Adds a comment's text to an order's search document.
pub async fn index_comment(conn: &mut AnyConnection, engine: Engine, seq: i64, body: &str) -> Result<()> {
    let (head, mut tail) = dialect::get_search_doc(conn, seq).await?;
    let words = crate::domain::search::index_text([body]);
    if !tail.is_empty() && !words.is_empty() {
        tail.push(' ');
    }
    tail.push_str(&words);
    dialect::put_search_doc(conn, engine, seq, &head, &tail).await
}

/// Records activity from a comment without a version bump; a public comment is a response.
pub async fn touch_after_comment(conn: &mut AnyConnection, order_id: &str, at: i64, public: bool) -> Result<()> {
    let sql = if public {
        "UPDATE work_orders SET updated_at = $1, first_response_at = COALESCE(first_response_at, $1) WHERE id = $2"
    } else {
        "UPDATE work_orders SET updated_at = $1 WHERE id = $2"
    };
    sqlx::query(sql).bind(at).bind(order_id).execute(&mut *conn).await?;
    Ok(())
}

/// Ids of unassigned active orders, oldest first (a batch dispatch's default selection).
pub async fn unassigned_ids(conn: &mut AnyConnection, limit: i64) -> Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT id FROM work_orders WHERE assignee_id IS NULL AND status NOT IN ('done', 'closed', 'cancelled') \
         ORDER BY created_at, seq LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| r.try_get(0).map_err(Into::into)).collect()
}
