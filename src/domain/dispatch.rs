//! Dispatch facts and rules: a technician's dispatch profile (status, capacity, working
//! calendar, last known place), what an order needs (skill and level, duration), and whether a
//! schedule — this order, this technician, from `start` to `end` — may stand: the skill, the
//! status, working hours and other visits decide, and a refusal names the reason.

use super::user::User;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TechStatus {
    Available,
    Busy,
    Off,
}

impl TechStatus {
    pub fn key(self) -> &'static str {
        match self {
            TechStatus::Available => "available",
            TechStatus::Busy => "busy",
            TechStatus::Off => "off",
        }
    }
    pub fn parse(key: &str) -> Result<TechStatus> {
        match key {
            "available" => Ok(TechStatus::Available),
            "busy" => Ok(TechStatus::Busy),
            "off" => Ok(TechStatus::Off),
            other => Err(Error::invalid("dispatch.status_invalid").on_field("status").with("value", other)),
        }
    }
}

/// How a technician takes work. Every technician has one (defaults until edited).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnicianProfile {
    pub user_id: String,
    pub status: TechStatus,
    /// Hours of work a day.
    pub capacity_hours: f64,
    /// Working hours; none means the default 24×7 calendar.
    pub calendar_id: Option<String>,
    pub last_lat: Option<f64>,
    pub last_lon: Option<f64>,
    /// Most orders this technician may grab from the pool in a day.
    pub grab_limit: i64,
}

impl TechnicianProfile {
    pub fn default_for(user_id: &str) -> TechnicianProfile {
        TechnicianProfile {
            user_id: user_id.to_string(),
            status: TechStatus::Available,
            capacity_hours: 8.0,
            calendar_id: None,
            last_lat: None,
            last_lon: None,
            grab_limit: 3,
        }
    }

    pub fn validate(&self) -> Result<()> {
        if !(0.5..=24.0).contains(&self.capacity_hours) {
            return Err(Error::invalid("input.out_of_range")
                .on_field("capacity_hours")
                .with("value", self.capacity_hours)
                .with("min", 0.5)
                .with("max", 24));
        }
        if !(0..=100).contains(&self.grab_limit) {
            return Err(Error::invalid("input.out_of_range")
                .on_field("grab_limit")
                .with("value", self.grab_limit)
                .with("min", 0)
                .with("max", 100));
        }
        super::user::validate_location(self.last_lat, self.last_lon, "last_location")
    }
}

/// What an order needs from whoever takes it, and when it is booked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DispatchInfo {
    pub required_skill: Option<String>,
    /// 1 (basic) to 3 (expert).
    pub required_level: i64,
    pub duration_minutes: i64,
    pub scheduled_start: Option<i64>,
    pub scheduled_end: Option<i64>,
    /// In the pool (抢单) since; none when not pooled.
    pub pooled_at: Option<i64>,
    pub grabbed_by: Option<String>,
}

impl Default for DispatchInfo {
    fn default() -> Self {
        DispatchInfo {
            required_skill: None,
            required_level: 1,
            duration_minutes: 60,
            scheduled_start: None,
            scheduled_end: None,
            pooled_at: None,
            grabbed_by: None,
        }
    }
}

impl DispatchInfo {
    pub fn validate(&self) -> Result<()> {
        if !(1..=3).contains(&self.required_level) {
            return Err(Error::invalid("input.out_of_range")
                .on_field("required_level")
                .with("value", self.required_level)
                .with("min", 1)
                .with("max", 3));
        }
        if !(5..=24 * 60).contains(&self.duration_minutes) {
            return Err(Error::invalid("input.out_of_range")
                .on_field("duration_minutes")
                .with("value", self.duration_minutes)
                .with("min", 5)
                .with("max", 24 * 60));
        }
        Ok(())
    }
}

/// Where the order pool (抢单) is on: orders of a template and/or department go to the pool
/// when created, and only technicians within the radius and under the load limit see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PoolRule {
    /// None: any template.
    pub template_key: Option<String>,
    /// None: any department.
    pub department_id: Option<String>,
    /// Only technicians this close (from their last known place or home base) see the order.
    pub radius_km: Option<f64>,
    /// Only technicians booked at most this share of their day (0–100) see the order.
    pub max_load_percent: Option<f64>,
}

impl PoolRule {
    pub fn matches(&self, template_key: &str, department_id: Option<&str>) -> bool {
        self.template_key.as_deref().is_none_or(|t| t == template_key)
            && self.department_id.as_deref().is_none_or(|d| Some(d) == department_id)
    }

    pub fn validate(&self) -> Result<()> {
        if let Some(r) = self.radius_km.filter(|r| !(0.1..=20_000.0).contains(r)) {
            return Err(Error::invalid("input.out_of_range")
                .on_field("radius_km")
                .with("value", r)
                .with("min", 0.1)
                .with("max", 20_000));
        }
        if let Some(l) = self.max_load_percent.filter(|l| !(0.0..=100.0).contains(l)) {
            return Err(Error::invalid("input.out_of_range")
                .on_field("max_load_percent")
                .with("value", l)
                .with("min", 0)
                .with("max", 100));
        }
        Ok(())
    }

