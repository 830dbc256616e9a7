//! Triggers: conditions, ordered actions, loop protection, and refusals of bad definitions.

use super::*;
use serde_json::json;

fn names() -> Names {
    Names::new("t", "t", "t")
}

fn trigger(key: &str, on: &[TriggerEvent], conditions: Vec<Condition>, actions: Vec<TriggerAction>) -> Trigger {
    Trigger { key: key.into(), names: names(), on: on.to_vec(), active: true, conditions, actions }
}

fn order() -> Snapshot {
    json!({
        "title": "空调不制冷 会议室",
        "description": "The air conditioning in room 3 blows warm air",
        "priority": "P3",
        "status": "unassigned",
        "template_key": "it_repair",
        "department_id": null,
        "assignee_id": null,
        "values.fault_type": "hvac",
    })
    .as_object()
    .unwrap()
    .clone()
}

fn all_fields(o: &Snapshot) -> BTreeSet<String> {
    o.keys().cloned().collect()
}

fn set_priority(p: &str) -> TriggerAction {
    TriggerAction::SetPriority { priority: p.into() }
}

#[test]
fn a_keyword_trigger_routes_a_new_order_and_the_next_trigger_sees_the_change() {
    let route = trigger(
        "route_hvac",
        &[TriggerEvent::Create],
        vec![Condition::TextContains { words: vec!["空调".into(), "aircon".into()] }],
        vec![TriggerAction::AssignDepartment { department_id: "d-hvac".into() }],
    );
    let urgent = trigger(
        "hvac_urgent",
        &[TriggerEvent::Update],
        vec![Condition::ChangedTo { field: "department_id".into(), value: "d-hvac".into() }],
        vec![
            set_priority("p2"),
            TriggerAction::Notify { to: NotifyTarget::DepartmentSupervisors, message: "new".into() },
        ],
    );
    let o = order();
    let plan = plan(&[urgent.clone(), route.clone()], TriggerEvent::Create, &o, &all_fields(&o));
    assert_eq!(plan.loop_stopped, None);
    let fired: Vec<&str> = plan.firings.iter().map(|f| f.trigger.as_str()).collect();
    assert_eq!(fired, ["route_hvac", "hvac_urgent"]);
    assert_eq!(plan.result["department_id"], "d-hvac");
    assert_eq!(plan.result["priority"], "P2");
    assert_eq!(plan.firings[1].changed, ["priority"]);

    // Without the keyword nothing happens.
    let mut other = order();
    other.insert("title".into(), json!("打印机卡纸"));
    other.insert("description".into(), json!("paper jam"));
    let plan = super::plan(&[urgent, route], TriggerEvent::Create, &other, &all_fields(&other));
    assert!(plan.firings.is_empty());
    assert_eq!(plan.result, other);
}

#[test]
fn conditions_read_custom_fields_emptiness_and_the_event() {
    let on_update = trigger(
        "network_to_it",
        &[TriggerEvent::Update],
        vec![
            Condition::FieldIs { field: "values.fault_type".into(), value: "hvac".into() },
            Condition::FieldEmpty { field: "assignee_id".into() },
        ],
        vec![TriggerAction::AssignPerson { user_id: "u-li".into() }],
    );
    let o = order();
    assert!(plan(std::slice::from_ref(&on_update), TriggerEvent::Create, &o, &all_fields(&o)).firings.is_empty());
    let p = plan(std::slice::from_ref(&on_update), TriggerEvent::Update, &o, &BTreeSet::new());
    assert_eq!(p.result["assignee_id"], "u-li");
    let mut assigned = order();
    assigned.insert("assignee_id".into(), json!("u-ana"));
    assert!(plan(&[on_update], TriggerEvent::Update, &assigned, &BTreeSet::new()).firings.is_empty());
}

#[test]
fn a_trigger_loop_is_stopped_and_reported() {
    // P2 -> P1 -> P2 -> ... : each trigger undoes the other.
    let up = trigger(
        "up",
        &[TriggerEvent::Update],
        vec![Condition::ChangedTo { field: "priority".into(), value: "P2".into() }],
        vec![set_priority("P1")],
    );
    let down = trigger(
        "down",
        &[TriggerEvent::Update],
        vec![Condition::ChangedTo { field: "priority".into(), value: "P1".into() }],
        vec![set_priority("P2")],
    );
    let mut o = order();
    o.insert("priority".into(), json!("P2"));
    let changed = BTreeSet::from(["priority".to_string()]);
    let p = plan(&[up, down], TriggerEvent::Update, &o, &changed);
    assert_eq!(p.loop_stopped.as_deref(), Some("up"));
    assert_eq!(p.firings.len(), 2, "each fired once before the loop was seen");

    // A trigger whose second firing would change nothing is not a loop.
    let note = trigger(
        "note",
        &[TriggerEvent::Update],
        vec![],
        vec![TriggerAction::AddCollaborator { user_id: "u-1".into() }],
    );
    let p = plan(&[note], TriggerEvent::Update, &order(), &BTreeSet::new());
    assert_eq!((p.loop_stopped, p.firings.len()), (None, 1));
    assert_eq!(p.result["collaborators"], json!(["u-1"]));
}

#[test]
fn inactive_triggers_do_nothing() {
    let mut t = trigger("off", &[TriggerEvent::Create], vec![], vec![set_priority("P1")]);
    t.active = false;
    let o = order();
    assert!(plan(&[t], TriggerEvent::Create, &o, &all_fields(&o)).firings.is_empty());
}

#[test]
fn bad_triggers_are_refused_naming_the_field() {
    let good = || trigger("ok", &[TriggerEvent::Create], vec![], vec![set_priority("P1")]);
    good().check().unwrap();
    type Spoil = fn(&mut Trigger);
    let cases: Vec<(Spoil, &str, &str)> = vec![
        (|t| t.key = "No Spaces".into(), "workflow.key_invalid", "key"),
        (|t| t.on.clear(), "trigger.events_empty", "on"),
        (|t| t.actions.clear(), "trigger.actions_empty", "actions"),
        (|t| t.actions.push(set_priority("P9")), "order.priority_invalid", "actions.1.priority"),
        (
            |t| t.conditions.push(Condition::FieldIs { field: "colour".into(), value: "x".into() }),
            "trigger.field_unknown",
            "conditions.0.field",
        ),
        (
            |t| t.conditions.push(Condition::TextContains { words: vec![" ".into(), "!!".into()] }),
            "trigger.words_empty",
            "conditions.0.words",
        ),
        (
            |t| t.actions.push(TriggerAction::SetField { field: "status".into(), value: "closed".into() }),
            "trigger.field_unknown",
            "actions.1.field",
        ),
        (
            |t| t.actions.push(TriggerAction::Comment { text: "".into(), public: true }),
            "input.required",
            "actions.1.text",
        ),
    ];
    for (spoil, key, field) in cases {
        let mut t = good();
        spoil(&mut t);
        let err = t.check().expect_err(key);
        assert_eq!((err.key.as_str(), err.field.as_deref()), (key, Some(field)), "{key}");
    }
}
