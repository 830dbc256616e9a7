//! The CLI as scripts use it: exit codes, translated errors on stderr, and a store left
//! unchanged by every refusal.

use serde_json::Value;
use std::process::Output;

#[path = "common/cli.rs"]
mod cli;

use cli::Cli;

fn refused(out: &Output, code: i32, message: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert!(stderr.contains(message), "expected {message:?} in {stderr:?}");
    assert!(out.stdout.is_empty(), "nothing printed as done");
}

#[test]
fn refusals_get_their_exit_codes_and_change_nothing() {
    let cli = Cli::new();
    let order = cli.json(&["order", "create", "--title", "电梯漏水", "--priority", "P2"]);
    assert_eq!(order["number"].as_str().unwrap().len(), "WO-2026-000001".len());
    assert!(cli.run(&["user", "add", "amy", "--name", "Amy", "--role", "technician"]).status.success());
    let before = cli.orders();

    refused(&cli.run(&["order", "create", "--title", "x", "--priority", "P9"]), 2, "Priority \"P9\" is not valid");
    refused(
        &cli.run(&["--lang", "zh-CN", "order", "create", "--title", "x", "--template", "nope"]),
        2,
        "模板“nope”不存在",
    );
    let id = order["id"].as_str().unwrap();
    refused(&cli.run(&["order", "update", id, "--version", "7", "--set", "title=late"]), 3, "changed by someone else");
    refused(
        &cli.run(&["--as", "amy", "--lang", "es", "order", "create", "--title", "x"]),
        4,
        "amy no puede crear órdenes",
    );
    refused(&cli.run(&["order", "show", "WO-1999-000042"]), 5, "WO-1999-000042 was not found");
    refused(&cli.run(&["order", "status", id, "closed"]), 2, "cannot go from unassigned to closed");
    refused(&cli.run(&["order", "update", id, "--version", "1", "--set", "nonsense"]), 2, "--set needs FIELD=VALUE");

    let after = cli.orders();
    assert_eq!(before, after, "the store is unchanged");
}

#[test]
fn json_errors_are_one_document_in_the_users_language() {
    let cli = Cli::new();
    let out = cli.run(&["--json", "--lang", "es", "order", "create", "--title", "x", "--priority", "P0"]);
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    assert_eq!(err["error"]["message"], "La prioridad \"P0\" no es válida; use de P1 a P5.");
}

#[test]
fn set_reads_json_else_text_and_lists_page_with_cursors() {
    let cli = Cli::new();
    let o = cli.json(&["order", "create", "--title", "first"]);
    let id = o["id"].as_str().unwrap();
    // 13800138000 parses as JSON, so it is a number, and the text field refuses it.
    refused(
        &cli.run(&["order", "update", id, "--version", "1", "--set", "values.contact_phone=13800138000"]),
        2,
        "values.contact_phone: This is not a valid text value",
    );
    let changed = cli.json(&[
        "order",
        "update",
        id,
        "--version",
        "1",
        "--set",
        "priority=\"P1\"",
        "--set",
        "values.contact_phone=\"13800138000\"",
        "--set",
        "title=true story",
    ]);
    assert_eq!(changed["priority"], "P1");
    assert_eq!(changed["values"]["contact_phone"], "13800138000");
    assert_eq!(changed["title"], "true story", "not JSON, so read as text");
    for i in 0..4 {
        cli.json(&["order", "create", "--title", &format!("more {i}")]);
    }
    let page = cli.json(&["order", "list", "--limit", "3"]);
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
    let next = page["next"].as_str().unwrap();
    let rest = cli.json(&["order", "list", "--limit", "3", "--after", next]);
    assert_eq!(rest["items"].as_array().unwrap().len(), 2);
    assert!(rest["next"].is_null());
}

#[test]
fn backup_is_a_consistent_readable_copy() {
    let cli = Cli::new();
    cli.json(&["order", "create", "--title", "backed up"]);
    let target = cli.dir.path().join("copy.db");
    assert!(cli.run(&["backup", target.to_str().unwrap()]).status.success());
    let copy = Cli { db: target.display().to_string(), dir: tempfile::tempdir().unwrap() };
    assert_eq!(copy.orders()[0]["title"], "backed up");
    refused(&cli.run(&["backup", target.to_str().unwrap()]), 2, "already exists");
}
