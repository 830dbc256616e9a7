//! The SLA on both engines: policies refused with messages and nothing stored; one order walked
//! by a fake clock through warning, breach, five alerts up the chain, automatic suspension and
//! the control centre's notice; pauses that move due times; urges that count as alerts; and
//! two schedulers ticking at once acting only once.

mod common;

use common::TestStore;
use orderly::domain::history::EventKind;
use orderly::domain::order::NewOrder;
use orderly::domain::org::NewCustomer;
use orderly::domain::sla::{PolicyRules, Recipient, StoredPolicy, MINUTE_MS};
use orderly::domain::status::Status;
use serde_json::json;

const M: i64 = MINUTE_MS;

fn targets(values: serde_json::Value) -> orderly::domain::sla::Targets {
    serde_json::from_value(values).unwrap()
}

fn strict_targets() -> orderly::domain::sla::Targets {
    targets(json!({
        "P1": {"response_minutes": 10, "resolution_minutes": 60},
        "P2": {"response_minutes": 20, "resolution_minutes": 90},
        "P3": {"response_minutes": 30, "resolution_minutes": 120},
        "P4": {"response_minutes": 60, "resolution_minutes": 240},
        "P5": {"response_minutes": 120, "resolution_minutes": 480}
    }))
}

async fn vip_policy(s: &TestStore) -> (StoredPolicy, String) {
    let group = s.orderly.create_customer_group(&s.admin, "VIP").await.unwrap();
    let customer = s
        .orderly
        .create_customer(
            &s.admin,
            NewCustomer { name: "华信科技".into(), group_id: Some(group.id.clone()), ..Default::default() },
        )
        .await
        .unwrap();
    let calendar = s.orderly.sla_setup(&s.admin).await.unwrap().calendars[0].clone();
    let mut rules = PolicyRules::with_targets(strict_targets());
    rules.control_centre = Recipient::Role("supervisor".into());
    let policy = StoredPolicy {
        id: String::new(),
        name: "VIP 24×7".into(),
        customer_group_id: Some(group.id.clone()),
        catalog_item_id: None,
        calendar_id: calendar.id,
        rules,
    };
    (s.orderly.save_policy(&s.admin, policy).await.unwrap(), customer.id)
}

async fn invalid_policies_are_refused_and_nothing_is_stored(s: TestStore) {
    let (vip, _) = vip_policy(&s).await;
    let before = s.count("sla_policies").await;
    let decreasing = targets(json!({
        "P1": {"response_minutes": 10, "resolution_minutes": 60},
        "P2": {"response_minutes": 20, "resolution_minutes": 90},
        "P3": {"response_minutes": 30, "resolution_minutes": 50},
        "P4": {"response_minutes": 60, "resolution_minutes": 240},
        "P5": {"response_minutes": 120, "resolution_minutes": 480}
    }));
    let zero = targets(json!({
        "P1": {"response_minutes": 0, "resolution_minutes": 0}, "P2": {"response_minutes": 0, "resolution_minutes": 0},
        "P3": {"response_minutes": 0, "resolution_minutes": 0}, "P4": {"response_minutes": 0, "resolution_minutes": 0},
        "P5": {"response_minutes": 0, "resolution_minutes": 0}
    }));
    let table = [
        (decreasing, None, "sla.policy_decreasing", Some("targets.P3.resolution_minutes")),
        (zero, None, "sla.policy_all_zero", Some("targets")),
        (strict_targets(), vip.customer_group_id.clone(), "sla.policy_scope_taken", Some("customer_group_id")),
    ];
    for (targets, group, key, field) in table {
        let policy = StoredPolicy {
            id: String::new(),
            name: "bad".into(),
            customer_group_id: group,
            catalog_item_id: None,
            calendar_id: vip.calendar_id.clone(),
            rules: PolicyRules::with_targets(targets),
        };
        let err = s.orderly.save_policy(&s.admin, policy).await.unwrap_err();
        assert_eq!((err.key.as_str(), err.field.as_deref()), (key, field), "{err:?}");
        assert!(!err.message("zh-CN").starts_with("sla."), "translated: {}", err.message("zh-CN"));
    }
    let mut default_again = vip.clone();
    default_again.id = String::new();
    default_again.customer_group_id = None;
    let err = s.orderly.save_policy(&s.admin, default_again).await.unwrap_err();
    assert_eq!(err.key, "sla.policy_scope_taken", "the default pair already has its policy");
    assert_eq!(s.count("sla_policies").await, before, "nothing stored");
    let agent = s.user("ana", &["agent"], None).await;
    assert_eq!(s.orderly.save_policy(&agent, vip).await.unwrap_err().key, "perm.administer");
}
conformance!(invalid_policies_are_refused_and_nothing_is_stored_, invalid_policies_are_refused_and_nothing_is_stored);

