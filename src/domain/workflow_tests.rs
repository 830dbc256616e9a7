//! The default workflow as a table (issue #4): every status × every action × every kind of
//! person gives the expected status or a coded refusal; and bad definitions are refused with
//! the offending field.

use super::default_workflow;
use crate::domain::status::{Status, StatusCategory};
use crate::domain::user::Role;
use crate::domain::workflow::{Mover, Names, Party, StatusDef, TransitionDef, WorkflowDef};
use crate::ErrorCode;
use std::collections::BTreeSet;

/// What the workflow allows, written out by hand: status, action, target, and who.
const EXPECTED: &str = "
unassigned        assign           todo              admin supervisor dispatcher
unassigned        cancel           cancelled         admin supervisor dispatcher requester
todo              start            in_progress       admin supervisor assignee
todo              request_transfer pending_transfer  admin supervisor dispatcher assignee
todo              await_customer   awaiting_customer admin supervisor agent assignee
todo              resolve          done              admin supervisor assignee
todo              suspend          suspended         admin supervisor dispatcher assignee
todo              cancel           cancelled         admin supervisor dispatcher requester
in_progress       stop             todo              admin supervisor assignee
in_progress       request_transfer pending_transfer  admin supervisor dispatcher assignee
in_progress       await_customer   awaiting_customer admin supervisor agent assignee
in_progress       resolve          done              admin supervisor assignee
in_progress       suspend          suspended         admin supervisor dispatcher assignee
in_progress       cancel           cancelled         admin supervisor dispatcher requester
pending_transfer  approve_transfer transferred       admin supervisor dispatcher
pending_transfer  reject_transfer  todo              admin supervisor dispatcher
pending_transfer  cancel           cancelled         admin supervisor dispatcher requester
transferred       accept           todo              admin supervisor dispatcher assignee
transferred       start            in_progress       admin supervisor assignee
transferred       cancel           cancelled         admin supervisor dispatcher requester
awaiting_customer customer_replied in_progress       admin supervisor agent assignee requester
awaiting_customer resolve          done              admin supervisor assignee
awaiting_customer suspend          suspended         admin supervisor dispatcher assignee
awaiting_customer cancel           cancelled         admin supervisor dispatcher requester
done              close            closed            admin supervisor agent requester
done              reopen           in_progress       admin supervisor agent requester
closed            reopen           in_progress       admin supervisor agent requester
suspended         resume           in_progress       admin supervisor dispatcher assignee
suspended         return_to_queue  todo              admin supervisor dispatcher
suspended         cancel           cancelled         admin supervisor dispatcher requester
";

const ACTIONS: [&str; 16] = [
    "assign",
    "start",
    "stop",
    "request_transfer",
    "approve_transfer",
    "reject_transfer",
    "accept",
    "await_customer",
    "customer_replied",
    "resolve",
    "suspend",
    "resume",
    "return_to_queue",
    "close",
    "reopen",
    "cancel",
];

