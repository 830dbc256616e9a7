//! Processing an order beyond its fields (issue #4): collaborators, `@` mentions in comments,
//! links between orders, each person's marks (star, important) and saved list filters. The
//! rules of who may do what are in [`crate::domain::processing`].
//!
//! Collaborator and link changes are events in the order's history (field `collaborators` or
//! `links`; a link is recorded in both orders' histories) and do not bump the order's version:
//! like comments, they never conflict with an edit of its fields. Marks and saved filters are a
//! person's own and leave no trace in any order's history.

use super::auth::actor_of;
use super::Orderly;
use crate::domain::history::Change;
use crate::domain::order::{OrderFilter, WorkOrder};
use crate::domain::processing::{may_manage_collaborators, mentions, parse_link_kind, validate_filter_name, Mark};
use crate::domain::status::Status;
use crate::domain::user::{Actor, User};
use crate::domain::{new_id, now_millis, Millis};
use crate::store::processing::{self as store, SavedFilter};
use crate::store::{orders as order_store, users, workflows as wf_store};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sqlx::AnyConnection;

/// A person as an order's processing panel shows them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PersonRef {
    pub user_id: String,
    pub login: String,
    pub display_name: String,
    pub department_id: Option<String>,
}

/// A link as seen from one order: `kind` is `related`, `duplicate_of`, `duplicated_by`,
/// `parent_of` or `child_of`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderLink {
    pub order_id: String,
    pub number: String,
    pub title: String,
    pub status: Status,
    pub kind: String,
    pub created_by: String,
    pub created_at: Millis,
}

/// What an order's detail shows besides [`super::OrderDetail`]: its collaborators, its links
/// (to orders the reader may see) and the reader's own marks.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrderProcessing {
    pub order_id: String,
    pub collaborators: Vec<PersonRef>,
    pub links: Vec<OrderLink>,
    pub starred: bool,
    pub important: bool,
    /// Whether the reader may add and remove collaborators.
    pub can_manage_collaborators: bool,
}

/// A filter to save under a name; paging (`limit`, `after`) is not kept.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewSavedFilter {
    pub name: String,
    pub filter: OrderFilter,
}

fn person(u: &User) -> PersonRef {
    PersonRef {
        user_id: u.id.clone(),
        login: u.login.clone(),
        display_name: u.display_name.clone(),
        department_id: u.department_id.clone(),
    }
}

/// An active user named by id or login.
async fn active_user(conn: &mut AnyConnection, id_or_login: &str, field: &str) -> Result<User> {
    let found = match users::by_id(conn, id_or_login).await? {
        Some(u) => Some(u),
        None => users::by_login(conn, id_or_login).await?.map(|(u, _)| u),
    };
    let user = found.ok_or_else(|| Error::invalid("user.not_found").on_field(field).with("value", id_or_login))?;
    if !user.active {
        return Err(Error::invalid("user.inactive").on_field(field).with("value", &user.login));
    }
    Ok(user)
}

/// Adds `user` as a collaborator of `order` in the caller's transaction, with the history
/// event and the person's notification; `false` when they already were one.
pub(super) async fn add_collaborator_in(
    conn: &mut AnyConnection,
    actor: &Actor,
    order: &mut WorkOrder,
    user: &User,
    now: Millis,
) -> Result<bool> {
    if !wf_store::add_collaborator(conn, &order.id, &user.id).await? {
        return Ok(false);
    }
    let change = Change::field("collaborators", Value::Null, json!({"added": user.id}));
    order_store::append_event(conn, &order.id, now, &actor.user_id, &change).await?;
    order.collaborator_ids.push(user.id.clone());
    let params = json!({"by": actor.display_name, "title": order.title});
    super::notify::notify(conn, std::slice::from_ref(&user.id), order, "collaborator_added", params, now).await?;
    Ok(true)
}

/// Notifies the people a comment mentions (see [`crate::domain::processing`]): someone who
/// may not see the order becomes a collaborator when the author may add one, else the comment
/// is refused naming them. Returns who was notified.
pub(super) async fn notify_mentions(
    conn: &mut AnyConnection,
    actor: &Actor,
    order: &mut WorkOrder,
    (body, comment_id): (&str, &str),
    now: Millis,
) -> Result<Vec<String>> {
    let named = mentions(body);
    if named.is_empty() {
        return Ok(Vec::new());
    }
    let people = users::all(conn).await?;
    let mut told: Vec<String> = Vec::new();
    for login in named {
        let Some(user) = people.iter().find(|u| u.active && u.login == login) else { continue };
        if user.id == actor.user_id || told.contains(&user.id) {
            continue;
        }
        if !actor_of(user).can_see(order) {
            if !may_manage_collaborators(actor, order) {
                return Err(Error::forbidden("comment.mention_hidden").on_field("body").with("login", &user.login));
            }
            add_collaborator_in(conn, actor, order, user, now).await?;
        }
        told.push(user.id.clone());
    }
    let params = json!({"by": actor.display_name, "title": order.title, "comment_id": comment_id});
    super::notify::notify(conn, &told, order, "mentioned", params, now).await?;
    Ok(told)
}

