//! `orderly report …` (issue #8): a report added from a JSON file, listed, run as of a time
//! into a folder (one HTML file, its path printed); a bad definition exits 2 naming the field
//! and stores nothing.

#[path = "common/cli.rs"]
mod cli;

use cli::Cli;

const REPORT: &str = r#"{
  "name": "Backlog semanal",
  "tiles": [
    {"id": "created", "metric": "created", "period": "day", "last": 30, "chart": "line"},
    {"id": "backlog", "metric": "backlog", "period": "week", "last": 4, "chart": "table"}
  ],
  "schedule": {"every": "weekly", "at": "07:30", "weekday": 1},
  "recipients": ["jefa@example.com"]
}"#;

#[test]
fn report_add_list_and_run_into_a_folder() {
    let cli = Cli::new();
    assert!(cli.run(&["settings", "set", "org.time_zone", "Europe/Madrid"]).status.success());
    let lines = cli.file("orders.jsonl");
    std::fs::write(
        &lines,
        "{\"title\":\"Fuga de agua\",\"created_at\":\"2026-03-02T09:00:00Z\"}\n\
         {\"title\":\"Ascensor parado\",\"created_at\":\"2026-03-03T10:00:00Z\"}\n",
    )
    .unwrap();
    assert!(cli.run(&["order", "import", &lines]).status.success());
    let file = cli.file("report.json");
    std::fs::write(&file, REPORT).unwrap();
    let added = cli.json(&["report", "add", &file]);
    assert_eq!(added["definition"]["name"], "Backlog semanal");
    assert!(added["next_run_at"].is_i64());
    assert_eq!(cli.json(&["report", "list"]).as_array().unwrap().len(), 1);

    let out_dir = cli.file("informes");
    let ran = cli.json(&[
        "--lang",
        "es",
        "report",
        "run",
        "Backlog semanal",
        "--out",
        &out_dir,
        "--now",
        "2026-03-04T12:00:00Z",
    ]);
    let path = ran["done"].as_str().unwrap();
    assert!(path.starts_with(&out_dir) && path.ends_with("Backlog-semanal-20260304-1300.html"), "{path}");
    let html = std::fs::read_to_string(path).unwrap();
    assert!(html.contains("<svg") && html.contains("Generado") && html.contains("4 mar 2026 13:00 (Europe/Madrid)"));
    assert!(html.contains("<td>3 mar</td><td class=\"v\">1</td>"), "the order of 3 March in the table");
}

#[test]
fn a_bad_report_exits_2_with_the_field_and_stores_nothing() {
    let cli = Cli::new();
    let file = cli.file("bad.json");
    std::fs::write(&file, REPORT.replace("07:30", "7h30")).unwrap();
    let out = cli.run(&["--json", "report", "add", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        (err["error"]["key"].as_str(), err["error"]["field"].as_str()),
        (Some("report.time_invalid"), Some("schedule.at"))
    );
    assert_eq!(cli.json(&["report", "list"]), serde_json::json!([]));
    let missing = cli.run(&["report", "run", "Nope", "--out", &cli.file("x")]);
    assert_eq!(missing.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Report \"Nope\" was not found."));
}

#[test]
fn settings_smtp_is_checked_and_never_shows_the_password() {
    let cli = Cli::new();
    let bad = cli.run(&["--json", "settings", "smtp", "--host", "mail.example.com", "--from", "informes"]);
    assert_eq!(bad.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&bad.stderr).unwrap();
    assert_eq!(
        (err["error"]["key"].as_str(), err["error"]["field"].as_str()),
        (Some("report.email_invalid"), Some("from"))
    );
    assert_eq!(cli.json(&["settings", "smtp", "--show"]), serde_json::Value::Null);
    let args = ["settings", "smtp", "--host", "mail.example.com", "--user", "informes", "--password", "s3cr3t"];
    let saved = cli.json(&[&args[..], &["--from", "informes@example.com"]].concat());
    assert_eq!((saved["port"].as_u64(), saved["security"].as_str()), (Some(587), Some("starttls")));
    assert_eq!(saved["password_set"], true);
    let shown = cli.run(&["--json", "settings", "smtp", "--show"]);
    assert!(!String::from_utf8_lossy(&shown.stdout).contains("s3cr3t"));
}
