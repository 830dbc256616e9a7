//! Random template definitions and values through the service on both engines: a built-in
//! definition with one attribute replaced by a random value is imported, then an order with
//! random values is created on it. Nothing panics; a refusal is invalid input naming a field
//! and stores nothing; an accepted order's values pass the template again.

mod common;

use orderly::domain::form::values::validate;
use orderly::domain::order::NewOrder;
use orderly::ErrorCode;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

const LIBRARY: [&str; 8] = [
    "general",
    "product_requirement",
    "sales",
    "customer_service",
    "after_sales",
    "it_repair",
    "inspection",
    "preventive_maintenance",
];
const ATTRIBUTES: [&str; 9] =
    ["key", "type", "pattern", "options", "required", "section", "labels", "tree", "max_chars"];

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-1e6f64..1e6).prop_map(|n| json!(n)),
        "\\PC{0,12}".prop_map(Value::String),
        prop_oneof![Just("(".to_string()), Just("[0-9".to_string()), Just("contact_name".to_string())]
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..4).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

async fn store_counts(s: &common::TestStore) -> (i64, i64, i64) {
    (s.count("templates").await, s.count("work_orders").await, s.count("order_field_values").await)
}

#[test]
fn random_definitions_and_values_never_panic_and_refusals_store_nothing() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let stores = common::open_all(&rt);
    let mut runner = TestRunner::new(Config { cases: 96, ..Config::default() });
    let strategy = (
        0..LIBRARY.len(),
        0..12usize,
        0..ATTRIBUTES.len(),
        any_json(),
        prop::collection::vec((0..12usize, any_json()), 0..5),
        any::<u32>(),
    );
    runner
        .run(&strategy, |(lib, field, attribute, replacement, values, salt)| {
            let text = std::fs::read_to_string(format!("templates/library/{}.json", LIBRARY[lib])).unwrap();
            let mut def: Value = serde_json::from_str(&text).unwrap();
            def["key"] = json!(format!("prop_{salt}"));
            let fields = def["fields"].as_array().map(Vec::len).unwrap_or(0);
            let keys: Vec<String> =
                (0..fields).map(|i| def["fields"][i]["key"].as_str().unwrap_or("x").to_string()).collect();
            if field < fields {
                def["fields"][field][ATTRIBUTES[attribute]] = replacement;
            }
            let values: serde_json::Map<String, Value> = values
                .into_iter()
                .map(|(i, v)| (keys.get(i).cloned().unwrap_or_else(|| format!("nope{i}")), v))
                .collect();
            rt.block_on(async {
                for s in &stores {
                    one_case(s, &def, &Value::Object(values.clone())).await;
                }
            });
            Ok(())
        })
        .unwrap();
}

async fn one_case(s: &common::TestStore, def: &Value, values: &Value) {
    let before = store_counts(s).await;
    let key = def["key"].as_str().unwrap().to_string();
    let imported = s.orderly.import_template(&s.admin, &def.to_string(), false).await;
    let after_import = store_counts(s).await;
    let template = match imported {
        Err(e) => {
            assert_eq!(e.code, ErrorCode::InvalidInput, "{e:?}");
            assert!(e.field.is_some(), "a refusal names the field: {e:?}");
            assert_eq!(after_import, before, "a refused definition stores nothing");
            return;
        }
        Ok(t) => {
            assert_eq!(after_import.0, before.0 + 1);
            t
        }
    };
    let input =
        NewOrder {
            title: "随机".into(), template_key: Some(key), values: Some(values.clone()), ..Default::default()
        };
    match s.orderly.create_order(&s.admin, input).await {
        Err(e) => {
            assert_eq!(e.code, ErrorCode::InvalidInput, "{e:?}");
            assert!(e.field.as_deref().is_some_and(|f| f.starts_with("values")), "{e:?}");
            assert_eq!(store_counts(s).await, after_import, "a refused order stores nothing");
        }
        Ok(order) => {
            validate(&template.definition, &order.values, None).unwrap();
            assert_eq!(store_counts(s).await.1, after_import.1 + 1);
        }
    }
}