fn kinds(history: &[orderly::domain::history::Event]) -> Vec<EventKind> {
    history.iter().map(|e| e.kind).collect()
}

async fn a_fake_clock_walks_one_order_to_automatic_suspension(s: TestStore) {
    let (_, customer_id) = vip_policy(&s).await;
    let tech = s.user("li", &["technician"], None).await;
    let boss = s.user("wang", &["supervisor"], None).await;
    let input = NewOrder {
        title: "电梯停运".into(),
        customer_id: Some(customer_id),
        priority: Some("P3".into()),
        ..Default::default()
    };
    let order = s.orderly.create_order(&s.admin, input).await.unwrap();
    let order = s.orderly.assign_order(&s.admin, &order.id, Some(tech.user_id.clone()), order.version).await.unwrap();
    let t0 = order.created_at;
    let due = order.resolution_due_at.expect("a resolution due time");
    assert_eq!(due, t0 + 120 * M, "24×7: P3 resolution is 120 minutes after creation");
    let base = s.orderly.order_detail(&s.admin, &order.id).await.unwrap().history.len();
    let tick = |minutes: i64| s.orderly.sla_tick(t0 + minutes * M + 1000, 500);
    let walk = [
        (60, vec![], 0),
        (96, vec![EventKind::SlaWarning], 0),
        (120, vec![EventKind::SlaBreached, EventKind::SlaAlert], 1),
        (130, vec![], 1),
        (150, vec![EventKind::SlaAlert], 2),
        (180, vec![EventKind::SlaAlert], 3),
        (210, vec![EventKind::SlaAlert], 4),
        (240, vec![EventKind::SlaAlert], 5),
        (270, vec![EventKind::StatusChanged, EventKind::SlaSuspended], 5),
        (300, vec![], 5),
    ];
    let mut seen = base;
    for (minute, expected, alerts) in walk {
        tick(minute).await.unwrap();
        let detail = s.orderly.order_detail(&s.admin, &order.id).await.unwrap();
        assert_eq!(kinds(&detail.history[seen..]), expected, "at minute {minute}");
        seen = detail.history.len();
        let sla = s.orderly.order_sla(&s.admin, &order.id, t0 + minute * M + 1000).await.unwrap().unwrap();
        assert_eq!(sla.alerts_sent, alerts, "alerts at minute {minute}");
    }
    let detail = s.orderly.order_detail(&s.admin, &order.id).await.unwrap();
    assert_eq!(detail.order.status, Status::Suspended);
    let suspended = detail
        .history
        .iter()
        .find(|e| e.kind == EventKind::StatusChanged && e.new_value == Some(json!("suspended")))
        .unwrap();
    assert_eq!(suspended.actor_id, orderly::domain::user::SYSTEM_USER_ID, "the system suspended it");
    let sla = s.orderly.order_sla(&s.admin, &order.id, t0 + 300 * M).await.unwrap().unwrap();
    assert!(sla.resolution_breached, "the breach stays on record");
    assert_eq!(sla.resolution_due, Some(due), "a due time reached before the suspension stays");
    let later = s.orderly.order_sla(&s.admin, &order.id, t0 + 900 * M).await.unwrap().unwrap();
    assert_eq!(later.counted_minutes, sla.counted_minutes, "the clock stopped while suspended");
    assert!(later.timeline.last().is_some_and(|span| span.kind == "paused"), "{:?}", later.timeline);
    // Alert 1 to the assignee, 2 to the supervisors, 3–5 to the admins; the suspension to the
    // control centre (supervisors here).
    let inbox = |actor| s.orderly.inbox(actor, false);
    let tech_kinds: Vec<String> = inbox(&tech).await.unwrap().items.iter().map(|n| n.kind.clone()).collect();
    assert!(
        tech_kinds.contains(&"sla_warning".to_string()) && tech_kinds.contains(&"sla_alert".to_string()),
        "{tech_kinds:?}"
    );
    assert!(tech_kinds.contains(&"assigned".to_string()), "{tech_kinds:?}");
    let boss_inbox = inbox(&boss).await.unwrap();
    let boss_kinds: Vec<&str> = boss_inbox.items.iter().map(|n| n.kind.as_str()).collect();
    assert!(boss_kinds.contains(&"sla_breached") && boss_kinds.contains(&"sla_suspended"), "{boss_kinds:?}");
    assert_eq!(boss_inbox.unread, boss_inbox.items.len() as i64);
    let admin_alerts = inbox(&s.admin).await.unwrap().items.iter().filter(|n| n.kind == "sla_alert").count();
    assert_eq!(admin_alerts, 3, "alerts 3, 4 and 5 went up the chain to the admins");
    assert_eq!(s.orderly.mark_read(&boss, &[]).await.unwrap(), boss_inbox.items.len() as u64);
    assert_eq!(s.orderly.unread_count(&boss).await.unwrap(), 0);
}
conformance!(
    a_fake_clock_walks_one_order_to_automatic_suspension_,
    a_fake_clock_walks_one_order_to_automatic_suspension
);

