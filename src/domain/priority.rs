//! Priority P1 (most urgent) to P5.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Priority {
    P1,
    P2,
    P3,
    P4,
    P5,
}

impl Priority {
    pub const ALL: [Priority; 5] = [Priority::P1, Priority::P2, Priority::P3, Priority::P4, Priority::P5];

    /// 1 for P1 … 5 for P5: the stored, sortable rank.
    pub fn rank(self) -> i64 {
        match self {
            Priority::P1 => 1,
            Priority::P2 => 2,
            Priority::P3 => 3,
            Priority::P4 => 4,
            Priority::P5 => 5,
        }
    }

    pub fn from_rank(rank: i64) -> Result<Self> {
        match rank {
            1 => Ok(Priority::P1),
            2 => Ok(Priority::P2),
            3 => Ok(Priority::P3),
            4 => Ok(Priority::P4),
            5 => Ok(Priority::P5),
            other => Err(Error::internal(format!("stored priority rank {other}"))),
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P{}", self.rank())
    }
}

impl FromStr for Priority {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "P1" | "1" => Ok(Priority::P1),
            "P2" | "2" => Ok(Priority::P2),
            "P3" | "3" => Ok(Priority::P3),
            "P4" | "4" => Ok(Priority::P4),
            "P5" | "5" => Ok(Priority::P5),
            _ => Err(Error::invalid("order.priority_invalid").on_field("priority").with("value", s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_refuses_others() {
        let table = [
            ("P1", Some(Priority::P1)),
            ("p5", Some(Priority::P5)),
            ("3", Some(Priority::P3)),
            ("P9", None),
            ("", None),
            ("high", None),
        ];
        for (input, expected) in table {
            assert_eq!(input.parse::<Priority>().ok(), expected, "{input}");
        }
        let err = "P9".parse::<Priority>().unwrap_err();
        assert_eq!(err.key, "order.priority_invalid");
        assert_eq!(err.field.as_deref(), Some("priority"));
    }
}
