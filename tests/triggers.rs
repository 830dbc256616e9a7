//! Triggers (issue #4) through the service on both engines: bad imports refused naming the
//! field with nothing stored, actions applied inside the create or update that fired them
//! (history naming the trigger), a loop stopped and reported in the history, and a dry run that
//! shows what would happen and writes nothing.

mod common;

use common::TestStore;
use orderly::domain::order::{NewOrder, OrderUpdate};
use orderly::domain::org::NewNode;
use orderly::domain::priority::Priority;
use orderly::domain::trigger::{Condition, NotifyTarget, Trigger, TriggerAction, TriggerEvent};
use orderly::domain::workflow::Names;
use orderly::ErrorCode;
use serde_json::json;

fn trigger(key: &str, on: TriggerEvent, conditions: Vec<Condition>, actions: Vec<TriggerAction>) -> Trigger {
    Trigger { key: key.into(), names: Names::new(key, key, key), on: vec![on], active: true, conditions, actions }
}

fn priority(p: &str) -> TriggerAction {
    TriggerAction::SetPriority { priority: p.into() }
}

fn changed_to_priority(p: &str) -> Vec<Condition> {
    vec![Condition::ChangedTo { field: "priority".into(), value: p.into() }]
}

async fn bad_imports_are_refused_naming_the_field(s: TestStore) {
    let good = trigger(
        "urgent_lift",
        TriggerEvent::Create,
        vec![Condition::TextContains { words: vec!["电梯".into()] }],
        vec![priority("P1")],
    );
    s.orderly.import_triggers(&s.admin, vec![good.clone()]).await.unwrap();
    let cases: Vec<(Trigger, &str, &str)> = vec![
        (
            trigger(
                "bad_field",
                TriggerEvent::Create,
                vec![Condition::FieldIs { field: "colour".into(), value: "x".into() }],
                vec![priority("P1")],
            ),
            "trigger.field_unknown",
            "triggers.1.conditions.0.field",
        ),
        (
            trigger("bad_priority", TriggerEvent::Create, vec![], vec![priority("P9")]),
            "order.priority_invalid",
            "triggers.1.actions.0.priority",
        ),
        (
            trigger(
                "nowhere",
                TriggerEvent::Create,
                vec![],
                vec![TriggerAction::AssignDepartment { department_id: "no-such".into() }],
            ),
            "department.not_found",
            "triggers.1.actions.0.department_id",
        ),
        (
            trigger(
                "nobody",
                TriggerEvent::Update,
                vec![],
                vec![TriggerAction::AssignPerson { user_id: "ghost".into() }],
            ),
            "user.not_found",
            "triggers.1.actions.0.user_id",
        ),
        (good.clone(), "trigger.key_duplicate", "triggers.1.key"),
        (Trigger { on: vec![], ..good.clone() }, "trigger.events_empty", "triggers.1.on"),
    ];
    for (bad, key, field) in cases {
        let e = s.orderly.import_triggers(&s.admin, vec![good.clone(), bad]).await.unwrap_err();
        assert_eq!((e.key.as_str(), e.field.as_deref()), (key, Some(field)));
        for lang in ["en", "zh-CN", "es"] {
            assert!(!e.message(lang).starts_with(key), "{key} has a {lang} message");
        }
    }
    assert_eq!(s.orderly.triggers(&s.admin).await.unwrap(), vec![good.clone()], "nothing stored");
    let agent = s.user("agent", &["agent"], None).await;
    assert_eq!(s.orderly.import_triggers(&agent, vec![]).await.unwrap_err().code, ErrorCode::Forbidden);
}
conformance!(bad_imports_, bad_imports_are_refused_naming_the_field);