async fn pauses_move_due_times_and_urges_count_as_alerts(s: TestStore) {
    let (_, customer_id) = vip_policy(&s).await;
    let input = NewOrder { title: "Fuga de agua".into(), customer_id: Some(customer_id), ..Default::default() };
    let order = s.orderly.create_order(&s.admin, input).await.unwrap();
    let order = s.orderly.change_status(&s.admin, &order.id, "todo", order.version).await.unwrap();
    let paused = s.orderly.change_status(&s.admin, &order.id, "awaiting_customer", order.version).await.unwrap();
    assert_eq!(paused.resolution_due_at, None, "no due time while the customer is awaited");
    std::thread::sleep(std::time::Duration::from_millis(50));
    let resumed = s.orderly.change_status(&s.admin, &order.id, "in_progress", paused.version).await.unwrap();
    let pause = resumed.updated_at - paused.updated_at;
    assert_eq!(resumed.resolution_due_at, Some(order.created_at + 120 * M + pause), "the pause is added back");
    let sla = s.orderly.order_sla(&s.admin, &order.id, resumed.updated_at).await.unwrap().unwrap();
    assert!(sla.timeline.iter().any(|span| span.kind == "paused"), "{:?}", sla.timeline);
    assert_eq!(sla.policy_name, "VIP 24×7");
    // Breach it, then urge: the urge counts toward escalation.
    let breach_at = resumed.resolution_due_at.unwrap() + 1000;
    s.orderly.sla_tick(breach_at, 500).await.unwrap();
    let before = s.orderly.order_sla(&s.admin, &order.id, breach_at).await.unwrap().unwrap().alerts_sent;
    let urged = s.orderly.urge_order(&s.admin, &order.id).await.unwrap();
    assert_eq!(urged.urge_count, 1);
    let after = s.orderly.order_sla(&s.admin, &order.id, breach_at).await.unwrap().unwrap().alerts_sent;
    assert_eq!(after, before + 1);
    let history = s.orderly.order_detail(&s.admin, &order.id).await.unwrap().history;
    assert_eq!(history.last().unwrap().kind, EventKind::Urged);
}
conformance!(pauses_move_due_times_and_urges_count_as_alerts_, pauses_move_due_times_and_urges_count_as_alerts);

async fn two_schedulers_at_once_act_once(s: TestStore) {
    let (_, customer_id) = vip_policy(&s).await;
    let input = NewOrder { title: "Network outage".into(), customer_id: Some(customer_id), ..Default::default() };
    let order = s.orderly.create_order(&s.admin, input).await.unwrap();
    let at = order.created_at + 500 * M;
    let (a, b) = (s.orderly.clone(), s.orderly.clone());
    let (ra, rb) = tokio::join!(
        tokio::spawn(async move { a.sla_tick(at, 500).await }),
        tokio::spawn(async move { b.sla_tick(at, 500).await })
    );
    let (ra, rb) = (ra.unwrap().unwrap(), rb.unwrap().unwrap());
    let history = s.orderly.order_detail(&s.admin, &order.id).await.unwrap().history;
    let breaches = history.iter().filter(|e| e.kind == EventKind::SlaBreached).count();
    assert_eq!(breaches, 2, "response and resolution breached once each: {ra:?} {rb:?}");
    let first_alerts = history.iter().filter(|e| e.kind == EventKind::SlaAlert).count();
    assert_eq!(first_alerts, 1, "one alert, not one per scheduler");
}
conformance!(two_schedulers_at_once_act_once_, two_schedulers_at_once_act_once);
