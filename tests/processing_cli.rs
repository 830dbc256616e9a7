//! `orderly order collaborator|link|unlink|star|important|bulk-assign|bulk-status`,
//! `orderly order list --view`, `orderly filter …` and `orderly time-rule …` (issue #4) as a
//! script drives them: refusals exit with their code and message and store nothing.

#[path = "common/cli.rs"]
mod cli;

use cli::Cli;
use serde_json::{json, Value};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn titles(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|o| o["title"].as_str().unwrap().to_string()).collect()
}

#[test]
fn processing_from_the_command_line() {
    let cli = Cli::new();
    cli.json(&["department", "add", "Facilities"]);
    cli.json(&["department", "add", "HVAC"]);
    for (login, role, dept) in [("zhao", "technician", "Facilities"), ("chen", "technician", "HVAC")] {
        assert!(cli
            .run(&["user", "add", login, "--name", login, "--role", role, "--department", dept])
            .status
            .success());
    }
    let a = cli.json(&["order", "create", "--title", "空调漏水", "--department", "Facilities"]);
    let b = cli.json(&["order", "create", "--title", "空调又漏水", "--department", "Facilities"]);
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());

    let out = cli.run(&["--as", "chen", "order", "show", a_id]);
    assert_eq!(out.status.code(), Some(4), "another department's technician does not see it");
    let p = cli.json(&["order", "collaborator", "add", a_id, "chen"]);
    assert_eq!(p["collaborators"][0]["login"], "chen");
    cli.json(&["--as", "chen", "order", "comment", a_id, "已到现场", "--internal"]);
    let out = cli.run(&["--as", "chen", "order", "collaborator", "add", a_id, "zhao"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));

    let p = cli.json(&["order", "link", b_id, a["number"].as_str().unwrap(), "--kind", "duplicate_of"]);
    assert_eq!(p["links"][0]["kind"], "duplicate_of");
    let out = cli.run(&["--lang", "zh-CN", "order", "link", a_id, a_id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("不能关联到自身"), "{}", stderr(&out));
    cli.json(&["order", "unlink", a_id, b_id]);

    cli.json(&["order", "star", b_id]);
    cli.json(&["order", "important", a_id]);
    cli.json(&["order", "important", a_id, "--off"]);
    assert_eq!(titles(&cli.json(&["order", "list", "--view", "starred"])), vec!["空调又漏水"]);
    assert!(titles(&cli.json(&["order", "list", "--view", "important"])).is_empty());
    assert_eq!(titles(&cli.json(&["--as", "chen", "order", "list", "--view", "mine"])), vec!["空调漏水"]);
    let out = cli.run(&["order", "list", "--view", "later"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("awaiting_response"), "the message lists the views: {}", stderr(&out));

    cli.json(&["filter", "save", "星标", "--view", "starred"]);
    let out = cli.run(&["filter", "save", "星标", "--view", "mine"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let filters = cli.json(&["filter", "list"]);
    assert_eq!((filters.as_array().unwrap().len(), &filters[0]["filter"]["view"]), (1, &json!("starred")));
    cli.json(&["filter", "delete", "星标"]);
    assert!(cli.json(&["filter", "list"]).as_array().unwrap().is_empty());

    let out = cli.run(&["--json", "order", "bulk-assign", "--to", "zhao", a_id, "WO-2099-999999", b_id]);
    assert_eq!(out.status.code(), Some(5), "the refused order's code: {}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((report["done"].as_u64(), report["refused"].as_u64()), (Some(2), Some(1)));
    let out = cli.run(&["--as", "zhao", "order", "bulk-assign", "--to", "zhao", a_id]);
    assert_eq!(out.status.code(), Some(4), "a technician may not assign: {}", stderr(&out));
    let report = cli.json(&["order", "bulk-status", "--action", "start", a_id, b_id]);
    assert_eq!(report["done"], 2);
    assert_eq!(cli.json(&["order", "list", "--status", "in_progress"])["items"].as_array().unwrap().len(), 2);
}

#[test]
fn time_rules_round_trip_and_bad_ones_are_refused() {
    let cli = Cli::new();
    let rules = json!([{
        "key": "autoclose", "names": {"en": "Close resolved", "zh_cn": "自动关闭", "es": "Cerrar"},
        "status": "done", "after_minutes": 10080, "action": {"kind": "transition", "action": "close"}
    }]);
    let file = cli.file("rules.json");
    std::fs::write(&file, rules.to_string()).unwrap();
    cli.json(&["time-rule", "import", &file]);
    let bad = cli.file("bad.json");
    let mut wrong = rules.clone();
    wrong[0]["after_minutes"] = json!(0);
    std::fs::write(&bad, wrong.to_string()).unwrap();
    let out = cli.run(&["time-rule", "import", &bad]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(cli.json(&["time-rule", "list"]), rules, "nothing of the bad import stored");
    let exported = cli.file("out.json");
    cli.json(&["time-rule", "export", &exported]);
    let back: Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!(back, rules);
}
