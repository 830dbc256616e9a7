//! Processing orders (issue #4) through the service on both engines: mentions notify exactly
//! the mentioned people who may see the order (or refuse, naming the hidden one), a
//! collaborator from another department sees and comments, links show from both ends, each
//! view returns exactly its orders on a hand-built fixture, saved filters, and bulk changes
//! that report a refused order and still do the others. Refused inputs store nothing.

mod common;

use common::TestStore;
use orderly::domain::history::{EventKind, NewComment};
use orderly::domain::order::{NewOrder, OrderFilter, WorkOrder};
use orderly::domain::org::NewNode;
use orderly::domain::processing::Mark;
use orderly::domain::user::Actor;
use orderly::service::bulk::BulkChange;
use orderly::service::processing::NewSavedFilter;
use orderly::service::workflow_moves::ActInput;
use orderly::ErrorCode;
use std::collections::BTreeSet;

async fn department(s: &TestStore, name: &str) -> String {
    s.orderly.create_department(&s.admin, NewNode { name: name.into(), parent_id: None }).await.unwrap().id
}

async fn order(s: &TestStore, who: &Actor, title: &str, department_id: Option<&str>) -> WorkOrder {
    let input =
        NewOrder { title: title.into(), department_id: department_id.map(str::to_string), ..Default::default() };
    s.orderly.create_order(who, input).await.unwrap()
}

fn comment(body: &str) -> NewComment {
    NewComment { body: body.into(), public: false }
}

/// (user id, kind) of every notification, in a set.
async fn notices(s: &TestStore) -> BTreeSet<(String, String)> {
    let mut conn = s.orderly.store().pool().acquire().await.unwrap();
    let rows = sqlx::query("SELECT user_id, kind FROM notifications").fetch_all(&mut *conn).await.unwrap();
    rows.iter().map(|r| (sqlx::Row::get(r, 0), sqlx::Row::get(r, 1))).collect()
}

async fn sql(s: &TestStore, text: &str) {
    let mut conn = s.orderly.store().pool().acquire().await.unwrap();
    sqlx::query(text).execute(&mut *conn).await.unwrap();
}

async fn mentions_notify_exactly_the_mentioned_people_who_may_see(s: TestStore) {
    let (facilities, hvac) = (department(&s, "设施部").await, department(&s, "暖通组").await);
    let supervisor = s.user("sup", &["supervisor"], Some(&facilities)).await;
    let tech_a = s.user("li.wei", &["technician"], Some(&facilities)).await;
    let tech_b = s.user("wang_fang", &["technician"], Some(&hvac)).await;
    let agent = s.user("agent2", &["agent"], None).await;
    let _bystander = s.user("zhao", &["technician"], Some(&facilities)).await;
    let o = order(&s, &s.admin, "空调漏水", Some(&facilities)).await;
    let before = notices(&s).await;

    let body = "@li.wei 请看一下，@ghost 不存在，mail zhao@example.com";
    s.orderly.add_comment(&supervisor, &o.id, comment(body)).await.unwrap();
    let new: Vec<_> = notices(&s).await.difference(&before).cloned().collect();
    assert_eq!(new, vec![(tech_a.user_id.clone(), "mentioned".to_string())], "only the visible mentioned person");

    // An agent who may not add collaborators cannot mention someone who cannot see the order.
    let comments_before = s.count("comments").await;
    let e = s.orderly.add_comment(&agent, &o.id, comment("@wang_fang 帮忙")).await.unwrap_err();
    assert_eq!((e.code, e.key.as_str()), (ErrorCode::Forbidden, "comment.mention_hidden"));
    assert_eq!(e.params["login"], "wang_fang");
    assert!(e.message("zh-CN").contains("wang_fang"));
    assert_eq!(s.count("comments").await, comments_before, "the refused comment is not stored");
    assert_eq!(s.count("order_collaborators").await, 0);

    // The department's supervisor may: the person becomes a collaborator and is told both.
    let before = notices(&s).await;
    s.orderly.add_comment(&supervisor, &o.id, comment("@wang_fang 请协助")).await.unwrap();
    let new: BTreeSet<_> = notices(&s).await.difference(&before).cloned().collect();
    let expected: BTreeSet<_> =
        [(tech_b.user_id.clone(), "collaborator_added".to_string()), (tech_b.user_id.clone(), "mentioned".to_string())]
            .into();
    assert_eq!(new, expected);
    assert!(s.orderly.get_order(&tech_b, &o.id).await.is_ok(), "the mentioned collaborator now sees it");
}
conformance!(mentions, mentions_notify_exactly_the_mentioned_people_who_may_see);

