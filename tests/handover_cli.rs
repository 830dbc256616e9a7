//! `orderly order assign ID --to LOGIN --reason TEXT` (改派) and `--department` (转单): the
//! reason is required, kept in the history, and a refusal changes nothing.

#[path = "common/cli.rs"]
mod cli;

use cli::Cli;

#[test]
fn reassign_and_transfer_need_a_reason_that_the_history_keeps() {
    let cli = Cli::new();
    for login in ["amy", "bo"] {
        assert!(cli.run(&["user", "add", login, "--name", login, "--role", "technician"]).status.success());
    }
    let order = cli.json(&["order", "create", "--title", "电梯漏水"]);
    let id = order["id"].as_str().unwrap();
    cli.json(&["order", "assign", id, "amy"]);

    let out = cli.run(&["--lang", "zh-CN", "order", "assign", id, "--to", "bo", "--reason", "  "]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("为必填项"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(cli.json(&["order", "show", id])["version"], 2, "nothing stored");

    let moved = cli.json(&["order", "assign", id, "--to", "bo", "--reason", "Amy is on leave"]);
    assert_eq!(moved["version"], 3);
    let shown = cli.run(&["order", "show", id]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains("handover") && text.contains("Amy is on leave"), "{text}");

    let dept = cli.json(&["department", "add", "Network"]);
    let dept_id = dept["id"].as_str().unwrap();
    let queued =
        cli.json(&["order", "assign", id, "--to", "none", "--department", "Network", "--reason", "network fault"]);
    assert_eq!((queued["department_id"].as_str(), queued["assignee_id"].as_null()), (Some(dept_id), Some(())));
    let out = cli.run(&["order", "assign", id, "--department", "Network"]);
    assert_eq!(out.status.code(), Some(2), "clap asks for --reason with --department");
}
