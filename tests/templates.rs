//! Templates (issue #3) on both engines: the seeded library, refused definitions that name
//! the field and store nothing, versions (an old order keeps its version), values checked
//! per field with cascades and rules, conversion customer service -> after-sales, and the
//! order list filtered by a select field's value.

mod common;

use common::TestStore;
use orderly::domain::form::library::FieldMapping;
use orderly::domain::order::{FieldFilter, NewOrder, OrderFilter, OrderUpdate, WorkOrder};
use orderly::service::template_orders::OrderConversion;
use orderly::ErrorCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn order(template: &str, values: Value) -> NewOrder {
    NewOrder {
        title: format!("{template} 工单"),
        template_key: Some(template.into()),
        values: Some(values),
        ..Default::default()
    }
}

async fn create(s: &TestStore, template: &str, values: Value) -> WorkOrder {
    s.orderly.create_order(&s.admin, order(template, values)).await.unwrap()
}

async fn refused(s: &TestStore, template: &str, values: Value) -> (String, Option<String>) {
    let e = s.orderly.create_order(&s.admin, order(template, values)).await.unwrap_err();
    (e.key, e.field)
}

fn library_json(key: &str) -> Value {
    let text = std::fs::read_to_string(format!("templates/library/{key}.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

async fn the_library_is_seeded_once_with_its_mapping(s: TestStore) {
    let o = &s.orderly;
    let all = o.templates(&s.admin).await.unwrap();
    let keys: Vec<&str> = all.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "after_sales",
            "customer_service",
            "general",
            "inspection",
            "it_repair",
            "preventive_maintenance",
            "product_requirement",
            "sales"
        ]
    );
    assert!(all.iter().all(|t| t.version == 1 && t.draft_version.is_none()));
    assert_eq!(all.iter().find(|t| t.key == "sales").unwrap().names.zh_cn, "销售");
    let mapping = o.template_mapping(&s.admin, "customer_service", "after_sales").await.unwrap();
    assert_eq!(mapping.fields.get("answer").map(String::as_str), Some("solution"));
    assert_eq!(s.count("templates").await, 8);
    let info = o.template(&s.admin, "general").await.unwrap();
    assert_eq!(
        info.fields.iter().map(|f| (f.key.as_str(), f.max_length)).collect::<Vec<_>>(),
        [("contact_name", 200), ("contact_phone", 40), ("asset_tag", 100)]
    );
}

async fn bad_definitions_are_refused_naming_the_field_and_store_nothing(s: TestStore) {
    let o = &s.orderly;
    let mut dup = library_json("general");
    dup["key"] = json!("site_visit");
    dup["fields"][2]["key"] = json!("contact_name");
    let mut cascade = library_json("sales");
    cascade["key"] = json!("sales_eu");
    cascade["fields"][2]["tree"][1]["labels"]["es"] = json!(" ");
    let mut rule = library_json("sales");
    rule["key"] = json!("sales_rule");
    rule["rules"][0]["when"][0]["field"] = json!("bought");
    let mut regex = library_json("general");
    regex["key"] = json!("general_re");
    regex["fields"][1]["pattern"] = json!("[0-9");
    let cases = [
        (dup, "template.key_duplicate", "fields.2.key"),
        (cascade, "template.label_missing", "fields.2.tree.1.labels.es"),
        (rule, "template.rule_field_unknown", "rules.0.when.0.field"),
        (regex, "template.pattern_invalid", "fields.1.pattern"),
        (json!({"key": "x"}), "input.malformed_json", "definition"),
    ];
    for (def, key, field) in cases {
        let e = o.import_template(&s.admin, &def.to_string(), false).await.unwrap_err();
        assert_eq!((e.key.as_str(), e.field.as_deref()), (key, Some(field)), "{def}");
        assert!(!e.message("zh-CN").is_empty());
    }
    assert_eq!(s.count("templates").await, 8, "nothing stored");
    let agent = s.user("agent", &["agent"], None).await;
    let e = o.import_template(&agent, &library_json("general").to_string(), false).await.unwrap_err();
    assert_eq!(e.key, "perm.administer");
}

async fn publishing_makes_a_new_version_and_old_orders_keep_theirs(s: TestStore) {
    let o = &s.orderly;
    let old = create(&s, "general", json!({"contact_name": "李雷"})).await;
    assert_eq!(old.template_version, 1);
    let mut v2 = library_json("general");
    v2["fields"][2]["required"] = json!(true);
    let draft = o.import_template(&s.admin, &v2.to_string(), true).await.unwrap();
    assert_eq!((draft.version, draft.status.key()), (2, "draft"));
    // A draft is not used for new orders until it is published.
    assert_eq!(create(&s, "general", json!({})).await.template_version, 1);
    let published = o.publish_template(&s.admin, "general").await.unwrap();
    assert_eq!((published.version, published.status.key()), (2, "published"));
    assert_eq!(o.publish_template(&s.admin, "general").await.unwrap_err().key, "template.no_draft");
    assert_eq!(
        refused(&s, "general", json!({})).await,
        ("template.field_required".into(), Some("values.asset_tag".into()))
    );
    let new = create(&s, "general", json!({"asset_tag": "A-7"})).await;
    assert_eq!(new.template_version, 2);
    // The old order is still checked against version 1: no asset tag needed.
    let set = BTreeMap::from([("values.contact_name".to_string(), json!("韩梅梅"))]);
    let updated = o.update_order(&s.admin, &old.id, OrderUpdate { version: old.version, set }).await.unwrap();
    assert_eq!((updated.template_version, updated.values["contact_name"].as_str()), (1, Some("韩梅梅")));
    assert!(!o.get_template(&s.admin, "general", Some(1)).await.unwrap().definition.fields[2].required);
    let listed = o.templates(&s.admin).await.unwrap();
    assert_eq!(listed.iter().find(|t| t.key == "general").unwrap().version, 2);
}

async fn values_are_checked_per_field_with_cascades_and_rules(s: TestStore) {
    let before = s.count("work_orders").await;
    let partial = json!({"region": ["cn", "gd"], "purchased": "no"});
    assert_eq!(
        refused(&s, "sales", partial).await,
        ("template.value_path_incomplete".into(), Some("values.region".into()))
    );
    let wrong = json!({"region": ["cn", "gd", "lima"], "purchased": "no"});
    assert_eq!(
        refused(&s, "sales", wrong).await,
        ("template.value_not_an_option".into(), Some("values.region".into()))
    );
    let needs_ref = json!({"region": ["cn", "gd", "sz"], "purchased": "yes"});
    assert_eq!(
        refused(&s, "sales", needs_ref).await,
        ("template.field_required".into(), Some("values.order_reference".into()))
    );
    assert_eq!(refused(&s, "sales", json!({"colour": "red"})).await.0, "template.field_unknown");
    assert_eq!(s.count("work_orders").await, before, "nothing written");
    assert_eq!(s.count("order_field_values").await, 0);
    let ok =
        create(&s, "sales", json!({"region": ["cn", "gd", "sz"], "purchased": "yes", "order_reference": "PO-1"})).await;
    assert_eq!(ok.values["order_reference"], "PO-1");
    // The field the rule requires and the choice that requires it, changed in one update.
    let set = BTreeMap::from([
        ("values.purchased".to_string(), json!("no")),
        ("values.order_reference".to_string(), Value::Null),
    ]);
    let o = s.orderly.update_order(&s.admin, &ok.id, OrderUpdate { version: ok.version, set }).await.unwrap();
    assert!(o.values.get("order_reference").is_none());
    let set = BTreeMap::from([("values.purchased".to_string(), json!("yes"))]);
    let e = s.orderly.update_order(&s.admin, &o.id, OrderUpdate { version: o.version, set }).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("values.order_reference"));
    let state = s.orderly.template_form_state(&s.admin, "sales", None, &json!({"purchased": "yes"})).await.unwrap();
    let reference = state.fields.iter().find(|f| f.key == "order_reference").unwrap();
    assert!(reference.visible && reference.required && !state.valid);
}

