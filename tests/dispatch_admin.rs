//! Dispatch administration on both engines: the ranking's fairness term weighs what each
//! technician completed today; the technicians' roster shows load, grabs in the last 7 and 30
//! days and today's completions; one save edits skills, home base and the dispatch profile, and
//! a refusal stores nothing; reassigning (改派) and transferring (转单) need a reason, which
//! the history keeps and the new assignee is told.

mod common;

use common::TestStore;
use orderly::domain::dispatch::{DispatchInfo, TechStatus, TechnicianProfile};
use orderly::domain::order::{Location, NewOrder, WorkOrder};
use orderly::domain::org::NewNode;
use orderly::domain::sla::StoredCalendar;
use orderly::domain::user::{Actor, NewUser, Skill};
use orderly::service::dispatch_people::TechnicianEdit;
use orderly::service::handover::Handover;
use serde_json::json;

async fn technician(s: &TestStore, login: &str, skills: &[(&str, u8)]) -> Actor {
    let input = NewUser {
        login: login.into(),
        display_name: login.to_uppercase(),
        roles: vec!["technician".into()],
        skills: skills.iter().map(|(k, l)| Skill { skill: k.to_string(), level: *l }).collect(),
        home_lat: Some(31.23),
        home_lon: Some(121.47),
        ..Default::default()
    };
    s.orderly.create_user(&s.admin, input).await.unwrap_or_else(|e| panic!("{login}: {e:?}"));
    s.orderly.actor(login).await.unwrap()
}

async fn order(s: &TestStore, title: &str, skill: Option<&str>) -> WorkOrder {
    let input = NewOrder {
        title: title.into(),
        location: Some(Location { address: None, lat: Some(31.24), lon: Some(121.48) }),
        ..Default::default()
    };
    let order = s.orderly.create_order(&s.admin, input).await.unwrap();
    let needs = DispatchInfo { required_skill: skill.map(String::from), ..Default::default() };
    s.orderly.set_order_needs(&s.admin, &order.id, needs).await.unwrap();
    s.orderly.get_order(&s.admin, &order.id).await.unwrap()
}

/// An order assigned to `tech` and done now.
async fn completed_by(s: &TestStore, tech: &Actor, title: &str) {
    let o = order(s, title, None).await;
    let o = s.orderly.assign_order(&s.admin, &o.id, Some(tech.user_id.clone()), o.version).await.unwrap();
    s.orderly.change_status(&s.admin, &o.id, "done", o.version).await.unwrap();
}

fn now() -> i64 {
    orderly::domain::now_millis()
}

async fn fairness_breaks_a_tie_by_todays_completions(s: TestStore) {
    // Same skill, same place, no open load: only fairness can tell them apart.
    let ana = technician(&s, "ana", &[("hvac", 3)]).await;
    let bo = technician(&s, "bo", &[("hvac", 3)]).await;
    let target = order(&s, "空调不制冷", Some("hvac")).await;
    let ranked = s.orderly.dispatch_suggest(&s.admin, &target.id, now()).await.unwrap();
    assert_eq!(ranked.candidates.len(), 2);
    assert_eq!(ranked.candidates[0].score, ranked.candidates[1].score, "a tie");
    // Whoever the tie puts first completes two orders today.
    let (busy, other) = if ranked.candidates[0].user_id == ana.user_id { (&ana, &bo) } else { (&bo, &ana) };

    completed_by(&s, busy, "换滤网").await;
    completed_by(&s, busy, "清洗").await;
    let ranked = s.orderly.dispatch_suggest(&s.admin, &target.id, now()).await.unwrap();
    let ids: Vec<&str> = ranked.candidates.iter().map(|c| c.user_id.as_str()).collect();
    assert_eq!(ids, [other.user_id.as_str(), busy.user_id.as_str()], "who did more today ranks lower");
    let fairness = ranked.candidates[1].terms.as_array().unwrap().iter().find(|t| t["kind"] == "fairness").cloned();
    let fairness = fairness.expect("a fairness term");
    assert_eq!(fairness["detail"]["completed_today"], 2, "{fairness}");
    let roster = s.orderly.technician_roster(&s.admin, now()).await.unwrap();
    let done = |id: &str| roster.iter().find(|r| r.card.user.id == id).unwrap().completed_today;
    assert_eq!((done(&busy.user_id), done(&other.user_id)), (2, 0));
}
conformance!(fairness_breaks_a_tie_by_todays_completions_, fairness_breaks_a_tie_by_todays_completions);

