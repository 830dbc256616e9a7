//! Dispatch on both engines: fifty technicians grabbing one pooled order leave exactly one
//! winner; a schedule onto a technician without the skill, outside working hours or over
//! another visit is refused with the reason and nothing is written; suggestions explain
//! themselves; a batch plan carries a lower bound and applying it reports stale orders; a
//! dispatcher's edit of a plan is held to the orders' skills.

mod common;

use common::TestStore;
use orderly::domain::dispatch::{DispatchInfo, TechnicianProfile};
use orderly::domain::order::{Location, NewOrder};
use orderly::domain::sla::StoredCalendar;
use orderly::domain::user::{NewUser, Skill};
use orderly::service::dispatch::ScheduleRequest;
use serde_json::json;

async fn technician(
    s: &TestStore,
    login: &str,
    skills: &[(&str, u8)],
    home: (f64, f64),
) -> orderly::domain::user::Actor {
    let input = NewUser {
        login: login.into(),
        display_name: login.to_uppercase(),
        roles: vec!["technician".into()],
        skills: skills.iter().map(|(k, l)| Skill { skill: k.to_string(), level: *l }).collect(),
        home_lat: Some(home.0),
        home_lon: Some(home.1),
        ..Default::default()
    };
    s.orderly.create_user(&s.admin, input).await.unwrap_or_else(|e| panic!("{login}: {e:?}"));
    s.orderly.actor(login).await.unwrap()
}

async fn order_at(
    s: &TestStore,
    title: &str,
    place: (f64, f64),
    skill: Option<&str>,
) -> orderly::domain::order::WorkOrder {
    let input = NewOrder {
        title: title.into(),
        location: Some(Location { address: None, lat: Some(place.0), lon: Some(place.1) }),
        ..Default::default()
    };
    let order = s.orderly.create_order(&s.admin, input).await.unwrap();
    let needs = DispatchInfo {
        required_skill: skill.map(String::from),
        required_level: 2,
        duration_minutes: 90,
        ..Default::default()
    };
    s.orderly.set_order_needs(&s.admin, &order.id, needs).await.unwrap();
    order
}

async fn fifty_grabs_leave_one_winner(s: TestStore) {
    // Orders and people without a place first, then with one: PostgreSQL must take both
    // (a regression: NULL floats once fixed a cached statement's parameter as float4).
    for i in 0..6 {
        let input = NewOrder { title: format!("sin ubicación {i}"), ..Default::default() };
        s.orderly.create_order(&s.admin, input).await.unwrap();
    }
    let mut grabbers = Vec::new();
    for i in 0..50 {
        grabbers.push(technician(&s, &format!("tech{i:02}"), &[("hvac", 3)], (31.23, 121.47)).await);
    }
    let order = order_at(&s, "空调不制冷", (31.24, 121.48), Some("hvac")).await;
    s.orderly.pool_publish(&s.admin, &order.id).await.unwrap();
    assert_eq!(s.orderly.pool_for(&grabbers[0]).await.unwrap().len(), 1, "the pool shows it to a skilled technician");
    let handles = grabbers.into_iter().map(|actor| {
        let orderly = s.orderly.clone();
        let id = order.id.clone();
        tokio::spawn(async move { orderly.pool_grab(&actor, &id).await.map(|o| (actor.login, o)) })
    });
    let mut winners = Vec::new();
    let mut gone = 0;
    for h in handles {
        match h.await.unwrap() {
            Ok(won) => winners.push(won),
            Err(e) if e.key == "pool.gone" => gone += 1,
            Err(e) => panic!("unexpected refusal {e:?}"),
        }
    }
    assert_eq!((winners.len(), gone), (1, 49), "exactly one winner");
    let (login, won) = &winners[0];
    let stored = s.orderly.get_order(&s.admin, &order.id).await.unwrap();
    assert_eq!(stored.assignee_id, won.assignee_id);
    assert_eq!(s.orderly.actor(login).await.unwrap().user_id, stored.assignee_id.clone().unwrap());
    let board = s.orderly.technician_board(&s.admin).await.unwrap();
    assert_eq!(board.iter().map(|c| c.grabs).sum::<i64>(), 1, "grabs are counted per technician");
    let history = s.orderly.order_detail(&s.admin, &order.id).await.unwrap().history;
    assert_eq!(history.iter().filter(|e| e.field.as_deref() == Some("assignee_id")).count(), 1);
}
conformance!(fifty_grabs_leave_one_winner_, fifty_grabs_leave_one_winner);