async fn converting_keeps_the_order_and_records_the_old_values(s: TestStore) {
    let o = &s.orderly;
    let values = json!({"contact_name": "王芳", "channel": "wechat", "product": "空调 KFR-35", "answer": "已安排上门"});
    let cs = create(&s, "customer_service", values).await;
    o.add_comment(&s.admin, &cs.id, orderly::domain::history::NewComment { body: "客户来电".into(), public: true })
        .await
        .unwrap();
    let cs = o.get_order(&s.admin, &cs.id).await.unwrap();
    let to = |values: Option<Value>, version: i64| OrderConversion {
        to_key: "after_sales".into(),
        template_version: None,
        version,
        values,
    };
    // The preview says where each value goes, by the same mapping the conversion applies.
    let preview = o.conversion_preview(&s.admin, &cs.id, "after_sales", None).await.unwrap();
    let carried: BTreeMap<&str, Option<&str>> =
        preview.carried.iter().map(|c| (c.from.as_str(), c.to.as_deref())).collect();
    let expected = [
        ("answer", Some("solution")),
        ("channel", None),
        ("contact_name", Some("contact_name")),
        ("product", Some("product")),
    ];
    assert_eq!(carried, BTreeMap::from(expected));
    assert_eq!(o.get_order(&s.admin, &cs.id).await.unwrap().version, cs.version, "a preview writes nothing");
    let same = o.conversion_preview(&s.admin, &cs.id, "customer_service", None).await.unwrap_err();
    assert_eq!((same.key.as_str(), same.field.as_deref()), ("template.convert_same", Some("to_key")));
    let unknown = o.conversion_preview(&s.admin, &cs.id, "nope", None).await.unwrap_err();
    assert_eq!((unknown.key.as_str(), unknown.field.as_deref()), ("template.unknown", Some("to_key")));
    let e = o.convert_order(&s.admin, &cs.id, to(None, cs.version)).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("template.field_required", Some("values.fault")));
    assert_eq!(o.get_order(&s.admin, &cs.id).await.unwrap().template_key, "customer_service", "nothing changed");
    let done = o.convert_order(&s.admin, &cs.id, to(Some(json!({"fault": "不制冷"})), cs.version)).await.unwrap();
    assert_eq!(
        (done.number.as_str(), done.template_key.as_str(), done.template_version),
        (cs.number.as_str(), "after_sales", 1)
    );
    assert_eq!(done.values["solution"], "已安排上门");
    assert_eq!(done.values["contact_name"], "王芳");
    assert_eq!(done.values["_unmapped"], json!({"channel": "wechat"}), "unmapped values stay visible");
    for c in &preview.carried {
        match (&c.to, &c.mapped) {
            (Some(to), Some(mapped)) => assert_eq!(&done.values[to], mapped, "{} went where the preview said", c.from),
            _ => assert_eq!(done.values["_unmapped"][&c.from], c.value, "{} was kept aside as previewed", c.from),
        }
    }
    let detail = o.order_detail(&s.admin, &cs.id).await.unwrap();
    assert_eq!(detail.comments.len(), 1);
    let kinds: Vec<&str> = detail.history.iter().map(|e| e.kind.key()).collect();
    assert_eq!(kinds[..2], ["created", "commented"]);
    let conversion = detail.history.last().unwrap();
    assert_eq!(conversion.field.as_deref(), Some("template"));
    let old = conversion.old_value.as_ref().unwrap();
    assert_eq!((old["key"].as_str(), old["values"]["channel"].as_str()), (Some("customer_service"), Some("wechat")));
    assert_eq!(conversion.new_value.as_ref().unwrap()["key"], "after_sales");
    // The stale version read before the conversion is a conflict.
    let again = o.convert_order(&s.admin, &cs.id, to(None, cs.version)).await.unwrap_err();
    assert_eq!(again.key, "order.version_stale");
    // A later edit keeps the unmapped values.
    let set = BTreeMap::from([("values.serial_number".to_string(), json!("SN-9"))]);
    let edited = o.update_order(&s.admin, &cs.id, OrderUpdate { version: done.version, set }).await.unwrap();
    assert_eq!(edited.values["_unmapped"]["channel"], "wechat");
}