async fn the_roster_shows_load_and_grabs_and_saves_everything_at_once(s: TestStore) {
    let li = technician(&s, "li", &[("hvac", 3)]).await;
    let pooled = order(&s, "漏水", None).await;
    s.orderly.pool_publish(&s.admin, &pooled.id).await.unwrap();
    s.orderly.pool_grab(&li, &pooled.id).await.unwrap();
    let roster = s.orderly.technician_roster(&s.admin, now()).await.unwrap();
    let row = roster.iter().find(|r| r.card.user.id == li.user_id).unwrap();
    assert_eq!((row.card.open_orders, row.card.booked_hours), (1, 1.0), "the grabbed order is load");
    assert_eq!((row.card.grabs, row.grabs_7d, row.grabs_30d), (1, 1, 1));
    let in_eight_days = now() + 8 * 86_400_000;
    let later = s.orderly.technician_roster(&s.admin, in_eight_days).await.unwrap();
    assert_eq!((later[0].grabs_7d, later[0].grabs_30d), (0, 1), "the 7-day window moves on");
    assert_eq!(s.orderly.technician_roster(&li, now()).await.unwrap_err().key, "perm.assign");

    let office = StoredCalendar {
        id: String::new(),
        name: "Oficina".into(),
        calendar: serde_json::from_value(json!({"time_zone": "Asia/Shanghai", "hours": {
            "mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]]}}))
        .unwrap(),
    };
    let office = s.orderly.save_calendar(&s.admin, office).await.unwrap();
    let edit = TechnicianEdit {
        profile: TechnicianProfile {
            status: TechStatus::Busy,
            capacity_hours: 6.5,
            calendar_id: Some(office.id.clone()),
            last_lat: Some(31.2),
            last_lon: Some(121.5),
            grab_limit: 5,
            ..TechnicianProfile::default_for(&li.user_id)
        },
        skills: vec![Skill { skill: "hvac".into(), level: 2 }, Skill { skill: "电工".into(), level: 3 }],
        home_lat: Some(30.5),
        home_lon: Some(114.3),
    };
    let card = s.orderly.save_technician(&s.admin, edit.clone()).await.unwrap();
    assert_eq!(card.profile, edit.profile);
    let stored = s.orderly.technician_roster(&s.admin, now()).await.unwrap().remove(0).card;
    assert_eq!((stored.profile, stored.user.skills.len(), stored.user.home_lat), (edit.profile.clone(), 2, Some(30.5)));

    // Refusals name the field and store nothing.
    let refused = [
        (
            TechnicianEdit {
                profile: TechnicianProfile { calendar_id: Some("nope".into()), ..edit.profile.clone() },
                ..edit.clone()
            },
            "sla.calendar_not_found",
            "calendar_id",
        ),
        (
            TechnicianEdit { skills: vec![Skill { skill: "hvac".into(), level: 5 }], ..edit.clone() },
            "user.skill_invalid",
            "skills",
        ),
        (TechnicianEdit { home_lat: Some(95.0), ..edit.clone() }, "location.invalid", "home"),
        (
            TechnicianEdit {
                profile: TechnicianProfile { capacity_hours: 30.0, ..edit.profile.clone() },
                ..edit.clone()
            },
            "input.out_of_range",
            "capacity_hours",
        ),
        (
            TechnicianEdit { profile: TechnicianProfile::default_for(&s.admin.user_id), ..edit.clone() },
            "dispatch.not_technician",
            "user_id",
        ),
    ];
    for (bad, key, field) in refused {
        let e = s.orderly.save_technician(&s.admin, bad).await.unwrap_err();
        assert_eq!((e.key.as_str(), e.field.as_deref()), (key, Some(field)));
    }
    assert_eq!(s.orderly.save_technician(&li, edit.clone()).await.unwrap_err().key, "perm.assign");
    let after = s.orderly.technician_roster(&s.admin, now()).await.unwrap().remove(0).card;
    assert_eq!((after.profile, after.user.skills.len(), after.user.home_lat), (edit.profile, 2, Some(30.5)));
}
conformance!(
    the_roster_shows_load_and_grabs_and_saves_everything_at_once_,
    the_roster_shows_load_and_grabs_and_saves_everything_at_once
);

async fn handovers_need_a_reason_that_history_keeps(s: TestStore) {
    let li = technician(&s, "li", &[("hvac", 3)]).await;
    let wang = technician(&s, "wang", &[("hvac", 3)]).await;
    let o = order(&s, "电梯故障", None).await;
    let o = s.orderly.assign_order(&s.admin, &o.id, Some(li.user_id.clone()), o.version).await.unwrap();
    let to_wang = |reason: &str, version: i64| Handover {
        order_id: o.id.clone(),
        version,
        assignee_id: Some(wang.user_id.clone()),
        department_id: None,
        reason: reason.into(),
    };
    let e = s.orderly.hand_over(&s.admin, to_wang("   ", o.version)).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("input.required", Some("reason")));
    assert_eq!(s.orderly.get_order(&s.admin, &o.id).await.unwrap().version, o.version, "nothing stored");
    assert_eq!(s.orderly.hand_over(&li, to_wang("x", o.version)).await.unwrap_err().key, "perm.assign");

    let moved = s.orderly.hand_over(&s.admin, to_wang("李师傅请假", o.version)).await.unwrap();
    assert_eq!(moved.assignee_id.as_deref(), Some(wang.user_id.as_str()));
    let history = s.orderly.order_detail(&s.admin, &o.id).await.unwrap().history;
    let note = history.iter().rev().find(|e| e.field.as_deref() == Some("handover")).expect("a handover event");
    let value = note.new_value.clone().unwrap();
    assert_eq!((value["kind"].as_str(), value["reason"].as_str()), (Some("reassign"), Some("李师傅请假")));
    assert_eq!(note.old_value.clone().unwrap()["assignee_id"], json!(li.user_id));
    let told = s.orderly.inbox(&wang, false).await.unwrap().items;
    assert!(told.iter().any(|n| n.kind == "assigned" && n.params["reason"] == "李师傅请假"), "{told:?}");
    let e = s.orderly.hand_over(&s.admin, to_wang("again", moved.version)).await.unwrap_err();
    assert_eq!(e.key, "handover.no_change");

    // 转单: to another department's queue, unassigned.
    let dept = NewNode { name: "网络组".into(), parent_id: None };
    let network = s.orderly.create_department(&s.admin, dept).await.unwrap();
    let transfer = |department: &str| Handover {
        order_id: o.id.clone(),
        version: moved.version,
        assignee_id: None,
        department_id: Some(department.into()),
        reason: "不是电梯问题，是网络".into(),
    };
    let e = s.orderly.hand_over(&s.admin, transfer("nope")).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("department.not_found", Some("department_id")));
    let queued = s.orderly.hand_over(&s.admin, transfer(&network.id)).await.unwrap();
    assert_eq!((queued.department_id.as_deref(), queued.assignee_id.as_deref()), (Some(network.id.as_str()), None));
    let history = s.orderly.order_detail(&s.admin, &o.id).await.unwrap().history;
    let note = history.iter().rev().find(|e| e.field.as_deref() == Some("handover")).unwrap();
    assert_eq!(note.new_value.clone().unwrap()["kind"], "transfer");
    let in_queue = s.orderly.dispatch_suggest(&s.admin, &o.id, now()).await.unwrap();
    assert_eq!(in_queue.candidates.len(), 2, "back in the queue, anyone may take it: {:?}", in_queue.not_offered);
}
conformance!(handovers_need_a_reason_that_history_keeps_, handovers_need_a_reason_that_history_keeps);