async fn a_collaborator_from_another_department_sees_and_comments(s: TestStore) {
    let (facilities, hvac) = (department(&s, "设施部").await, department(&s, "暖通组").await);
    let supervisor = s.user("sup", &["supervisor"], Some(&facilities)).await;
    let outsider = s.user("wang_fang", &["technician"], Some(&hvac)).await;
    let other_tech = s.user("zhao", &["technician"], Some(&hvac)).await;
    let o = order(&s, &s.admin, "电梯故障", Some(&facilities)).await;
    assert_eq!(s.orderly.get_order(&outsider, &o.id).await.unwrap_err().code, ErrorCode::Forbidden);

    let p = s.orderly.add_collaborator(&supervisor, &o.id, "wang_fang").await.unwrap();
    assert_eq!(p.collaborators.iter().map(|c| c.login.as_str()).collect::<Vec<_>>(), vec!["wang_fang"]);
    let e = s.orderly.add_collaborator(&supervisor, &o.id, "wang_fang").await.unwrap_err();
    assert_eq!(e.key, "collaborator.already");
    assert!(notices(&s).await.contains(&(outsider.user_id.clone(), "collaborator_added".into())));

    let seen = s.orderly.get_order(&outsider, &o.id).await.unwrap();
    assert_eq!(seen.version, o.version, "adding a collaborator does not bump the version");
    let listed = s.orderly.list_orders(&outsider, OrderFilter::default()).await.unwrap();
    assert_eq!(listed.items.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), vec![o.id.as_str()]);
    s.orderly.add_comment(&outsider, &o.id, comment("已到现场")).await.unwrap();
    let mine = OrderFilter { view: Some("mine".into()), ..Default::default() };
    assert_eq!(s.orderly.list_orders(&outsider, mine).await.unwrap().items.len(), 1);

    // A collaborator brings in nobody else; nobody outside the order's staff does.
    let e = s.orderly.add_collaborator(&outsider, &o.id, "zhao").await.unwrap_err();
    assert_eq!((e.code, e.key.as_str()), (ErrorCode::Forbidden, "perm.manage_collaborators"));
    assert_eq!(s.orderly.get_order(&other_tech, &o.id).await.unwrap_err().code, ErrorCode::Forbidden);

    let detail = s.orderly.order_detail(&s.admin, &o.id).await.unwrap();
    let added: Vec<_> = detail.history.iter().filter(|e| e.field.as_deref() == Some("collaborators")).collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].actor_id, supervisor.user_id);

    s.orderly.remove_collaborator(&supervisor, &o.id, &outsider.user_id).await.unwrap();
    assert_eq!(s.orderly.get_order(&outsider, &o.id).await.unwrap_err().code, ErrorCode::Forbidden);
    let history = s.orderly.order_detail(&s.admin, &o.id).await.unwrap().history;
    assert_eq!(history.iter().filter(|e| e.field.as_deref() == Some("collaborators")).count(), 2);
}
conformance!(collaborators, a_collaborator_from_another_department_sees_and_comments);

async fn links_show_from_both_ends_and_refuse_bad_ones(s: TestStore) {
    let facilities = department(&s, "设施部").await;
    let tech = s.user("li.wei", &["technician"], Some(&facilities)).await;
    let a = order(&s, &s.admin, "主机报警", Some(&facilities)).await;
    let b = order(&s, &s.admin, "主机报警（重复）", Some(&facilities)).await;
    let hidden = order(&s, &s.admin, "别处的单", None).await;

    let p = s.orderly.link_orders(&s.admin, &b.id, &a.number, "duplicate_of").await.unwrap();
    assert_eq!((p.links[0].number.as_str(), p.links[0].kind.as_str()), (a.number.as_str(), "duplicate_of"));
    let from_a = s.orderly.order_processing(&tech, &a.id).await.unwrap();
    assert_eq!((from_a.links[0].order_id.as_str(), from_a.links[0].kind.as_str()), (b.id.as_str(), "duplicated_by"));
    for o in [&a, &b] {
        let history = s.orderly.order_detail(&s.admin, &o.id).await.unwrap().history;
        let links: Vec<_> = history.iter().filter(|e| e.field.as_deref() == Some("links")).collect();
        assert_eq!(links.len(), 1, "{}", o.number);
        assert_eq!(links[0].kind, EventKind::FieldChanged);
    }

    let refusals = [
        (s.orderly.link_orders(&s.admin, &a.id, &a.id, "related").await.unwrap_err(), "link.self"),
        (s.orderly.link_orders(&s.admin, &a.id, &b.id, "related").await.unwrap_err(), "link.exists"),
        (s.orderly.link_orders(&s.admin, &a.id, "WO-2099-999999", "related").await.unwrap_err(), "order.not_found"),
        (s.orderly.link_orders(&s.admin, &a.id, &hidden.id, "sibling").await.unwrap_err(), "link.kind_unknown"),
        (s.orderly.link_orders(&tech, &a.id, &hidden.id, "related").await.unwrap_err(), "perm.see_order"),
    ];
    for (e, key) in refusals {
        assert_eq!(e.key, key);
    }
    assert_eq!(s.count("order_links").await, 1, "refused links store nothing");

    s.orderly.link_orders(&s.admin, &a.id, &hidden.id, "child_of").await.unwrap();
    let from_hidden = s.orderly.order_processing(&s.admin, &hidden.id).await.unwrap();
    assert_eq!(from_hidden.links[0].kind, "parent_of");
    assert_eq!(
        s.orderly.order_processing(&tech, &a.id).await.unwrap().links.len(),
        1,
        "a hidden order's link is not shown"
    );

    s.orderly.unlink_orders(&s.admin, &a.id, &b.id).await.unwrap();
    assert!(s.orderly.order_processing(&s.admin, &b.id).await.unwrap().links.is_empty());
    assert_eq!(s.orderly.unlink_orders(&s.admin, &a.id, &b.id).await.unwrap_err().key, "link.missing");
}
conformance!(links, links_show_from_both_ends_and_refuse_bad_ones);

