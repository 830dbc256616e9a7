//! Values against a `sales` template with a three-level region cascade and a conditional
//! required field; random definitions and values never panic and are refused per field.

use super::super::check::check;
use super::super::*;
use super::*;
use crate::domain::workflow::Names;
use proptest::prelude::*;
use serde_json::json;

fn n(s: &str) -> Names {
    Names::new(s, s, s)
}

fn node(value: &str, children: Vec<CascadeNode>) -> CascadeNode {
    CascadeNode { value: value.into(), labels: n(value), children }
}

fn field(key: &str, kind: FieldKind) -> FieldDef {
    FieldDef {
        key: key.into(),
        section: "request".into(),
        labels: n(key),
        help: None,
        kind,
        required: false,
        default: None,
    }
}

fn choices(values: &[&str]) -> Vec<Choice> {
    values.iter().map(|v| Choice { value: v.to_string(), labels: n(v) }).collect()
}

/// `sales`: region (country/province/city), purchased yes/no; when purchased is yes the order
/// number is shown and required; an amount in CNY; a phone with a pattern.
fn sales() -> TemplateDef {
    let region = FieldKind::Cascade {
        levels: vec![n("country"), n("province"), n("city")],
        tree: vec![
            node(
                "cn",
                vec![node("gd", vec![node("sz", vec![]), node("gz", vec![])]), node("bj", vec![node("bj", vec![])])],
            ),
            node("es", vec![node("md", vec![node("madrid", vec![])])]),
        ],
        allow_partial: false,
    };
    let mut purchased = field("purchased", FieldKind::Select { options: choices(&["yes", "no"]) });
    purchased.required = true;
    purchased.default = Some(json!("no"));
    TemplateDef {
        key: "sales".into(),
        names: n("Sales"),
        department_id: None,
        category: "sales".into(),
        sections: vec![Section { key: "request".into(), names: n("Request") }],
        fields: vec![
            field("region", region),
            purchased,
            field("order_number", FieldKind::Text { max_chars: Some(20), pattern: Some("SO-[0-9]{4}".into()) }),
            field("amount", FieldKind::Money { currency: "CNY".into(), min: Some(0.0), max: None }),
            field("visits", FieldKind::Number { min: Some(0.0), max: Some(10.0), decimals: Some(0) }),
            field(
                "channels",
                FieldKind::MultiSelect { options: choices(&["phone", "web", "shop"]), max_choices: Some(2) },
            ),
        ],
        rules: vec![
            FieldRule {
                when: vec![RuleCondition::AnyOf { field: "purchased".into(), values: vec!["yes".into()] }],
                effect: RuleEffect::Show,
                targets: vec!["order_number".into()],
            },
            FieldRule {
                when: vec![RuleCondition::AnyOf { field: "purchased".into(), values: vec!["yes".into()] }],
                effect: RuleEffect::Require,
                targets: vec!["order_number".into()],
            },
        ],
        default_priority: Some("P3".into()),
    }
}

fn refused(values: serde_json::Value) -> (String, Option<String>) {
    let err = validate(&sales(), &values, None).expect_err(&values.to_string());
    (err.key, err.field)
}

#[test]
fn a_good_order_is_kept_with_defaults_filled_in() {
    check(&sales()).unwrap();
    let kept = validate(
        &sales(),
        &json!({"region": ["cn", "gd", "sz"], "amount": {"amount": "1200.50", "currency": "CNY"}}),
        None,
    )
    .unwrap();
    assert_eq!(kept["purchased"], "no", "the default");
    assert_eq!(kept["region"], json!(["cn", "gd", "sz"]));
}

#[test]
fn the_rule_requires_the_order_number_only_when_purchased() {
    assert_eq!(
        refused(json!({"purchased": "yes"})),
        ("template.field_required".into(), Some("values.order_number".into()))
    );
    let kept = validate(&sales(), &json!({"purchased": "yes", "order_number": "SO-1234"}), None).unwrap();
    assert_eq!(kept["order_number"], "SO-1234");
    // Hidden while not purchased: a value sent anyway is dropped, not stored.
    let kept = validate(&sales(), &json!({"purchased": "no", "order_number": "SO-1234"}), None).unwrap();
    assert!(!kept.contains_key("order_number"));
    let states = field_states(&sales(), json!({"purchased": "no"}).as_object().unwrap());
    assert!(!states["order_number"].visible && !states["order_number"].required);
}

#[test]
fn values_that_break_their_field_are_refused_naming_it() {
    let cases = [
        (json!({"region": ["cn", "gd"]}), "template.value_path_incomplete", "values.region"),
        (json!({"region": ["cn", "md", "madrid"]}), "template.value_not_an_option", "values.region"),
        (json!({"purchased": "maybe"}), "template.value_not_an_option", "values.purchased"),
        (
            json!({"purchased": "yes", "order_number": "SO-12"}),
            "template.value_pattern_mismatch",
            "values.order_number",
        ),
        (json!({"amount": {"amount": "1.005", "currency": "CNY"}}), "template.value_invalid", "values.amount"),
        (json!({"amount": {"amount": "10", "currency": "EUR"}}), "template.value_currency_mismatch", "values.amount"),
        (json!({"amount": {"amount": "-1", "currency": "CNY"}}), "template.value_below_min", "values.amount"),
        (json!({"visits": 2.5}), "template.value_too_precise", "values.visits"),
        (json!({"visits": 11}), "template.value_above_max", "values.visits"),
        (json!({"channels": ["phone", "web", "shop"]}), "template.value_too_many_choices", "values.channels"),
        (json!({"colour": "red"}), "template.field_unknown", "values.colour"),
        (json!({"purchased": 1}), "template.value_invalid", "values.purchased"),
    ];
    for (values, key, field) in cases {
        assert_eq!(refused(values.clone()), (key.to_string(), Some(field.to_string())), "{values}");
    }
    assert_eq!(validate(&sales(), &json!([1]), None).unwrap_err().field.as_deref(), Some("values"));
}

