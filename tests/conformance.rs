//! The service API's conformance suite: every scenario runs on a fresh SQLite file and on a
//! fresh PostgreSQL database.

mod common;

use common::TestStore;
use orderly::domain::history::{EventKind, NewComment};
use orderly::domain::order::{NewOrder, OrderFilter, OrderSort, OrderUpdate};
use orderly::domain::org::NewNode;
use orderly::ErrorCode;
use serde_json::json;
use std::collections::BTreeMap;

fn order(title: &str) -> NewOrder {
    NewOrder { title: title.into(), ..Default::default() }
}

fn set(pairs: &[(&str, serde_json::Value)]) -> BTreeMap<String, serde_json::Value> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

async fn create_and_read_back(s: TestStore) {
    let input = NewOrder {
        title: "  三楼电梯异响 ".into(),
        description: Some("Reparación urgente".into()),
        priority: Some("P2".into()),
        values: Some(json!({"contact_name": "王芳"})),
        ..Default::default()
    };
    let created = s.orderly.create_order(&s.admin, input).await.unwrap();
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(created.number, format!("WO-{year}-000001"));
    assert_eq!((created.title.as_str(), created.priority.to_string().as_str()), ("三楼电梯异响", "P2"));
    assert_eq!(created.status.key(), "unassigned");
    assert_eq!(created.version, 1);
    assert_eq!(created.template_key, "general");
    let second = s.orderly.create_order(&s.admin, order("second")).await.unwrap();
    assert_eq!(second.number, format!("WO-{year}-000002"));
    let detail = s.orderly.order_detail(&s.admin, &created.number).await.unwrap();
    assert_eq!(detail.order.id, created.id);
    assert_eq!(detail.order.values, json!({"contact_name": "王芳"}));
    assert_eq!(detail.history.len(), 1);
    assert_eq!(detail.history[0].kind, EventKind::Created);
    assert_eq!(detail.history[0].actor_id, s.admin.user_id);
    let missing = s.orderly.get_order(&s.admin, "WO-1999-000001").await.unwrap_err();
    assert_eq!((missing.code, missing.key.as_str()), (ErrorCode::NotFound, "order.not_found"));
}
conformance!(create_and_read_back_, create_and_read_back);

async fn bad_input_stores_nothing(s: TestStore) {
    let cases = [
        (NewOrder { priority: Some("P9".into()), ..order("t") }, "order.priority_invalid", "priority"),
        (NewOrder { template_key: Some("nope".into()), ..order("t") }, "template.unknown", "template_key"),
        (order("   "), "input.required", "title"),
        (NewOrder { values: Some(json!({"colour": "red"})), ..order("t") }, "template.field_unknown", "values.colour"),
        (
            NewOrder { department_id: Some("no-such-dept".into()), ..order("t") },
            "department.not_found",
            "department_id",
        ),
    ];
    for (input, key, field) in cases {
        let err = s.orderly.create_order(&s.admin, input).await.unwrap_err();
        assert_eq!((err.code, err.key.as_str(), err.field.as_deref()), (ErrorCode::InvalidInput, key, Some(field)));
    }
    assert_eq!(s.count("work_orders").await, 0);
    assert_eq!(s.count("order_events").await, 0);
    assert_eq!(s.count("number_counters").await, 0, "a refused create must not consume a number");
}
conformance!(bad_input_stores_nothing_, bad_input_stores_nothing);

async fn stale_versions_conflict(s: TestStore) {
    let o = s.orderly.create_order(&s.admin, order("original")).await.unwrap();
    let updated = s
        .orderly
        .update_order(&s.admin, &o.id, OrderUpdate { version: 1, set: set(&[("title", json!("first edit"))]) })
        .await
        .unwrap();
    assert_eq!(updated.version, 2);
    let err = s
        .orderly
        .update_order(&s.admin, &o.id, OrderUpdate { version: 1, set: set(&[("title", json!("lost edit"))]) })
        .await
        .unwrap_err();
    assert_eq!((err.code, err.key.as_str()), (ErrorCode::Conflict, "order.version_stale"));
    assert_eq!(err.params["current"], "2");
    let now = s.orderly.get_order(&s.admin, &o.id).await.unwrap();
    assert_eq!((now.title.as_str(), now.version), ("first edit", 2));
    assert_eq!(s.count("order_events").await, 2, "created + one field change");
}
conformance!(stale_versions_conflict_, stale_versions_conflict);

