//! Notifying people: resolving who a [`Recipient`] names for an order, writing the inbox
//! entries, and each person's inbox (list, unread count, mark read, preferences). The desktop
//! takes the undelivered ones and shows them natively.

use super::Orderly;
use crate::domain::notify::{Notification, NotificationPrefs};
use crate::domain::order::WorkOrder;
use crate::domain::sla::Recipient;
use crate::domain::user::{Actor, Role, User};
use crate::domain::{new_id, now_millis};
use crate::store::{notify as inbox, users};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::AnyConnection;

/// The ids of the active people a recipient names for `order`, from `people` (all users).
pub(crate) fn resolve(recipient: &Recipient, order: &WorkOrder, people: &[User]) -> Vec<String> {
    let active = || people.iter().filter(|u| u.active);
    let with_role = |role: Role, department: Option<&String>| -> Vec<String> {
        active()
            .filter(|u| u.roles.contains(&role) && (department.is_none() || u.department_id.as_ref() == department))
            .map(|u| u.id.clone())
            .collect()
    };
    // In the order's department when anyone there holds the role, else anyone with it.
    let in_department_else_all = |role: Role| {
        let local = order.department_id.as_ref().map(|d| with_role(role, Some(d))).unwrap_or_default();
        if local.is_empty() {
            with_role(role, None)
        } else {
            local
        }
    };
    match recipient {
        Recipient::Assignee => match &order.assignee_id {
            Some(id) => vec![id.clone()],
            None => in_department_else_all(Role::Dispatcher),
        },
        Recipient::Supervisors => {
            let found = in_department_else_all(Role::Supervisor);
            if found.is_empty() {
                with_role(Role::Admin, None)
            } else {
                found
            }
        }
        Recipient::Role(key) => key.parse::<Role>().map(|r| with_role(r, None)).unwrap_or_default(),
        Recipient::Department(id) => {
            active().filter(|u| u.department_id.as_ref() == Some(id)).map(|u| u.id.clone()).collect()
        }
        Recipient::User(login) => active().filter(|u| &u.login == login).map(|u| u.id.clone()).collect(),
    }
}

/// Writes one inbox entry per person (each person once).
pub(crate) async fn notify(
    conn: &mut AnyConnection,
    user_ids: &[String],
    order: &WorkOrder,
    kind: &str,
    params: Value,
    at: i64,
) -> Result<()> {
    let mut seen: Vec<&String> = Vec::new();
    for user_id in user_ids {
        if seen.contains(&user_id) {
            continue;
        }
        seen.push(user_id);
        let n = Notification {
            id: new_id(),
            user_id: user_id.clone(),
            order_id: Some(order.id.clone()),
            order_number: Some(order.number.clone()),
            kind: kind.to_string(),
            params: params.clone(),
            created_at: at,
            read_at: None,
            delivered_at: None,
        };
        inbox::insert(conn, &n).await?;
    }
    Ok(())
}

/// Notifies whoever `recipient` names for `order`.
pub(crate) async fn notify_recipient(
    conn: &mut AnyConnection,
    recipient: &Recipient,
    order: &WorkOrder,
    kind: &str,
    params: Value,
    at: i64,
) -> Result<Vec<String>> {
    let people = users::all(conn).await?;
    let ids = resolve(recipient, order, &people);
    notify(conn, &ids, order, kind, params, at).await?;
    Ok(ids)
}

/// A person's inbox: the newest entries and the unread count.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Inbox {
    pub items: Vec<Notification>,
    pub unread: i64,
}

impl Orderly {
    pub async fn inbox(&self, actor: &Actor, unread_only: bool) -> Result<Inbox> {
        let mut conn = self.read().await?;
        let items = inbox::inbox(&mut conn, &actor.user_id, unread_only, 200).await?;
        let unread = inbox::unread_count(&mut conn, &actor.user_id).await?;
        Ok(Inbox { items, unread })
    }

    pub async fn unread_count(&self, actor: &Actor) -> Result<i64> {
        let mut conn = self.read().await?;
        inbox::unread_count(&mut conn, &actor.user_id).await
    }

    /// Marks the actor's notifications read (all of them when `ids` is empty).
    pub async fn mark_read(&self, actor: &Actor, ids: &[String]) -> Result<u64> {
        let mut tx = self.store.write().await?;
        let n = inbox::mark_read(&mut tx, &actor.user_id, ids, now_millis()).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// The actor's notifications no desktop has shown yet; they count as shown once taken.
    pub async fn take_undelivered(&self, actor: &Actor) -> Result<Vec<Notification>> {
        let mut tx = self.store.write().await?;
        let taken = inbox::take_undelivered(&mut tx, &actor.user_id, now_millis()).await?;
        tx.commit().await?;
        Ok(taken)
    }

    pub async fn notification_prefs(&self, actor: &Actor) -> Result<NotificationPrefs> {
        let mut conn = self.read().await?;
        inbox::prefs(&mut conn, &actor.user_id).await
    }

    pub async fn set_notification_prefs(&self, actor: &Actor, prefs: NotificationPrefs) -> Result<NotificationPrefs> {
        prefs.validate()?;
        let mut tx = self.store.write().await?;
        inbox::put_prefs(&mut tx, &actor.user_id, &prefs).await?;
        tx.commit().await?;
        Ok(prefs)
    }
}
