//! `orderly dispatch optimise-day` as a script uses it: a technician with a van base and three
//! visits with windows, the plan printed as JSON and drawn as a map, accepted, and the saved
//! times read back inside their windows; bad input refused with the translated message.

use std::process::Output;

#[path = "common/cli.rs"]
mod cli;

use cli::Cli;

fn refused(out: &Output, message: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "refused: {stderr}");
    assert!(stderr.contains(message), "expected {message:?} in {stderr:?}");
}

fn ms(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text).unwrap().timestamp_millis()
}

#[test]
fn a_day_is_planned_drawn_accepted_and_bad_input_refused() {
    let cli = Cli::new();
    cli.json(&["settings", "set", "org.time_zone", "Europe/Madrid"]);
    assert!(cli.run(&["user", "add", "rui", "--name", "Rui", "--role", "technician"]).status.success());
    cli.json(&["dispatch", "van", "rui", "--base", "40.4168,-3.7038", "--capacity", "10"]);
    let visits = [
        ("40.43,-3.70", "2026-11-24T09:00:00+01:00", "2026-11-24T12:00:00+01:00"),
        ("40.40,-3.68", "2026-11-24T08:00:00+01:00", "2026-11-24T11:00:00+01:00"),
        ("40.42,-3.73", "2026-11-24T13:00:00+01:00", "2026-11-24T17:00:00+01:00"),
    ];
    let mut numbers = Vec::new();
    for (i, (at, from, to)) in visits.iter().enumerate() {
        let order = cli.json(&["order", "create", "--title", &format!("Visita {i}"), "--at", at]);
        let number = order["number"].as_str().unwrap().to_string();
        cli.json(&["dispatch", "needs", &number, "--minutes", "40"]);
        cli.json(&["dispatch", "visit", &number, "--window-start", from, "--window-end", to, "--parts", "2"]);
        let end = chrono::DateTime::parse_from_rfc3339(from).unwrap() + chrono::Duration::minutes(40);
        cli.json(&["dispatch", "schedule", &number, "rui", "--start", from, "--end", &end.to_rfc3339()]);
        numbers.push(number);
    }
    let map = cli.dir.path().join("rui.svg");
    let map_arg = map.display().to_string();
    let args = ["dispatch", "optimise-day", "--technician", "rui", "--date", "2026-11-24", "--seconds", "0.2"];
    let answer = cli.json(&[&args[..], &["--accept", "--map", &map_arg]].concat());
    let day = &answer["plan"]["technicians"][0];
    assert_eq!(day["visits"].as_array().unwrap().len(), 3);
    assert!(answer["plan"]["unplaced"].as_array().unwrap().is_empty());
    let svg = std::fs::read_to_string(&map).unwrap();
    assert!(svg.contains("<svg") && svg.contains(">3</text>"), "three numbered stops");
    for (number, (_, from, to)) in numbers.iter().zip(&visits) {
        let info = cli.json(&["dispatch", "info", number]);
        let (start, end) = (info["scheduled_start"].as_i64().unwrap(), info["scheduled_end"].as_i64().unwrap());
        assert!(ms(from) <= start && end <= ms(to) && end - start == 40 * 60_000, "{number}: {info}");
    }
    // Text output names every visit.
    let text = String::from_utf8(cli.run(&args).stdout).unwrap();
    assert!(numbers.iter().all(|n| text.contains(n.as_str())), "{text}");

    refused(&cli.run(&["dispatch", "optimise-day", "--technician", "rui", "--date", "24/11/2026"]), "is not a date");
    refused(
        &cli.run(&["dispatch", "optimise-day", "--technician", "nobody", "--date", "2026-11-24"]),
        "User nobody was not found",
    );
    refused(
        &cli.run(&["--lang", "es", "dispatch", "optimise-day", "--technician", "rui", "--date", "2026-11-25"]),
        "no tienen órdenes abiertas asignadas para el 2026-11-25",
    );
}
