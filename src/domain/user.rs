//! People: users with roles, skills and a home location, and the [`Actor`] every service call
//! names. Permission rules live here as pure functions so both engines and both front ends
//! share them.

use super::order::WorkOrder;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Supervisor,
    Dispatcher,
    Agent,
    Technician,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Supervisor, Role::Dispatcher, Role::Agent, Role::Technician];
    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::Dispatcher => "dispatcher",
            Role::Agent => "agent",
            Role::Technician => "technician",
        }
    }
}

impl FromStr for Role {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.key() == wanted)
            .ok_or_else(|| Error::invalid("user.role_invalid").on_field("roles").with("value", s))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Skill {
    pub skill: String,
    /// 1 (basic) to 3 (expert).
    pub level: u8,
}

impl FromStr for Skill {
    type Err = Error;
    /// `hvac:3`
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::invalid("user.skill_invalid").on_field("skills").with("value", s);
        let (name, level) = s.rsplit_once(':').ok_or_else(bad)?;
        let level: u8 = level.trim().parse().map_err(|_| bad())?;
        let skill = Skill { skill: name.trim().to_string(), level };
        skill.validate()?;
        Ok(skill)
    }
}

impl Skill {
    pub fn validate(&self) -> Result<()> {
        if self.skill.trim().is_empty() || !(1..=3).contains(&self.level) {
            return Err(Error::invalid("user.skill_invalid")
                .on_field("skills")
                .with("value", format!("{}:{}", self.skill, self.level)));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct User {
    pub id: String,
    pub login: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub department_id: Option<String>,
    pub skills: Vec<Skill>,
    pub home_lat: Option<f64>,
    pub home_lon: Option<f64>,
    pub active: bool,
    /// Whether a password is set (the hash itself never leaves the store).
    pub has_password: bool,
    pub created_at: i64,
}

/// Input for creating a user. Roles are keys (`agent`, `technician` …), checked by the core.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewUser {
    pub login: String,
    pub display_name: String,
    pub roles: Vec<String>,
    pub department_id: Option<String>,
    pub skills: Vec<Skill>,
    pub home_lat: Option<f64>,
    pub home_lon: Option<f64>,
    pub password: Option<String>,
}

/// Input for editing a user (admins). `None` leaves a field as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UserPatch {
    pub display_name: Option<String>,
    pub roles: Option<Vec<String>>,
    /// `Some("")` clears the department.
    pub department_id: Option<String>,
    pub skills: Option<Vec<Skill>>,
    pub active: Option<bool>,
    pub password: Option<String>,
}

pub fn parse_roles(keys: &[String]) -> Result<Vec<Role>> {
    if keys.is_empty() {
        return Err(Error::invalid("user.roles_required").on_field("roles"));
    }
    let mut roles: Vec<Role> = Vec::new();
    for key in keys {
        let role: Role = key.parse()?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    Ok(roles)
}

/// A login: 2–64 characters of letters, digits, `.`, `_`, `-`, `@`.
pub fn validate_login(login: &str) -> Result<()> {
    let ok = (2..=64).contains(&login.chars().count())
        && login.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid("user.login_invalid").on_field("login").with("value", login))
    }
}

pub fn validate_location(lat: Option<f64>, lon: Option<f64>, field: &str) -> Result<()> {
    let bad_lat = lat.is_some_and(|v| !(-90.0..=90.0).contains(&v) || v.is_nan());
    let bad_lon = lon.is_some_and(|v| !(-180.0..=180.0).contains(&v) || v.is_nan());
    if bad_lat || bad_lon || lat.is_some() != lon.is_some() {
        return Err(Error::invalid("location.invalid").on_field(field));
    }
    Ok(())
}

pub fn validate_password(password: &str) -> Result<()> {
    if password.chars().count() < 8 {
        return Err(Error::invalid("user.password_too_short").on_field("password").with("min", 8));
    }
    Ok(())
}

/// The built-in user that automatic actions (the SLA scheduler, triggers) act as in the
/// history; created by migration 0002, inactive, with no password.
pub const SYSTEM_USER_ID: &str = "00000000-0000-7000-8000-000000000001";

/// Who acts: the signed-in person (desktop) or the `--as` login (CLI).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Actor {
    pub user_id: String,
    pub login: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub department_id: Option<String>,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    fn any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }

    /// Supervisors, admins, dispatchers and agents see every order; technicians see their
    /// own, their department's and those they collaborate on.
    pub fn sees_all_orders(&self) -> bool {
        self.any(&[Role::Admin, Role::Supervisor, Role::Dispatcher, Role::Agent])
    }

    pub fn can_see(&self, order: &WorkOrder) -> bool {
        self.sees_all_orders()
            || order.assignee_id.as_deref() == Some(self.user_id.as_str())
            || (order.department_id.is_some() && order.department_id == self.department_id)
            || order.collaborator_ids.iter().any(|c| c == &self.user_id)
    }

    pub fn require(&self, allowed: bool, key: &str) -> Result<()> {
        if allowed {
            Ok(())
        } else {
            Err(Error::forbidden(key).with("login", &self.login))
        }
    }

    pub fn can_create_order(&self) -> bool {
        self.any(&[Role::Agent, Role::Dispatcher, Role::Supervisor, Role::Admin])
    }

    pub fn can_assign(&self) -> bool {
        self.any(&[Role::Dispatcher, Role::Supervisor, Role::Admin])
    }

    pub fn can_administer(&self) -> bool {
        self.has(Role::Admin)
    }

    /// Editing fields and changing status: staff who run the queue, the order's creator
    /// (an agent) and the technician who works it.
    pub fn can_work(&self, order: &WorkOrder) -> bool {
        self.any(&[Role::Dispatcher, Role::Supervisor, Role::Admin])
            || (self.has(Role::Agent) && order.created_by == self.user_id)
            || (self.has(Role::Technician) && self.can_see(order))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_parse_with_levels_one_to_three() {
        assert_eq!("hvac:3".parse::<Skill>().unwrap(), Skill { skill: "hvac".into(), level: 3 });
        for bad in ["hvac", "hvac:0", "hvac:4", ":2", "hvac:x"] {
            assert_eq!(bad.parse::<Skill>().unwrap_err().key, "user.skill_invalid", "{bad}");
        }
    }

    #[test]
    fn logins_and_roles_are_checked() {
        assert!(validate_login("li.wei").is_ok());
        assert!(validate_login("王芳").is_ok());
        assert!(validate_login("a b").is_err());
        assert!(validate_login("x").is_err());
        assert!(parse_roles(&[]).is_err());
        assert_eq!(parse_roles(&["agent".into(), "agent".into()]).unwrap(), vec![Role::Agent]);
        assert_eq!(parse_roles(&["boss".into()]).unwrap_err().key, "user.role_invalid");
    }
}
