//! Table-driven SLA cases through `compute_case` (JSON in, JSON out), each with hand-computed
//! due times and counted minutes. Local times in the comments; expectations in UTC.

use orderly_sla::compute_case;
use serde_json::{json, Value};

/// Asia/Shanghai (UTC+8) office: Mon–Fri 09:00–12:00 and 13:00–18:00.
fn shanghai(holidays: &[&str]) -> Value {
    let day = json!([["09:00", "12:00"], ["13:00", "18:00"]]);
    json!({"time_zone": "Asia/Shanghai",
           "hours": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day},
           "holidays": holidays})
}

/// Every day 01:00–04:00 local: the hours a daylight-saving change bites.
fn nightly(zone: &str) -> Value {
    let day = json!([["01:00", "04:00"]]);
    json!({"time_zone": zone, "hours": {"mon": day, "tue": day, "wed": day, "thu": day,
                                         "fri": day, "sat": day, "sun": day}})
}

fn always(zone: &str) -> Value {
    json!({"time_zone": zone, "always": true})
}

/// FORMAT.md's policy.
fn format_policy() -> Value {
    json!({"P1": {"response_minutes": 30, "resolution_minutes": 240},
           "P2": {"response_minutes": 60, "resolution_minutes": 480},
           "P3": {"response_minutes": 120, "resolution_minutes": 960},
           "P4": {"response_minutes": 240, "resolution_minutes": 1920},
           "P5": {"response_minutes": 480, "resolution_minutes": 2880}})
}

/// The same targets for every priority, so a case pins exactly the numbers it names.
fn flat(response: u32, resolution: u32) -> Value {
    let t = json!({"response_minutes": response, "resolution_minutes": resolution});
    json!({"P1": t, "P2": t, "P3": t, "P4": t, "P5": t})
}

fn input(calendar: Value, policy: Value, created_at: &str, now: &str) -> Value {
    json!({"calendar": calendar, "policy": policy, "priority": "P3", "priority_changes": [],
           "created_at": created_at, "paused": [], "now": now})
}

fn with(mut case: Value, key: &str, value: Value) -> Value {
    case[key] = value;
    case
}

