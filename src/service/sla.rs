//! Admin use cases of the SLA: business calendars and policies (list, save, import, export),
//! the defaults every store starts with (a 24×7 calendar and a default policy that catches
//! every order no other policy names), and urging, which feeds escalation.

use super::Orderly;
use crate::domain::history::{Change, EventKind};
use crate::domain::order::WorkOrder;
use crate::domain::sla::{PolicyRules, Recipient, StoredCalendar, StoredPolicy};
use crate::domain::user::Actor;
use crate::domain::{new_id, now_millis};
use crate::store::org::{self as org_store, Tree};
use crate::store::{orders as order_store, sla as sla_store};
use crate::{Error, Result};
use orderly_sla::{CalendarSpec, SlaPolicy};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::AnyConnection;

pub const DEFAULT_CALENDAR: &str = "24x7";
pub const DEFAULT_POLICY: &str = "default";

/// Calendars and policies as one document, the shape of `orderly sla policy export`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SlaSetup {
    pub calendars: Vec<StoredCalendar>,
    pub policies: Vec<StoredPolicy>,
}

fn default_targets() -> crate::domain::sla::Targets {
    serde_json::from_value(json!({
        "P1": {"response_minutes": 30, "resolution_minutes": 240},
        "P2": {"response_minutes": 60, "resolution_minutes": 480},
        "P3": {"response_minutes": 240, "resolution_minutes": 1440},
        "P4": {"response_minutes": 480, "resolution_minutes": 2880},
        "P5": {"response_minutes": 1440, "resolution_minutes": 7200}
    }))
    .expect("default targets are valid")
}

/// Checks a calendar; the error names the field inside it (`calendar.hours.mon[1]`).
pub(crate) fn check_calendar(calendar: &CalendarSpec) -> Result<()> {
    calendar.validate().map(|_| ()).map_err(|e| super::sla_math::sla_error(e).within("calendar"))
}

impl Orderly {
    /// Makes sure the 24×7 calendar and the default policy exist (a fresh store has both).
    pub(crate) async fn ensure_sla_defaults(&self) -> Result<()> {
        let mut tx = self.store.write().await?;
        let now = now_millis();
        let calendar = match sla_store::calendar(&mut tx, DEFAULT_CALENDAR).await? {
            Some(c) => c,
            None => {
                let c = StoredCalendar {
                    id: new_id(),
                    name: DEFAULT_CALENDAR.into(),
                    calendar: CalendarSpec {
                        time_zone: "UTC".into(),
                        always: true,
                        hours: Default::default(),
                        holidays: Vec::new(),
                    },
                };
                sla_store::put_calendar(&mut tx, &c, now).await?;
                c
            }
        };
        if sla_store::policy_for(&mut tx, None, None).await?.is_none() {
            let policy = StoredPolicy {
                id: new_id(),
                name: DEFAULT_POLICY.into(),
                customer_group_id: None,
                catalog_item_id: None,
                calendar_id: calendar.id,
                rules: PolicyRules::with_targets(default_targets()),
            };
            sla_store::put_policy(&mut tx, &policy, now).await?;
        }
        tx.commit().await
    }

    pub async fn sla_setup(&self, _actor: &Actor) -> Result<SlaSetup> {
        let mut conn = self.read().await?;
        Ok(SlaSetup {
            calendars: sla_store::calendars(&mut conn).await?,
            policies: sla_store::policies(&mut conn).await?,
        })
    }

    /// Saves (creates or replaces, matched by id) a calendar. Admins only.
    pub async fn save_calendar(&self, actor: &Actor, mut calendar: StoredCalendar) -> Result<StoredCalendar> {
        actor.require(actor.can_administer(), "perm.administer")?;
        calendar.name = crate::domain::org::validate_name(&calendar.name, "name")?;
        check_calendar(&calendar.calendar)?;
        if calendar.id.is_empty() {
            calendar.id = new_id();
        }
        let mut tx = self.store.write().await?;
        sla_store::put_calendar(&mut tx, &calendar, now_millis()).await?;
        tx.commit().await?;
        Ok(calendar)
    }