async fn schedules_are_refused_with_the_reason(s: TestStore) {
    let hvac = technician(&s, "li", &[("hvac", 3)], (31.23, 121.47)).await;
    let plumber = technician(&s, "ana", &[("plumbing", 3)], (31.23, 121.47)).await;
    let office = StoredCalendar {
        id: String::new(),
        name: "Oficina".into(),
        calendar: serde_json::from_value(json!({"time_zone": "UTC", "hours": {
            "mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]], "wed": [["09:00", "18:00"]],
            "thu": [["09:00", "18:00"]], "fri": [["09:00", "18:00"]]}}))
        .unwrap(),
    };
    let office = s.orderly.save_calendar(&s.admin, office).await.unwrap();
    let profile =
        TechnicianProfile { calendar_id: Some(office.id.clone()), ..TechnicianProfile::default_for(&hvac.user_id) };
    s.orderly.save_technician_profile(&s.admin, profile).await.unwrap();
    let order = order_at(&s, "Aire acondicionado", (31.24, 121.48), Some("hvac")).await;
    let monday_10 = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().timestamp_millis();
    let hour = 3_600_000;
    let request = |tech: &str, start: i64, version: i64| ScheduleRequest {
        order_id: order.id.clone(),
        technician_id: tech.to_string(),
        start,
        end: start + hour,
        version,
        reason: None,
    };
    let events_before = s.orderly.order_detail(&s.admin, &order.id).await.unwrap().history.len();
    let refused = [
        (request(&plumber.user_id, monday_10, order.version), "dispatch.skill_missing"),
        (request(&hvac.user_id, monday_10 + 10 * hour, order.version), "dispatch.outside_hours"),
    ];
    for (req, key) in refused {
        let err = s.orderly.schedule_order(&s.admin, req).await.unwrap_err();
        assert_eq!(err.key, key);
        assert!(!err.message("es").starts_with("dispatch."), "{}", err.message("es"));
    }
    let detail = s.orderly.order_detail(&s.admin, &order.id).await.unwrap();
    assert_eq!((detail.order.assignee_id.clone(), detail.history.len()), (None, events_before), "nothing written");
    let done = s.orderly.schedule_order(&s.admin, request(&hvac.user_id, monday_10, order.version)).await.unwrap();
    assert_eq!(done.assignee_id.as_deref(), Some(hvac.user_id.as_str()));
    let info = s.orderly.dispatch_info(&s.admin, &order.id).await.unwrap();
    assert_eq!((info.scheduled_start, info.scheduled_end), (Some(monday_10), Some(monday_10 + hour)));
    let other = order_at(&s, "Second visit", (31.25, 121.49), Some("hvac")).await;
    let clash =
        ScheduleRequest { order_id: other.id.clone(), ..request(&hvac.user_id, monday_10 + hour / 2, other.version) };
    assert_eq!(s.orderly.schedule_order(&s.admin, clash).await.unwrap_err().key, "dispatch.overlap");
    let inbox = s.orderly.inbox(&hvac, true).await.unwrap();
    assert!(inbox.items.iter().any(|n| n.kind == "assigned"), "the technician is told");
}
conformance!(schedules_are_refused_with_the_reason_, schedules_are_refused_with_the_reason);

