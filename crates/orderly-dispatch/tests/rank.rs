//! One-order ranking: a property test against a brute-force reimplementation of the score,
//! and the structured reasons given for technicians who are not offered.

use orderly_dispatch::{
    rank, Due, IneligibleReason, RankOrder, RankTech, RankWeights, TechStatus, TermDetail, TermKind,
};
use proptest::prelude::*;

/// Straightforward restatement of the documented score, written independently of the engine:
/// returns None when the technician is not eligible.
fn brute_force_score(order: &RankOrder, tech: &RankTech, w: &RankWeights, techs: &[RankTech]) -> Option<f64> {
    if tech.status == TechStatus::Off {
        return None;
    }
    let level = if order.skill.is_empty() { 3 } else { tech.skills.iter().find(|s| s.0 == order.skill)?.1 };
    if level < order.min_level {
        return None;
    }
    // Haversine with the mean Earth radius.
    let r = 6371.0088;
    let (la1, la2) = (order.lat.to_radians(), tech.lat.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((tech.lon - order.lon).to_radians() / 2.0).sin().powi(2);
    let km = 2.0 * r * h.sqrt().min(1.0).asin();
    let minutes = km / w.speed_kmh * 60.0;
    let finish = minutes + order.service_minutes;
    if tech.capacity_hours <= 0.0 || tech.booked_hours + finish / 60.0 > tech.capacity_hours {
        return None;
    }
    if finish > tech.shift_end_minutes {
        return None;
    }
    let due = match order.due {
        Due::InMinutes(m) => m,
        Due::AtEpoch(at) => (at - order.now_epoch_s) as f64 / 60.0,
    };
    let slack = due - finish;
    if w.hard_due && slack < 0.0 {
        return None;
    }
    let working: Vec<&RankTech> = techs.iter().filter(|t| t.status != TechStatus::Off).collect();
    let average = if working.is_empty() {
        0.0
    } else {
        working.iter().map(|t| t.completed_today as f64).sum::<f64>() / working.len() as f64
    };
    let after = (tech.booked_hours + finish / 60.0) / tech.capacity_hours;
    let skill = w.skill_per_level * (3 - level) as f64;
    let travel = w.travel_per_hour * minutes / 60.0;
    let load =
        w.load * after + w.saturation * (after - w.sat_threshold).max(0.0) + w.per_open_order * tech.open_orders as f64;
    let status = if tech.status == TechStatus::Busy { w.busy } else { 0.0 };
    let risk = (w.sla_comfort_minutes - slack).max(0.0) / w.sla_comfort_minutes.max(1.0);
    let sla = order.priority.max(1) as f64 * (w.sla * risk + w.late_per_hour * (-slack).max(0.0) / 60.0);
    let fairness = w.fairness_per_job * (tech.completed_today as f64 - average).max(0.0);
    Some(skill + travel + load + status + sla + fairness)
}

const SKILLS: [&str; 3] = ["hvac", "electrical", "plumbing"];

fn tech_strategy() -> impl Strategy<Value = RankTech> {
    (
        proptest::collection::vec((0usize..3, 1u8..=3), 0..3),
        // A coarse grid so that equal positions (and exact ties) happen.
        (0u8..4, 0u8..4),
        0u8..3,
        (0u8..3, 0u8..17),
        (0u32..5, 0u32..5),
        0u32..10,
    )
        .prop_map(|(skills, (gx, gy), status, (cap, booked), (open, done), end)| RankTech {
            id: String::new(),
            skills: skills.into_iter().map(|(s, l)| (SKILLS[s].to_string(), l)).collect(),
            lat: 48.1 + f64::from(gx) * 0.02,
            lon: 11.5 + f64::from(gy) * 0.03,
            status: [TechStatus::Available, TechStatus::Busy, TechStatus::Off][status as usize],
            capacity_hours: [0.0, 6.0, 8.0][cap as usize],
            booked_hours: f64::from(booked) * 0.5,
            open_orders: open,
            completed_today: done,
            shift_end_minutes: 30.0 + f64::from(end) * 60.0,
        })
}

fn order_strategy() -> impl Strategy<Value = RankOrder> {
    ((0u8..4, 0u8..4), 0usize..3, 1u8..=3, 1u8..8, 0i64..600, any::<bool>(), 1u8..=3).prop_map(
        |((gx, gy), skill, min_level, service, due, absolute, priority)| RankOrder {
            lat: 48.1 + f64::from(gx) * 0.02,
            lon: 11.5 + f64::from(gy) * 0.03,
            skill: SKILLS[skill].to_string(),
            min_level,
            service_minutes: f64::from(service) * 15.0,
            due: if absolute { Due::AtEpoch(1_700_000_000 + due * 60) } else { Due::InMinutes(due as f64) },
            now_epoch_s: 1_700_000_000,
            priority,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn ranking_matches_brute_force(
        order in order_strategy(),
        mut techs in proptest::collection::vec(tech_strategy(), 0..=6),
        top_n in 0usize..10,
        hard_due in any::<bool>(),
        id_perm in proptest::collection::vec(0u32..1000, 10),
        copies in proptest::collection::vec(0usize..8, 0..3),
    ) {
        // Identical copies under other ids make exact score ties, decided by id.
        for c in copies {
            if c < techs.len() {
                techs.push(techs[c].clone());
            }
        }
        // Ids in random order relative to the input order, so tie-breaking by id is exercised.
        for (k, t) in techs.iter_mut().enumerate() {
            t.id = format!("t{:04}-{k}", id_perm[k]);
        }
        let weights = RankWeights { hard_due, ..RankWeights::default() };
        let mut expected: Vec<(f64, String)> = techs
            .iter()
            .filter_map(|t| brute_force_score(&order, t, &weights, &techs).map(|s| (s, t.id.clone())))
            .collect();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let ranking = rank(&order, &techs, &weights, top_n);
        prop_assert_eq!(ranking.eligible_count, expected.len());
        prop_assert_eq!(ranking.eligible_count + ranking.ineligible.len(), techs.len());
        prop_assert_eq!(ranking.candidates.len(), top_n.min(expected.len()));
        for (got, (score, id)) in ranking.candidates.iter().zip(&expected) {
            prop_assert_eq!(&got.technician, id);
            prop_assert!((got.score - score).abs() <= 1e-9 * score.abs().max(1.0), "{} vs {}", got.score, score);
            let sum: f64 = got.terms.iter().map(|t| t.cost).sum();
            prop_assert!((sum - got.score).abs() <= 1e-9 * sum.abs().max(1.0));
            prop_assert_eq!(&techs[got.index].id, &got.technician);
        }
    }
}

fn base_tech(id: &str) -> RankTech {
    RankTech {
        id: id.to_string(),
        skills: vec![("hvac".to_string(), 3)],
        lat: 48.137,
        lon: 11.575,
        status: TechStatus::Available,
        capacity_hours: 8.0,
        booked_hours: 2.0,
        open_orders: 1,
        completed_today: 2,
        shift_end_minutes: 480.0,
    }
}

fn base_order() -> RankOrder {
    RankOrder {
        lat: 48.15,
        lon: 11.60,
        skill: "hvac".to_string(),
        min_level: 2,
        service_minutes: 60.0,
        due: Due::InMinutes(240.0),
        now_epoch_s: 0,
        priority: 2,
    }
}

#[test]
fn ineligible_technicians_come_with_structured_reasons() {
    let mut techs = vec![base_tech("ok")];
    techs.push(RankTech { status: TechStatus::Off, ..base_tech("off") });
    techs.push(RankTech { skills: vec![("plumbing".to_string(), 3)], ..base_tech("no-skill") });
    techs.push(RankTech { skills: vec![("hvac".to_string(), 1)], ..base_tech("junior") });
    techs.push(RankTech { booked_hours: 7.5, ..base_tech("full") });
    techs.push(RankTech { shift_end_minutes: 30.0, ..base_tech("leaving") });
    let ranking = rank(&base_order(), &techs, &RankWeights::default(), 5);
    assert_eq!(ranking.candidates.len(), 1);
    assert_eq!(ranking.candidates[0].technician, "ok");
    let reason = |id: &str| ranking.ineligible.iter().find(|x| x.technician == id).map(|x| x.reason);
    assert_eq!(reason("off"), Some(IneligibleReason::Off));
    assert_eq!(reason("no-skill"), Some(IneligibleReason::MissingSkill));
    assert_eq!(reason("junior"), Some(IneligibleReason::LevelTooLow { level: 1, required: 2 }));
    assert!(
        matches!(reason("full"), Some(IneligibleReason::OverCapacity { capacity_hours, .. }) if capacity_hours == 8.0)
    );
    assert!(matches!(reason("leaving"), Some(IneligibleReason::OutsideWorkingHours { .. })));
    assert_eq!(reason("ok"), None);
}

#[test]
fn an_order_needing_no_skill_is_open_to_every_working_technician() {
    let techs = vec![RankTech { skills: vec![], ..base_tech("new") }, base_tech("hvac")];
    let order = RankOrder { skill: String::new(), ..base_order() };
    let ranking = rank(&order, &techs, &RankWeights::default(), 5);
    assert_eq!(ranking.candidates.len(), 2, "{:?}", ranking.ineligible);
    let skill = ranking.candidates[0].terms.iter().find(|t| t.kind == TermKind::Skill).unwrap();
    assert_eq!(skill.cost, 0.0, "no level mismatch when no skill is needed");
}

#[test]
fn hard_due_excludes_late_technicians_and_soft_due_penalises_them() {
    let far = RankTech { lat: 48.6, ..base_tech("far") };
    let order = RankOrder { due: Due::InMinutes(70.0), ..base_order() };
    let techs = vec![base_tech("near"), far];
    let soft = rank(&order, &techs, &RankWeights::default(), 5);
    assert_eq!(soft.candidates.iter().map(|c| c.technician.as_str()).collect::<Vec<_>>(), ["near", "far"]);
    let late = soft.candidates[1].terms.iter().find(|t| t.kind == TermKind::SlaRisk).unwrap();
    assert!(matches!(late.detail, TermDetail::SlaRisk { slack_minutes, .. } if slack_minutes < 0.0));
    let hard = rank(&order, &techs, &RankWeights { hard_due: true, ..RankWeights::default() }, 5);
    assert_eq!(hard.candidates.len(), 1);
    assert!(
        matches!(hard.ineligible[0].reason, IneligibleReason::CannotMeetDue { late_minutes } if late_minutes > 0.0)
    );
}

#[test]
fn terms_carry_the_numbers_the_ui_prints() {
    let order = RankOrder { due: Due::AtEpoch(3 * 3600), now_epoch_s: 0, ..base_order() };
    let ranking = rank(&order, &[base_tech("a")], &RankWeights::default(), 1);
    let c = &ranking.candidates[0];
    let kinds: Vec<TermKind> = c.terms.iter().map(|t| t.kind).collect();
    use TermKind::*;
    assert_eq!(kinds, [Skill, Travel, Load, Status, SlaRisk, Fairness]);
    for t in &c.terms {
        match t.detail {
            TermDetail::Skill { level, required } => assert_eq!((level, required), (3, 2)),
            TermDetail::Travel { km, minutes } => {
                assert!((2.0..3.0).contains(&km), "{km}");
                assert!((minutes - km / 35.0 * 60.0).abs() < 1e-9);
            }
            TermDetail::Load { load_pct_before, load_pct_after, .. } => {
                assert_eq!(load_pct_before, 25.0);
                assert!(load_pct_after > 37.5);
            }
            TermDetail::SlaRisk { due_minutes, slack_minutes, finish_minutes } => {
                assert_eq!(due_minutes, 180.0);
                assert!((slack_minutes - (180.0 - finish_minutes)).abs() < 1e-9);
            }
            TermDetail::Status { status } => assert_eq!(status, TechStatus::Available),
            TermDetail::Fairness { completed_today, team_average } => {
                assert_eq!((completed_today, team_average), (2, 2.0))
            }
        }
    }
    // The structured output serialises for the desktop shell.
    let json = serde_json::to_value(&ranking).unwrap();
    assert_eq!(json["candidates"][0]["terms"][1]["detail"]["type"], "travel");
}
