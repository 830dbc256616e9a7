//! The search's working solution: routes with per-position earliest service start and latest
//! feasible start (so an insertion is checked in O(1)), loads, distances, where each order
//! sits, the absent orders, and an undo journal so a rejected move is rolled back cheaply.

use crate::model::Model;

/// Position marker for an order not on any route.
pub(crate) const NOWHERE: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub(crate) struct RouteState {
    /// Index into `Model::depots`.
    pub vehicle: u32,
    /// Start depot stop, orders, end depot stop.
    pub stops: Vec<u32>,
    /// Earliest service start at each position.
    pub start: Vec<i64>,
    /// Latest service start at each position that keeps the rest of the route feasible.
    pub latest: Vec<i64>,
    pub load: i64,
    pub distance: i64,
    /// Every service starts in time and the load fits. Insertions keep this by construction;
    /// removals can break it when travel breaks the triangle inequality (rounded road times).
    pub feasible: bool,
}

impl RouteState {
    fn empty(model: &Model, vehicle: u32) -> Self {
        let depot = model.depots[vehicle as usize];
        let mut route = RouteState { vehicle, stops: vec![depot.start, depot.end], ..Default::default() };
        route.recompute(model);
        route
    }

    pub(crate) fn customers(&self) -> usize {
        self.stops.len() - 2
    }

    /// Copies reusing this route's buffers (derive(Clone)'s clone_from would reallocate).
    pub(crate) fn copy_from(&mut self, other: &RouteState) {
        self.vehicle = other.vehicle;
        self.stops.clone_from(&other.stops);
        self.start.clone_from(&other.start);
        self.latest.clone_from(&other.latest);
        self.load = other.load;
        self.distance = other.distance;
        self.feasible = other.feasible;
    }

    /// Rebuilds the forward and backward time passes, load and distance.
    pub(crate) fn recompute(&mut self, model: &Model) {
        let len = self.stops.len();
        self.start.resize(len, 0);
        self.latest.resize(len, 0);
        let (mut load, mut distance) = (0, 0);
        self.start[0] = model.ready[self.stops[0] as usize];
        for i in 1..len {
            let (p, s) = (self.stops[i - 1], self.stops[i]);
            let leg = model.d(p, s);
            distance += leg;
            load += model.demand[s as usize];
            self.start[i] = (self.start[i - 1] + model.service[p as usize] + leg).max(model.ready[s as usize]);
        }
        self.latest[len - 1] = model.due[self.stops[len - 1] as usize];
        for i in (0..len - 1).rev() {
            let (s, n) = (self.stops[i], self.stops[i + 1]);
            let slack = self.latest[i + 1] - model.d(s, n) - model.service[s as usize];
            self.latest[i] = model.due[s as usize].min(slack);
        }
        self.load = load;
        self.distance = distance;
        let in_time = self.stops.iter().zip(&self.start).all(|(&s, &t)| t <= model.due[s as usize]);
        self.feasible = in_time && load <= model.depots[self.vehicle as usize].capacity;
    }

    /// Extra distance of visiting `c` between positions `i` and `i + 1`, if time allows.
    /// Capacity is the caller's check (it is per route, not per position).
    #[inline]
    pub(crate) fn insertion_delta(&self, model: &Model, c: u32, i: usize) -> Option<i64> {
        let (p, s) = (self.stops[i], self.stops[i + 1]);
        let to_c = model.d(p, c);
        let begin = (self.start[i] + model.service[p as usize] + to_c).max(model.ready[c as usize]);
        if begin > model.due[c as usize] {
            return None;
        }
        let from_c = model.d(c, s);
        if begin + model.service[c as usize] + from_c > self.latest[i + 1] {
            return None;
        }
        Some(to_c + from_c - model.d(p, s))
    }
}