async fn suggestions_explain_and_batches_are_bounded(s: TestStore) {
    let near = technician(&s, "near", &[("elevator", 3)], (39.90, 116.40)).await;
    let far = technician(&s, "far", &[("elevator", 3)], (39.99, 116.60)).await;
    let _novice = technician(&s, "novice", &[("elevator", 1)], (39.90, 116.40)).await;
    let order = order_at(&s, "电梯停运", (39.91, 116.41), Some("elevator")).await;
    let suggestion = s.orderly.dispatch_suggest(&s.admin, &order.id, orderly::domain::now_millis()).await.unwrap();
    assert_eq!(suggestion.candidates[0].user_id, near.user_id, "the nearer expert first");
    assert_eq!(suggestion.candidates[1].user_id, far.user_id);
    let travel = suggestion.candidates[0].terms.as_array().unwrap().iter().find(|t| t["kind"] == "travel").unwrap();
    assert!(travel["detail"]["km"].as_f64().unwrap() < 3.0, "{travel}");
    assert_eq!(suggestion.not_offered[0].reason["type"], "level_too_low");
    let second = order_at(&s, "Ascensor detenido", (39.98, 116.59), Some("elevator")).await;
    let plan = s.orderly.dispatch_batch(&s.admin, &[], 0.2, orderly::domain::now_millis()).await.unwrap();
    assert_eq!(plan.proposals.len(), 2, "{plan:?}");
    let lb = plan.lower_bound.expect("a certified lower bound");
    assert!(lb <= plan.objective + 1e-9);
    // Someone changes one order before the plan is applied: it comes back as a conflict.
    s.orderly
        .update_order(
            &s.admin,
            &second.id,
            orderly::domain::order::OrderUpdate {
                version: second.version,
                set: [("title".to_string(), json!("Ascensor parado"))].into(),
            },
        )
        .await
        .unwrap();
    let outcome = s.orderly.apply_batch(&s.admin, plan.proposals).await.unwrap();
    assert_eq!((outcome.applied.len(), outcome.conflicts), (1, vec![second.number.clone()]));
    assert!(s.orderly.get_order(&s.admin, &order.id).await.unwrap().assignee_id.is_some());
    assert!(s.orderly.get_order(&s.admin, &second.id).await.unwrap().assignee_id.is_none());
}
conformance!(suggestions_explain_and_batches_are_bounded_, suggestions_explain_and_batches_are_bounded);

async fn an_edited_batch_plan_is_held_to_skills(s: TestStore) {
    let expert = technician(&s, "expert", &[("elevator", 3)], (39.90, 116.40)).await;
    let novice = technician(&s, "novice", &[("elevator", 1)], (39.90, 116.40)).await;
    let plumber = technician(&s, "plumber", &[("plumbing", 3)], (39.90, 116.40)).await;
    let lift = order_at(&s, "电梯困人", (39.91, 116.41), Some("elevator")).await;
    let leak = order_at(&s, "漏水", (39.91, 116.41), Some("plumbing")).await;
    let plan = s.orderly.dispatch_batch(&s.admin, &[], 0.2, orderly::domain::now_millis()).await.unwrap();
    assert_eq!(plan.proposals.len(), 2, "{plan:?}");
    // The dispatcher hands the lift to the novice: the whole plan is refused with the reason,
    // and neither order is assigned.
    let mut edited = plan.proposals.clone();
    let at = edited.iter().position(|p| p.order_id == lift.id).unwrap();
    edited[at].technician_id = novice.user_id.clone();
    let err = s.orderly.apply_batch(&s.admin, edited.clone()).await.unwrap_err();
    assert_eq!(err.key, "dispatch.level_too_low", "{err:?}");
    assert_eq!(err.field.as_deref(), Some(format!("proposals.{at}").as_str()));
    assert!(err.message("zh-CN").contains("NOVICE"), "{}", err.message("zh-CN"));
    for id in [&lift.id, &leak.id] {
        assert!(s.orderly.get_order(&s.admin, id).await.unwrap().assignee_id.is_none(), "nothing written");
    }
    // The plumber cannot take it either; the expert can.
    edited[at].technician_id = plumber.user_id.clone();
    let err = s.orderly.apply_batch(&s.admin, edited.clone()).await.unwrap_err();
    assert_eq!(err.key, "dispatch.skill_missing");
    edited[at].technician_id = expert.user_id.clone();
    let leak_at = 1 - at;
    edited[leak_at].technician_id = plumber.user_id.clone();
    let outcome = s.orderly.apply_batch(&s.admin, edited).await.unwrap();
    assert_eq!(outcome.applied.len(), 2);
    let assigned = s.orderly.get_order(&s.admin, &lift.id).await.unwrap().assignee_id;
    assert_eq!(assigned.as_deref(), Some(expert.user_id.as_str()));
    // Dropping a proposal leaves its order unassigned: nothing else is touched.
    let third = order_at(&s, "Fuga", (39.91, 116.41), Some("plumbing")).await;
    let fourth = order_at(&s, "Otra fuga", (39.91, 116.41), Some("plumbing")).await;
    let plan = s.orderly.dispatch_batch(&s.admin, &[], 0.2, orderly::domain::now_millis()).await.unwrap();
    let kept: Vec<_> = plan.proposals.into_iter().filter(|p| p.order_id == third.id).collect();
    assert_eq!(s.orderly.apply_batch(&s.admin, kept).await.unwrap().applied, vec![third.number.clone()]);
    assert!(s.orderly.get_order(&s.admin, &fourth.id).await.unwrap().assignee_id.is_none());
}
conformance!(an_edited_batch_plan_is_held_to_skills_, an_edited_batch_plan_is_held_to_skills);

