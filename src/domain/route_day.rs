//! A technician's day as a routing problem and back: the facts of one day (technicians with
//! base, shift, van and skills; visits with place, duration, appointment window, parts and pin),
//! the day routing problem built from them on real coordinates (great-circle km at a travel
//! speed, rounded up to whole minutes), and the [`DayPlan`] read back from the solver's answer,
//! with the reason for every visit that could not be placed. Times inside the problem are
//! minutes since the day's local midnight; the plan carries epoch milliseconds.

use orderly_dispatch::haversine_km;
use orderly_route::{Fleet, Order, Problem, Route, Solution, Vehicle};
use serde::{Deserialize, Serialize};

/// Average road speed between visits, straight-line km per hour (a city van's door to door).
pub const DEFAULT_SPEED_KMH: f64 = 30.0;
/// The working day used when a technician has no working calendar: 08:00 to 18:00.
pub const DEFAULT_SHIFT_MINUTES: (i64, i64) = (8 * 60, 18 * 60);
/// Parts a van carries unless its technician's van says otherwise.
pub const DEFAULT_VAN_CAPACITY: i64 = 100;

const MINUTE_MS: i64 = 60_000;

/// A visit's booking terms: the customer's appointment window, the parts it takes from the van,
/// and whether the customer confirmed the scheduled time (then the time stays put).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VisitTerms {
    pub window_start: Option<i64>,
    pub window_end: Option<i64>,
    pub parts: i64,
    pub confirmed: bool,
}

impl VisitTerms {
    pub fn validate(&self) -> crate::Result<()> {
        if !(0..=10_000).contains(&self.parts) {
            return Err(crate::Error::invalid("input.out_of_range")
                .on_field("parts")
                .with("value", self.parts)
                .with("min", 0)
                .with("max", 10_000));
        }
        match (self.window_start, self.window_end) {
            (Some(s), Some(e)) if e <= s => Err(crate::Error::invalid("route.window_empty").on_field("window_end")),
            (Some(_), None) | (None, Some(_)) => Err(crate::Error::invalid("route.window_half").on_field("window_end")),
            _ => Ok(()),
        }
    }
}

/// A technician's van: where the day starts and ends, and how many parts it carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Van {
    pub base_lat: Option<f64>,
    pub base_lon: Option<f64>,
    pub capacity: i64,
}

impl Default for Van {
    fn default() -> Self {
        Van { base_lat: None, base_lon: None, capacity: DEFAULT_VAN_CAPACITY }
    }
}

impl Van {
    pub fn validate(&self) -> crate::Result<()> {
        if !(0..=100_000).contains(&self.capacity) {
            return Err(crate::Error::invalid("input.out_of_range")
                .on_field("capacity")
                .with("value", self.capacity)
                .with("min", 0)
                .with("max", 100_000));
        }
        super::user::validate_location(self.base_lat, self.base_lon, "base")
    }
}

/// What to optimise: one day (`YYYY-MM-DD` in the organisation's zone) of one or more
/// technicians; visits move between them only where skills allow.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DayPlanRequest {
    pub date: String,
    pub technician_ids: Vec<String>,
    /// Search time budget.
    pub seconds: f64,
    pub seed: u32,
}

/// A drive: great-circle km and whole minutes at the travel speed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Leg {
    pub km: f64,
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedVisit {
    pub order_id: String,
    pub number: String,
    pub title: String,
    /// The order's version when planned; accepting names it.
    pub version: i64,
    pub start: i64,
    pub end: i64,
    pub window_start: Option<i64>,
    pub window_end: Option<i64>,
    /// The drive from the previous stop (the base for the first visit).
    pub leg: Leg,
    pub lat: f64,
    pub lon: f64,
    /// Started or confirmed: kept at its time.
    pub pinned: bool,
    /// The order's assignee before the plan (differs when the plan moves it).
    pub assignee_before: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TechnicianDay {
    pub technician_id: String,
    pub display_name: String,
    pub base_lat: f64,
    pub base_lon: f64,
    pub shift_start: i64,
    pub shift_end: i64,
    pub visits: Vec<PlannedVisit>,
    /// The drive back to base after the last visit.
    pub return_leg: Leg,
    pub km: f64,
    pub drive_minutes: i64,
}

/// A visit the plan leaves out, and why: `no_location`, `no_skilled_technician`,
/// `over_capacity`, `window_unreachable`, `pinned_clash`, `day_full`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Unplaced {
    pub order_id: String,
    pub number: String,
    pub title: String,
    pub reason: String,
}

/// Driving of a set of routes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DriveTotals {
    pub km: f64,
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DayPlan {
    pub date: String,
    /// The day's local midnight, epoch ms.
    pub day_start: i64,
    pub technicians: Vec<TechnicianDay>,
    pub unplaced: Vec<Unplaced>,
    pub after: DriveTotals,
    /// Driving of the visits already scheduled that day in their current order (none scheduled: zero).
    pub before: DriveTotals,
}

