//! SLA policies: response and resolution targets per priority P1 (strictest) … P5, their rules
//! (not all zero, never looser for a stricter priority) and their JSON shape
//! `{"P1": {"response_minutes": 30, "resolution_minutes": 240}, …}`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{keys, SlaError};

/// Order priority; P1 is the most urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
    P5,
}

impl Priority {
    pub const ALL: [Priority; 5] = [Priority::P1, Priority::P2, Priority::P3, Priority::P4, Priority::P5];

    pub fn name(self) -> &'static str {
        ["P1", "P2", "P3", "P4", "P5"][self.index()]
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Priority {
    type Err = SlaError;

    fn from_str(text: &str) -> Result<Self, SlaError> {
        Priority::ALL
            .into_iter()
            .find(|p| p.name() == text)
            .ok_or_else(|| SlaError::new(keys::UNKNOWN_PRIORITY).with("priority", text))
    }
}

impl Serialize for Priority {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?.parse().map_err(serde::de::Error::custom)
    }
}

/// Targets of one priority, in business minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct SlaTarget {
    pub response_minutes: u32,
    pub resolution_minutes: u32,
}

/// Which of the two targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Response,
    Resolution,
}

impl TargetKind {
    fn field(self) -> &'static str {
        match self {
            TargetKind::Response => "response_minutes",
            TargetKind::Resolution => "resolution_minutes",
        }
    }
}

impl SlaTarget {
    pub fn minutes(&self, kind: TargetKind) -> u32 {
        match kind {
            TargetKind::Response => self.response_minutes,
            TargetKind::Resolution => self.resolution_minutes,
        }
    }
}

/// A validated policy: targets for every priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaPolicy {
    targets: [SlaTarget; 5],
}

impl Default for SlaPolicy {
    /// Half an hour to respond and half a working day to resolve at P1, doubling per level.
    fn default() -> Self {
        let target = |response_minutes, resolution_minutes| SlaTarget { response_minutes, resolution_minutes };
        SlaPolicy {
            targets: [target(30, 240), target(60, 480), target(120, 960), target(240, 1920), target(480, 2880)],
        }
    }
}

impl SlaPolicy {
    /// Targets in priority order P1 … P5; error fields look like `P3.resolution_minutes`.
    pub fn new(targets: [SlaTarget; 5]) -> Result<Self, SlaError> {
        let policy = SlaPolicy { targets };
        policy.validate()?;
        Ok(policy)
    }

    pub fn target(&self, priority: Priority) -> SlaTarget {
        self.targets[priority.index()]
    }

    fn validate(&self) -> Result<(), SlaError> {
        let all_zero = self.targets.iter().all(|t| t.response_minutes == 0 && t.resolution_minutes == 0);
        if all_zero {
            return Err(SlaError::new(keys::POLICY_ALL_ZERO));
        }
        for pair in Priority::ALL.windows(2) {
            let (stricter, looser) = (pair[0], pair[1]);
            for kind in [TargetKind::Response, TargetKind::Resolution] {
                let (strict_value, value) = (self.target(stricter).minutes(kind), self.target(looser).minutes(kind));
                if value < strict_value {
                    return Err(SlaError::new(keys::POLICY_DECREASING)
                        .at(format!("{looser}.{}", kind.field()))
                        .with("priority", looser)
                        .with("value", value)
                        .with("stricter", stricter)
                        .with("stricter_value", strict_value));
                }
            }
        }
        Ok(())
    }

    /// From the JSON map shape: every key must be a priority and every priority present.
    pub fn from_map(map: &BTreeMap<String, SlaTarget>) -> Result<Self, SlaError> {
        if let Some(unknown) = map.keys().find(|k| k.parse::<Priority>().is_err()) {
            return Err(SlaError::new(keys::UNKNOWN_PRIORITY).at(unknown.clone()).with("priority", unknown));
        }
        let mut targets = [SlaTarget { response_minutes: 0, resolution_minutes: 0 }; 5];
        for priority in Priority::ALL {
            targets[priority.index()] = *map.get(priority.name()).ok_or_else(|| {
                SlaError::new(keys::POLICY_MISSING_PRIORITY).at(priority.name()).with("priority", priority)
            })?;
        }
        SlaPolicy::new(targets)
    }

    pub fn to_map(&self) -> BTreeMap<String, SlaTarget> {
        Priority::ALL.iter().map(|p| (p.name().to_string(), self.target(*p))).collect()
    }
}

impl Serialize for SlaPolicy {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_map().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for SlaPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, SlaTarget>::deserialize(deserializer)?;
        SlaPolicy::from_map(&map).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(pairs: [(u32, u32); 5]) -> [SlaTarget; 5] {
        pairs.map(|(response_minutes, resolution_minutes)| SlaTarget { response_minutes, resolution_minutes })
    }

    #[test]
    fn decreasing_target_names_the_field() {
        let err = SlaPolicy::new(targets([(30, 240), (60, 480), (120, 300), (240, 1920), (480, 2880)])).unwrap_err();
        assert_eq!((err.key, err.field.as_deref()), (keys::POLICY_DECREASING, Some("P3.resolution_minutes")));
        assert_eq!(err.param("stricter"), Some("P2"));
    }

    #[test]
    fn all_zero_is_refused_but_partial_zero_is_fine() {
        assert_eq!(SlaPolicy::new(targets([(0, 0); 5])).unwrap_err().key, keys::POLICY_ALL_ZERO);
        assert!(SlaPolicy::new(targets([(0, 0), (0, 0), (0, 60), (0, 60), (10, 60)])).is_ok());
    }

    #[test]
    fn default_policy_round_trips() {
        let json = serde_json::to_string(&SlaPolicy::default()).unwrap();
        assert_eq!(serde_json::from_str::<SlaPolicy>(&json).unwrap(), SlaPolicy::default());
    }
}