/// The kinds of person tried: a name (as written in EXPECTED), their roles, and whether they
/// are the order's assignee or requester. Each matches the names listed for it.
/// A person tried: name, roles, is the assignee, is the requester, the names they answer to.
type Person = (&'static str, Vec<Role>, bool, bool, &'static [&'static str]);

fn movers() -> Vec<Person> {
    vec![
        ("admin", vec![Role::Admin], false, false, &["admin"]),
        ("supervisor", vec![Role::Supervisor], false, false, &["supervisor"]),
        ("dispatcher", vec![Role::Dispatcher], false, false, &["dispatcher"]),
        ("agent", vec![Role::Agent], false, false, &["agent"]),
        ("technician", vec![Role::Technician], false, false, &[]),
        ("assignee", vec![Role::Technician], true, false, &["assignee"]),
        ("requester", vec![Role::Agent], false, true, &["agent", "requester"]),
    ]
}

#[test]
fn every_status_action_and_person_gives_the_expected_status_or_a_coded_refusal() {
    let flow = default_workflow();
    flow.check().unwrap();
    let expected: Vec<Vec<&str>> =
        EXPECTED.lines().map(|l| l.split_whitespace().collect::<Vec<_>>()).filter(|w| !w.is_empty()).collect();
    let mut cases = 0;
    for status in Status::ALL {
        for action in ACTIONS {
            let row = expected.iter().find(|w| w[0] == status.key() && w[1] == action);
            for (name, roles, is_assignee, is_requester, names) in movers() {
                let mover = Mover { roles: &roles, is_assignee, is_requester };
                let got = flow.decide(status.key(), action, &mover, &|_| true, Some("why"));
                let case = format!("{} {action} by {name}", status.key());
                match row {
                    None => {
                        let err = got.expect_err(&case);
                        assert_eq!(
                            (err.key.as_str(), err.code),
                            ("workflow.action_unavailable", ErrorCode::InvalidInput),
                            "{case}"
                        );
                    }
                    Some(w) if w[3..].iter().any(|who| names.contains(who)) => {
                        assert_eq!(got.expect(&case).to, w[2], "{case}");
                    }
                    Some(_) => {
                        let err = got.expect_err(&case);
                        assert_eq!(
                            (err.key.as_str(), err.code),
                            ("workflow.not_permitted", ErrorCode::Forbidden),
                            "{case}"
                        );
                    }
                }
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 10 * 16 * 7);
}

#[test]
fn the_default_workflow_moves_exactly_as_the_status_engine_does() {
    let flow = default_workflow();
    for status in Status::ALL {
        let targets: BTreeSet<&str> = flow.actions_from(status.key()).map(|t| t.to.as_str()).collect();
        let engine: BTreeSet<&str> = status.next().iter().map(|s| s.key()).collect();
        assert_eq!(targets, engine, "from {status}");
        assert_eq!(flow.status(status.key()).unwrap().category, status.category());
    }
}

#[test]
fn reasons_and_required_fields_are_asked_for() {
    let mut flow = default_workflow();
    let admin = Mover { roles: &[Role::Admin], is_assignee: false, is_requester: false };
    for action in ["suspend", "cancel", "request_transfer"] {
        for comment in [None, Some("  ")] {
            let err = flow.decide("todo", action, &admin, &|_| true, comment).unwrap_err();
            assert_eq!(
                (err.key.as_str(), err.field.as_deref()),
                ("workflow.comment_required", Some("comment")),
                "{action}"
            );
        }
    }
    let step = flow.decide("todo", "request_transfer", &admin, &|_| true, Some("wrong department")).unwrap();
    assert!(step.review, "a transfer request waits for a review");
    assert_eq!(step.category, StatusCategory::Open, "a review is the department's own time");

    let resolve = flow.transitions.iter_mut().find(|t| t.action == "resolve").unwrap();
    resolve.requires_fields = vec!["solution".into()];
    let err = flow.decide("in_progress", "resolve", &admin, &|f| f != "solution", None).unwrap_err();
    assert_eq!((err.key.as_str(), err.field.as_deref()), ("workflow.field_required", Some("solution")));
    assert_eq!(flow.decide("in_progress", "resolve", &admin, &|_| true, None).unwrap().to, "done");
}

fn status(key: &str, category: StatusCategory) -> StatusDef {
    StatusDef { key: key.into(), category, names: Names::new(key, key, key) }
}

fn transition(action: &str, from: &[&str], to: &str) -> TransitionDef {
    TransitionDef {
        action: action.into(),
        names: Names::new(action, action, action),
        from: from.iter().map(|s| s.to_string()).collect(),
        to: to.into(),
        parties: vec![Party::Admin],
        requires_fields: vec![],
        review: false,
        comment_required: false,
    }
}

/// new -> open -> closed: the smallest workflow that runs.
fn small() -> WorkflowDef {
    WorkflowDef {
        key: "small".into(),
        names: Names::new("Small", "小流程", "Pequeño"),
        initial: "new".into(),
        statuses: vec![
            status("new", StatusCategory::New),
            status("open", StatusCategory::Open),
            status("closed", StatusCategory::Closed),
        ],
        transitions: vec![transition("take", &["new"], "open"), transition("close", &["open"], "closed")],
    }
}

#[test]
fn bad_definitions_are_refused_naming_the_field() {
    small().check().unwrap();
    type Spoil = fn(&mut WorkflowDef);
    let cases: Vec<(Spoil, &str, &str)> = vec![
        (|w| w.key = "Bad Key".into(), "workflow.key_invalid", "key"),
        (|w| w.statuses[1].names.zh_cn = " ".into(), "workflow.name_missing", "statuses.1.names.zh_cn"),
        (|w| w.statuses[2].key = "open".into(), "workflow.status_duplicate", "statuses.2.key"),
        (|w| w.transitions[1].to = "gone".into(), "workflow.status_unknown", "transitions.1.to"),
        (|w| w.transitions[0].from = vec![], "workflow.from_empty", "transitions.0.from"),
        (|w| w.transitions[0].to = "new".into(), "workflow.transition_loop", "transitions.0.to"),
        (
            |w| w.transitions.push(transition("close", &["open"], "new")),
            "workflow.action_ambiguous",
            "transitions.2.action",
        ),
        (|w| w.transitions[1].parties = vec![], "workflow.parties_empty", "transitions.1.parties"),
        (|w| w.initial = "closed".into(), "workflow.initial_category", "initial"),
        (|w| w.initial = "nowhere".into(), "workflow.status_unknown", "initial"),
        (|w| w.statuses[2].category = StatusCategory::Resolved, "workflow.no_closed_status", "statuses"),
        // An unreachable closed status: nothing leads to it.
        (|w| w.transitions[1].to = "new".into(), "workflow.status_unreachable", "statuses.2.key"),
        // An orphan: a status with no way in.
        (
            |w| w.statuses.push(status("limbo", StatusCategory::Pending)),
            "workflow.status_unreachable",
            "statuses.3.key",
        ),
        // A dead end: reachable, but an order there can never finish.
        (
            |w| {
                w.statuses.push(status("stuck", StatusCategory::Pending));
                w.transitions.push(transition("park", &["open"], "stuck"));
            },
            "workflow.dead_end",
            "statuses.3.key",
        ),
    ];
    for (spoil, key, field) in cases {
        let mut flow = small();
        spoil(&mut flow);
        let err = flow.check().expect_err(key);
        assert_eq!((err.key.as_str(), err.field.as_deref()), (key, Some(field)), "{key}");
    }
}