async fn automatic_modes_and_the_pool_fallback(s: TestStore) {
    let ana = technician(&s, "ana", &[("hvac", 3)], (31.23, 121.47)).await;
    let bo = technician(&s, "bo", &[("hvac", 2)], (31.23, 121.47)).await;
    let _plumber = technician(&s, "chen", &[("plumbing", 3)], (31.23, 121.47)).await;
    use orderly::service::dispatch_auto::AutoMode;
    let now = orderly::domain::now_millis();
    // Round robin takes turns among those with the skill, in login order.
    let mut turns = Vec::new();
    for i in 0..3 {
        let o = order_at(&s, &format!("aire {i}"), (31.24, 121.48), Some("hvac")).await;
        turns.push(
            s.orderly.auto_assign(&s.admin, &o.id, AutoMode::RoundRobin, now).await.unwrap().assignee_id.unwrap(),
        );
    }
    assert_eq!(turns, [ana.user_id.clone(), bo.user_id.clone(), ana.user_id.clone()]);
    // Least loaded: bo now books 90 minutes, ana 180.
    let o = order_at(&s, "aire 3", (31.24, 121.48), Some("hvac")).await;
    let least = s.orderly.auto_assign(&s.admin, &o.id, AutoMode::LeastLoaded, now).await.unwrap();
    assert_eq!(least.assignee_id.as_deref(), Some(bo.user_id.as_str()));
    let nobody = order_at(&s, "ascensor", (31.24, 121.48), Some("elevator")).await;
    let err = s.orderly.auto_assign(&s.admin, &nobody.id, AutoMode::Smart, now).await.unwrap_err();
    assert_eq!(err.key, "dispatch.nobody_qualifies");
    // The pool: not grabbed within the fallback time, smart dispatch takes it, as the system.
    let pooled = order_at(&s, "aire pooled", (31.24, 121.48), Some("hvac")).await;
    s.orderly.pool_publish(&s.admin, &pooled.id).await.unwrap();
    s.orderly.pool_publish(&s.admin, &nobody.id).await.unwrap();
    s.orderly.set_pool_fallback_minutes(&s.admin, 10).await.unwrap();
    assert!(s.orderly.pool_fallback(now + 60_000).await.unwrap().is_empty(), "too early");
    let taken = s.orderly.pool_fallback(orderly::domain::now_millis() + 11 * 60_000).await.unwrap();
    assert_eq!(taken, vec![pooled.number.clone()], "the order nobody qualifies for stays pooled");
    let detail = s.orderly.order_detail(&s.admin, &pooled.id).await.unwrap();
    assert!(detail.order.assignee_id.is_some());
    let assigned = detail.history.iter().find(|e| e.field.as_deref() == Some("assignee_id")).unwrap();
    assert_eq!(assigned.actor_id, orderly::domain::user::SYSTEM_USER_ID);
    assert!(s.orderly.dispatch_info(&s.admin, &pooled.id).await.unwrap().pooled_at.is_none());
    assert_eq!(s.orderly.set_pool_fallback_minutes(&s.admin, 0).await.unwrap_err().key, "input.out_of_range");
}
conformance!(automatic_modes_and_the_pool_fallback_, automatic_modes_and_the_pool_fallback);

