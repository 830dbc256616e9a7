//! `orderly order act|transfer|review`, `orderly workflow …` and `orderly trigger …` (issue #4)
//! as a script drives them: refusals exit 2 or 4 with the message and store nothing.

#[path = "common/cli.rs"]
mod cli;

use cli::Cli;
use serde_json::{json, Value};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn transfer_with_review_and_triggers_from_the_command_line() {
    let cli = Cli::new();
    let facilities = cli.json(&["department", "add", "Facilities"]);
    cli.json(&["department", "add", "HVAC"]);
    for (login, role, dept) in
        [("wang", "agent", None), ("zhao", "technician", Some("Facilities")), ("chen", "supervisor", Some("HVAC"))]
    {
        let mut args = vec!["user", "add", login, "--name", login, "--role", role];
        if let Some(d) = dept {
            args.extend(["--department", d]);
        }
        assert!(cli.run(&args).status.success(), "{login}");
    }
    let triggers = json!([{
        "key": "route_hvac", "names": {"en": "HVAC", "zh_cn": "空调", "es": "Clima"}, "on": ["create"],
        "conditions": [{"kind": "text_contains", "words": ["空调"]}],
        "actions": [{"kind": "assign_department", "department_id": facilities["id"]}]
    }]);
    let file = cli.file("triggers.json");
    std::fs::write(&file, triggers.to_string()).unwrap();
    cli.json(&["trigger", "import", &file]);
    let bad = cli.file("bad.json");
    std::fs::write(
        &bad,
        json!([{"key": "x", "names": {"en": "x", "zh_cn": "x", "es": "x"}, "on": [], "actions": []}]).to_string(),
    )
    .unwrap();
    let out = cli.run(&["--lang", "zh-CN", "trigger", "import", &bad]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("触发时机"), "{}", stderr(&out));
    assert_eq!(cli.json(&["trigger", "list"]).as_array().unwrap().len(), 1, "nothing stored");

    let order = cli.json(&["--as", "wang", "order", "create", "--title", "会议室空调漏水"]);
    let id = order["id"].as_str().unwrap().to_string();
    assert_eq!(order["department_id"], facilities["id"], "routed by the trigger");
    let plan = cli.json(&["trigger", "test", "route_hvac", &id]);
    assert_eq!(plan["firings"][0]["trigger"], "route_hvac");
    cli.json(&["order", "assign", &id, "zhao"]);
    let out = cli.run(&["--as", "wang", "order", "act", &id, "start"]);
    assert_eq!(out.status.code(), Some(4), "an agent may not start: {}", stderr(&out));
    cli.json(&["--as", "zhao", "order", "act", &id, "start"]);
    let out = cli.run(&["--as", "zhao", "order", "act", &id, "suspend"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("needs a comment"), "{}", stderr(&out));
    let pending = cli.json(&["--as", "zhao", "order", "transfer", &id, "--to", "HVAC", "--reason", "needs HVAC"]);
    assert_eq!(pending["status"], "pending_transfer");
    let out = cli.run(&["--as", "chen", "order", "review", &id, "reject"]);
    assert_eq!(out.status.code(), Some(2), "a rejection needs a comment");
    let done = cli.json(&["--as", "chen", "order", "review", &id, "approve", "--comment", "ok"]);
    assert_eq!((done["status"].as_str(), done["assignee_id"].clone()), (Some("transferred"), Value::Null));
    let shown = cli.run(&["order", "show", &id]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains("workflow_action") && text.contains("approve_transfer"), "{text}");
}

#[test]
fn workflows_export_import_and_refuse_bad_ones() {
    let cli = Cli::new();
    let list = cli.json(&["workflow", "list"]);
    assert_eq!(list[0]["key"], "default");
    let file = cli.file("default.json");
    assert!(cli.run(&["workflow", "export", "default", &file]).status.success());
    let mut def: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    def["key"] = json!("repair_flow");
    std::fs::write(&file, def.to_string()).unwrap();
    let stored = cli.json(&["workflow", "import", &file, "--template", "it_repair"]);
    assert_eq!((stored["key"].as_str(), stored["version"].as_i64()), (Some("repair_flow"), Some(1)));
    def["key"] = json!("broken");
    let names = json!({"en": "Archived", "zh_cn": "已归档", "es": "Archivada"});
    def["statuses"].as_array_mut().unwrap().push(json!({"key": "archived", "category": "closed", "names": names}));
    def["transitions"].as_array_mut().unwrap().push(json!({
        "action": "archive", "names": names, "from": ["closed"], "to": "archived", "parties": ["admin"]
    }));
    std::fs::write(&file, def.to_string()).unwrap();
    let out = cli.run(&["--lang", "es", "workflow", "import", &file]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("archived"), "{}", stderr(&out));
    let keys: Vec<Value> =
        cli.json(&["workflow", "list"]).as_array().unwrap().iter().map(|w| w["key"].clone()).collect();
    assert_eq!(keys, [json!("default"), json!("repair_flow")]);
    let out = cli.run(&["--as", "nobody", "workflow", "list"]);
    assert!(!out.status.success());
}
