//! One-order ranking ("smart dispatch that explains itself"): scores every eligible technician
//! for one order by weighted cost terms and returns the best few with the structured numbers
//! behind each term, plus every technician not offered and why.
//!
//! The engine never builds sentences: the UI renders "HVAC level 3 · 4.2 km, 9 min away ·
//! 55 % loaded · done 2 h before due" in each language from [`TermDetail`]. Lower score is
//! better; ties go to the smaller technician id so the ranking is stable across calls.
//!
//! Hard rules (first failing one is the reason given): not off; has the skill (an order whose
//! skill is empty needs none, and counts as level 3); level at least the minimum; `booked + (travel + service) <= capacity` (capacity > 0); done before the end
//! of working hours; with `hard_due`, done before due. The score is the sum of six terms,
//! with `finish = travel minutes + service minutes`, `slack = due - finish`, `after` the load
//! fraction once the order is taken:
//!
//! * skill: `skill_per_level * (3 - level)` (the batch solver's level cost);
//! * travel: `travel_per_hour * travel hours` (haversine km at `speed_kmh`);
//! * load: `load * after + saturation * max(0, after - sat_threshold) + per_open_order * open`;
//! * status: `busy` when busy;
//! * SLA risk: `priority * (sla * max(0, comfort - slack) / comfort + late_per_hour * late h)`;
//! * fairness: `fairness_per_job * max(0, completed today - mean of working technicians)`.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Mean Earth radius in km (IUGG), for the haversine distance.
const EARTH_RADIUS_KM: f64 = 6371.0088;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TechStatus {
    Available,
    Busy,
    Off,
}

/// When the order is due.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    InMinutes(f64),
    /// Absolute due time in Unix seconds; compared with [`RankOrder::now_epoch_s`].
    AtEpoch(i64),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankOrder {
    pub lat: f64,
    pub lon: f64,
    pub skill: String,
    /// Minimum skill level 1..=3.
    pub min_level: u8,
    pub service_minutes: f64,
    pub due: Due,
    /// "Now" in Unix seconds, used only when `due` is absolute.
    pub now_epoch_s: i64,
    /// 1 normal, 2 high, 3 urgent: scales the SLA-risk term.
    pub priority: u8,
}