#[test]
fn read_only_fields_keep_their_value_on_update() {
    let mut def = sales();
    def.rules.push(FieldRule {
        when: vec![RuleCondition::NotEmpty { field: "amount".into() }],
        effect: RuleEffect::ReadOnly,
        targets: vec!["region".into()],
    });
    let before =
        validate(&def, &json!({"region": ["cn", "gd", "sz"], "amount": {"amount": "5", "currency": "CNY"}}), None)
            .unwrap();
    let mut changed = before.clone();
    changed.insert("region".into(), json!(["cn", "gd", "gz"]));
    let err = validate(&def, &serde_json::Value::Object(changed), Some(&before)).unwrap_err();
    assert_eq!((err.key.as_str(), err.field.as_deref()), ("template.field_read_only", Some("values.region")));
    assert!(validate(&def, &serde_json::Value::Object(before.clone()), Some(&before)).is_ok());
}

#[test]
fn bad_definitions_are_refused_naming_the_field() {
    type Spoil = fn(&mut TemplateDef);
    let cases: Vec<(Spoil, &str, &str)> = vec![
        (|d| d.fields[2].key = "region".into(), "template.key_duplicate", "fields.2.key"),
        (
            |d| {
                if let FieldKind::Cascade { tree, .. } = &mut d.fields[0].kind {
                    tree[0].children[0].labels.es = "".into();
                }
            },
            "template.label_missing",
            "fields.0.tree.0.children.0.labels.es",
        ),
        (|d| d.rules[0].targets = vec!["nothing".into()], "template.rule_field_unknown", "rules.0.targets.0"),
        (
            |d| d.rules[1].when = vec![RuleCondition::IsEmpty { field: "ghost".into() }],
            "template.rule_field_unknown",
            "rules.1.when.0.field",
        ),
        (
            |d| d.fields[2].kind = FieldKind::Text { max_chars: None, pattern: Some("SO-[0-9".into()) },
            "template.pattern_invalid",
            "fields.2.pattern",
        ),
        (|d| d.fields[1].default = Some(json!("perhaps")), "template.value_not_an_option", "fields.1.default"),
        (
            |d| d.fields[3].kind = FieldKind::Money { currency: "yuan".into(), min: None, max: None },
            "template.currency_invalid",
            "fields.3.currency",
        ),
        (
            |d| d.fields[4].kind = FieldKind::Number { min: Some(5.0), max: Some(1.0), decimals: None },
            "template.range_inverted",
            "fields.4.max",
        ),
        (|d| d.fields[0].section = "elsewhere".into(), "template.section_unknown", "fields.0.section"),
        (|d| d.default_priority = Some("P0".into()), "order.priority_invalid", "default_priority"),
        (
            |d| {
                if let FieldKind::Cascade { tree, .. } = &mut d.fields[0].kind {
                    tree[0].children[0].children[0].children = vec![node("street", vec![])];
                }
            },
            "template.cascade_too_deep",
            "fields.0.tree.0.children.0.children.0.children",
        ),
    ];
    for (spoil, key, field) in cases {
        let mut def = sales();
        spoil(&mut def);
        let err = check(&def).expect_err(key);
        assert_eq!((err.key.as_str(), err.field.as_deref()), (key, Some(field)), "{key}");
    }
}

fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(json!(null)),
        any::<bool>().prop_map(|b| json!(b)),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        "[a-z0-9 .\\-]{0,12}".prop_map(|s| json!(s)),
        prop_oneof![Just("cn"), Just("gd"), Just("sz"), Just("yes"), Just("SO-1234"), Just("phone")]
            .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("amount".to_string()),
                    Just("currency".to_string()),
                    Just("lat".to_string()),
                    "[a-z]{1,5}"
                ],
                inner,
                0..3
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Any value for any field: no panic, and a refusal names a field under `values.`.
    #[test]
    fn random_values_never_panic_and_are_refused_per_field(
        picks in prop::collection::btree_map(prop_oneof![Just("region"), Just("purchased"), Just("order_number"), Just("amount"), Just("visits"), Just("channels"), Just("other")], any_json(), 0..6)
    ) {
        let values = serde_json::Value::Object(picks.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        match validate(&sales(), &values, None) {
            Ok(kept) => prop_assert!(kept.keys().all(|k| sales().field(k).is_some())),
            Err(e) => prop_assert!(e.field.as_deref().is_some_and(|f| f.starts_with("values")), "{e:?}"),
        }
    }

    /// Random definitions (random keys, labels, patterns, ranges, rules): no panic, and a
    /// refusal always names a field.
    #[test]
    fn random_definitions_never_panic_and_are_refused_per_field(
        key in "[a-zA-Z_ ]{0,6}",
        label in "[a-z ]{0,3}",
        pattern in "[a-z\\[\\]()*+?{}0-9]{0,6}",
        min in any::<f64>(),
        max in any::<f64>(),
        target in prop_oneof![Just("region"), Just("ghost"), Just("purchased")],
        section in prop_oneof![Just("request"), Just("other")],
    ) {
        let mut def = sales();
        def.fields[2].key = key;
        def.fields[1].labels.zh_cn = label;
        def.fields[2].kind = FieldKind::Text { max_chars: None, pattern: Some(pattern) };
        def.fields[4].kind = FieldKind::Number { min: Some(min), max: Some(max), decimals: None };
        def.fields[5].section = section.into();
        def.rules[0].targets = vec![target.into()];
        if let Err(e) = check(&def) {
            prop_assert!(e.field.is_some(), "{e:?}");
        }
    }
}