impl Orderly {
    /// Adds a collaborator (by id or login), who then sees the order and may comment.
    pub async fn add_collaborator(&self, actor: &Actor, id: &str, user: &str) -> Result<OrderProcessing> {
        let mut tx = self.store.write().await?;
        let mut order = Self::visible_order(&mut tx, actor, id).await?.order;
        actor.require(may_manage_collaborators(actor, &order), "perm.manage_collaborators")?;
        let user = active_user(&mut tx, user, "user").await?;
        if !add_collaborator_in(&mut tx, actor, &mut order, &user, now_millis()).await? {
            return Err(Error::conflict("collaborator.already").with("login", &user.login));
        }
        tx.commit().await?;
        self.order_processing(actor, &order.id).await
    }

    /// Removes a collaborator (by id or login); a collaborator may always remove themselves.
    pub async fn remove_collaborator(&self, actor: &Actor, id: &str, user: &str) -> Result<OrderProcessing> {
        let mut tx = self.store.write().await?;
        let order = Self::visible_order(&mut tx, actor, id).await?.order;
        let found = match users::by_id(&mut tx, user).await? {
            Some(u) => Some(u),
            None => users::by_login(&mut tx, user).await?.map(|(u, _)| u),
        };
        let user = found.ok_or_else(|| Error::invalid("user.not_found").on_field("user").with("value", user))?;
        let leaving = user.id == actor.user_id;
        actor.require(leaving || may_manage_collaborators(actor, &order), "perm.manage_collaborators")?;
        if !store::remove_collaborator(&mut tx, &order.id, &user.id).await? {
            return Err(Error::invalid("collaborator.not_one").on_field("user").with("login", &user.login));
        }
        let change = Change::field("collaborators", Value::Null, json!({"removed": user.id}));
        order_store::append_event(&mut tx, &order.id, now_millis(), &actor.user_id, &change).await?;
        tx.commit().await?;
        if leaving && !actor.sees_all_orders() {
            // They may no longer see it; show what they still may.
            return Ok(OrderProcessing {
                order_id: order.id,
                collaborators: Vec::new(),
                links: Vec::new(),
                starred: false,
                important: false,
                can_manage_collaborators: false,
            });
        }
        self.order_processing(actor, &order.id).await
    }

    /// Links two orders (kind `related` by default; `duplicate_of`, `parent_of`, `child_of`),
    /// recorded in both histories. The actor works the first order and sees the other.
    pub async fn link_orders(&self, actor: &Actor, id: &str, other: &str, kind: &str) -> Result<OrderProcessing> {
        let (kind, from_here) = parse_link_kind(kind)?;
        let mut tx = self.store.write().await?;
        let order = Self::visible_order(&mut tx, actor, id).await?.order;
        actor.require(actor.can_work(&order), "perm.work_order")?;
        let target = Self::visible_order(&mut tx, actor, other).await.map_err(|e| e.on_field("other"))?.order;
        if target.id == order.id {
            return Err(Error::invalid("link.self").on_field("other").with("value", &order.number));
        }
        if store::link_between(&mut tx, &order.id, &target.id).await?.is_some() {
            return Err(Error::invalid("link.exists").on_field("other").with("value", &target.number));
        }
        let now = now_millis();
        let (from, to) = if from_here { (&order, &target) } else { (&target, &order) };
        store::insert_link(&mut tx, &from.id, &to.id, kind, &actor.user_id, now).await?;
        for (here, there, from_end) in [(&order, &target, from_here), (&target, &order, !from_here)] {
            let link = json!({"linked": there.number, "order_id": there.id, "kind": kind.seen_from(from_end)});
            order_store::append_event(
                &mut tx,
                &here.id,
                now,
                &actor.user_id,
                &Change::field("links", Value::Null, link),
            )
            .await?;
        }
        tx.commit().await?;
        self.order_processing(actor, &order.id).await
    }