/// A technician as the day's problem sees them.
#[derive(Debug, Clone)]
pub struct DayTechnician {
    pub id: String,
    pub display_name: String,
    /// Lower-cased skill and level.
    pub skills: Vec<(String, u8)>,
    pub base: (f64, f64),
    /// Minutes since local midnight; an empty shift means not working that day.
    pub shift: (i64, i64),
    pub capacity: i64,
}

/// A visit as the day's problem sees it (times in minutes since local midnight).
#[derive(Debug, Clone)]
pub struct DayVisit {
    pub order_id: String,
    pub number: String,
    pub title: String,
    pub version: i64,
    /// Index into the day's technicians.
    pub assignee: usize,
    pub assignee_id: Option<String>,
    pub place: Option<(f64, f64)>,
    pub minutes: i64,
    /// Lower-cased skill and required level.
    pub skill: Option<(String, i64)>,
    pub window: Option<(i64, i64)>,
    pub parts: i64,
    pub scheduled: Option<(i64, i64)>,
    pub pinned: bool,
}

/// Everything known about one day.
#[derive(Debug, Clone)]
pub struct DayFacts {
    pub date: String,
    pub day_start: i64,
    pub day_minutes: i64,
    pub technicians: Vec<DayTechnician>,
    pub visits: Vec<DayVisit>,
    pub speed_kmh: f64,
}

/// The routing problem of a day and how to read its answer.
#[derive(Debug, Clone)]
pub struct DayProblem {
    pub problem: Problem,
    /// Problem order `i` is `facts.visits[visit_of[i]]`.
    pub visit_of: Vec<usize>,
    /// Great-circle km between problem nodes (technicians' bases first, then the orders).
    pub km: Vec<Vec<f64>>,
}

fn minutes_for(km: f64, speed_kmh: f64) -> i64 {
    // Rounded up: whole minutes then still satisfy the triangle inequality.
    (km / speed_kmh * 60.0 - 1e-9).ceil().max(0.0) as i64
}

fn can_do(tech: &DayTechnician, skill: &Option<(String, i64)>) -> bool {
    skill.as_ref().is_none_or(|(s, level)| tech.skills.iter().any(|(k, l)| k == s && i64::from(*l) >= *level))
}

impl DayFacts {
    /// Minutes since the day's midnight for an instant (epoch ms).
    pub fn minute_of(&self, at: i64) -> i64 {
        (at - self.day_start).div_euclid(MINUTE_MS)
    }

    pub fn instant_of(&self, minute: i64) -> i64 {
        self.day_start + minute * MINUTE_MS
    }