    /// Saves a policy: its targets (not all zero, never less strict than a stricter
    /// priority's), its rules, a calendar that exists, and a (customer group, catalog item)
    /// pair no other policy holds. Nothing is stored when any check fails.
    pub async fn save_policy(&self, actor: &Actor, policy: StoredPolicy) -> Result<StoredPolicy> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let policy = check_policy(&mut tx, policy).await?;
        sla_store::put_policy(&mut tx, &policy, now_millis()).await?;
        tx.commit().await?;
        Ok(policy)
    }

    /// Imports calendars then policies in one transaction: all or nothing.
    pub async fn import_sla(&self, actor: &Actor, setup: SlaSetup) -> Result<SlaSetup> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let now = now_millis();
        let mut saved = SlaSetup { calendars: Vec::new(), policies: Vec::new() };
        for (i, mut calendar) in setup.calendars.into_iter().enumerate() {
            calendar.name = crate::domain::org::validate_name(&calendar.name, "name")
                .map_err(|e| e.within(&format!("calendars[{i}]")))?;
            check_calendar(&calendar.calendar).map_err(|e| e.within(&format!("calendars[{i}]")))?;
            if calendar.id.is_empty() {
                calendar.id = new_id();
            }
            sla_store::put_calendar(&mut tx, &calendar, now).await.map_err(|e| e.within(&format!("calendars[{i}]")))?;
            saved.calendars.push(calendar);
        }
        for (i, policy) in setup.policies.into_iter().enumerate() {
            let policy = check_policy(&mut tx, policy).await.map_err(|e| e.within(&format!("policies[{i}]")))?;
            sla_store::put_policy(&mut tx, &policy, now).await.map_err(|e| e.within(&format!("policies[{i}]")))?;
            saved.policies.push(policy);
        }
        tx.commit().await?;
        Ok(saved)
    }

    /// Adds the holidays of an iCalendar file to a calendar (those it already has are kept once).
    pub async fn import_holidays(&self, actor: &Actor, calendar: &str, ics: &str) -> Result<StoredCalendar> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let holidays = orderly_sla::parse_ics_holidays(ics).map_err(super::sla_math::sla_error)?;
        let mut tx = self.store.write().await?;
        let mut stored = sla_store::calendar(&mut tx, calendar)
            .await?
            .ok_or_else(|| Error::invalid("sla.calendar_not_found").on_field("into").with("value", calendar))?;
        for holiday in holidays {
            let text = holiday.to_string();
            if !stored.calendar.holidays.contains(&text) {
                stored.calendar.holidays.push(text);
            }
        }
        check_calendar(&stored.calendar)?;
        sla_store::put_calendar(&mut tx, &stored, now_millis()).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// The customer urges an order (催单): the count goes up, the assignee and the supervisors
    /// are told, and on a breached order the urge counts as an escalation alert.
    pub async fn urge_order(&self, actor: &Actor, id: &str) -> Result<WorkOrder> {
        let mut tx = self.store.write().await?;
        let found = Self::visible_order(&mut tx, actor, id).await?;
        let mut order = found.order;
        if !order.status.is_active() {
            return Err(Error::invalid("order.urge_inactive").with("value", &order.number));
        }
        let now = now_millis();
        let read_version = order.version;
        order.urge_count += 1;
        order.version += 1;
        order.updated_at = now;
        order.updated_by = actor.user_id.clone();
        if !order_store::update_if_version(&mut tx, &order, read_version).await? {
            return Err(Error::conflict("order.version_stale").with("value", &order.number));
        }
        let change = Change {
            kind: EventKind::Urged,
            field: Some("urge_count".into()),
            old_value: Some(json!(order.urge_count - 1)),
            new_value: Some(json!(order.urge_count)),
        };
        order_store::append_event(&mut tx, &order.id, now, &actor.user_id, &change).await?;
        let params = json!({"count": order.urge_count, "by": actor.display_name});
        for recipient in [Recipient::Assignee, Recipient::Supervisors] {
            super::notify::notify_recipient(&mut tx, &recipient, &order, "urged", params.clone(), now).await?;
        }
        if let Some(mut state) = sla_store::state(&mut tx, &order.id).await? {
            if state.response_breached_at.is_some() || state.resolution_breached_at.is_some() {
                state.alerts_sent += 1;
                sla_store::put_state(&mut tx, &state).await?;
            }
        }
        tx.commit().await?;
        Ok(order)
    }
}

/// A calendar's id from its name or id.
pub async fn calendar_id(orderly: &Orderly, _actor: &Actor, name_or_id: &str) -> Result<String> {
    let mut conn = orderly.read().await?;
    sla_store::calendar(&mut conn, name_or_id)
        .await?
        .map(|c| c.id)
        .ok_or_else(|| Error::invalid("sla.calendar_not_found").on_field("calendar").with("value", name_or_id))
}

async fn check_policy(conn: &mut AnyConnection, mut policy: StoredPolicy) -> Result<StoredPolicy> {
    policy.name = crate::domain::org::validate_name(&policy.name, "name")?;
    SlaPolicy::from_map(&policy.rules.targets).map_err(|e| super::sla_math::sla_error(e).within("targets"))?;
    policy.rules.validate()?;
    policy.customer_group_id = policy.customer_group_id.filter(|g| !g.is_empty() && g != "*");
    policy.catalog_item_id = policy.catalog_item_id.filter(|c| !c.is_empty() && c != "*");
    if let Some(g) = &policy.customer_group_id {
        if !org_store::group_exists(conn, g).await? {
            return Err(Error::invalid("customer_group.not_found").on_field("customer_group_id").with("value", g));
        }
    }
    if let Some(c) = &policy.catalog_item_id {
        if !org_store::node_exists(conn, Tree::Catalog, c).await? {
            return Err(Error::invalid("catalog.not_found").on_field("catalog_item_id").with("value", c));
        }
    }
    let calendar = sla_store::calendar(conn, &policy.calendar_id).await?.ok_or_else(|| {
        Error::invalid("sla.calendar_not_found").on_field("calendar_id").with("value", &policy.calendar_id)
    })?;
    policy.calendar_id = calendar.id;
    if policy.id.is_empty() {
        policy.id = new_id();
    }
    Ok(policy)
}