async fn concurrent_edits_have_one_winner(s: TestStore) {
    let o = s.orderly.create_order(&s.admin, order("contested")).await.unwrap();
    let edits = (0..6).map(|i| {
        let (orderly, admin, id) = (s.orderly.clone(), s.admin.clone(), o.id.clone());
        tokio::spawn(async move {
            orderly
                .update_order(
                    &admin,
                    &id,
                    OrderUpdate { version: 1, set: set(&[("title", json!(format!("edit {i}")))]) },
                )
                .await
        })
    });
    let results = futures_join(edits).await;
    let winners = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(winners, 1, "{results:?}");
    assert!(results.iter().filter_map(|r| r.as_ref().err()).all(|e| e.code == ErrorCode::Conflict));
    assert_eq!(s.orderly.get_order(&s.admin, &o.id).await.unwrap().version, 2);
}
conformance!(concurrent_edits_have_one_winner_, concurrent_edits_have_one_winner);

async fn futures_join<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles.collect::<Vec<_>>() {
        out.push(h.await.unwrap());
    }
    out
}

async fn roles_are_enforced(s: TestStore) {
    let field = s.orderly.create_department(&s.admin, NewNode { name: "Field".into(), parent_id: None }).await.unwrap();
    let office =
        s.orderly.create_department(&s.admin, NewNode { name: "Office".into(), parent_id: None }).await.unwrap();
    let agent = s.user("agent1", &["agent"], None).await;
    let dispatcher = s.user("disp1", &["dispatcher"], None).await;
    let tech = s.user("tech1", &["technician"], Some(&field.id)).await;
    let other_tech = s.user("tech2", &["technician"], Some(&office.id)).await;
    let mine = s.orderly.create_order(&agent, order("agent's order")).await.unwrap();
    let in_field = s
        .orderly
        .create_order(&agent, NewOrder { department_id: Some(field.id.clone()), ..order("field order") })
        .await
        .unwrap();

    let err = s.orderly.assign_order(&agent, &mine.id, Some(tech.user_id.clone()), 1).await.unwrap_err();
    assert_eq!((err.code, err.key.as_str()), (ErrorCode::Forbidden, "perm.assign"));
    let err = s.orderly.create_order(&tech, order("tech creates")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err =
        s.orderly.create_department(&dispatcher, NewNode { name: "X".into(), parent_id: None }).await.unwrap_err();
    assert_eq!((err.code, err.key.as_str()), (ErrorCode::Forbidden, "perm.administer"));

    // Technicians see their department's orders and those assigned to them, nothing else.
    let err = s.orderly.get_order(&tech, &mine.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let seen: Vec<String> = s
        .orderly
        .list_orders(&tech, OrderFilter::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|o| o.title)
        .collect();
    assert_eq!(seen, vec!["field order"]);
    let assigned = s.orderly.assign_order(&dispatcher, &mine.id, Some(other_tech.user_id.clone()), 1).await.unwrap();
    assert_eq!((assigned.status.key(), assigned.version), ("todo", 2));
    assert!(s.orderly.get_order(&other_tech, &mine.id).await.is_ok());
    let err = s.orderly.change_status(&tech, &mine.id, "in_progress", 2).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let worked = s.orderly.change_status(&other_tech, &mine.id, "in_progress", 2).await.unwrap();
    assert!(worked.first_response_at.is_some());
    // The agent who created an order may comment on and change it; nobody silently fails.
    assert!(s
        .orderly
        .add_comment(&agent, &in_field.id, NewComment { body: "客户已确认".into(), public: true })
        .await
        .is_ok());
    assert_eq!(s.orderly.get_order(&agent, &in_field.id).await.unwrap().version, 1, "comments do not bump versions");
}
conformance!(roles_are_enforced_, roles_are_enforced);

async fn status_follows_the_workflow(s: TestStore) {
    let o = s.orderly.create_order(&s.admin, order("flow")).await.unwrap();
    let err = s.orderly.change_status(&s.admin, &o.id, "done", 1).await.unwrap_err();
    assert_eq!(
        (err.key.as_str(), err.params["from"].as_str(), err.params["to"].as_str()),
        ("order.transition_refused", "unassigned", "done")
    );
    let err = s.orderly.change_status(&s.admin, &o.id, "finished", 1).await.unwrap_err();
    assert_eq!(err.key, "order.status_invalid");
    let o = s.orderly.change_status(&s.admin, &o.id, "todo", 1).await.unwrap();
    let o = s.orderly.change_status(&s.admin, &o.id, "done", o.version).await.unwrap();
    assert!(o.resolved_at.is_some());
    let o = s.orderly.change_status(&s.admin, &o.id, "closed", o.version).await.unwrap();
    assert!(o.closed_at.is_some());
    let detail = s.orderly.order_detail(&s.admin, &o.id).await.unwrap();
    assert_eq!(detail.next_statuses.iter().map(|s| s.key()).collect::<Vec<_>>(), vec!["in_progress"]);
    let changes: Vec<_> = detail
        .history
        .iter()
        .filter(|e| e.kind == EventKind::StatusChanged)
        .map(|e| e.new_value.clone().unwrap())
        .collect();
    assert_eq!(changes, vec![json!("todo"), json!("done"), json!("closed")]);
}
conformance!(status_follows_the_workflow_, status_follows_the_workflow);

async fn lists_filter_sort_and_page(s: TestStore) {
    let tech = s.user("pager", &["technician"], None).await;
    for i in 0..7 {
        let o = s
            .orderly
            .create_order(
                &s.admin,
                NewOrder { priority: Some(format!("P{}", i % 3 + 1)), ..order(&format!("order {i}")) },
            )
            .await
            .unwrap();
        if i % 2 == 0 {
            s.orderly.assign_order(&s.admin, &o.id, Some(tech.user_id.clone()), 1).await.unwrap();
        }
    }
    for sort in [OrderSort::CreatedDesc, OrderSort::CreatedAsc, OrderSort::UpdatedDesc, OrderSort::PriorityAsc] {
        let all = s
            .orderly
            .list_orders(&s.admin, OrderFilter { sort, limit: Some(500), ..Default::default() })
            .await
            .unwrap()
            .items;
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = s
                .orderly
                .list_orders(&s.admin, OrderFilter { sort, limit: Some(3), after, ..Default::default() })
                .await
                .unwrap();
            paged.extend(page.items.into_iter().map(|o| o.id));
            match page.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        assert_eq!(paged, all.iter().map(|o| o.id.clone()).collect::<Vec<_>>(), "{sort:?}");
        assert_eq!(paged.len(), 7);
    }
    let newest = s.orderly.list_orders(&s.admin, OrderFilter::default()).await.unwrap().items;
    assert_eq!(newest[0].title, "order 6");
    let by_priority = s
        .orderly
        .list_orders(&s.admin, OrderFilter { sort: OrderSort::PriorityAsc, ..Default::default() })
        .await
        .unwrap()
        .items;
    assert_eq!(
        by_priority.iter().map(|o| o.priority.to_string()).collect::<Vec<_>>(),
        ["P1", "P1", "P1", "P2", "P2", "P3", "P3"]
    );
    let p1 = s
        .orderly
        .list_orders(&s.admin, OrderFilter { priority: vec!["P1".into()], ..Default::default() })
        .await
        .unwrap()
        .items;
    assert_eq!(p1.len(), 3);
    let todo = s
        .orderly
        .list_orders(&s.admin, OrderFilter { status: vec!["todo".into()], ..Default::default() })
        .await
        .unwrap()
        .items;
    assert!(todo.iter().all(|o| o.assignee_id.as_deref() == Some(tech.user_id.as_str())) && todo.len() == 4);
    let unassigned = s
        .orderly
        .list_orders(&s.admin, OrderFilter { assignee_id: Some("none".into()), ..Default::default() })
        .await
        .unwrap()
        .items;
    assert_eq!(unassigned.len(), 3);
    let err = s
        .orderly
        .list_orders(
            &s.admin,
            OrderFilter { after: Some("1.2".into()), sort: OrderSort::PriorityAsc, ..Default::default() },
        )
        .await
        .unwrap_err();
    assert_eq!(err.key, "order.cursor_invalid");
}
conformance!(lists_filter_sort_and_page_, lists_filter_sort_and_page);

async fn search_in_three_languages(s: TestStore) {
    let titles = ["卫生间漏水", "Reparación del ascensor", "Printer jam on floor 3", "电梯停运", "水管漏水 二号楼"];
    let mut numbers = Vec::new();
    for t in titles {
        numbers.push(s.orderly.create_order(&s.admin, order(t)).await.unwrap().number);
    }
    let search = |text: &str| {
        let (orderly, admin, text) = (s.orderly.clone(), s.admin.clone(), text.to_string());
        async move {
            let page = orderly.list_orders(&admin, OrderFilter { text: Some(text), ..Default::default() }).await?;
            Ok::<Vec<String>, orderly::Error>(page.items.into_iter().map(|o| o.title).collect())
        }
    };
    assert_eq!(search("漏水").await.unwrap(), vec!["水管漏水 二号楼", "卫生间漏水"], "two characters, newest first");
    assert_eq!(search("梯").await.unwrap(), vec!["电梯停运"], "one character");
    assert_eq!(search("卫生间漏水").await.unwrap(), vec!["卫生间漏水"]);
    assert!(search("漏电").await.unwrap().is_empty(), "characters apart are not a match");
    assert_eq!(search("reparacion").await.unwrap(), vec!["Reparación del ascensor"], "accent-insensitive");
    assert_eq!(search("REPARACIÓN").await.unwrap(), vec!["Reparación del ascensor"]);
    assert_eq!(search("print flo").await.unwrap(), vec!["Printer jam on floor 3"], "prefixes");
    assert_eq!(search(&numbers[3]).await.unwrap(), vec!["电梯停运"], "by number");
    assert_eq!(search("\"*").await.unwrap_err().key, "search.no_terms");
    let o = s
        .orderly
        .list_orders(&s.admin, OrderFilter { text: Some("printer".into()), ..Default::default() })
        .await
        .unwrap()
        .items
        .remove(0);
    s.orderly
        .add_comment(&s.admin, &o.id, NewComment { body: "已更换硒鼓 toner cambiado".into(), public: false })
        .await
        .unwrap();
    assert_eq!(search("硒鼓").await.unwrap(), vec!["Printer jam on floor 3"], "comments are searched");
    let edited = s
        .orderly
        .update_order(
            &s.admin,
            &o.id,
            OrderUpdate { version: o.version, set: set(&[("title", json!("Impresora atascada"))]) },
        )
        .await
        .unwrap();
    assert_eq!(search("impresora").await.unwrap(), vec![edited.title.clone()], "edits are re-indexed");
    assert!(search("printer").await.unwrap().is_empty());
    assert_eq!(search("toner").await.unwrap(), vec![edited.title], "comments survive a re-index");
}
conformance!(search_in_three_languages_, search_in_three_languages);

async fn history_is_append_only(s: TestStore) {
    s.orderly.create_order(&s.admin, order("audited")).await.unwrap();
    let mut conn = s.orderly.store().pool().acquire().await.unwrap();
    assert!(sqlx::query("UPDATE order_events SET kind = 'forged'").execute(&mut *conn).await.is_err());
    assert!(sqlx::query("DELETE FROM order_events").execute(&mut *conn).await.is_err());
    drop(conn);
    assert_eq!(s.count("order_events").await, 1);
}
conformance!(history_is_append_only_, history_is_append_only);

async fn sign_in_and_sessions(s: TestStore) {
    assert!(s.orderly.setup_needed().await.unwrap());
    let err = s.orderly.setup_admin("short").await.unwrap_err();
    assert_eq!(err.key, "user.password_too_short");
    let (admin, token) = s.orderly.setup_admin("correct horse").await.unwrap();
    assert_eq!(admin.login, "admin");
    assert!(!s.orderly.setup_needed().await.unwrap());
    assert_eq!(s.orderly.setup_admin("another pass").await.unwrap_err().key, "auth.setup_done");
    assert_eq!(s.orderly.sign_in("admin", "wrong horse").await.unwrap_err().code, ErrorCode::Unauthenticated);
    assert_eq!(s.orderly.sign_in("nobody", "correct horse").await.unwrap_err().key, "auth.wrong_credentials");
    let (_, second) = s.orderly.sign_in("admin", "correct horse").await.unwrap();
    assert_eq!(s.orderly.resume(&token).await.unwrap().login, "admin");
    s.orderly.sign_out(&token).await.unwrap();
    assert_eq!(s.orderly.resume(&token).await.unwrap_err().code, ErrorCode::Unauthenticated);
    assert!(s.orderly.resume(&second).await.is_ok(), "signing out ends only that session");
}
conformance!(sign_in_and_sessions_, sign_in_and_sessions);

async fn import_checks_everything_first_and_skips_known_lines(s: TestStore) {
    let good = r#"{"title":"导入工单","external_id":"ext-1","created_at":"2025-03-01T08:00:00Z","status":"done","priority":"P1"}"#;
    let bad = r#"{"title":"bad","priority":"P7"}"#;
    let err = s.orderly.prepare_import(&s.admin, &[good.to_string(), bad.to_string()], "es").await.unwrap_err();
    assert_eq!((err.key.as_str(), err.params["line"].as_str()), ("import.line_invalid", "2"));
    assert!(err.params["detail"].contains("no es válida"), "{:?}", err.params);
    assert_eq!(s.count("work_orders").await, 0);
    let lines = vec![good.to_string(), r#"{"title":"second","external_id":"ext-2"}"#.to_string()];
    let prepared = s.orderly.prepare_import(&s.admin, &lines, "en").await.unwrap();
    let first = s.orderly.import_batch(&s.admin, &prepared).await.unwrap();
    assert_eq!(first.iter().filter(|i| i.skipped).count(), 0);
    assert!(first[0].number.starts_with("WO-2025-"), "numbered in the year it was created");
    let again = s.orderly.import_batch(&s.admin, &prepared).await.unwrap();
    assert!(again.iter().all(|i| i.skipped));
    assert_eq!(again[0].id, first[0].id);
    assert_eq!(s.count("work_orders").await, 2);
    let o = s.orderly.get_order(&s.admin, &first[0].id).await.unwrap();
    assert_eq!((o.status.key(), o.source.as_str(), o.created_at), ("done", "import", 1_740_816_000_000));
}
conformance!(
    import_checks_everything_first_and_skips_known_lines_,
    import_checks_everything_first_and_skips_known_lines
);

async fn orders_reference_the_organisation(s: TestStore) {
    use orderly::domain::org::NewCustomer;
    let group = s.orderly.create_customer_group(&s.admin, "VIP 客户").await.unwrap();
    let customer = s
        .orderly
        .create_customer(
            &s.admin,
            NewCustomer { name: "Hotel Las Palmas".into(), group_id: Some(group.id.clone()), ..Default::default() },
        )
        .await
        .unwrap();
    let hvac =
        s.orderly.create_catalog_item(&s.admin, NewNode { name: "暖通空调".into(), parent_id: None }).await.unwrap();
    let repair = s
        .orderly
        .create_catalog_item(&s.admin, NewNode { name: "Repair".into(), parent_id: Some(hvac.id.clone()) })
        .await
        .unwrap();
    let err = s
        .orderly
        .create_catalog_item(&s.admin, NewNode { name: "Orphan".into(), parent_id: Some("missing".into()) })
        .await
        .unwrap_err();
    assert_eq!((err.key.as_str(), err.field.as_deref()), ("catalog.not_found", Some("parent_id")));
    let err = s
        .orderly
        .create_customer(
            &s.admin,
            NewCustomer { name: "X".into(), group_id: Some("missing".into()), ..Default::default() },
        )
        .await
        .unwrap_err();
    assert_eq!(err.key, "customer_group.not_found");
    let input = NewOrder {
        customer_id: Some(customer.id.clone()),
        catalog_item_id: Some(repair.id.clone()),
        ..order("aire acondicionado")
    };
    let o = s.orderly.create_order(&s.admin, input).await.unwrap();
    let filtered = OrderFilter { customer_id: Some(customer.id.clone()), ..Default::default() };
    assert_eq!(s.orderly.list_orders(&s.admin, filtered).await.unwrap().items[0].id, o.id);
    let err = s
        .orderly
        .update_order(&s.admin, &o.id, OrderUpdate { version: 1, set: set(&[("customer_id", json!("missing"))]) })
        .await
        .unwrap_err();
    assert_eq!((err.key.as_str(), err.field.as_deref()), ("customer.not_found", Some("customer_id")));
    let dir = s.orderly.directory(&s.admin).await.unwrap();
    assert_eq!(dir.catalog.iter().find(|c| c.id == repair.id).unwrap().parent_id.as_deref(), Some(hvac.id.as_str()));
    assert_eq!(dir.customers[0].group_id.as_deref(), Some(group.id.as_str()));
    let template = s.orderly.template(&s.admin, "general").await.unwrap();
    let phone = template.fields.iter().find(|f| f.key == "contact_phone").unwrap();
    assert_eq!(phone.max_length, 40);
}
conformance!(orders_reference_the_organisation_, orders_reference_the_organisation);
