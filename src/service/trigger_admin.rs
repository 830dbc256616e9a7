//! Editing the ordered trigger list one trigger at a time (issue #4), as the admin page does:
//! save one (created last, or replaced where it stands), switch one on or off, delete one, put
//! the list in a new order, and a dry run of every active trigger against an existing order.
//! Each write checks what it touches, names the field of a refusal within the trigger
//! (`actions.0.department_id`) and stores nothing then; the list is rewritten in one transaction.

use super::triggers::{check_trigger, snapshot};
use super::Orderly;
use crate::domain::now_millis;
use crate::domain::trigger::{self, Trigger, TriggerEvent, TriggerPlan};
use crate::domain::user::Actor;
use crate::store::workflows as store;
use crate::{Error, Result};
use std::collections::BTreeSet;

fn not_found(key: &str) -> Error {
    Error::not_found("trigger.not_found").with("value", key)
}

impl Orderly {
    /// Creates the trigger (last in the order) or replaces the one with its key where it
    /// stands; returns the list in run order.
    pub async fn save_trigger(&self, actor: &Actor, trigger: Trigger) -> Result<Vec<Trigger>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        check_trigger(&mut tx, &trigger).await?;
        let mut list = store::triggers(&mut tx).await?;
        match list.iter_mut().find(|t| t.key == trigger.key) {
            Some(stored) => *stored = trigger,
            None => list.push(trigger),
        }
        store::replace_triggers(&mut tx, &list, &actor.user_id, now_millis()).await?;
        tx.commit().await?;
        Ok(list)
    }

    /// Switches a trigger on or off, keeping its place.
    pub async fn set_trigger_active(&self, actor: &Actor, key: &str, active: bool) -> Result<Vec<Trigger>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let mut list = store::triggers(&mut tx).await?;
        list.iter_mut().find(|t| t.key == key).ok_or_else(|| not_found(key))?.active = active;
        store::replace_triggers(&mut tx, &list, &actor.user_id, now_millis()).await?;
        tx.commit().await?;
        Ok(list)
    }

    pub async fn delete_trigger(&self, actor: &Actor, key: &str) -> Result<Vec<Trigger>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let mut list = store::triggers(&mut tx).await?;
        let at = list.iter().position(|t| t.key == key).ok_or_else(|| not_found(key))?;
        list.remove(at);
        store::replace_triggers(&mut tx, &list, &actor.user_id, now_millis()).await?;
        tx.commit().await?;
        Ok(list)
    }

    /// Puts the triggers in the order of `keys`, which must name every stored trigger once.
    pub async fn reorder_triggers(&self, actor: &Actor, keys: &[String]) -> Result<Vec<Trigger>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let mut stored = store::triggers(&mut tx).await?;
        let mut list = Vec::with_capacity(stored.len());
        for (i, key) in keys.iter().enumerate() {
            let at = stored.iter().position(|t| t.key == *key).ok_or_else(|| {
                Error::invalid("trigger.order_mismatch").on_field(&format!("keys.{i}")).with("value", key)
            })?;
            list.push(stored.remove(at));
        }
        if let Some(missed) = stored.first() {
            return Err(Error::invalid("trigger.order_mismatch").on_field("keys").with("value", &missed.key));
        }
        store::replace_triggers(&mut tx, &list, &actor.user_id, now_millis()).await?;
        tx.commit().await?;
        Ok(list)
    }

    /// What every active trigger, in order, would do if the order `order` (id or number) were
    /// created or updated now with its current values (every field counting as changed),
    /// loop protection included; writes nothing.
    pub async fn dry_run_triggers(&self, actor: &Actor, order: &str, event: TriggerEvent) -> Result<TriggerPlan> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut conn = self.read().await?;
        let found = Self::visible_order(&mut conn, actor, order).await?.order;
        let triggers = store::triggers(&mut conn).await?;
        let snap = snapshot(&found);
        let changed: BTreeSet<String> = snap.keys().cloned().collect();
        Ok(trigger::plan(&triggers, event, &snap, &changed))
    }
}