async fn mappings_are_checked_naming_the_field(s: TestStore) {
    let o = &s.orderly;
    let mut m = FieldMapping { from: "customer_service".into(), to: "after_sales".into(), ..Default::default() };
    m.fields.insert("nothing".into(), "fault".into());
    assert_eq!(o.save_template_mapping(&s.admin, m).await.unwrap_err().field.as_deref(), Some("fields.nothing"));
    let mut m = FieldMapping { from: "customer_service".into(), to: "customer_service".into(), ..Default::default() };
    m.options.insert("channel".into(), BTreeMap::from([("fax".into(), "email".into())]));
    let e = o.save_template_mapping(&s.admin, m).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("template.value_not_an_option", Some("options.channel.fax")));
    let mut m = FieldMapping { from: "customer_service".into(), to: "after_sales".into(), ..Default::default() };
    m.fields.insert("answer".into(), "solution".into());
    m.fields.insert("channel".into(), "contact_phone".into());
    assert_eq!(o.save_template_mapping(&s.admin, m).await.unwrap_err().key, "template.mapping_type_mismatch");
}

async fn the_list_filters_by_a_choice_value(s: TestStore) {
    let (o, admin) = (&s.orderly, &s.admin);
    let mut wechat = Vec::new();
    for (i, channel) in ["wechat", "phone", "wechat", "email", "wechat"].iter().enumerate() {
        let c = create(&s, "customer_service", json!({"channel": channel, "contact_name": format!("客户{i}")})).await;
        if *channel == "wechat" {
            wechat.push(c.id);
        }
    }
    create(
        &s,
        "inspection",
        json!({"site": {"address": "北京"}, "checklist": ["exits", "alarms"], "all_passed": true}),
    )
    .await;
    create(&s, "sales", json!({"region": ["es", "md", "madrid"], "purchased": "no"})).await;
    let list = |key: &str, value: &str, limit: u32| {
        let filter = OrderFilter {
            field: Some(FieldFilter { key: key.into(), value: value.into() }),
            limit: Some(limit),
            ..Default::default()
        };
        async move { o.list_orders(admin, filter).await.unwrap() }
    };
    let page = list("channel", "wechat", 50).await;
    let mut ids: Vec<String> = page.items.iter().map(|o| o.id.clone()).collect();
    ids.reverse();
    assert_eq!(ids, wechat, "exactly the matching orders, newest first");
    let first = list("channel", "wechat", 2).await;
    assert_eq!(first.items.len(), 2);
    let rest = o
        .list_orders(
            &s.admin,
            OrderFilter {
                field: Some(FieldFilter { key: "channel".into(), value: "wechat".into() }),
                after: first.next,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert_eq!(list("checklist", "alarms", 50).await.items.len(), 1);
    assert_eq!(list("region", "es", 50).await.items.len(), 1, "a cascade matches a value on its path");
    assert!(list("channel", "fax", 50).await.items.is_empty());
}

async fn a_clone_is_a_draft_of_a_new_key(s: TestStore) {
    let o = &s.orderly;
    let draft = o.clone_template(&s.admin, "it_repair", "it_repair_hq", None).await.unwrap();
    assert_eq!((draft.version, draft.status.key()), (1, "draft"));
    assert_eq!(o.clone_template(&s.admin, "it_repair", "sales", None).await.unwrap_err().key, "template.key_taken");
    assert_eq!(refused(&s, "it_repair_hq", json!({})).await.0, "template.unknown");
    o.publish_template(&s.admin, "it_repair_hq").await.unwrap();
    let exported = o.export_template(&s.admin, "it_repair_hq", None).await.unwrap();
    assert!(exported.contains("\"key\": \"it_repair_hq\""));
}

async fn the_designer_previews_an_unsaved_definition_checked_like_a_save(s: TestStore) {
    let o = &s.orderly;
    let mut def: orderly::domain::form::TemplateDef = serde_json::from_value(library_json("sales")).unwrap();
    def.key = "sales_preview".into();
    let state = o.template_preview_state(&s.admin, def.clone(), &json!({"purchased": "yes"})).await.unwrap();
    let reference = state.fields.iter().find(|f| f.key == "order_reference").unwrap();
    assert!(reference.visible && reference.required && !state.valid);
    assert_eq!((state.key.as_str(), state.version), ("sales_preview", 0));
    let filled = json!({"purchased": "yes", "order_reference": "PO-1", "region": ["cn", "gd", "sz"]});
    assert!(o.template_preview_state(&s.admin, def.clone(), &filled).await.unwrap().valid);
    let mut broken = def.clone();
    broken.fields[3].key = broken.fields[0].key.clone();
    let e = o.template_preview_state(&s.admin, broken, &json!({})).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("template.key_duplicate", Some("fields.3.key")));
    let e = o.template_preview_state(&s.admin, def.clone(), &json!(["not", "an", "object"])).await.unwrap_err();
    assert_eq!(e.field.as_deref(), Some("values"));
    let agent = s.user("agent", &["agent"], None).await;
    assert_eq!(o.template_preview_state(&agent, def, &json!({})).await.unwrap_err().key, "perm.administer");
    assert_eq!(s.count("templates").await, 8, "a preview stores nothing");
}

async fn versions_are_compared_property_by_property(s: TestStore) {
    let o = &s.orderly;
    let mut v2 = library_json("general");
    v2["fields"][2]["required"] = json!(true);
    v2["fields"][0]["labels"]["es"] = json!("Persona de contacto");
    o.import_template(&s.admin, &v2.to_string(), true).await.unwrap();
    let d = o.template_diff(&s.admin, "general", 1, 2).await.unwrap();
    let changes = serde_json::to_value(&d.changes).unwrap();
    assert_eq!(
        changes,
        json!([
            {"kind": "changed", "target": "field", "key": "contact_name", "detail": ["labels"]},
            {"kind": "changed", "target": "field", "key": "asset_tag", "detail": ["required"]},
        ])
    );
    let e = o.template_diff(&s.admin, "general", 1, 9).await.unwrap_err();
    assert_eq!(
        (e.code, e.key.as_str(), e.field.as_deref()),
        (ErrorCode::NotFound, "template.version_unknown", Some("to"))
    );
    assert!(e.message("zh-CN").contains('9'));
    // A draft is an admin's: others meet it as an unknown version.
    let agent = s.user("agent", &["agent"], None).await;
    assert_eq!(o.template_diff(&agent, "general", 2, 1).await.unwrap_err().field.as_deref(), Some("from"));
}

conformance!(library_seeded, the_library_is_seeded_once_with_its_mapping);
conformance!(bad_definitions, bad_definitions_are_refused_naming_the_field_and_store_nothing);
conformance!(versions, publishing_makes_a_new_version_and_old_orders_keep_theirs);
conformance!(values_checked, values_are_checked_per_field_with_cascades_and_rules);
conformance!(conversion, converting_keeps_the_order_and_records_the_old_values);
conformance!(mappings_checked, mappings_are_checked_naming_the_field);
conformance!(field_filter, the_list_filters_by_a_choice_value);
conformance!(clones, a_clone_is_a_draft_of_a_new_key);
conformance!(preview, the_designer_previews_an_unsaved_definition_checked_like_a_save);
conformance!(diff, versions_are_compared_property_by_property);
