//! The batch-assignment instance (FORMAT.md section 1): JSON parsing with field-named
//! validation errors, and the independent objective/feasibility check used by tests and the CLI.
//!
//! Parsing walks `serde_json::Value` by hand instead of deriving `Deserialize` so that every
//! error names the exact offending field (`orders[3].skill: …`), which is what a dispatcher
//! needs when an exported file is wrong.

use serde_json::{Map, Value};
use std::fmt;

/// Global parameters of an instance (`instance.meta`).
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub speed_kmh: f64,
    pub sat_threshold: f64,
    pub beta: f64,
    pub level_cost: f64,
}

/// One technician (`instance.techs[]`). `skills` holds `(skill, level)` pairs, level 1..=3.
#[derive(Clone, Debug, PartialEq)]
pub struct Tech {
    pub id: i64,
    pub x: f64,
    pub y: f64,
    pub skills: Vec<(u32, u8)>,
    pub capacity_h: f64,
    pub preload_h: f64,
    pub shift_start_h: f64,
    pub available: bool,
}

impl Tech {
    /// Level of `skill`, if the technician has it.
    pub fn level(&self, skill: u32) -> Option<u8> {
        self.skills.iter().find(|(s, _)| *s == skill).map(|&(_, l)| l)
    }
}

/// One order (`instance.orders[]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    pub id: i64,
    pub x: f64,
    pub y: f64,
    pub skill: u32,
    pub service_h: f64,
    pub priority: i64,
    pub sla_deadline_h: f64,
    pub unassigned_penalty: f64,
}

/// A validated batch-assignment instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub meta: Meta,
    pub techs: Vec<Tech>,
    pub orders: Vec<Order>,
}

/// A parse or validation error naming the offending field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Path of the field, e.g. `orders[3].skill`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ParseError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> ParseError {
    ParseError { field: field.into(), message: message.into() }
}

fn get<'a>(obj: &'a Map<String, Value>, path: &str, key: &str) -> Result<&'a Value, ParseError> {
    obj.get(key).ok_or_else(|| err(format!("{path}.{key}"), "missing"))
}

fn as_object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, ParseError> {
    v.as_object().ok_or_else(|| err(path, format!("expected an object, found {}", kind(v))))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A finite number at least `min`.
fn number(obj: &Map<String, Value>, path: &str, key: &str, min: f64) -> Result<f64, ParseError> {
    let v = get(obj, path, key)?;
    let x = v.as_f64().ok_or_else(|| err(format!("{path}.{key}"), format!("expected a number, found {}", kind(v))))?;
    if !x.is_finite() || x < min {
        return Err(err(format!("{path}.{key}"), format!("must be a finite number >= {min}, found {x}")));
    }
    Ok(x)
}

fn integer(obj: &Map<String, Value>, path: &str, key: &str) -> Result<i64, ParseError> {
    let v = get(obj, path, key)?;
    v.as_i64().ok_or_else(|| err(format!("{path}.{key}"), format!("expected an integer, found {}", v)))
}

fn boolean(obj: &Map<String, Value>, path: &str, key: &str) -> Result<bool, ParseError> {
    let v = get(obj, path, key)?;
    v.as_bool().ok_or_else(|| err(format!("{path}.{key}"), format!("expected true or false, found {}", kind(v))))
}

fn array<'a>(obj: &'a Map<String, Value>, path: &str, key: &str) -> Result<&'a Vec<Value>, ParseError> {
    let v = get(obj, path, key)?;
    v.as_array().ok_or_else(|| err(format!("{path}.{key}"), format!("expected an array, found {}", kind(v))))
}

fn skill_number(raw: i64, field: String) -> Result<u32, ParseError> {
    u32::try_from(raw).map_err(|_| err(field, format!("skill must be a non-negative integer, found {raw}")))
}

fn parse_meta(v: &Value) -> Result<Meta, ParseError> {
    let m = as_object(v, "meta")?;
    Ok(Meta {
        speed_kmh: positive(number(m, "meta", "speed_kmh", 0.0)?, "meta.speed_kmh")?,
        sat_threshold: number(m, "meta", "sat_threshold", 0.0)?,
        beta: number(m, "meta", "beta", 0.0)?,
        level_cost: number(m, "meta", "level_cost", 0.0)?,
    })
}