/// The view's order titles, paging two at a time (the views compose with the cursor).
async fn view(s: &TestStore, who: &Actor, name: &str, priority: &[&str]) -> BTreeSet<String> {
    let mut titles = BTreeSet::new();
    let mut after = None;
    loop {
        let filter = OrderFilter {
            view: Some(name.into()),
            priority: priority.iter().map(|p| p.to_string()).collect(),
            limit: Some(2),
            after,
            ..Default::default()
        };
        let page = s.orderly.list_orders(who, filter).await.unwrap();
        titles.extend(page.items.iter().map(|o| o.title.clone()));
        match page.next {
            Some(next) => after = Some(next),
            None => return titles,
        }
    }
}

fn set(titles: &[&str]) -> BTreeSet<String> {
    titles.iter().map(|t| t.to_string()).collect()
}

async fn each_view_returns_exactly_its_orders(s: TestStore) {
    let me = s.user("sup", &["supervisor"], None).await;
    let other = s.user("disp", &["dispatcher"], None).await;
    let tech = s.user("li.wei", &["technician"], None).await;
    let (a, ad) = (&s.admin, &s.admin);
    let o1 = order(&s, a, "o1 untouched", None).await;
    let o2 = order(&s, a, "o2 mine", None).await;
    s.orderly.assign_order(ad, &o2.id, Some(me.user_id.clone()), o2.version).await.unwrap();
    let o3 = order(&s, a, "o3 collaborating", None).await;
    s.orderly.add_collaborator(ad, &o3.id, &me.user_id).await.unwrap();
    let o4 = order(&s, a, "o4 starred", None).await;
    s.orderly.assign_order(ad, &o4.id, Some(tech.user_id.clone()), o4.version).await.unwrap();
    s.orderly.set_mark(&me, &o4.id, Mark::Star, true).await.unwrap();
    s.orderly.set_mark(&other, &o4.id, Mark::Important, true).await.unwrap();
    let o5 = order(&s, a, "o5 important cancelled", None).await;
    s.orderly.set_mark(&me, &o5.id, Mark::Important, true).await.unwrap();
    s.orderly.set_mark(&me, &o5.id, Mark::Star, true).await.unwrap();
    s.orderly.set_mark(&me, &o5.id, Mark::Star, false).await.unwrap();
    let why = ActInput { comment: Some("客户撤单".into()), ..Default::default() };
    s.orderly.act(ad, &o5.id, o5.version, "cancel", why).await.unwrap();
    let o6 = order(&s, a, "o6 overdue", None).await;
    let o7 = order(&s, a, "o7 answered in time", None).await;
    s.orderly.add_comment(ad, &o7.id, NewComment { body: "已收到".into(), public: true }).await.unwrap();
    // Due times by hand: far ahead for all, long past for the response of o6 and o7.
    sql(&s, "UPDATE work_orders SET response_due_at = 4102444800000, resolution_due_at = 4102444800000").await;
    sql(&s, &format!("UPDATE work_orders SET response_due_at = 1 WHERE id IN ('{}', '{}')", o6.id, o7.id)).await;
    sql(&s, &format!("UPDATE work_orders SET priority = 1 WHERE id IN ('{}', '{}')", o1.id, o6.id)).await;

    let all = ["o1 untouched", "o2 mine", "o3 collaborating", "o4 starred", "o5 important cancelled", "o6 overdue"];
    let mut all = set(&all);
    all.insert("o7 answered in time".into());
    assert_eq!(view(&s, &me, "all", &[]).await, all);
    assert_eq!(view(&s, &me, "mine", &[]).await, set(&["o2 mine", "o3 collaborating"]));
    let unassigned = set(&["o1 untouched", "o3 collaborating", "o6 overdue", "o7 answered in time"]);
    assert_eq!(view(&s, &me, "unassigned", &[]).await, unassigned);
    assert_eq!(view(&s, &me, "awaiting_response", &[]).await, set(&["o1 untouched", "o3 collaborating", "o6 overdue"]));
    assert_eq!(view(&s, &me, "starred", &[]).await, set(&["o4 starred"]));
    assert_eq!(view(&s, &me, "important", &[]).await, set(&["o5 important cancelled"]));
    assert_eq!(view(&s, &other, "important", &[]).await, set(&["o4 starred"]), "marks are each person's own");
    assert_eq!(view(&s, &me, "overdue", &[]).await, set(&["o6 overdue"]));
    assert_eq!(view(&s, &me, "unassigned", &["P1"]).await, set(&["o1 untouched", "o6 overdue"]), "views compose");
    assert_eq!(view(&s, &tech, "mine", &[]).await, set(&["o4 starred"]));
    // A list page carries the reader's own marks on its rows, and nobody else's.
    let page = s.orderly.list_orders(&me, OrderFilter::default()).await.unwrap();
    assert_eq!((page.starred.clone(), page.important.clone()), (vec![o4.id.clone()], vec![o5.id.clone()]));
    let page = s.orderly.list_orders(&other, OrderFilter::default()).await.unwrap();
    assert_eq!((page.starred.len(), page.important.clone()), (0, vec![o4.id.clone()]));
    let only_o1 = OrderFilter { view: Some("unassigned".into()), priority: vec!["P1".into()], ..Default::default() };
    let page = s.orderly.list_orders(&me, only_o1).await.unwrap();
    assert!(page.starred.is_empty() && page.important.is_empty(), "only marks of the page's own rows");

    let bad = OrderFilter { view: Some("later".into()), ..Default::default() };
    let e = s.orderly.list_orders(&me, bad).await.unwrap_err();
    assert_eq!(
        (e.code, e.key.as_str(), e.field.as_deref()),
        (ErrorCode::InvalidInput, "order.view_unknown", Some("view"))
    );
}
conformance!(views, each_view_returns_exactly_its_orders);

