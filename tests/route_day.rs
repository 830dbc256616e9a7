//! "Optimise day" on both engines: five visits with appointment windows on one technician get a
//! plan that keeps every window and the shift, whose legs add up (re-checked here from the
//! coordinates, not trusted from the solver); a started visit keeps its time; accepting writes
//! the times with history; a stale order refuses the whole plan and nothing is written; bad
//! input is refused with a translated, field-level error and nothing is written.

mod common;

use chrono::{NaiveDate, TimeZone};
use common::TestStore;
use orderly::domain::dispatch::DispatchInfo;
use orderly::domain::order::{Location, NewOrder, WorkOrder};
use orderly::domain::route_day::{DayPlan, DayPlanRequest, Van, VisitTerms, DEFAULT_SPEED_KMH};
use orderly::domain::user::{NewUser, Skill};
use orderly::service::dispatch::ScheduleRequest;
use orderly_dispatch::haversine_km;

const DATE: &str = "2026-11-24";
const BASE: (f64, f64) = (31.2304, 121.4737);
const ZONE: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

/// Epoch ms of `hh:mm` on [`DATE`] in Shanghai.
fn at(hh: u32, mm: u32) -> i64 {
    let day = NaiveDate::parse_from_str(DATE, "%Y-%m-%d").unwrap();
    ZONE.from_local_datetime(&day.and_hms_opt(hh, mm, 0).unwrap()).unwrap().timestamp_millis()
}

async fn technician(s: &TestStore, login: &str) -> String {
    let input = NewUser {
        login: login.into(),
        display_name: login.to_uppercase(),
        roles: vec!["technician".into()],
        skills: vec![Skill { skill: "hvac".into(), level: 3 }],
        ..Default::default()
    };
    let user = s.orderly.create_user(&s.admin, input).await.unwrap();
    let van = Van { base_lat: Some(BASE.0), base_lon: Some(BASE.1), capacity: 20 };
    s.orderly.save_van(&s.admin, &user.id, van).await.unwrap();
    user.id
}

/// An order at `place`, 45 minutes on site, assigned to `tech` with a window `from`–`to`.
async fn visit(s: &TestStore, tech: &str, i: usize, place: (f64, f64), window: (i64, i64)) -> WorkOrder {
    let input = NewOrder {
        title: format!("Visit {i}"),
        location: Some(Location { address: None, lat: Some(place.0), lon: Some(place.1) }),
        ..Default::default()
    };
    let order = s.orderly.create_order(&s.admin, input).await.unwrap();
    let needs = DispatchInfo { required_skill: Some("hvac".into()), duration_minutes: 45, ..Default::default() };
    s.orderly.set_order_needs(&s.admin, &order.id, needs).await.unwrap();
    let terms = VisitTerms { window_start: Some(window.0), window_end: Some(window.1), parts: 2, confirmed: false };
    s.orderly.set_visit_terms(&s.admin, &order.id, terms).await.unwrap();
    // A first booking at the window's start puts it on the technician's day.
    let request = ScheduleRequest {
        order_id: order.id.clone(),
        technician_id: tech.into(),
        start: window.0,
        end: window.0 + 45 * 60_000,
        version: order.version,
        reason: None,
    };
    s.orderly.schedule_order(&s.admin, request).await.unwrap_or_else(|e| panic!("{i}: {e:?}"))
}

/// Five visits spread around the base, windows placed so the nearest-first order is wrong.
async fn five_visits(s: &TestStore, tech: &str) -> Vec<WorkOrder> {
    let spots = [(0.03, 0.02), (-0.02, 0.04), (0.01, -0.03), (0.04, -0.01), (-0.03, -0.02)];
    let windows = [(9, 0, 12, 0), (8, 0, 11, 0), (13, 0, 17, 0), (10, 0, 14, 0), (11, 0, 16, 0)];
    let mut orders = Vec::new();
    for (i, ((dlat, dlon), (h1, m1, h2, m2))) in spots.iter().zip(windows).enumerate() {
        let place = (BASE.0 + dlat, BASE.1 + dlon);
        // Booked at the window's opening: 09:00, 08:00, 13:00, 10:00, 11:00 overlap nowhere.
        let order = visit(s, tech, i, place, (at(h1, m1), at(h2, m2))).await;
        orders.push(order);
    }
    orders
}