fn positive(x: f64, field: &str) -> Result<f64, ParseError> {
    if x > 0.0 {
        Ok(x)
    } else {
        Err(err(field, format!("must be > 0, found {x}")))
    }
}

fn parse_skills(v: &Value, path: &str) -> Result<Vec<(u32, u8)>, ParseError> {
    let obj = as_object(v, path)?;
    let mut skills = Vec::with_capacity(obj.len());
    for (key, level) in obj {
        let field = format!("{path}.\"{key}\"");
        let raw: i64 =
            key.trim().parse().map_err(|_| err(&field, "skill key must be an integer written as a string"))?;
        let skill = skill_number(raw, field.clone())?;
        let level = level
            .as_i64()
            .filter(|l| (1..=3).contains(l))
            .ok_or_else(|| err(&field, format!("level must be an integer 1..3, found {level}")))?;
        skills.push((skill, level as u8));
    }
    skills.sort_unstable();
    Ok(skills)
}

fn parse_tech(v: &Value, path: &str) -> Result<Tech, ParseError> {
    let t = as_object(v, path)?;
    Ok(Tech {
        id: integer(t, path, "id")?,
        x: number(t, path, "x", f64::MIN)?,
        y: number(t, path, "y", f64::MIN)?,
        skills: parse_skills(get(t, path, "skills")?, &format!("{path}.skills"))?,
        capacity_h: number(t, path, "capacity_h", 0.0)?,
        preload_h: number(t, path, "preload_h", 0.0)?,
        shift_start_h: number(t, path, "shift_start_h", f64::MIN)?,
        available: boolean(t, path, "available")?,
    })
}

fn parse_order(v: &Value, path: &str) -> Result<Order, ParseError> {
    let o = as_object(v, path)?;
    Ok(Order {
        id: integer(o, path, "id")?,
        x: number(o, path, "x", f64::MIN)?,
        y: number(o, path, "y", f64::MIN)?,
        skill: skill_number(integer(o, path, "skill")?, format!("{path}.skill"))?,
        service_h: number(o, path, "service_h", 0.0)?,
        priority: integer(o, path, "priority")?,
        sla_deadline_h: number(o, path, "sla_deadline_h", f64::MIN)?,
        unassigned_penalty: number(o, path, "unassigned_penalty", 0.0)?,
    })
}

fn check_unique(ids: impl Iterator<Item = i64>, what: &str) -> Result<(), ParseError> {
    let mut seen = std::collections::HashMap::new();
    for (k, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, k) {
            return Err(err(format!("{what}[{k}].id"), format!("duplicate id {id} (also {what}[{first}])")));
        }
    }
    Ok(())
}

impl Instance {
    /// Parses an instance from a JSON value: either the instance object itself or a sample file
    /// `{"instance": …, "reference": …}` (the reference is ignored).
    pub fn from_value(root: &Value) -> Result<Instance, ParseError> {
        let top = as_object(root, "instance")?;
        let inst = match top.get("instance") {
            Some(inner) => as_object(inner, "instance")?,
            None => top,
        };
        let meta = parse_meta(get(inst, "instance", "meta")?)?;
        let techs = array(inst, "instance", "techs")?
            .iter()
            .enumerate()
            .map(|(k, v)| parse_tech(v, &format!("techs[{k}]")))
            .collect::<Result<Vec<_>, _>>()?;
        let orders = array(inst, "instance", "orders")?
            .iter()
            .enumerate()
            .map(|(k, v)| parse_order(v, &format!("orders[{k}]")))
            .collect::<Result<Vec<_>, _>>()?;
        check_unique(techs.iter().map(|t| t.id), "techs")?;
        check_unique(orders.iter().map(|o| o.id), "orders")?;
        Ok(Instance { meta, techs, orders })
    }