async fn saved_filters_are_each_persons_and_checked(s: TestStore) {
    let me = s.user("sup", &["supervisor"], None).await;
    let other = s.user("disp", &["dispatcher"], None).await;
    let filter = OrderFilter {
        view: Some("overdue".into()),
        priority: vec!["P1".into()],
        limit: Some(20),
        after: Some("1.2".into()),
        ..Default::default()
    };
    let saved = s.orderly.save_filter(&me, NewSavedFilter { name: "紧急超时".into(), filter: filter.clone() }).await;
    let saved = saved.unwrap();
    assert_eq!((saved.filter.limit, saved.filter.after.as_deref()), (None, None), "paging is not kept");
    let again = s.orderly.save_filter(&me, NewSavedFilter { name: " 紧急超时 ".into(), filter: filter.clone() }).await;
    assert_eq!(again.unwrap_err().key, "filter.name_taken");
    let bad = OrderFilter { view: Some("later".into()), ..Default::default() };
    let e = s.orderly.save_filter(&me, NewSavedFilter { name: "坏的".into(), filter: bad }).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("order.view_unknown", Some("filter.view")));
    let e = s.orderly.save_filter(&me, NewSavedFilter { name: " ".into(), filter: filter.clone() }).await.unwrap_err();
    assert_eq!(e.key, "input.required");
    assert_eq!(s.count("saved_filters").await, 1, "refused filters store nothing");

    s.orderly.save_filter(&other, NewSavedFilter { name: "紧急超时".into(), filter }).await.unwrap();
    let mine = s.orderly.saved_filters(&me).await.unwrap();
    assert_eq!(mine.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), vec!["紧急超时"]);
    assert_eq!(mine[0].filter.view.as_deref(), Some("overdue"));
    s.orderly.delete_saved_filter(&me, "紧急超时").await.unwrap();
    assert!(s.orderly.saved_filters(&me).await.unwrap().is_empty());
    assert_eq!(s.orderly.saved_filters(&other).await.unwrap().len(), 1);
    assert_eq!(s.orderly.delete_saved_filter(&me, "紧急超时").await.unwrap_err().code, ErrorCode::NotFound);
}
conformance!(saved_filters, saved_filters_are_each_persons_and_checked);

