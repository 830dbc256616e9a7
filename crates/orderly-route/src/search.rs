//! The anytime search: greedy construction, then ruin-and-recreate (SISR) under simulated
//! annealing whose temperature falls over the time or iteration budget; keeps the best plan,
//! reports improvements (throttled) and turns the best into a public [`Solution`].

use crate::local::polish;
use crate::model::Model;
use crate::problem::{Fleet, Problem, Route, Solution, SolveOptions};
use crate::recreate::Recreate;
use crate::rng::Rng;
use crate::ruin::{Ruin, RuinParams};
use crate::state::{Plan, RouteState};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// Search knobs. Temperatures are fractions of the average arc of the first solution, so they
/// fit any unit (tenths, minutes) without retuning.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Tuning {
    pub start_temperature: f64,
    pub final_temperature: f64,
    pub blink: f64,
    pub mean_removed: f64,
    pub max_string: f64,
    pub split_rate: f64,
    pub split_depth: f64,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            start_temperature: 0.8,
            final_temperature: 0.1,
            blink: 0.01,
            mean_removed: 10.0,
            max_string: 10.0,
            split_rate: 0.5,
            split_depth: 0.5,
        }
    }
}

/// Reports between improvements are at least this far apart, after the first.
const REPORT_GAP: Duration = Duration::from_millis(50);
/// Iterations between clock, cancel and temperature updates.
const CHECK_EVERY: u64 = 16;

/// Solves `problem` within the options' budget; `on_improve` sees new best solutions as the
/// search finds them (the first at once, then at most about every 50 ms, and the final best).
/// An invalid problem (see [`Problem::validate`]) yields every order unassigned.
pub fn solve(problem: &Problem, options: &SolveOptions, on_improve: impl FnMut(&Solution)) -> Solution {
    solve_tuned(problem, options, &Tuning::default(), on_improve)
}

#[doc(hidden)]
pub fn solve_tuned(
    problem: &Problem,
    options: &SolveOptions,
    tuning: &Tuning,
    mut on_improve: impl FnMut(&Solution),
) -> Solution {
    if problem.validate().is_err() {
        return Solution { unassigned: (0..problem.orders.len()).collect(), ..Default::default() };
    }
    let model = Model::new(problem);
    let mut search = Search::new(&model, options, tuning);
    let mut reporter = Reporter { last: None, pending: false };
    reporter.offer(problem, &model, &search.best, &mut on_improve);
    search.run(options, |best| reporter.offer(problem, &model, best, &mut on_improve));
    let solution = to_solution(problem, &model, &search.best);
    if reporter.pending {
        on_improve(&solution);
    }
    solution
}

/// The best plan found, kept apart from the working plan.
struct Best {
    routes: Vec<RouteState>,
    absent: Vec<u32>,
    cost: i64,
}

struct Search<'m> {
    model: &'m Model,
    plan: Plan,
    best: Best,
    rng: Rng,
    ruin: Ruin,
    recreate: Recreate,
    params: RuinParams,
    blink: f64,
    /// Temperatures in the problem's unit.
    hot: f64,
    cold: f64,
    removed: Vec<u32>,
    /// The budget runs from here (construction included), also inside an iteration's polish.
    began: Instant,
    limit: Duration,
}

impl<'m> Search<'m> {
    fn new(model: &'m Model, options: &SolveOptions, tuning: &Tuning) -> Self {
        let began = Instant::now();
        let mut rng = Rng::new(options.seed);
        let mut plan = Plan::new(model);
        let mut recreate = Recreate::default();
        let mut removed = Vec::new();
        recreate.run(model, &mut plan, &mut rng, &mut removed, 0.0);
        let arcs = plan.routes.iter().filter(|r| r.customers() > 0).map(|r| r.customers() + 1).sum::<usize>();
        let mean_arc = plan.distance as f64 / arcs.max(1) as f64;
        let best = Best { routes: plan.routes.clone(), absent: plan.absent.clone(), cost: plan.cost(model) };
        let params = RuinParams {
            mean_removed: tuning.mean_removed,
            max_string: tuning.max_string,
            split_rate: tuning.split_rate,
            split_depth: tuning.split_depth,
        };
        Search {
            model,
            plan,
            best,
            rng,
            ruin: Ruin::default(),
            recreate,
            params,
            blink: tuning.blink,
            hot: (tuning.start_temperature * mean_arc).max(1e-9),
            cold: (tuning.final_temperature * mean_arc).max(1e-9),
            removed,
            began,
            limit: options.time_limit,
        }
    }