    /// Parses an instance from JSON text; syntax errors are reported against the field `json`.
    pub fn from_json_str(text: &str) -> Result<Instance, ParseError> {
        let root: Value = serde_json::from_str(text).map_err(|e| err("json", e.to_string()))?;
        Instance::from_value(&root)
    }

    /// Euclidean distance in km between order `i` and technician `j`.
    pub fn km(&self, i: usize, j: usize) -> f64 {
        let (o, t) = (&self.orders[i], &self.techs[j]);
        (o.x - t.x).hypot(o.y - t.y)
    }
}

/// Why an assignment is not feasible.
#[derive(Clone, Debug, PartialEq)]
pub enum Infeasible {
    /// The assignment does not have one entry per order.
    WrongLength {
        expected: usize,
        found: usize,
    },
    /// An order points at a technician index that does not exist.
    UnknownTech {
        order: usize,
        tech: usize,
    },
    Unavailable {
        order: usize,
        tech: usize,
    },
    MissingSkill {
        order: usize,
        tech: usize,
    },
    /// The technician cannot arrive before the order's deadline.
    Unreachable {
        order: usize,
        tech: usize,
    },
    OverCapacity {
        tech: usize,
        load_h: f64,
        capacity_h: f64,
    },
}

impl fmt::Display for Infeasible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Infeasible::WrongLength { expected, found } => {
                write!(f, "assignment has {found} entries, expected {expected}")
            }
            Infeasible::UnknownTech { order, tech } => write!(f, "order {order}: no technician index {tech}"),
            Infeasible::Unavailable { order, tech } => write!(f, "order {order}: technician {tech} is unavailable"),
            Infeasible::MissingSkill { order, tech } => write!(f, "order {order}: technician {tech} lacks the skill"),
            Infeasible::Unreachable { order, tech } => {
                write!(f, "order {order}: technician {tech} cannot arrive before the deadline")
            }
            Infeasible::OverCapacity { tech, load_h, capacity_h } => {
                write!(f, "technician {tech}: load {load_h} h exceeds capacity {capacity_h} h")
            }
        }
    }
}

impl std::error::Error for Infeasible {}

/// Slack allowed on capacity sums: loads are sums of floats and the MIP reference itself is
/// only feasible up to its own tolerance.
pub const CAPACITY_EPS: f64 = 1e-6;

/// Recomputes the objective of `assignment` (order index -> technician index) straight from the
/// FORMAT's definition, checking every rule. Deliberately independent of the solver's
/// precomputed tables so tests can use it as an oracle.
pub fn objective(inst: &Instance, assignment: &[Option<usize>]) -> Result<f64, Infeasible> {
    if assignment.len() != inst.orders.len() {
        return Err(Infeasible::WrongLength { expected: inst.orders.len(), found: assignment.len() });
    }
    let meta = &inst.meta;
    let mut load: Vec<f64> = inst.techs.iter().map(|t| t.preload_h).collect();
    let mut total = 0.0;
    for (i, (order, slot)) in inst.orders.iter().zip(assignment).enumerate() {
        let Some(j) = *slot else {
            total += order.unassigned_penalty;
            continue;
        };
        let tech = inst.techs.get(j).ok_or(Infeasible::UnknownTech { order: i, tech: j })?;
        if !tech.available {
            return Err(Infeasible::Unavailable { order: i, tech: j });
        }
        let level = tech.level(order.skill).ok_or(Infeasible::MissingSkill { order: i, tech: j })?;
        let km = inst.km(i, j);
        let travel_h = km / meta.speed_kmh;
        if tech.shift_start_h + travel_h > order.sla_deadline_h {
            return Err(Infeasible::Unreachable { order: i, tech: j });
        }
        load[j] += order.service_h + travel_h;
        total += km + meta.level_cost * (3.0 - f64::from(level));
    }
    for (j, tech) in inst.techs.iter().enumerate() {
        if load[j] > tech.capacity_h + CAPACITY_EPS && load[j] > tech.preload_h {
            return Err(Infeasible::OverCapacity { tech: j, load_h: load[j], capacity_h: tech.capacity_h });
        }
        total += meta.beta * (load[j] - meta.sat_threshold * tech.capacity_h).max(0.0);
    }
    Ok(total)
}