async fn bulk_changes_report_each_order_and_refuse_bad_calls(s: TestStore) {
    let tech = s.user("li.wei", &["technician"], None).await;
    let dispatcher = s.user("disp", &["dispatcher"], None).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(order(&s, &s.admin, &format!("批量 {i}"), None).await.id);
    }
    let events = s.count("order_events").await;
    let many: Vec<String> = (0..501).map(|i| format!("id-{i}")).collect();
    let to_tech = BulkChange::Assign { assignee_id: Some(tech.user_id.clone()) };
    let e = s.orderly.bulk_change(&dispatcher, &many, &to_tech, |_, _| {}).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.params["max"].as_str()), ("bulk.too_many", "500"));
    let e = s.orderly.bulk_change(&tech, &ids, &to_tech, |_, _| {}).await.unwrap_err();
    assert_eq!((e.code, e.key.as_str()), (ErrorCode::Forbidden, "perm.assign"));
    assert_eq!(s.orderly.bulk_change(&dispatcher, &[], &to_tech, |_, _| {}).await.unwrap_err().key, "bulk.empty");
    assert_eq!(s.count("order_events").await, events, "refused bulk calls store nothing");

    let mut with_unknown = ids.clone();
    with_unknown.insert(1, "WO-2099-999999".into());
    let mut progress = Vec::new();
    let report = s.orderly.bulk_change(&dispatcher, &with_unknown, &to_tech, |d, t| progress.push((d, t))).await;
    let report = report.unwrap();
    assert_eq!((report.done, report.refused), (3, 1));
    assert_eq!(report.outcomes[1].error.as_ref().unwrap().key, "order.not_found");
    assert_eq!(progress, vec![(1, 4), (2, 4), (3, 4), (4, 4)]);
    for id in &ids {
        assert_eq!(
            s.orderly.get_order(&s.admin, id).await.unwrap().assignee_id.as_deref(),
            Some(tech.user_id.as_str())
        );
    }

    // What a bulk status change may offer: actions taken with at most a comment, each with how
    // many of the selected orders offer it; an unknown order offers nothing, a transfer request
    // (it needs a target and a review) is never offered.
    let offer = s.orderly.bulk_actions(&dispatcher, &with_unknown).await.unwrap();
    let suspend_offer = offer.iter().find(|a| a.action == "suspend").expect("suspend is offered");
    assert_eq!((suspend_offer.orders, suspend_offer.comment_required), (3, true));
    assert!(offer.iter().all(|a| a.orders <= 3), "{offer:?}");
    assert!(!offer
        .iter()
        .any(|a| ["request_transfer", "approve_transfer", "reject_transfer"].contains(&a.action.as_str())));
    assert_eq!(s.orderly.bulk_actions(&dispatcher, &many).await.unwrap_err().key, "bulk.too_many");

    // A status change the workflow refuses for one order (already cancelled) leaves the rest done.
    let why = ActInput { comment: Some("重复".into()), ..Default::default() };
    let first = s.orderly.get_order(&s.admin, &ids[0]).await.unwrap();
    s.orderly.act(&s.admin, &first.id, first.version, "suspend", why).await.unwrap();
    let offer = s.orderly.bulk_actions(&dispatcher, &ids).await.unwrap();
    let orders_of = |action: &str| offer.iter().find(|a| a.action == action).map(|a| a.orders);
    assert_eq!((orders_of("suspend"), orders_of("resume")), (Some(2), Some(1)), "{offer:?}");
    let suspend = BulkChange::Act { action: "suspend".into(), comment: Some("等配件".into()) };
    let report = s.orderly.bulk_change(&dispatcher, &ids, &suspend, |_, _| {}).await.unwrap();
    assert_eq!((report.done, report.refused), (2, 1));
    assert_eq!(report.outcomes[0].error.as_ref().unwrap().key, "workflow.action_unavailable");
    assert!(report.outcomes[0].error.as_ref().unwrap().message("es").contains("suspend"));
    for id in &ids {
        assert_eq!(s.orderly.get_order(&s.admin, id).await.unwrap().status.key(), "suspended");
    }
}
conformance!(bulk, bulk_changes_report_each_order_and_refuse_bad_calls);