    /// Whether a technician `km` away and `load_percent` booked may see an order under this rule.
    pub fn admits(&self, km: Option<f64>, load_percent: f64) -> bool {
        let near = match (self.radius_km, km) {
            (Some(r), Some(km)) => km <= r,
            _ => true,
        };
        near && self.max_load_percent.is_none_or(|max| load_percent <= max)
    }
}

/// Another visit already booked for the technician.
#[derive(Debug, Clone)]
pub struct Booking {
    pub order_id: String,
    pub number: String,
    pub start: i64,
    pub end: i64,
}

/// Checks that `tech` may take an order needing `info` at all, whatever the time: not off,
/// with the order's skill at its level. A dispatcher's edit of a batch plan is held to this.
pub fn check_fit(info: &DispatchInfo, tech: &User, profile: &TechnicianProfile) -> Result<()> {
    if profile.status == TechStatus::Off {
        return Err(Error::invalid("dispatch.technician_off").with("login", &tech.display_name));
    }
    if let Some(skill) = info.required_skill.as_deref().filter(|s| !s.is_empty()) {
        let level = tech.skills.iter().find(|s| s.skill.eq_ignore_ascii_case(skill)).map(|s| i64::from(s.level));
        match level {
            None => {
                return Err(Error::invalid("dispatch.skill_missing")
                    .with("login", &tech.display_name)
                    .with("skill", skill))
            }
            Some(l) if l < info.required_level => {
                return Err(Error::invalid("dispatch.level_too_low")
                    .with("login", &tech.display_name)
                    .with("skill", skill)
                    .with("level", l)
                    .with("required", info.required_level))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Checks that `tech` may do an order needing `info` from `start` to `end`. `working` says
/// whether the whole stretch lies in the technician's working hours.
pub fn check_schedule(
    info: &DispatchInfo,
    tech: &User,
    profile: &TechnicianProfile,
    (start, end): (i64, i64),
    working: bool,
    bookings: &[Booking],
) -> Result<()> {
    if end <= start {
        return Err(Error::invalid("dispatch.schedule_empty").on_field("end"));
    }
    check_fit(info, tech, profile)?;
    if !working {
        return Err(Error::invalid("dispatch.outside_hours").with("login", &tech.display_name));
    }
    if let Some(clash) = bookings.iter().find(|b| b.start < end && start < b.end) {
        return Err(Error::conflict("dispatch.overlap")
            .with("login", &tech.display_name)
            .with("number", &clash.number));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::Skill;

    fn tech(skills: &[(&str, u8)]) -> User {
        User {
            id: "t".into(),
            login: "li".into(),
            display_name: "Li".into(),
            roles: vec![crate::domain::user::Role::Technician],
            department_id: None,
            skills: skills.iter().map(|(s, l)| Skill { skill: s.to_string(), level: *l }).collect(),
            home_lat: None,
            home_lon: None,
            active: true,
            has_password: false,
            created_at: 0,
        }
    }

    #[test]
    fn pool_rules_match_scope_and_admit_by_distance_and_load() {
        let rule = PoolRule {
            template_key: Some("it_repair".into()),
            department_id: None,
            radius_km: Some(5.0),
            max_load_percent: Some(50.0),
        };
        assert!(rule.matches("it_repair", Some("d1")) && !rule.matches("general", None));
        let table = [(Some(4.9), 50.0, true), (Some(5.1), 10.0, false), (Some(1.0), 51.0, false), (None, 0.0, true)];
        for (km, load, expected) in table {
            assert_eq!(rule.admits(km, load), expected, "{km:?} {load}");
        }
        let bad = PoolRule { radius_km: Some(0.0), ..rule };
        assert_eq!(bad.validate().unwrap_err().field.as_deref(), Some("radius_km"));
    }

    #[test]
    fn schedules_are_refused_with_the_reason() {
        let hvac = DispatchInfo { required_skill: Some("hvac".into()), required_level: 2, ..DispatchInfo::default() };
        let profile = TechnicianProfile::default_for("t");
        let booked = [Booking { order_id: "o2".into(), number: "WO-2026-000002".into(), start: 100, end: 200 }];
        // (technician's skills, visit, inside working hours, expected refusal)
        type Case<'a> = (&'a [(&'a str, u8)], (i64, i64), bool, Option<&'a str>);
        let table: [Case; 6] = [
            (&[("hvac", 3)], (200, 260), true, None),
            (&[("plumbing", 3)], (200, 260), true, Some("dispatch.skill_missing")),
            (&[("HVAC", 1)], (200, 260), true, Some("dispatch.level_too_low")),
            (&[("hvac", 2)], (200, 260), false, Some("dispatch.outside_hours")),
            (&[("hvac", 2)], (150, 260), true, Some("dispatch.overlap")),
            (&[("hvac", 2)], (260, 260), true, Some("dispatch.schedule_empty")),
        ];
        for (skills, span, working, expected) in table {
            let got = check_schedule(&hvac, &tech(skills), &profile, span, working, &booked).err().map(|e| e.key);
            assert_eq!(got.as_deref(), expected, "{skills:?} {span:?}");
        }
        let off = TechnicianProfile { status: TechStatus::Off, ..profile };
        let err = check_schedule(&hvac, &tech(&[("hvac", 3)]), &off, (0, 60), true, &[]).unwrap_err();
        assert_eq!(err.key, "dispatch.technician_off");
    }
}