async fn pool_rules_pool_new_orders_for_near_and_free_technicians(s: TestStore) {
    use orderly::domain::dispatch::PoolRule;
    let near = technician(&s, "near", &[("hvac", 3)], (31.230, 121.470)).await;
    let far = technician(&s, "far", &[("hvac", 3)], (31.900, 121.900)).await;
    let rule = PoolRule {
        template_key: Some("general".into()),
        department_id: None,
        radius_km: Some(5.0),
        max_load_percent: Some(50.0),
    };
    let bad = PoolRule { radius_km: Some(-1.0), ..rule.clone() };
    let err = s.orderly.set_pool_rules(&s.admin, vec![bad]).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("rules[0].radius_km"));
    s.orderly.set_pool_rules(&s.admin, vec![rule]).await.unwrap();
    let order = order_at(&s, "空调漏水", (31.232, 121.472), None).await;
    assert!(s.orderly.dispatch_info(&s.admin, &order.id).await.unwrap().pooled_at.is_some(), "pooled on creation");
    assert_eq!(s.orderly.pool_for(&near).await.unwrap().len(), 1);
    assert!(s.orderly.pool_for(&far).await.unwrap().is_empty(), "beyond the radius");
    // Booked over half the day: the near technician no longer sees pooled orders.
    for i in 0..3 {
        let o = order_at(&s, &format!("busy {i}"), (31.231, 121.471), None).await;
        s.orderly.assign_order(&s.admin, &o.id, Some(near.user_id.clone()), o.version).await.unwrap();
    }
    assert!(s.orderly.pool_for(&near).await.unwrap().iter().all(|p| p.order.id != order.id), "over the load limit");
}
conformance!(
    pool_rules_pool_new_orders_for_near_and_free_technicians_,
    pool_rules_pool_new_orders_for_near_and_free_technicians
);

async fn rules_route_new_orders_by_keyword_and_field(s: TestStore) {
    use orderly::domain::org::NewNode;
    use orderly::service::dispatch_rules::{DispatchRule, FieldCondition};
    let it = s.orderly.create_department(&s.admin, NewNode { name: "IT 支持".into(), parent_id: None }).await.unwrap();
    let li = technician(&s, "li", &[("network", 3)], (31.23, 121.47)).await;
    let rule = |name: &str| DispatchRule {
        name: name.into(),
        template_key: None,
        keywords: vec![],
        field: None,
        department_id: None,
        assignee_login: None,
    };
    let err = s.orderly.set_dispatch_rules(&s.admin, vec![rule("empty")]).await.unwrap_err();
    assert_eq!(
        (err.key.as_str(), err.field.as_deref()),
        ("dispatch.rule_without_target", Some("rules[0].department_id"))
    );
    let network =
        DispatchRule {
            keywords: vec!["网络".into(), "red".into()], department_id: Some(it.id.clone()), ..rule("red")
        };
    let asset = DispatchRule {
        field: Some(FieldCondition { key: "asset_tag".into(), value: "SRV-01".into() }),
        assignee_login: Some("li".into()),
        ..rule("server")
    };
    s.orderly.set_dispatch_rules(&s.admin, vec![network, asset]).await.unwrap();
    let by_word = s
        .orderly
        .create_order(&s.admin, NewOrder { title: "三楼网络中断".into(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(by_word.department_id.as_deref(), Some(it.id.as_str()));
    let es = s
        .orderly
        .create_order(&s.admin, NewOrder { title: "Sin RED en recepción".into(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(es.department_id.as_deref(), Some(it.id.as_str()), "case-insensitive words");
    let by_field =
        NewOrder { title: "Fan noise".into(), values: Some(json!({"asset_tag": "SRV-01"})), ..Default::default() };
    let by_field = s.orderly.create_order(&s.admin, by_field).await.unwrap();
    assert_eq!(by_field.assignee_id.as_deref(), Some(li.user_id.as_str()));
    let none = s
        .orderly
        .create_order(&s.admin, NewOrder { title: "Redecorate lobby".into(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!((none.department_id, none.assignee_id), (None, None), "'red' is a word, not any prefix of one");
    let history = s.orderly.order_detail(&s.admin, &by_word.id).await.unwrap().history;
    assert!(history.iter().any(|e| e.field.as_deref() == Some("dispatch_rule") && e.new_value == Some(json!("red"))));
}
conformance!(rules_route_new_orders_by_keyword_and_field_, rules_route_new_orders_by_keyword_and_field);