struct Case {
    name: &'static str,
    input: Value,
    response_due: Option<&'static str>,
    resolution_due: Option<&'static str>,
    breached: (bool, bool),
    counted: i64,
    /// (from, to, kind) when the case pins the timeline too.
    timeline: Option<Vec<(&'static str, &'static str, &'static str)>>,
}

fn cases() -> Vec<Case> {
    [
        basic_cases(),
        lunch_cases(),
        holiday_cases(),
        special_target_cases(),
        pause_and_priority_cases(),
        priority_cases(),
        zone_cases(),
        night_hours_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn basic_cases() -> Vec<Case> {
    vec![
        Case {
            name: "FORMAT.md example",
            input: json!({
                "calendar": shanghai(&["2026-10-01", "12-25"]), "policy": format_policy(), "priority": "P3",
                "priority_changes": [{"at": "2026-11-19T07:00:00Z", "priority": "P2"}],
                "created_at": "2026-11-19T01:30:00Z",
                "paused": [{"from": "2026-11-19T02:00:00Z", "to": "2026-11-19T06:00:00Z"}],
                "now": "2026-11-20T03:00:00Z"}),
            response_due: Some("2026-11-19T06:30:00Z"),
            resolution_due: Some("2026-11-20T05:30:00Z"),
            breached: (true, false),
            counted: 390,
            timeline: Some(vec![
                ("2026-11-19T01:30:00Z", "2026-11-19T02:00:00Z", "counted"),
                ("2026-11-19T02:00:00Z", "2026-11-19T06:00:00Z", "paused"),
                ("2026-11-19T06:00:00Z", "2026-11-19T10:00:00Z", "counted"),
                ("2026-11-19T10:00:00Z", "2026-11-20T01:00:00Z", "closed"),
                ("2026-11-20T01:00:00Z", "2026-11-20T04:00:00Z", "counted"),
                ("2026-11-20T04:00:00Z", "2026-11-20T05:00:00Z", "closed"),
                ("2026-11-20T05:00:00Z", "2026-11-20T05:30:00Z", "counted"),
            ]),
        },
        Case {
            // Mon 07:00 → clock starts 09:00; response 10:00; resolution 180 + 120 → 15:00.
            name: "created before opening",
            input: input(shanghai(&[]), flat(60, 300), "2026-11-15T23:00:00Z", "2026-11-16T02:30:00Z"),
            response_due: Some("2026-11-16T02:00:00Z"),
            resolution_due: Some("2026-11-16T07:00:00Z"),
            breached: (true, false),
            counted: 90,
            timeline: Some(vec![
                ("2026-11-15T23:00:00Z", "2026-11-16T01:00:00Z", "closed"),
                ("2026-11-16T01:00:00Z", "2026-11-16T04:00:00Z", "counted"),
                ("2026-11-16T04:00:00Z", "2026-11-16T05:00:00Z", "closed"),
                ("2026-11-16T05:00:00Z", "2026-11-16T07:00:00Z", "counted"),
            ]),
        },
        Case {
            // Thu 20:00 → Fri 09:00; response Fri 10:00; resolution 180 + 60 → Fri 14:00.
            name: "created in the evening",
            input: input(shanghai(&[]), flat(60, 240), "2026-11-19T12:00:00Z", "2026-11-20T01:30:00Z"),
            response_due: Some("2026-11-20T02:00:00Z"),
            resolution_due: Some("2026-11-20T06:00:00Z"),
            breached: (false, false),
            counted: 30,
            timeline: None,
        },
    ]
}

fn lunch_cases() -> Vec<Case> {
    vec![
        Case {
            // Sat 10:00 → Mon 09:00; response Mon 09:30; resolution 180 reached at 12:00 sharp.
            name: "created on the weekend, target reached at lunch",
            input: input(shanghai(&[]), flat(30, 180), "2026-11-21T02:00:00Z", "2026-11-21T04:00:00Z"),
            response_due: Some("2026-11-23T01:30:00Z"),
            resolution_due: Some("2026-11-23T04:00:00Z"),
            breached: (false, false),
            counted: 0,
            timeline: None,
        },
        Case {
            // Mon 09:00: 180 min due 12:00 (not 13:00); 181 min due 13:01. Now 12:30.
            name: "lunch break",
            input: input(shanghai(&[]), flat(180, 181), "2026-11-16T01:00:00Z", "2026-11-16T04:30:00Z"),
            response_due: Some("2026-11-16T04:00:00Z"),
            resolution_due: Some("2026-11-16T05:01:00Z"),
            breached: (true, false),
            counted: 180,
            timeline: None,
        },
    ]
}

fn holiday_cases() -> Vec<Case> {
    vec![
        Case {
            // Wed 30 Sep 17:00: 60 that day; Thu 1 Oct is a holiday; Fri 09:00 + 60 → 10:00;
            // resolution 60 + 480 on Fri = 540, Mon 5 Oct 09:00 + 60 → 10:00.
            name: "one-off holiday",
            input: input(shanghai(&["2026-10-01"]), flat(120, 600), "2026-09-30T09:00:00Z", "2026-10-01T04:00:00Z"),
            response_due: Some("2026-10-02T02:00:00Z"),
            resolution_due: Some("2026-10-05T02:00:00Z"),
            breached: (false, false),
            counted: 60,
            timeline: None,
        },
        Case {
            // Thu 24 Dec 16:00: 120; Fri 25 Dec closed every year; Mon 28 Dec 09:00 + 60 → 10:00;
            // resolution 120 + 480 reached at Mon 18:00 sharp.
            name: "yearly holiday",
            input: input(shanghai(&["12-25"]), flat(180, 600), "2026-12-24T08:00:00Z", "2026-12-25T16:00:00Z"),
            response_due: Some("2026-12-28T02:00:00Z"),
            resolution_due: Some("2026-12-28T10:00:00Z"),
            breached: (false, false),
            counted: 120,
            timeline: None,
        },
        Case {
            // 2027 has no 29 February: Mon 1 March 2027 is a normal working day.
            name: "yearly 02-29 in a non-leap year",
            input: input(shanghai(&["02-29"]), flat(60, 120), "2027-02-26T09:00:00Z", "2027-02-26T09:00:00Z"),
            response_due: Some("2027-02-26T10:00:00Z"),
            resolution_due: Some("2027-03-01T02:00:00Z"),
            breached: (false, false),
            counted: 0,
            timeline: None,
        },
        Case {
            // Tue 29 Feb 2028 is closed: Mon 17:00–18:00, then Wed 1 March 09:00 + 60.
            name: "yearly 02-29 in a leap year",
            input: input(shanghai(&["02-29"]), flat(60, 120), "2028-02-28T09:00:00Z", "2028-02-28T09:00:00Z"),
            response_due: Some("2028-02-28T10:00:00Z"),
            resolution_due: Some("2028-03-01T02:00:00Z"),
            breached: (false, false),
            counted: 0,
            timeline: None,
        },
    ]
}

fn special_target_cases() -> Vec<Case> {
    vec![
        Case {
            // Due at created_at, even outside business hours, hence breached at once.
            name: "zero target",
            input: input(shanghai(&[]), flat(0, 60), "2026-11-16T12:00:00Z", "2026-11-16T12:00:00Z"),
            response_due: Some("2026-11-16T12:00:00Z"),
            resolution_due: Some("2026-11-17T02:00:00Z"),
            breached: (true, false),
            counted: 0,
            timeline: Some(vec![
                ("2026-11-16T12:00:00Z", "2026-11-17T01:00:00Z", "closed"),
                ("2026-11-17T01:00:00Z", "2026-11-17T02:00:00Z", "counted"),
            ]),
        },
        Case {
            // Seconds are dropped: created 10:15:59 counts from 10:15.
            name: "24x7 UTC ignores holidays and seconds",
            input: input(
                json!({"time_zone": "UTC", "always": true, "holidays": ["2026-11-19"]}),
                flat(45, 1500),
                "2026-11-19T10:15:59Z",
                "2026-11-19T12:00:30+00:00",
            ),
            response_due: Some("2026-11-19T11:00:00Z"),
            resolution_due: Some("2026-11-20T11:15:00Z"),
            breached: (true, false),
            counted: 105,
            timeline: Some(vec![("2026-11-19T10:15:00Z", "2026-11-20T11:15:00Z", "counted")]),
        },
    ]
}

fn pause_and_priority_cases() -> Vec<Case> {
    vec![
        Case {
            // Fri 16:00, paused Fri 17:00 → Mon 10:00: 60 on Friday; response Mon 10:30;
            // resolution 60 + 120 (Mon 10–12) + 120 → Mon 15:00. Now Mon 11:00.
            name: "pause over the night and the weekend",
            input: with(
                input(shanghai(&[]), flat(90, 300), "2026-11-20T08:00:00Z", "2026-11-23T03:00:00Z"),
                "paused",
                json!([{"from": "2026-11-20T09:00:00Z", "to": "2026-11-23T02:00:00Z"}]),
            ),
            response_due: Some("2026-11-23T02:30:00Z"),
            resolution_due: Some("2026-11-23T07:00:00Z"),
            breached: (true, false),
            counted: 120,
            timeline: Some(vec![
                ("2026-11-20T08:00:00Z", "2026-11-20T09:00:00Z", "counted"),
                ("2026-11-20T09:00:00Z", "2026-11-23T02:00:00Z", "paused"),
                ("2026-11-23T02:00:00Z", "2026-11-23T04:00:00Z", "counted"),
                ("2026-11-23T04:00:00Z", "2026-11-23T05:00:00Z", "closed"),
                ("2026-11-23T05:00:00Z", "2026-11-23T07:00:00Z", "counted"),
            ]),
        },
        Case {
            // Mon 09:00, open pause from 09:30, now 15:00: neither target reached → null.
            name: "open pause at now, nothing reached",
            input: with(
                input(shanghai(&[]), flat(60, 240), "2026-11-16T01:00:00Z", "2026-11-16T07:00:00Z"),
                "paused",
                json!([{"from": "2026-11-16T01:30:00Z"}]),
            ),
            response_due: None,
            resolution_due: None,
            breached: (false, false),
            counted: 30,
            timeline: Some(vec![
                ("2026-11-16T01:00:00Z", "2026-11-16T01:30:00Z", "counted"),
                ("2026-11-16T01:30:00Z", "2026-11-16T07:00:00Z", "paused"),
            ]),
        },
        Case {
            // Response reached 09:30, before a pause 09:40–09:50 and the open one from 10:00 (listed
            // out of order): it stays, breached; 40 + 10 minutes counted.
            name: "open pause at now, response reached before it",
            input: with(
                input(shanghai(&[]), flat(30, 240), "2026-11-16T01:00:00Z", "2026-11-16T07:00:00Z"),
                "paused",
                json!([{"from": "2026-11-16T02:00:00Z", "to": null},
                                  {"from": "2026-11-16T01:40:00Z", "to": "2026-11-16T01:50:00Z"}]),
            ),
            response_due: Some("2026-11-16T01:30:00Z"),
            resolution_due: None,
            breached: (true, false),
            counted: 50,
            timeline: None,
        },
    ]
}

fn priority_cases() -> Vec<Case> {
    vec![
        Case {
            // P3 from Mon 09:00, raised to P1 at 14:00 = now: 240 consumed, P1's 30 was
            // reached at 09:30 and its 240 exactly at 14:00 (due ≤ now: breached).
            name: "priority raised, new targets already consumed",
            input: with(
                input(shanghai(&[]), format_policy(), "2026-11-16T01:00:00Z", "2026-11-16T06:00:00Z"),
                "priority_changes",
                json!([{"at": "2026-11-16T06:00:00Z", "priority": "P1"}]),
            ),
            response_due: Some("2026-11-16T01:30:00Z"),
            resolution_due: Some("2026-11-16T06:00:00Z"),
            breached: (true, true),
            counted: 240,
            timeline: None,
        },
        Case {
            // Same, looked at one minute before the change: still P3 (120 / 960).
            name: "priority change after now is not in force",
            input: with(
                input(shanghai(&[]), format_policy(), "2026-11-16T01:00:00Z", "2026-11-16T05:59:00Z"),
                "priority_changes",
                json!([{"at": "2026-11-16T06:00:00Z", "priority": "P1"}]),
            ),
            response_due: Some("2026-11-16T03:00:00Z"),
            resolution_due: Some("2026-11-17T10:00:00Z"),
            breached: (true, false),
            counted: 239,
            timeline: None,
        },
        Case {
            // Lowered P1 → P5 (480 / 2880) then P5 → P4 (240 / 1920), changes listed out of order.
            name: "several priority changes apply in time order",
            input: with(
                with(
                    input(shanghai(&[]), format_policy(), "2026-11-16T01:00:00Z", "2026-11-16T02:00:00Z"),
                    "priority",
                    json!("P1"),
                ),
                "priority_changes",
                json!([{"at": "2026-11-16T01:40:00Z", "priority": "P4"},
                                           {"at": "2026-11-16T01:20:00Z", "priority": "P5"}]),
            ),
            // 240 → Mon 09:00 + 180 + 60 = 14:00; 1920 = 4 days of 480 → Thu 18:00.
            response_due: Some("2026-11-16T06:00:00Z"),
            resolution_due: Some("2026-11-19T10:00:00Z"),
            breached: (false, false),
            counted: 60,
            timeline: None,
        },
    ]
}

fn zone_cases() -> Vec<Case> {
    vec![
        Case {
            // Madrid 24×7 from 00:00 CET on 29 March: 02:00–03:00 does not exist, the clock
            // counts real hours: 240 min → 03:00Z (= 05:00 CEST).
            name: "Madrid 24x7 over spring forward",
            input: input(always("Europe/Madrid"), flat(120, 240), "2026-03-28T23:00:00Z", "2026-03-29T02:00:00Z"),
            response_due: Some("2026-03-29T01:00:00Z"),
            resolution_due: Some("2026-03-29T03:00:00Z"),
            breached: (true, false),
            counted: 180,
            timeline: None,
        },
        Case {
            // 22:00Z = 00:00 CEST 25 Oct; 02:00–03:00 happens twice, still 300 real minutes.
            name: "Madrid 24x7 over fall back",
            input: input(always("Europe/Madrid"), flat(60, 300), "2026-10-24T22:00:00Z", "2026-10-25T02:00:00Z"),
            response_due: Some("2026-10-24T23:00:00Z"),
            resolution_due: Some("2026-10-25T03:00:00Z"),
            breached: (true, false),
            counted: 240,
            timeline: None,
        },
    ]
}

fn night_hours_cases() -> Vec<Case> {
    vec![
        Case {
            // Hours 01:00–04:00 on 29 March: 01:00 CET (00:00Z) to 04:00 CEST (02:00Z) = 120.
            // Response 60 → 01:00Z; resolution 120 + 30 on Mon 01:00 CEST (23:00Z Sun).
            name: "Madrid night hours over spring forward",
            input: input(nightly("Europe/Madrid"), flat(60, 150), "2026-03-28T12:00:00Z", "2026-03-29T03:00:00Z"),
            response_due: Some("2026-03-29T01:00:00Z"),
            resolution_due: Some("2026-03-29T23:30:00Z"),
            breached: (true, false),
            counted: 120,
            timeline: Some(vec![
                ("2026-03-28T12:00:00Z", "2026-03-29T00:00:00Z", "closed"),
                ("2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z", "counted"),
                ("2026-03-29T02:00:00Z", "2026-03-29T23:00:00Z", "closed"),
                ("2026-03-29T23:00:00Z", "2026-03-29T23:30:00Z", "counted"),
            ]),
        },
        Case {
            // Hours 01:00–04:00 on 25 Oct: 01:00 CEST (23:00Z) to 04:00 CET (03:00Z) = 240.
            // Response 200 → 02:20Z; resolution 240 + 60 on Mon 01:00 CET (00:00Z).
            name: "Madrid night hours over fall back",
            input: input(nightly("Europe/Madrid"), flat(200, 300), "2026-10-24T12:00:00Z", "2026-10-25T03:00:00Z"),
            response_due: Some("2026-10-25T02:20:00Z"),
            resolution_due: Some("2026-10-26T01:00:00Z"),
            breached: (true, false),
            counted: 240,
            timeline: None,
        },
        Case {
            // UTC−6 all year since 2022 (the old April DST start does not apply):
            // Fri 16:00 (22:00Z) 60; Mon 09:00 = 15:00Z + 60; resolution 60 + 480 + 60 → Tue 10:00.
            name: "Mexico City keeps UTC-6 in April",
            input: input(
                json!({"time_zone": "America/Mexico_City",
                       "hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]],
                                 "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]],
                                 "fri": [["09:00", "17:00"]]}}),
                flat(120, 600),
                "2026-04-03T22:00:00Z",
                "2026-04-06T16:00:00Z",
            ),
            response_due: Some("2026-04-06T16:00:00Z"),
            resolution_due: Some("2026-04-07T16:00:00Z"),
            breached: (true, false),
            counted: 120,
            timeline: None,
        },
        Case {
            // Shanghai with a local offset in the input: 2026-11-19T09:30:00+08:00 is 01:30Z.
            name: "input instants with offsets",
            input: input(shanghai(&[]), flat(30, 60), "2026-11-19T09:30:00+08:00", "2026-11-19T11:00:00+08:00"),
            response_due: Some("2026-11-19T02:00:00Z"),
            resolution_due: Some("2026-11-19T02:30:00Z"),
            breached: (true, true),
            counted: 90,
            timeline: None,
        },
    ]
}

#[test]
fn table_of_cases() {
    let mut failures = Vec::new();
    for case in cases() {
        let out = match compute_case(&case.input.to_string()) {
            Ok(out) => out,
            Err(e) => {
                failures.push(format!("{}: refused: {e}", case.name));
                continue;
            }
        };
        let mut expected = json!({
            "response_due": case.response_due, "resolution_due": case.resolution_due,
            "response_breached": case.breached.0, "resolution_breached": case.breached.1,
            "counted_minutes": case.counted, "timeline": out["timeline"].clone()});
        if let Some(timeline) = &case.timeline {
            expected["timeline"] = timeline.iter().map(|(f, t, k)| json!({"from": f, "to": t, "kind": k})).collect();
        }
        if out != expected {
            failures.push(format!("{}:\n  got      {out}\n  expected {expected}", case.name));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn format_example_output_is_exact() {
    let out = compute_case(&cases()[0].input.to_string()).unwrap();
    let keys: Vec<&str> = out.as_object().unwrap().keys().map(String::as_str).collect();
    let mut keys = keys;
    keys.sort();
    assert_eq!(
        keys,
        ["counted_minutes", "resolution_breached", "resolution_due", "response_breached", "response_due", "timeline"]
    );
}