impl RankOrder {
    pub fn minutes_to_due(&self) -> f64 {
        match self.due {
            Due::InMinutes(m) => m,
            Due::AtEpoch(at) => (at - self.now_epoch_s) as f64 / 60.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankTech {
    pub id: String,
    /// `(skill, level 1..=3)`.
    pub skills: Vec<(String, u8)>,
    pub lat: f64,
    pub lon: f64,
    pub status: TechStatus,
    pub capacity_hours: f64,
    pub booked_hours: f64,
    pub open_orders: u32,
    pub completed_today: u32,
    /// End of today's working hours, in minutes from now.
    pub shift_end_minutes: f64,
}

/// Weights and parameters of the score; every cost term is in "points", lower is better.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankWeights {
    /// Points per skill level below 3 (the batch solver's `level_cost` idea).
    pub skill_per_level: f64,
    pub travel_per_hour: f64,
    pub speed_kmh: f64,
    /// Points per unit of load fraction after taking the order.
    pub load: f64,
    /// Extra points per unit of load fraction above `sat_threshold`.
    pub saturation: f64,
    pub sat_threshold: f64,
    pub per_open_order: f64,
    pub busy: f64,
    /// Slack (minutes between finishing and due) below which SLA risk starts to count.
    pub sla_comfort_minutes: f64,
    /// Points at zero slack for a normal-priority order (scaled by priority).
    pub sla: f64,
    /// Extra points per hour late (scaled by priority).
    pub late_per_hour: f64,
    /// Points per job completed today above the team average.
    pub fairness_per_job: f64,
    /// If set, technicians who cannot finish before due are not offered at all.
    pub hard_due: bool,
}

impl Default for RankWeights {
    fn default() -> Self {
        RankWeights {
            skill_per_level: 4.0,
            travel_per_hour: 30.0,
            speed_kmh: 35.0,
            load: 6.0,
            saturation: 20.0,
            sat_threshold: 0.8,
            per_open_order: 0.5,
            busy: 5.0,
            sla_comfort_minutes: 120.0,
            sla: 10.0,
            late_per_hour: 20.0,
            fairness_per_job: 1.0,
            hard_due: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    Skill,
    Travel,
    Load,
    Status,
    SlaRisk,
    Fairness,
}

/// The numbers behind one term, for the UI to phrase.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TermDetail {
    Skill { level: u8, required: u8 },
    Travel { km: f64, minutes: f64 },
    Load { load_pct_before: f64, load_pct_after: f64, open_orders: u32 },
    Status { status: TechStatus },
    SlaRisk { finish_minutes: f64, due_minutes: f64, slack_minutes: f64 },
    Fairness { completed_today: u32, team_average: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreTerm {
    pub kind: TermKind,
    pub cost: f64,
    pub detail: TermDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub technician: String,
    /// Index into the technicians passed to [`rank`].
    pub index: usize,
    /// Sum of the term costs; lower is better.
    pub score: f64,
    pub terms: Vec<ScoreTerm>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum IneligibleReason {
    Off,
    MissingSkill,
    LevelTooLow { level: u8, required: u8 },
    OverCapacity { booked_hours: f64, needed_hours: f64, capacity_hours: f64 },
    OutsideWorkingHours { finish_minutes: f64, shift_end_minutes: f64 },
    CannotMeetDue { late_minutes: f64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ineligible {
    pub technician: String,
    pub index: usize,
    pub reason: IneligibleReason,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// The best `top_n` eligible technicians, best first.
    pub candidates: Vec<Candidate>,
    /// How many were eligible in total (may exceed `candidates.len()`).
    pub eligible_count: usize,
    /// Every technician not offered, in input order.
    pub ineligible: Vec<Ineligible>,
}

/// Great-circle distance in km.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Everything computed for one eligible technician, before deciding whether it is shown.
struct Scored {
    index: usize,
    score: f64,
    terms: [ScoreTerm; 6],
}

/// What the hard rules computed for a technician who passed them.
struct Reach {
    level: u8,
    km: f64,
    minutes: f64,
    /// Minutes from now until the order would be done (travel + service).
    finish: f64,
    due: f64,
}

/// The hard rules: not off, has the skill at the level, capacity and working hours allow it,
/// and (if configured) it can be done before due.
fn check_eligible(order: &RankOrder, tech: &RankTech, w: &RankWeights) -> Result<Reach, IneligibleReason> {
    if tech.status == TechStatus::Off {
        return Err(IneligibleReason::Off);
    }
    let level = if order.skill.is_empty() {
        3
    } else {
        tech.skills.iter().find(|(s, _)| *s == order.skill).map(|&(_, l)| l).ok_or(IneligibleReason::MissingSkill)?
    };
    if level < order.min_level {
        return Err(IneligibleReason::LevelTooLow { level, required: order.min_level });
    }
    let km = haversine_km(order.lat, order.lon, tech.lat, tech.lon);
    let minutes = km / w.speed_kmh * 60.0;
    let finish = minutes + order.service_minutes;
    let needed_hours = finish / 60.0;
    if tech.capacity_hours <= 0.0 || tech.booked_hours + needed_hours > tech.capacity_hours {
        let (booked_hours, capacity_hours) = (tech.booked_hours, tech.capacity_hours);
        return Err(IneligibleReason::OverCapacity { booked_hours, needed_hours, capacity_hours });
    }
    if finish > tech.shift_end_minutes {
        let shift_end_minutes = tech.shift_end_minutes;
        return Err(IneligibleReason::OutsideWorkingHours { finish_minutes: finish, shift_end_minutes });
    }
    let due = order.minutes_to_due();
    if w.hard_due && finish > due {
        return Err(IneligibleReason::CannotMeetDue { late_minutes: finish - due });
    }
    Ok(Reach { level, km, minutes, finish, due })
}

/// Evaluates one technician: either its six terms or the reason it is not offered.
fn score_tech(
    order: &RankOrder,
    tech: &RankTech,
    w: &RankWeights,
    team_average: f64,
) -> Result<[ScoreTerm; 6], IneligibleReason> {
    let Reach { level, km, minutes, finish, due } = check_eligible(order, tech, w)?;
    let slack = due - finish;
    let before = tech.booked_hours / tech.capacity_hours;
    let after = (tech.booked_hours + finish / 60.0) / tech.capacity_hours;
    let load_cost = w.load * after
        + w.saturation * (after - w.sat_threshold).max(0.0)
        + w.per_open_order * f64::from(tech.open_orders);
    let risk = (w.sla_comfort_minutes - slack).max(0.0) / w.sla_comfort_minutes.max(1.0);
    let sla_cost = f64::from(order.priority.max(1)) * (w.sla * risk + w.late_per_hour * (-slack).max(0.0) / 60.0);
    let busy = if tech.status == TechStatus::Busy { w.busy } else { 0.0 };
    let extra_jobs = (f64::from(tech.completed_today) - team_average).max(0.0);
    let term = |kind, cost, detail| ScoreTerm { kind, cost, detail };
    let load_detail = TermDetail::Load {
        load_pct_before: before * 100.0,
        load_pct_after: after * 100.0,
        open_orders: tech.open_orders,
    };
    Ok([
        term(
            TermKind::Skill,
            w.skill_per_level * f64::from(3 - level.min(3)),
            TermDetail::Skill { level, required: order.min_level },
        ),
        term(TermKind::Travel, w.travel_per_hour * minutes / 60.0, TermDetail::Travel { km, minutes }),
        term(TermKind::Load, load_cost, load_detail),
        term(TermKind::Status, busy, TermDetail::Status { status: tech.status }),
        term(
            TermKind::SlaRisk,
            sla_cost,
            TermDetail::SlaRisk { finish_minutes: finish, due_minutes: due, slack_minutes: slack },
        ),
        term(
            TermKind::Fairness,
            w.fairness_per_job * extra_jobs,
            TermDetail::Fairness { completed_today: tech.completed_today, team_average },
        ),
    ])
}

/// Mean jobs completed today over the technicians who are working (not off).
pub fn team_average(techs: &[RankTech]) -> f64 {
    let working = techs.iter().filter(|t| t.status != TechStatus::Off);
    let (count, sum) = working.fold((0u32, 0.0), |(c, s), t| (c + 1, s + f64::from(t.completed_today)));
    if count == 0 {
        0.0
    } else {
        sum / f64::from(count)
    }
}

/// Sum of the term costs in term order (the score's definition).
pub fn total_cost(terms: &[ScoreTerm]) -> f64 {
    terms.iter().fold(0.0, |acc, t| acc + t.cost)
}

/// Ranks `techs` for `order`; returns the best `top_n` candidates and all ineligible ones.
pub fn rank(order: &RankOrder, techs: &[RankTech], weights: &RankWeights, top_n: usize) -> Ranking {
    let average = team_average(techs);
    let mut scored = Vec::with_capacity(techs.len());
    let mut ineligible = Vec::new();
    for (index, tech) in techs.iter().enumerate() {
        match score_tech(order, tech, weights, average) {
            Ok(terms) => scored.push(Scored { index, score: total_cost(&terms), terms }),
            Err(reason) => ineligible.push(Ineligible { technician: tech.id.clone(), index, reason }),
        }
    }
    let better = |a: &Scored, b: &Scored| -> Ordering {
        a.score.total_cmp(&b.score).then_with(|| techs[a.index].id.cmp(&techs[b.index].id))
    };
    let eligible_count = scored.len();
    // Only the shown few need full sorting; partition them off first.
    if top_n < scored.len() {
        if top_n > 0 {
            scored.select_nth_unstable_by(top_n - 1, better);
        }
        scored.truncate(top_n);
    }
    scored.sort_unstable_by(better);
    let candidates = scored
        .into_iter()
        .map(|s| Candidate {
            technician: techs[s.index].id.clone(),
            index: s.index,
            score: s.score,
            terms: s.terms.to_vec(),
        })
        .collect();
    Ranking { candidates, eligible_count, ineligible }
}
