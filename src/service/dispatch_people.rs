//! Technicians as supervisors manage them: the roster (each card with grabs in the last 7 and
//! 30 days, so cherry-picking shows, and orders completed today), one save for everything a
//! technician is dispatched by (skills, home base, status, capacity, working hours, last known
//! place, grab limit), and the day's completions the ranking's fairness term weighs.

use super::dispatch::TechnicianCard;
use super::Orderly;
use crate::domain::dispatch::TechnicianProfile;
use crate::domain::user::{validate_location, Actor, Role, Skill, User};
use crate::domain::Millis;
use crate::store::{dispatch as store, sla as sla_store, users};
use crate::{Error, Result};
use chrono::{Days, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

const DAY_MS: i64 = 86_400_000;

/// A technician on the admin roster.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnicianRow {
    pub card: TechnicianCard,
    /// Orders grabbed from the pool in the last 7 days.
    pub grabs_7d: i64,
    /// Orders grabbed from the pool in the last 30 days.
    pub grabs_30d: i64,
    /// Orders resolved today (the organisation's day) and still resolved.
    pub completed_today: i64,
}

/// Everything a technician is dispatched by, saved at once.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnicianEdit {
    pub profile: TechnicianProfile,
    pub skills: Vec<Skill>,
    pub home_lat: Option<f64>,
    pub home_lon: Option<f64>,
}

pub(super) fn count_of(counts: &[(String, i64)], user_id: &str) -> i64 {
    counts.iter().find(|(u, _)| u == user_id).map_or(0, |(_, n)| *n)
}

/// `[start, end)` of the organisation's day holding `now`, in epoch ms.
async fn today(conn: &mut AnyConnection, now: Millis) -> Result<(i64, i64)> {
    let zone = match sla_store::get_setting(conn, super::stats::TIME_ZONE_SETTING).await? {
        Some(name) => crate::domain::stats::parse_zone(&name)?,
        None => super::stats::system_time_zone(),
    };
    let instant = Utc.timestamp_millis_opt(now).single().unwrap_or_default();
    let date = instant.with_timezone(&zone).date_naive();
    let midnight = |d: chrono::NaiveDate| {
        let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        // A zone that skips midnight (a DST gap) starts the day at the first instant after it.
        zone.from_local_datetime(&local).earliest().map_or(local.and_utc().timestamp_millis(), |t| t.timestamp_millis())
    };
    let start = midnight(date);
    let end = date.checked_add_days(Days::new(1)).map_or(start + DAY_MS, midnight);
    Ok((start, end))
}

/// Orders each technician completed today, for the ranking's fairness term.
pub(super) async fn completed_today(conn: &mut AnyConnection, now: Millis) -> Result<Vec<(String, i64)>> {
    let day = today(conn, now).await?;
    store::completed_between(conn, day).await
}

/// Checks a profile against the store: its user is a technician, its calendar exists.
pub(super) async fn checked_technician(conn: &mut AnyConnection, profile: &TechnicianProfile) -> Result<User> {
    profile.validate()?;
    let user = users::by_id(conn, &profile.user_id)
        .await?
        .ok_or_else(|| Error::invalid("user.not_found").on_field("user_id").with("value", &profile.user_id))?;
    if !user.roles.contains(&Role::Technician) {
        return Err(Error::invalid("dispatch.not_technician").on_field("user_id").with("login", &user.login));
    }
    if let Some(c) = &profile.calendar_id {
        sla_store::calendar(conn, c)
            .await?
            .ok_or_else(|| Error::invalid("sla.calendar_not_found").on_field("calendar_id").with("value", c))?;
    }
    Ok(user)
}

impl Orderly {
    /// Every active technician with load, grabs (ever, 7 and 30 days) and today's completions.
    pub async fn technician_roster(&self, actor: &Actor, now: Millis) -> Result<Vec<TechnicianRow>> {
        actor.require(actor.can_assign(), "perm.assign")?;
        let cards = self.technician_board(actor).await?;
        let mut conn = self.read().await?;
        let week = store::grab_counts_since(&mut conn, now - 7 * DAY_MS).await?;
        let month = store::grab_counts_since(&mut conn, now - 30 * DAY_MS).await?;
        let done = completed_today(&mut conn, now).await?;
        Ok(cards
            .into_iter()
            .map(|card| {
                let id = card.user.id.clone();
                TechnicianRow {
                    grabs_7d: count_of(&week, &id),
                    grabs_30d: count_of(&month, &id),
                    completed_today: count_of(&done, &id),
                    card,
                }
            })
            .collect())
    }

    /// Saves a technician's skills, home base and dispatch profile in one transaction
    /// (dispatchers, supervisors and admins); everything is checked first, nothing is stored on error.
    pub async fn save_technician(&self, actor: &Actor, edit: TechnicianEdit) -> Result<TechnicianCard> {
        actor.require(actor.can_assign(), "perm.assign")?;
        edit.skills.iter().try_for_each(Skill::validate)?;
        validate_location(edit.home_lat, edit.home_lon, "home")?;
        let mut tx = self.store.write().await?;
        let mut user = checked_technician(&mut tx, &edit.profile).await?;
        user.skills = edit.skills;
        (user.home_lat, user.home_lon) = (edit.home_lat, edit.home_lon);
        users::update(&mut tx, &user).await?;
        store::put_profile(&mut tx, &edit.profile, crate::domain::now_millis()).await?;
        tx.commit().await?;
        let mut conn = self.read().await?;
        let (open_orders, booked_hours) = super::dispatch::load_of(&store::loads(&mut conn).await?, &user.id);
        let grabs = count_of(&store::grab_counts(&mut conn).await?, &user.id);
        Ok(TechnicianCard { user, profile: edit.profile, open_orders, booked_hours, grabs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_default_to_zero() {
        let counts = vec![("a".to_string(), 2)];
        assert_eq!((count_of(&counts, "a"), count_of(&counts, "b")), (2, 0));
    }
}
