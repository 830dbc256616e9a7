//! Orderly SLA arithmetic: business calendars, policies and due times counted in business time
//!
//! Layout: [`calendar`] decides which instants are working time, [`holiday`] and [`ics`] the
//! closed days, [`policy`] the targets, [`clock`] counted time and due times, [`timeline`] the
//! counted/paused/closed picture, [`case`] the JSON of `orderly sla compute`, [`error`] the
//! translatable errors. Nothing here reads the system clock: `now` is always an argument.

pub mod calendar;
pub mod calendar_spec;
pub mod case;
pub mod clock;
pub mod error;
pub mod holiday;
pub mod ics;
pub mod policy;
pub mod timeline;

pub use calendar::{BusinessCalendar, TimeSpan, WeeklyHours, WorkingInterval};
pub use calendar_spec::CalendarSpec;
pub use case::{compute_case, format_instant, parse_case, report_json};
pub use clock::{
    due_at, evaluate, priority_in_force, validate_pauses, Pause, PriorityChange, SlaCase, SlaClock, SlaReport,
    WORKING_TIME_HORIZON_DAYS,
};
pub use error::{SlaError, MESSAGES};
pub use holiday::Holiday;
pub use ics::parse_ics_holidays;
pub use policy::{Priority, SlaPolicy, SlaTarget, TargetKind};
pub use timeline::{SegmentKind, TimelineSegment};