    /// Builds the routing problem: every located visit, pinned ones fixed to their technician
    /// and time, the others free to go to any technician with the skill.
    pub fn problem(&self) -> DayProblem {
        let mut places: Vec<(f64, f64)> = self.technicians.iter().map(|t| t.base).collect();
        let mut visit_of = Vec::new();
        let mut orders = Vec::new();
        let mut needs: Vec<(String, i64)> = Vec::new();
        for (i, v) in self.visits.iter().enumerate() {
            let Some((place, pinned)) = self.placed(v) else { continue };
            let skills = match &v.skill {
                None => 0,
                Some(need) => {
                    let bit = needs.iter().position(|n| n == need).unwrap_or_else(|| {
                        needs.push(need.clone());
                        needs.len() - 1
                    });
                    1u64 << bit.min(63)
                }
            };
            let (ready, due, service, pin) = match (pinned, v.scheduled) {
                (true, Some((s, e))) => (s, s, e - s, Some(v.assignee)),
                _ => {
                    let (from, to) = v.window.unwrap_or((0, self.day_minutes));
                    (from, to - v.minutes, v.minutes, None)
                }
            };
            orders.push(Order { node: places.len(), ready, due, service, demand: v.parts, skills, pin });
            places.push(place);
            visit_of.push(i);
        }
        let vehicles = self
            .technicians
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let skills = needs
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| can_do(t, &Some((*n).clone())))
                    .fold(0u64, |m, (b, _)| m | 1 << b.min(63));
                Vehicle {
                    start_node: i,
                    end_node: i,
                    shift_start: t.shift.0,
                    shift_end: t.shift.1,
                    capacity: t.capacity,
                    skills,
                }
            })
            .collect();
        let km: Vec<Vec<f64>> =
            places.iter().map(|a| places.iter().map(|b| haversine_km(a.0, a.1, b.0, b.1)).collect()).collect();
        let travel = km.iter().map(|row| row.iter().map(|&k| minutes_for(k, self.speed_kmh)).collect()).collect();
        DayProblem { problem: Problem { travel, orders, fleet: Fleet::Vehicles(vehicles) }, visit_of, km }
    }

    /// Where a visit happens and whether it keeps its time. A booked visit with no location
    /// still takes its time: it is kept, assumed at the technician's base.
    fn placed(&self, v: &DayVisit) -> Option<((f64, f64), bool)> {
        match (v.place, v.scheduled) {
            (Some(place), _) => Some((place, v.pinned)),
            (None, Some(_)) => Some((self.technicians[v.assignee].base, true)),
            (None, None) => None,
        }
    }

    fn leg(&self, day: &DayProblem, from: usize, to: usize) -> Leg {
        Leg { km: day.km[from][to], minutes: day.problem.travel[from][to] }
    }

    /// The plan the solver's answer describes, with a reason for every visit left out.
    pub fn plan(&self, day: &DayProblem, solution: &Solution) -> DayPlan {
        let mut technicians: Vec<TechnicianDay> = self
            .technicians
            .iter()
            .map(|t| TechnicianDay {
                technician_id: t.id.clone(),
                display_name: t.display_name.clone(),
                base_lat: t.base.0,
                base_lon: t.base.1,
                shift_start: self.instant_of(t.shift.0),
                shift_end: self.instant_of(t.shift.1),
                visits: Vec::new(),
                return_leg: Leg::default(),
                km: 0.0,
                drive_minutes: 0,
            })
            .collect();
        for route in &solution.routes {
            self.route_into(day, route, &mut technicians[route.vehicle]);
        }
        let mut unplaced: Vec<Unplaced> =
            self.visits.iter().filter(|v| self.placed(v).is_none()).map(|v| self.unplaced(v, "no_location")).collect();
        for &o in &solution.unassigned {
            let v = &self.visits[day.visit_of[o]];
            unplaced.push(self.unplaced(v, self.reason(day, o)));
        }
        let after = DriveTotals {
            km: technicians.iter().map(|t| t.km).sum(),
            minutes: technicians.iter().map(|t| t.drive_minutes).sum(),
        };
        DayPlan {
            date: self.date.clone(),
            day_start: self.day_start,
            technicians,
            unplaced,
            after,
            before: self.before(day),
        }
    }

    /// Fills `tech`'s visits, legs and totals from one route of the solver's answer.
    fn route_into(&self, day: &DayProblem, route: &Route, tech: &mut TechnicianDay) {
        let mut at = route.vehicle;
        for (k, &o) in route.orders.iter().enumerate() {
            let order = &day.problem.orders[o];
            let v = &self.visits[day.visit_of[o]];
            let start = route.starts.get(k + 1).copied().unwrap_or(order.ready);
            let leg = self.leg(day, at, order.node);
            at = order.node;
            tech.visits.push(PlannedVisit {
                order_id: v.order_id.clone(),
                number: v.number.clone(),
                title: v.title.clone(),
                version: v.version,
                start: self.instant_of(start),
                end: self.instant_of(start + order.service),
                window_start: v.window.map(|w| self.instant_of(w.0)),
                window_end: v.window.map(|w| self.instant_of(w.1)),
                leg,
                lat: self.placed(v).map_or(0.0, |p| p.0 .0),
                lon: self.placed(v).map_or(0.0, |p| p.0 .1),
                pinned: order.pin.is_some(),
                assignee_before: v.assignee_id.clone(),
            });
        }
        tech.return_leg = self.leg(day, at, route.vehicle);
        tech.km = tech.visits.iter().map(|v| v.leg.km).sum::<f64>() + tech.return_leg.km;
        tech.drive_minutes = tech.visits.iter().map(|v| v.leg.minutes).sum::<i64>() + tech.return_leg.minutes;
    }

    fn unplaced(&self, v: &DayVisit, reason: &str) -> Unplaced {
        Unplaced {
            order_id: v.order_id.clone(),
            number: v.number.clone(),
            title: v.title.clone(),
            reason: reason.into(),
        }
    }

    /// Why problem order `o` could not be placed, most specific first.
    fn reason(&self, day: &DayProblem, o: usize) -> &'static str {
        let order = &day.problem.orders[o];
        let v = &self.visits[day.visit_of[o]];
        let able: Vec<usize> = match order.pin {
            Some(p) => vec![p],
            None => (0..self.technicians.len()).filter(|&t| can_do(&self.technicians[t], &v.skill)).collect(),
        };
        if able.is_empty() {
            return "no_skilled_technician";
        }
        if able.iter().all(|&t| order.demand > self.technicians[t].capacity) {
            return "over_capacity";
        }
        let reachable = able.iter().any(|&t| {
            let (open, close) = self.technicians[t].shift;
            let begin = (open + day.problem.travel[t][order.node]).max(order.ready);
            begin <= order.due && begin + order.service + day.problem.travel[order.node][t] <= close
        });
        match (reachable, order.pin.is_some()) {
            (false, _) => "window_unreachable",
            (true, true) => "pinned_clash",
            (true, false) => "day_full",
        }
    }

    /// Driving of the visits already scheduled today, each technician's in their current order.
    fn before(&self, day: &DayProblem) -> DriveTotals {
        let mut totals = DriveTotals::default();
        for t in 0..self.technicians.len() {
            let mut stops: Vec<(i64, usize)> = day
                .visit_of
                .iter()
                .enumerate()
                .filter_map(|(o, &i)| {
                    let v = &self.visits[i];
                    v.scheduled.filter(|_| v.assignee == t).map(|(s, _)| (s, day.problem.orders[o].node))
                })
                .collect();
            if stops.is_empty() {
                continue;
            }
            stops.sort();
            let mut at = t;
            for node in stops.iter().map(|s| s.1).chain([t]) {
                totals.km += day.km[at][node];
                totals.minutes += day.problem.travel[at][node];
                at = node;
            }
        }
        totals
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderly_route::{check_partial, solve, SolveOptions};

    fn facts(visits: Vec<DayVisit>) -> DayFacts {
        DayFacts {
            date: "2026-11-24".into(),
            day_start: 0,
            day_minutes: 1440,
            technicians: vec![DayTechnician {
                id: "t".into(),
                display_name: "T".into(),
                skills: vec![("hvac".into(), 2)],
                base: (31.23, 121.47),
                shift: (480, 1080),
                capacity: 10,
            }],
            visits,
            speed_kmh: DEFAULT_SPEED_KMH,
        }
    }

    fn visit(i: usize, place: Option<(f64, f64)>, window: Option<(i64, i64)>) -> DayVisit {
        DayVisit {
            order_id: format!("o{i}"),
            number: format!("WO-{i}"),
            title: String::new(),
            version: 1,
            assignee: 0,
            assignee_id: Some("t".into()),
            place,
            minutes: 45,
            skill: None,
            window,
            parts: 1,
            scheduled: None,
            pinned: false,
        }
    }

    #[test]
    fn windows_hold_and_reasons_name_what_is_wrong() {
        let mut visits: Vec<DayVisit> = (0..4)
            .map(|i| visit(i, Some((31.2 + 0.01 * i as f64, 121.5)), Some((540 + 60 * i as i64, 720 + 60 * i as i64))))
            .collect();
        visits.push(visit(4, None, None));
        let mut skilled = visit(5, Some((31.2, 121.4)), None);
        skilled.skill = Some(("plumbing".into(), 1));
        visits.push(skilled);
        let mut early = visit(6, Some((31.2, 121.4)), Some((0, 60)));
        early.minutes = 30;
        visits.push(early);
        let facts = facts(visits);
        let day = facts.problem();
        let solution = solve(&day.problem, &SolveOptions::with_iterations(200, 1), |_| {});
        assert!(check_partial(&day.problem, &solution.routes, &solution.unassigned).is_ok());
        let plan = facts.plan(&day, &solution);
        let visits = &plan.technicians[0].visits;
        assert_eq!(visits.len(), 4);
        for v in visits {
            assert!(v.window_start.unwrap() <= v.start && v.end <= v.window_end.unwrap(), "{v:?}");
        }
        let reasons: Vec<(&str, &str)> = plan.unplaced.iter().map(|u| (u.number.as_str(), u.reason.as_str())).collect();
        assert_eq!(
            reasons,
            [("WO-4", "no_location"), ("WO-5", "no_skilled_technician"), ("WO-6", "window_unreachable")]
        );
        let legs: f64 = visits.iter().map(|v| v.leg.km).sum::<f64>() + plan.technicians[0].return_leg.km;
        assert!((legs - plan.after.km).abs() < 1e-9);
    }

    #[test]
    fn a_booked_visit_without_a_place_keeps_its_time_at_the_base() {
        let mut booked = visit(0, None, None);
        booked.scheduled = Some((600, 645));
        let facts = facts(vec![booked, visit(1, Some((31.2, 121.5)), Some((540, 720)))]);
        let day = facts.problem();
        let solution = solve(&day.problem, &SolveOptions::with_iterations(100, 1), |_| {});
        let plan = facts.plan(&day, &solution);
        assert!(plan.unplaced.is_empty());
        let kept = plan.technicians[0].visits.iter().find(|v| v.order_id == "o0").unwrap();
        assert!(kept.pinned && (kept.start, kept.end) == (600 * 60_000, 645 * 60_000));
        assert_eq!((kept.lat, kept.lon), (31.23, 121.47));
    }
}