    /// Removes the link between two orders, recorded in both histories.
    pub async fn unlink_orders(&self, actor: &Actor, id: &str, other: &str) -> Result<OrderProcessing> {
        let mut tx = self.store.write().await?;
        let order = Self::visible_order(&mut tx, actor, id).await?.order;
        actor.require(actor.can_work(&order), "perm.work_order")?;
        let target = Self::visible_order(&mut tx, actor, other).await.map_err(|e| e.on_field("other"))?.order;
        let Some(link) = store::link_between(&mut tx, &order.id, &target.id).await? else {
            return Err(Error::invalid("link.missing").on_field("other").with("value", &target.number));
        };
        store::delete_link(&mut tx, &order.id, &target.id).await?;
        let now = now_millis();
        for (here, there, from_end) in [(&order, &target, link.from_here), (&target, &order, !link.from_here)] {
            let gone = json!({"unlinked": there.number, "order_id": there.id, "kind": link.kind.seen_from(from_end)});
            order_store::append_event(
                &mut tx,
                &here.id,
                now,
                &actor.user_id,
                &Change::field("links", gone, Value::Null),
            )
            .await?;
        }
        tx.commit().await?;
        self.order_processing(actor, &order.id).await
    }

    /// Sets (`on`) or clears the actor's own star or important mark on an order they see.
    pub async fn set_mark(&self, actor: &Actor, id: &str, mark: Mark, on: bool) -> Result<OrderProcessing> {
        let mut tx = self.store.write().await?;
        let order = Self::visible_order(&mut tx, actor, id).await?.order;
        store::set_mark(&mut tx, &actor.user_id, &order.id, mark, on, now_millis()).await?;
        tx.commit().await?;
        self.order_processing(actor, &order.id).await
    }

    /// An order's collaborators, links (to orders the actor sees) and the actor's marks.
    pub async fn order_processing(&self, actor: &Actor, id: &str) -> Result<OrderProcessing> {
        let mut conn = self.read().await?;
        let order = Self::visible_order(&mut conn, actor, id).await?.order;
        let people = users::all(&mut conn).await?;
        let collaborators =
            order.collaborator_ids.iter().filter_map(|c| people.iter().find(|u| &u.id == c)).map(person).collect();
        let mut links = Vec::new();
        for link in store::links_of(&mut conn, &order.id).await? {
            let Some(other) = order_store::find(&mut conn, &link.other_id).await? else { continue };
            if !actor.can_see(&other.order) {
                continue;
            }
            links.push(OrderLink {
                order_id: other.order.id,
                number: other.order.number,
                title: other.order.title,
                status: other.order.status,
                kind: link.kind.seen_from(link.from_here).to_string(),
                created_by: link.created_by,
                created_at: link.created_at,
            });
        }
        let marks = store::marks(&mut conn, &actor.user_id, &order.id).await?;
        Ok(OrderProcessing {
            can_manage_collaborators: may_manage_collaborators(actor, &order),
            order_id: order.id,
            collaborators,
            links,
            starred: marks.iter().any(|m| m == Mark::Star.key()),
            important: marks.iter().any(|m| m == Mark::Important.key()),
        })
    }

    /// The actor's saved filters, by name.
    pub async fn saved_filters(&self, actor: &Actor) -> Result<Vec<SavedFilter>> {
        let mut conn = self.read().await?;
        store::saved_filters(&mut conn, &actor.user_id).await
    }

    /// Saves a filter under a name unique among the actor's filters; the filter is checked as
    /// a list would check it, and its paging is dropped.
    pub async fn save_filter(&self, actor: &Actor, input: NewSavedFilter) -> Result<SavedFilter> {
        let name = validate_filter_name(&input.name)?;
        let filter = OrderFilter { limit: None, after: None, ..input.filter };
        filter.parse().map_err(|e| e.within("filter"))?;
        let mut tx = self.store.write().await?;
        if store::saved_filters(&mut tx, &actor.user_id).await?.iter().any(|f| f.name == name) {
            return Err(Error::invalid("filter.name_taken").on_field("name").with("value", &name));
        }
        let saved = SavedFilter { id: new_id(), name, filter, created_at: now_millis() };
        store::insert_saved_filter(&mut tx, &actor.user_id, &saved).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Deletes one of the actor's filters, by id or name.
    pub async fn delete_saved_filter(&self, actor: &Actor, id_or_name: &str) -> Result<()> {
        let mut tx = self.store.write().await?;
        if !store::delete_saved_filter(&mut tx, &actor.user_id, id_or_name).await? {
            return Err(Error::not_found("filter.not_found").with("value", id_or_name));
        }
        tx.commit().await?;
        Ok(())
    }
}
