//! `orderly template …`, `order create --template`, `order list --field` and `order convert`
//! as scripts use them: JSON shapes, refusals with exit code 2 naming the field, and nothing
//! written by a refused command.

use serde_json::{json, Value};

#[path = "common/cli.rs"]
mod cli;

use cli::Cli;

fn refused(cli: &Cli, args: &[&str]) -> Value {
    let out = cli.run(&[&["--json"], args].concat());
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(String::from_utf8_lossy(&out.stderr).trim().as_bytes()).unwrap()["error"].clone()
}

#[test]
fn templates_are_listed_exported_imported_and_published() {
    let cli = Cli::new();
    let list = cli.json(&["template", "list"]);
    assert_eq!(list["items"].as_array().unwrap().len(), 8);
    let file = cli.file("general.json");
    assert!(cli.run(&["template", "export", "general", &file]).status.success());
    let mut def: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    def["fields"][2]["required"] = json!(true);
    std::fs::write(&file, def.to_string()).unwrap();
    let imported = cli.json(&["template", "import", &file]);
    assert_eq!((imported["version"].as_i64(), imported["status"].as_str()), (Some(2), Some("published")));
    let shown = cli.json(&["template", "show", "general", "--version", "1"]);
    assert_eq!(shown["definition"]["fields"][2]["required"], false);

    def["fields"][1]["pattern"] = json!("[0-9");
    std::fs::write(&file, def.to_string()).unwrap();
    let e = refused(&cli, &["template", "import", &file]);
    assert_eq!((e["key"].as_str(), e["field"].as_str()), (Some("template.pattern_invalid"), Some("fields.1.pattern")));
    assert_eq!(cli.json(&["template", "show", "general"])["version"], 2, "nothing stored");
}

#[test]
fn orders_are_checked_filtered_and_converted() {
    let cli = Cli::new();
    let values = r#"{"channel":"wechat","contact_name":"王芳","answer":"已安排上门"}"#;
    let created =
        cli.json(&["order", "create", "--title", "咨询", "--template", "customer_service", "--values", values]);
    cli.json(&[
        "order",
        "create",
        "--title",
        "电话",
        "--template",
        "customer_service",
        "--values",
        r#"{"channel":"phone"}"#,
    ]);
    let e = refused(
        &cli,
        &["order", "create", "--title", "x", "--template", "customer_service", "--values", r#"{"channel":"fax"}"#],
    );
    assert_eq!(
        (e["key"].as_str(), e["field"].as_str()),
        (Some("template.value_not_an_option"), Some("values.channel"))
    );
    let out = cli.run(&["order", "create", "--title", "x", "--template", "product_requirement", "--values", "{}"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("values.background"), "the text names the field");
    assert_eq!(cli.orders().len(), 2, "nothing written");

    let page = cli.json(&["order", "list", "--field", "channel=wechat"]);
    let numbers: Vec<&str> = page["items"].as_array().unwrap().iter().map(|o| o["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, [created["number"].as_str().unwrap()]);
    assert_eq!(refused(&cli, &["order", "list", "--field", "channel"])["key"], "template.field_filter_invalid");

    let number = created["number"].as_str().unwrap();
    let e = refused(&cli, &["order", "convert", number, "--to", "after_sales"]);
    assert_eq!(e["field"], "values.product", "after-sales needs a product this order lacks");
    let converted = cli.json(&[
        "order",
        "convert",
        number,
        "--to",
        "after_sales",
        "--values",
        r#"{"fault":"不制冷","product":"空调"}"#,
    ]);
    assert_eq!((converted["number"].as_str(), converted["template_key"].as_str()), (Some(number), Some("after_sales")));
    assert_eq!(converted["values"]["_unmapped"]["channel"], "wechat");
    assert_eq!(converted["values"]["solution"], "已安排上门");
}

#[test]
fn versions_are_diffed_and_files_attached_by_reference() {
    let cli = Cli::new();
    let file = cli.file("it_repair.json");
    assert!(cli.run(&["template", "export", "it_repair", &file]).status.success());
    let mut def: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    def["fields"][3]["max_bytes"] = json!(1000);
    std::fs::write(&file, def.to_string()).unwrap();
    cli.json(&["template", "import", &file]);
    let diff = cli.json(&["template", "diff", "it_repair", "1", "2"]);
    assert_eq!(
        diff["changes"],
        json!([{"kind": "changed", "target": "field", "key": "screenshots", "detail": ["max_bytes"]}])
    );
    let text = cli.run(&["template", "diff", "it_repair", "1", "2"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("~ field screenshots: max_bytes"));
    let missing = cli.run(&["--json", "template", "diff", "it_repair", "1", "7"]);
    assert_eq!(missing.status.code(), Some(5), "an unknown version is not found");

    let shot = cli.file("screen.png");
    std::fs::write(&shot, b"\x89PNG screen").unwrap();
    let big = cli.file("big.pdf");
    std::fs::write(&big, vec![0u8; 1001]).unwrap();
    let e = refused(&cli, &["attachment", "add", &big, "--template", "it_repair", "--field", "screenshots"]);
    assert_eq!(
        (e["key"].as_str(), e["field"].as_str()),
        (Some("template.value_file_too_large"), Some("values.screenshots"))
    );
    let stored = cli.json(&["attachment", "add", &shot, "--template", "it_repair", "--field", "screenshots"]);
    assert_eq!(
        (stored["name"].as_str(), stored["mime"].as_str(), stored["size"].as_u64()),
        (Some("screen.png"), Some("image/png"), Some(11))
    );
    let files = std::path::Path::new(&cli.db).parent().unwrap().join("attachments");
    let sha = stored["sha256"].as_str().unwrap();
    assert!(files.join(&sha[..2]).join(sha).is_file(), "kept beside the store by its hash");

    let values =
        json!({"device": "ThinkPad", "fault_type": "hardware", "location": {"address": "3F"}, "screenshots": [stored]});
    let order = cli.json(&[
        "order",
        "create",
        "--title",
        "屏幕闪烁",
        "--template",
        "it_repair",
        "--values",
        &values.to_string(),
    ]);
    assert_eq!(order["values"]["screenshots"][0]["sha256"], sha);
    let back = cli.file("back.png");
    cli.json(&["attachment", "get", sha, "--out", &back]);
    assert_eq!(std::fs::read(&back).unwrap(), b"\x89PNG screen");
    let mut forged = values.clone();
    forged["screenshots"][0]["sha256"] = json!("ab".repeat(32));
    let e =
        refused(&cli, &["order", "create", "--title", "x", "--template", "it_repair", "--values", &forged.to_string()]);
    assert_eq!((e["key"].as_str(), e["field"].as_str()), (Some("attachment.not_stored"), Some("values.screenshots")));
}
