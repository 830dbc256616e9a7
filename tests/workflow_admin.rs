//! The admin pages' calls (issue #4) on both engines: workflows assigned to exactly the listed
//! templates, triggers saved one at a time (refusals named within the trigger, nothing stored),
//! switched off, reordered and deleted, and a dry run of the whole ordered list against an
//! existing order that shows the firings and a stopped loop and writes nothing. Admins only.

mod common;

use common::TestStore;
use orderly::domain::order::NewOrder;
use orderly::domain::org::NewNode;
use orderly::domain::priority::Priority;
use orderly::domain::trigger::{Condition, Trigger, TriggerAction, TriggerEvent};
use orderly::domain::workflow::Names;
use orderly::domain::workflow_default::default_workflow;
use orderly::ErrorCode;

fn trigger(key: &str, conditions: Vec<Condition>, actions: Vec<TriggerAction>) -> Trigger {
    Trigger {
        key: key.into(),
        names: Names::new(key, key, key),
        on: vec![TriggerEvent::Create, TriggerEvent::Update],
        active: true,
        conditions,
        actions,
    }
}

fn keys(list: &[Trigger]) -> Vec<&str> {
    list.iter().map(|t| t.key.as_str()).collect()
}

fn leak(department_id: &str) -> Trigger {
    trigger(
        "leak",
        vec![Condition::TextContains { words: vec!["漏水".into()] }],
        vec![TriggerAction::AssignDepartment { department_id: department_id.into() }],
    )
}

async fn workflows_go_to_exactly_the_listed_templates(s: TestStore) {
    let mut repair = default_workflow();
    repair.key = "repair".into();
    s.orderly.import_workflow(&s.admin, repair, &["general".into(), "it_repair".into()]).await.unwrap();
    let list = s.orderly.assign_workflow(&s.admin, "repair", &["it_repair".into()]).await.unwrap();
    let uses = |key: &str| list.iter().find(|w| w.key == key).unwrap().templates.clone();
    assert_eq!(uses("repair"), ["it_repair"]);
    assert_eq!(uses("default"), ["general"], "a template taken off goes back to the default");

    let e = s.orderly.assign_workflow(&s.admin, "repair", &["it_repair".into(), "nope".into()]).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("template.unknown", Some("templates.1")));
    let e = s.orderly.assign_workflow(&s.admin, "missing", &[]).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.code), ("workflow.not_found", ErrorCode::NotFound));
    let after = s.orderly.workflows(&s.admin).await.unwrap();
    assert_eq!(after.iter().find(|w| w.key == "repair").unwrap().templates, ["it_repair"], "nothing changed");

    let agent = s.user("agent", &["agent"], None).await;
    for e in [
        s.orderly.workflows(&agent).await.unwrap_err(),
        s.orderly.workflow(&agent, "default").await.unwrap_err(),
        s.orderly.assign_workflow(&agent, "repair", &[]).await.unwrap_err(),
    ] {
        assert_eq!(e.code, ErrorCode::Forbidden);
    }
}
conformance!(assign_, workflows_go_to_exactly_the_listed_templates);