fn request(techs: &[&str]) -> DayPlanRequest {
    DayPlanRequest {
        date: DATE.into(),
        technician_ids: techs.iter().map(|t| t.to_string()).collect(),
        seconds: 0.3,
        seed: 7,
    }
}

/// Re-walks the plan from the coordinates: windows, shift, drive times and totals.
fn recheck(plan: &DayPlan) {
    let mut total_km = 0.0;
    for day in &plan.technicians {
        let mut here = (day.base_lat, day.base_lon);
        let mut free_at = day.shift_start;
        let mut km = 0.0;
        for v in &day.visits {
            let leg = haversine_km(here.0, here.1, v.lat, v.lon);
            assert!((leg - v.leg.km).abs() < 1e-6, "{}: leg {leg} vs {}", v.number, v.leg.km);
            let minutes = (leg / DEFAULT_SPEED_KMH * 60.0).ceil() as i64;
            assert!((minutes - v.leg.minutes).abs() <= 1, "{}: drive minutes", v.number);
            assert!(v.start >= free_at + v.leg.minutes * 60_000, "{} starts before the van arrives", v.number);
            if let (Some(ws), Some(we)) = (v.window_start, v.window_end) {
                assert!(ws <= v.start && v.end <= we, "{} outside its window", v.number);
            }
            assert!(day.shift_start <= v.start && v.end <= day.shift_end, "{} outside the shift", v.number);
            km += leg;
            free_at = v.end;
            here = (v.lat, v.lon);
        }
        let back = haversine_km(here.0, here.1, day.base_lat, day.base_lon);
        assert!(free_at + day.return_leg.minutes * 60_000 <= day.shift_end, "back after the shift");
        km += back;
        assert!((km - day.km).abs() < 1e-6, "route km {km} vs {}", day.km);
        total_km += km;
    }
    assert!((total_km - plan.after.km).abs() < 1e-6);
}

async fn five_windows_make_a_feasible_day(s: TestStore) {
    s.orderly.set_org_time_zone(&s.admin, "Asia/Shanghai").await.unwrap();
    let tech = technician(&s, "li").await;
    let orders = five_visits(&s, &tech).await;
    let plan = s.orderly.optimise_day(&s.admin, request(&[&tech])).await.unwrap();
    assert!(plan.unplaced.is_empty(), "{:?}", plan.unplaced);
    assert_eq!(plan.technicians[0].visits.len(), 5);
    recheck(&plan);
    assert!(plan.before.km > 0.0, "the bookings' own driving is reported");

    // Accepting writes every changed time with a history event.
    let written = s.orderly.accept_day_plan(&s.admin, plan.clone()).await.unwrap();
    assert!(!written.is_empty());
    for v in &plan.technicians[0].visits {
        let info = s.orderly.dispatch_info(&s.admin, &v.order_id).await.unwrap();
        assert_eq!((info.scheduled_start, info.scheduled_end), (Some(v.start), Some(v.end)), "{}", v.number);
    }
    for order in &written {
        let history = s.orderly.order_detail(&s.admin, &order.id).await.unwrap().history;
        let schedules = history.iter().filter(|e| e.field.as_deref() == Some("schedule")).count();
        assert_eq!(schedules, 2, "the first booking and the plan: {}", order.number);
    }
    let _ = orders;
}

async fn a_started_visit_keeps_its_time(s: TestStore) {
    s.orderly.set_org_time_zone(&s.admin, "Asia/Shanghai").await.unwrap();
    let tech = technician(&s, "li").await;
    let orders = five_visits(&s, &tech).await;
    // The third visit is under way at 13:00 by the technician's own hand.
    let started = &orders[2];
    let me = s.orderly.actor("li").await.unwrap();
    s.orderly.change_status(&me, &started.id, "in_progress", started.version).await.unwrap();
    let plan = s.orderly.optimise_day(&s.admin, request(&[&tech])).await.unwrap();
    recheck(&plan);
    let kept = plan.technicians[0].visits.iter().find(|v| v.order_id == started.id).unwrap();
    assert!(kept.pinned);
    assert_eq!((kept.start, kept.end), (at(13, 0), at(13, 45)));
}