async fn triggers_act_inside_the_change_that_fired_them(s: TestStore) {
    let it =
        s.orderly.create_department(&s.admin, NewNode { name: "IT 支持".into(), parent_id: None }).await.unwrap().id;
    let watcher = s.user("watcher", &["supervisor"], Some(&it)).await;
    let route = trigger(
        "route_network",
        TriggerEvent::Create,
        vec![Condition::TextContains { words: vec!["网络".into(), "wifi".into()] }],
        vec![
            TriggerAction::AssignDepartment { department_id: it.clone() },
            TriggerAction::AddCollaborator { user_id: watcher.user_id.clone() },
            TriggerAction::Comment { text: "已自动转 IT 支持".into(), public: false },
        ],
    );
    let urgent = trigger(
        "it_urgent",
        TriggerEvent::Update,
        vec![Condition::ChangedTo { field: "department_id".into(), value: it.clone() }],
        vec![
            priority("P2"),
            TriggerAction::Notify { to: NotifyTarget::DepartmentSupervisors, message: "网络故障".into() },
        ],
    );
    s.orderly.import_triggers(&s.admin, vec![route, urgent]).await.unwrap();
    let o = s
        .orderly
        .create_order(&s.admin, NewOrder { title: "三楼 WiFi 断了".into(), ..Default::default() })
        .await
        .unwrap();
    assert_eq!((o.department_id.as_deref(), o.priority), (Some(it.as_str()), Priority::P2));
    let detail = s.orderly.order_detail(&s.admin, &o.id).await.unwrap();
    assert_eq!(detail.order.collaborator_ids, vec![watcher.user_id.clone()]);
    assert_eq!(detail.comments.iter().map(|c| c.body.as_str()).collect::<Vec<_>>(), ["已自动转 IT 支持"]);
    let fired: Vec<String> = detail
        .history
        .iter()
        .filter(|e| e.field.as_deref() == Some("trigger"))
        .map(|e| e.new_value.as_ref().unwrap()["trigger"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fired, ["route_network", "it_urgent"]);
    let inbox = s.orderly.inbox(&watcher, false).await.unwrap();
    assert_eq!(inbox.items.iter().filter(|n| n.kind == "trigger").count(), 1);
    // Another order without the words is left alone.
    let other =
        s.orderly.create_order(&s.admin, NewOrder { title: "打印机卡纸".into(), ..Default::default() }).await.unwrap();
    assert_eq!((other.department_id, other.priority, other.version), (None, Priority::P3, 1));
}
conformance!(acting_, triggers_act_inside_the_change_that_fired_them);

async fn a_loop_is_stopped_and_reported(s: TestStore) {
    let up = trigger("up", TriggerEvent::Update, changed_to_priority("P2"), vec![priority("P1")]);
    let down = trigger("down", TriggerEvent::Update, changed_to_priority("P1"), vec![priority("P2")]);
    s.orderly.import_triggers(&s.admin, vec![up, down]).await.unwrap();
    let o = s.orderly.create_order(&s.admin, NewOrder { title: "循环".into(), ..Default::default() }).await.unwrap();
    let update = OrderUpdate { version: o.version, set: [("priority".to_string(), json!("P2"))].into() };
    let o = s.orderly.update_order(&s.admin, &o.id, update).await.unwrap();
    assert_eq!(o.priority, Priority::P2, "up then down ran once each");
    let history = s.orderly.order_detail(&s.admin, &o.id).await.unwrap().history;
    let stopped: Vec<_> = history.iter().filter(|e| e.field.as_deref() == Some("trigger_loop")).collect();
    assert_eq!(stopped.len(), 1);
    assert_eq!(stopped[0].new_value.as_ref().unwrap()["trigger"], "up");
    assert_eq!(history.iter().filter(|e| e.field.as_deref() == Some("trigger")).count(), 2);
}
conformance!(loop_, a_loop_is_stopped_and_reported);

async fn a_dry_run_shows_what_would_happen_and_writes_nothing(s: TestStore) {
    let o =
        s.orderly.create_order(&s.admin, NewOrder { title: "电梯困人".into(), ..Default::default() }).await.unwrap();
    let lift = trigger(
        "urgent_lift",
        TriggerEvent::Create,
        vec![Condition::TextContains { words: vec!["电梯".into()] }],
        vec![priority("P1")],
    );
    s.orderly.import_triggers(&s.admin, vec![lift]).await.unwrap();
    let plan = s.orderly.test_trigger(&s.admin, "urgent_lift", &o.id).await.unwrap();
    assert_eq!(plan.firings.len(), 1);
    assert_eq!((plan.result["priority"].as_str(), plan.loop_stopped), (Some("P1"), None));
    let after = s.orderly.get_order(&s.admin, &o.id).await.unwrap();
    assert_eq!((after.priority, after.version), (Priority::P3, 1), "nothing written");
    let e = s.orderly.test_trigger(&s.admin, "nope", &o.id).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.code), ("trigger.not_found", ErrorCode::NotFound));
}
conformance!(dry_run_, a_dry_run_shows_what_would_happen_and_writes_nothing);