async fn triggers_are_saved_switched_reordered_and_deleted(s: TestStore) {
    let water =
        s.orderly.create_department(&s.admin, NewNode { name: "水电组".into(), parent_id: None }).await.unwrap().id;
    let urgent = trigger("urgent", vec![], vec![TriggerAction::SetPriority { priority: "P1".into() }]);
    s.orderly.save_trigger(&s.admin, leak(&water)).await.unwrap();
    let list = s.orderly.save_trigger(&s.admin, urgent.clone()).await.unwrap();
    assert_eq!(keys(&list), ["leak", "urgent"], "a new trigger goes last");

    let renamed = Trigger { names: Names::new("Leaks", "漏水转水电组", "Fugas"), ..leak(&water) };
    let list = s.orderly.save_trigger(&s.admin, renamed.clone()).await.unwrap();
    assert_eq!(list, vec![renamed.clone(), urgent.clone()], "a saved trigger keeps its place");

    let bad = trigger("bad", vec![], vec![TriggerAction::AssignDepartment { department_id: "nowhere".into() }]);
    let e = s.orderly.save_trigger(&s.admin, bad).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("department.not_found", Some("actions.0.department_id")));
    let words = Trigger { conditions: vec![Condition::TextContains { words: vec![" ".into()] }], ..urgent.clone() };
    let e = s.orderly.save_trigger(&s.admin, words).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("trigger.words_empty", Some("conditions.0.words")));

    let list = s.orderly.set_trigger_active(&s.admin, "urgent", false).await.unwrap();
    assert_eq!(list.iter().map(|t| t.active).collect::<Vec<_>>(), [true, false]);
    let list = s.orderly.reorder_triggers(&s.admin, &["urgent".into(), "leak".into()]).await.unwrap();
    assert_eq!(keys(&list), ["urgent", "leak"]);
    let e = s.orderly.reorder_triggers(&s.admin, &["leak".into()]).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("trigger.order_mismatch", Some("keys")));
    let e = s.orderly.reorder_triggers(&s.admin, &["leak".into(), "ghost".into()]).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("trigger.order_mismatch", Some("keys.1")));
    assert_eq!(keys(&s.orderly.triggers(&s.admin).await.unwrap()), ["urgent", "leak"], "nothing changed");

    let list = s.orderly.delete_trigger(&s.admin, "urgent").await.unwrap();
    assert_eq!(list, vec![renamed]);
    assert_eq!(s.orderly.delete_trigger(&s.admin, "urgent").await.unwrap_err().code, ErrorCode::NotFound);

    let agent = s.user("agent", &["agent"], None).await;
    for e in [
        s.orderly.triggers(&agent).await.unwrap_err(),
        s.orderly.save_trigger(&agent, urgent).await.unwrap_err(),
        s.orderly.set_trigger_active(&agent, "leak", false).await.unwrap_err(),
        s.orderly.reorder_triggers(&agent, &["leak".into()]).await.unwrap_err(),
        s.orderly.delete_trigger(&agent, "leak").await.unwrap_err(),
    ] {
        assert_eq!(e.code, ErrorCode::Forbidden);
    }
    assert_eq!(s.count("triggers").await, 1);
}
conformance!(edit_, triggers_are_saved_switched_reordered_and_deleted);

async fn a_dry_run_shows_the_ordered_list_at_work_and_writes_nothing(s: TestStore) {
    let water =
        s.orderly.create_department(&s.admin, NewNode { name: "水电组".into(), parent_id: None }).await.unwrap().id;
    let o = s
        .orderly
        .create_order(&s.admin, NewOrder { title: "二楼卫生间漏水".into(), ..Default::default() })
        .await
        .unwrap();
    let changed_to = |field: &str, value: &str| vec![Condition::ChangedTo { field: field.into(), value: value.into() }];
    let up = trigger("up", changed_to("priority", "P3"), vec![TriggerAction::SetPriority { priority: "P2".into() }]);
    let down =
        trigger("down", changed_to("priority", "P2"), vec![TriggerAction::SetPriority { priority: "P3".into() }]);
    for t in [leak(&water), up, down] {
        s.orderly.save_trigger(&s.admin, t).await.unwrap();
    }
    let events_before = s.count("order_events").await;

    let plan = s.orderly.dry_run_triggers(&s.admin, &o.number, TriggerEvent::Update).await.unwrap();
    let fired: Vec<(&str, Vec<&str>)> =
        plan.firings.iter().map(|f| (f.trigger.as_str(), f.changed.iter().map(String::as_str).collect())).collect();
    assert_eq!(fired, [("leak", vec!["department_id"]), ("up", vec!["priority"]), ("down", vec!["priority"])]);
    assert_eq!(plan.loop_stopped.as_deref(), Some("up"), "priority ping-pong is stopped and named");

    let after = s.orderly.get_order(&s.admin, &o.id).await.unwrap();
    assert_eq!(
        (after.priority, after.department_id.clone(), after.version),
        (Priority::P3, o.department_id, o.version)
    );
    assert_eq!(s.count("order_events").await, events_before, "a dry run writes nothing");

    s.orderly.set_trigger_active(&s.admin, "up", false).await.unwrap();
    let plan = s.orderly.dry_run_triggers(&s.admin, &o.id, TriggerEvent::Create).await.unwrap();
    assert_eq!(plan.firings.iter().map(|f| f.trigger.as_str()).collect::<Vec<_>>(), ["leak"], "switched off");
    assert_eq!(plan.loop_stopped, None);

    let e = s.orderly.dry_run_triggers(&s.admin, "WO-1999-000001", TriggerEvent::Create).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    let agent = s.user("agent", &["agent"], None).await;
    let e = s.orderly.dry_run_triggers(&agent, &o.id, TriggerEvent::Create).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
}
conformance!(dry_run_, a_dry_run_shows_the_ordered_list_at_work_and_writes_nothing);
