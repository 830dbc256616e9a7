//! `orderly stats` and `orderly settings` as scripts use them: the JSON and CSV shapes, chart
//! files of the requested size, and refusals with exit code 2 that write nothing.

use serde_json::Value;

#[path = "common/cli.rs"]
mod cli;

use cli::Cli;

/// A store in Shanghai time with two orders created either side of a month's end there.
fn store() -> Cli {
    let cli = Cli::without_init();
    assert!(cli.run(&["settings", "set", "org.time_zone", "Asia/Shanghai"]).status.success());
    let lines = cli.file("orders.jsonl");
    std::fs::write(
        &lines,
        "{\"title\":\"A\",\"priority\":\"P1\",\"created_at\":\"2025-03-31T16:30:00Z\"}\n\
         {\"title\":\"B\",\"priority\":\"P2\",\"created_at\":\"2025-03-31T15:30:00Z\"}\n",
    )
    .unwrap();
    assert!(cli.run(&["order", "import", &lines]).status.success());
    cli
}

const MONTHS: [&str; 8] = ["stats", "--metric", "created", "--period", "month", "--from", "2025-03-01", "--to"];

#[test]
fn json_has_the_documented_shape() {
    let cli = store();
    let out = cli.run(&[&["--json"][..], &MONTHS, &["2025-04-30"]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["metric"], "created");
    assert_eq!(v["period"], "month");
    assert_eq!(
        v["series"],
        serde_json::json!([{"group": null, "points": [{"period": "2025-03", "value": 1}, {"period": "2025-04", "value": 1}]}])
    );
    let grouped = cli.run(&[&["--json"][..], &MONTHS, &["2025-04-30", "--group-by", "priority"]].concat());
    let v: Value = serde_json::from_slice(&grouped.stdout).unwrap();
    let groups: Vec<&str> = v["series"].as_array().unwrap().iter().map(|s| s["group"].as_str().unwrap()).collect();
    assert_eq!(groups, ["P1", "P2"]);
    let week = cli.run(&[
        "--json",
        "stats",
        "--metric",
        "created",
        "--period",
        "week",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-01",
    ]);
    let v: Value = serde_json::from_slice(&week.stdout).unwrap();
    assert_eq!(v["series"][0]["points"][0]["period"], "2025-W01");
}

#[test]
fn csv_has_a_header_and_one_row_per_point() {
    let cli = store();
    let out = cli.run(&[&MONTHS[..], &["2025-04-30", "--csv", "--group-by", "priority"]].concat());
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "group,period,value\nP1,2025-03,0\nP1,2025-04,1\nP2,2025-03,1\nP2,2025-04,0\n"
    );
}

#[test]
fn charts_are_written_as_svg_and_png_of_the_requested_size() {
    let cli = store();
    let svg = cli.file("c.svg");
    let png = cli.file("c.png");
    assert!(cli.run(&[&MONTHS[..], &["2025-04-30", "--chart", "line", "--out", &svg]].concat()).status.success());
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    assert!(cli.run(&[&MONTHS[..], &["2025-04-30", "--chart", "bar", "--out", &png]].concat()).status.success());
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (960, 540));
}

#[test]
fn bad_input_is_refused_with_exit_code_2_and_nothing_written() {
    let cli = store();
    let target = cli.file("never.svg");
    let missing_dir = cli.file("no/such/dir/c.png");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["stats", "--metric", "speed"], "no metric \"speed\""),
        (vec!["stats", "--metric", "created", "--period", "year"], "no period \"year\""),
        (vec!["stats", "--metric", "created", "--group-by", "colour"], "cannot be grouped by \"colour\""),
        (vec!["stats", "--metric", "created", "--from", "2025-02-30"], "must be a date"),
        (vec!["stats", "--metric", "created", "--from", "2025-03-01", "--to", "2025-02-01"], "after it ends"),
        (vec!["stats", "--metric", "created", "--chart", "pie", "--out", &target], "no chart kind"),
        (vec!["stats", "--metric", "created", "--chart", "line", "--out", "c.pdf"], ".svg or .png"),
        (vec!["stats", "--metric", "created", "--chart", "line"], "needs --out"),
        (vec!["stats", "--metric", "created", "--chart", "line", "--out", &missing_dir], "Cannot write"),
        (vec!["settings", "set", "org.time_zone", "Mars/Olympus"], "not an IANA time zone"),
        (vec!["settings", "set", "org.colour", "red"], "no setting"),
    ];
    for (args, message) in cases {
        let out = cli.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert!(!std::path::Path::new(&target).exists());
    let zone = cli.run(&["--json", "settings", "get", "org.time_zone"]);
    assert_eq!(serde_json::from_slice::<Value>(&zone.stdout).unwrap()["value"], "Asia/Shanghai");
    let zh = cli.run(&["--lang", "zh-CN", "stats", "--metric", "speed"]);
    assert!(String::from_utf8_lossy(&zh.stderr).contains("没有指标"));
}