async fn a_stale_order_refuses_the_plan(s: TestStore) {
    s.orderly.set_org_time_zone(&s.admin, "Asia/Shanghai").await.unwrap();
    let tech = technician(&s, "li").await;
    let orders = five_visits(&s, &tech).await;
    let plan = s.orderly.optimise_day(&s.admin, request(&[&tech])).await.unwrap();
    let before: Vec<_> = {
        let mut v = Vec::new();
        for o in &orders {
            v.push(s.orderly.dispatch_info(&s.admin, &o.id).await.unwrap());
        }
        v
    };
    let events = s.count("order_events").await;
    // Someone edits the fourth order meanwhile.
    let mut edit = orderly::domain::order::OrderUpdate { version: orders[3].version, ..Default::default() };
    edit.set.insert("title".into(), serde_json::json!("Visit 3, gate code 1234"));
    s.orderly.update_order(&s.admin, &orders[3].id, edit).await.unwrap();
    let events = events + 1;
    let err = s.orderly.accept_day_plan(&s.admin, plan).await.unwrap_err();
    assert_eq!(err.key, "order.version_stale");
    assert_eq!(format!("{:?}", err.code), "Conflict");
    assert!(err.message("es").contains(&orders[3].number), "{}", err.message("es"));
    for (o, was) in orders.iter().zip(&before) {
        assert_eq!(&s.orderly.dispatch_info(&s.admin, &o.id).await.unwrap(), was, "{} untouched", o.number);
    }
    assert_eq!(s.count("order_events").await, events, "no history written");
}

async fn bad_input_is_refused_by_field(s: TestStore) {
    let tech = technician(&s, "li").await;
    let cases = [
        (DayPlanRequest { date: "24/11/2026".into(), ..request(&[&tech]) }, "route.date_invalid", "date"),
        (request(&["nobody"]), "dispatch.not_technician", "technician_ids"),
        (request(&[]), "route.no_technicians", "technician_ids"),
        (request(&[&tech]), "route.no_orders", "date"),
        (DayPlanRequest { seconds: 0.0, ..request(&[&tech]) }, "input.out_of_range", "seconds"),
    ];
    for (req, key, field) in cases {
        let err = s.orderly.optimise_day(&s.admin, req).await.unwrap_err();
        assert_eq!((err.key.as_str(), err.field.as_deref()), (key, Some(field)));
        let zh = err.message("zh-CN");
        assert!(!zh.contains(key), "translated: {zh}");
    }
    // A window that ends before it starts is refused and nothing is stored.
    let order = s.orderly.create_order(&s.admin, NewOrder { title: "x".into(), ..Default::default() }).await.unwrap();
    let events = s.count("order_events").await;
    let terms = VisitTerms { window_start: Some(at(12, 0)), window_end: Some(at(11, 0)), parts: 0, confirmed: false };
    let err = s.orderly.set_visit_terms(&s.admin, &order.id, terms).await.unwrap_err();
    assert_eq!((err.key.as_str(), err.field.as_deref()), ("route.window_empty", Some("window_end")));
    assert_eq!(s.orderly.visit_terms(&s.admin, &order.id).await.unwrap(), VisitTerms::default());
    assert_eq!(s.count("order_visit_terms").await, 0);
    assert_eq!(s.count("order_events").await, events);
    let far = Van { base_lat: Some(95.0), base_lon: Some(0.0), capacity: 5 };
    assert!(s.orderly.save_van(&s.admin, &tech, far).await.is_err());
}

conformance!(five_windows, five_windows_make_a_feasible_day);
conformance!(started_visit_pinned, a_started_visit_keeps_its_time);
conformance!(stale_plan, a_stale_order_refuses_the_plan);
conformance!(bad_input, bad_input_is_refused_by_field);