    fn run(&mut self, options: &SolveOptions, mut improved: impl FnMut(&Best) -> bool) {
        let began = self.began;
        let limit = options.time_limit.as_secs_f64().max(1e-9);
        let mut current = self.plan.cost(self.model);
        let mut temperature = self.hot;
        let mut iteration = 0u64;
        loop {
            if iteration.is_multiple_of(CHECK_EVERY) {
                let elapsed = began.elapsed().as_secs_f64();
                let progress = match options.max_iterations {
                    Some(max) => iteration as f64 / max.max(1) as f64,
                    None => elapsed / limit,
                };
                let cancelled = options.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
                if progress >= 1.0 || elapsed >= limit || cancelled {
                    break;
                }
                temperature = self.hot * (self.cold / self.hot).powf(progress);
                improved(&self.best);
            }
            if options.max_iterations.is_some_and(|max| iteration >= max) {
                break;
            }
            iteration += 1;
            current = self.step(current, temperature);
        }
    }

    /// One ruin-and-recreate; returns the cost of the plan kept.
    fn step(&mut self, current: i64, temperature: f64) -> i64 {
        let model = self.model;
        self.plan.begin();
        self.ruin.run(model, &mut self.plan, &mut self.rng, &self.params, &mut self.removed);
        if self.plan.broken {
            // A removal broke a route (possible only without the triangle inequality).
            self.removed.clear();
            self.plan.rollback();
            return current;
        }
        self.recreate.run(model, &mut self.plan, &mut self.rng, &mut self.removed, self.blink);
        let cost = self.plan.cost(model);
        // Annealing test in SISR's form: accept if cost < current - T ln U.
        let threshold = current as f64 - temperature * self.rng.unit().max(1e-300).ln();
        if (cost as f64) < threshold {
            if cost < self.best.cost {
                let (began, limit) = (self.began, self.limit);
                let polished = polish(model, &mut self.plan, &mut self.removed, || began.elapsed() >= limit);
                self.save_best(polished);
                return polished;
            }
            cost
        } else {
            self.plan.rollback();
            current
        }
    }

    fn save_best(&mut self, cost: i64) {
        let best = &mut self.best;
        best.routes.resize_with(self.plan.routes.len(), RouteState::default);
        best.routes.truncate(self.plan.routes.len());
        for (b, r) in best.routes.iter_mut().zip(&self.plan.routes) {
            b.copy_from(r);
        }
        best.absent.clone_from(&self.plan.absent);
        best.cost = cost;
    }
}

/// Throttles `on_improve`: the first best at once, later ones at most every [`REPORT_GAP`].
struct Reporter {
    last: Option<(Instant, i64)>,
    pending: bool,
}

impl Reporter {
    /// Returns whether a report was made.
    fn offer(&mut self, problem: &Problem, model: &Model, best: &Best, on_improve: &mut impl FnMut(&Solution)) -> bool {
        match self.last {
            Some((_, cost)) if cost == best.cost => return false,
            Some((at, _)) if at.elapsed() < REPORT_GAP => {
                self.pending = true;
                return false;
            }
            _ => {}
        }
        on_improve(&to_solution(problem, model, best));
        self.last = Some((Instant::now(), best.cost));
        self.pending = false;
        true
    }
}

fn to_solution(problem: &Problem, model: &Model, best: &Best) -> Solution {
    let mut routes = Vec::new();
    let mut distance = 0;
    for route in best.routes.iter().filter(|r| r.customers() > 0) {
        let orders: Vec<usize> = route.stops[1..route.stops.len() - 1].iter().map(|&c| c as usize).collect();
        let (start, end) = model_depot_nodes(problem, route.vehicle as usize);
        let mut nodes = vec![start];
        nodes.extend(orders.iter().map(|&o| problem.orders[o].node));
        nodes.push(end);
        let vehicle = if model.unlimited { routes.len() } else { route.vehicle as usize };
        distance += route.distance;
        // `start` holds the departure, each service start and the arrival back, like `nodes`.
        routes.push(Route { vehicle, orders, nodes, starts: route.start.clone() });
    }
    let mut unassigned: Vec<usize> = best.absent.iter().map(|&c| c as usize).collect();
    unassigned.extend((0..model.n).filter(|&c| !model.servable[c]));
    unassigned.sort_unstable();
    Solution { routes, distance, unassigned }
}

fn model_depot_nodes(problem: &Problem, vehicle: usize) -> (usize, usize) {
    match &problem.fleet {
        Fleet::Unlimited { start, end, .. } => (*start, *end),
        Fleet::Vehicles(vs) => (vs[vehicle].start_node, vs[vehicle].end_node),
    }
}