/// Routes, order positions and absences, with an undo journal.
pub(crate) struct Plan {
    pub routes: Vec<RouteState>,
    /// `(route, position)` of each order, or `(NOWHERE, _)`.
    pub pos: Vec<(u32, u32)>,
    pub absent: Vec<u32>,
    pub distance: i64,
    /// Some route became infeasible since [`Plan::begin`]; the change must be rolled back.
    pub broken: bool,
    journal: Journal,
}

#[derive(Default)]
struct Journal {
    saved: Vec<RouteState>,
    touched: Vec<bool>,
    list: Vec<u32>,
    absent: Vec<u32>,
    distance: i64,
}

impl Plan {
    /// Every route empty, every servable order absent.
    pub(crate) fn new(model: &Model) -> Plan {
        let vehicles = if model.unlimited { 1 } else { model.depots.len() };
        let routes = (0..vehicles as u32).map(|v| RouteState::empty(model, v)).collect();
        let absent = (0..model.n as u32).filter(|&c| model.servable[c as usize]).collect();
        Plan {
            routes,
            pos: vec![(NOWHERE, 0); model.n],
            absent,
            distance: 0,
            broken: false,
            journal: Journal::default(),
        }
    }

    /// Objective: distance, with absent orders priced above any distance.
    pub(crate) fn cost(&self, model: &Model) -> i64 {
        self.distance + model.absent_penalty * self.absent.len() as i64
    }

    /// Starts recording changes so [`Plan::rollback`] can restore the current state.
    pub(crate) fn begin(&mut self) {
        let j = &mut self.journal;
        for &r in &j.list {
            j.touched[r as usize] = false;
        }
        j.list.clear();
        j.absent.clone_from(&self.absent);
        j.distance = self.distance;
        self.broken = false;
    }

    pub(crate) fn rollback(&mut self) {
        let j = &mut self.journal;
        for &r in &j.list {
            let route = &mut self.routes[r as usize];
            route.copy_from(&j.saved[r as usize]);
            for (i, &c) in route.stops[1..route.stops.len() - 1].iter().enumerate() {
                self.pos[c as usize] = (r, i as u32 + 1);
            }
        }
        for &c in &j.absent {
            self.pos[c as usize] = (NOWHERE, 0);
        }
        self.absent.clone_from(&j.absent);
        self.distance = j.distance;
        self.broken = false;
    }

    fn touch(&mut self, r: usize) {
        let j = &mut self.journal;
        if j.touched.len() < self.routes.len() {
            j.touched.resize(self.routes.len(), false);
            j.saved.resize_with(self.routes.len(), RouteState::default);
        }
        if !j.touched[r] {
            j.touched[r] = true;
            j.list.push(r as u32);
            j.saved[r].copy_from(&self.routes[r]);
        }
    }

    fn refresh(&mut self, model: &Model, r: usize) {
        self.distance -= self.routes[r].distance;
        let route = &mut self.routes[r];
        route.recompute(model);
        self.distance += route.distance;
        self.broken |= !route.feasible;
        for (i, &c) in route.stops[1..route.stops.len() - 1].iter().enumerate() {
            self.pos[c as usize] = (r as u32, i as u32 + 1);
        }
    }

    /// Takes positions `from..to` off route `r`, appending the orders to `out`.
    pub(crate) fn remove_range(&mut self, model: &Model, r: usize, from: usize, to: usize, out: &mut Vec<u32>) {
        self.touch(r);
        for c in self.routes[r].stops.drain(from..to) {
            self.pos[c as usize] = (NOWHERE, 0);
            out.push(c);
        }
        self.refresh(model, r);
    }

    /// Puts order `c` at position `at` of route `r`; keeps one spare empty route when the
    /// fleet is unlimited, so "open a new route" is always an insertion option.
    pub(crate) fn insert(&mut self, model: &Model, c: u32, r: usize, at: usize) {
        self.touch(r);
        let was_empty = self.routes[r].customers() == 0;
        self.routes[r].stops.insert(at, c);
        self.refresh(model, r);
        if model.unlimited && was_empty && !self.routes.iter().any(|route| route.customers() == 0) {
            self.routes.push(RouteState::empty(model, 0));
        }
    }
}
