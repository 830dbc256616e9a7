//! Property tests: random valid cases through `compute_case` keep the clock's invariants, and
//! the iCalendar reader never panics on arbitrary input.

use chrono::{DateTime, TimeDelta, Utc};
use orderly_sla::{
    compute_case, due_at, parse_case, parse_ics_holidays, priority_in_force, validate_pauses, TargetKind,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const ZONES: [&str; 7] = [
    "UTC",
    "Asia/Shanghai",
    "Europe/Madrid",
    "America/Mexico_City",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
];
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn hhmm(quarter_hours: u16) -> String {
    let minutes = quarter_hours * 15;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Up to three disjoint intervals of a day, from distinct sorted quarter-hour cut points.
fn day_hours() -> impl Strategy<Value = Vec<Value>> {
    prop::collection::btree_set(0u16..=96, 0..7).prop_map(|cuts| {
        let cuts: Vec<u16> = cuts.into_iter().collect();
        cuts.chunks_exact(2).map(|p| json!([hhmm(p[0]), hhmm(p[1])])).collect()
    })
}

fn holiday() -> impl Strategy<Value = String> {
    prop_oneof![
        (2026i32..=2027, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (1u32..=12, 1u32..=29).prop_map(|(m, d)| format!("{m:02}-{d:02}")),
    ]
}

fn calendar() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(&ZONES[..]),
        prop::bool::weighted(0.2),
        prop::collection::vec(day_hours(), 7),
        prop::collection::vec(holiday(), 0..6),
    )
        .prop_map(|(zone, always, mut days, holidays)| {
            if always {
                return json!({"time_zone": zone, "always": true});
            }
            if days.iter().all(Vec::is_empty) {
                // Guarantee working time; refusal is tested elsewhere.
                days[0] = vec![json!(["09:00", "17:00"])];
            }
            let hours: serde_json::Map<String, Value> =
                DAYS.iter().zip(days).map(|(d, h)| (d.to_string(), Value::Array(h))).collect();
            json!({"time_zone": zone, "hours": hours, "holidays": holidays})
        })
}

/// Non-decreasing targets from P1 to P5, never all zero.
fn policy() -> impl Strategy<Value = Value> {
    (prop::collection::vec(0u32..400, 5), prop::collection::vec(0u32..1500, 5)).prop_map(|(mut rs, mut rv)| {
        for i in 1..5 {
            rs[i] += rs[i - 1];
            rv[i] += rv[i - 1];
        }
        if rs[4] == 0 && rv[4] == 0 {
            rv[4] = 1;
        }
        (0..5)
            .map(|i| (format!("P{}", i + 1), json!({"response_minutes": rs[i], "resolution_minutes": rv[i]})))
            .collect::<serde_json::Map<_, _>>()
            .into()
    })
}

fn instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn parse(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

#[derive(Debug, Clone)]
struct Shape {
    created_minute: i64,
    elapsed: i64,
    pause_cuts: Vec<i64>,
    open_last: bool,
    changes: Vec<(i64, u8)>,
    priority: u8,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        0i64..2 * 365 * 1440,
        0i64..20 * 1440,
        prop::collection::vec(0i64..=10_000, 0..8),
        any::<bool>(),
        prop::collection::vec((0i64..=12_000, 1u8..=5), 0..4),
        1u8..=5,
    )
        .prop_map(|(created_minute, elapsed, pause_cuts, open_last, changes, priority)| Shape {
            created_minute,
            elapsed,
            pause_cuts,
            open_last,
            changes,
            priority,
        })
}

/// Builds a valid case: pauses from sorted distinct cut points scaled into [created, now].
fn build(calendar: Value, policy: Value, s: &Shape) -> Value {
    let created = parse("2026-01-01T00:00:00Z") + TimeDelta::minutes(s.created_minute);
    let now = created + TimeDelta::minutes(s.elapsed);
    let scale = |fraction: i64| created + TimeDelta::minutes(s.elapsed * fraction / 10_000);
    let mut cuts: Vec<DateTime<Utc>> = s.pause_cuts.iter().map(|&f| scale(f)).collect();
    cuts.sort();
    cuts.dedup();
    let mut paused: Vec<Value> =
        cuts.chunks_exact(2).map(|p| json!({"from": instant(p[0]), "to": instant(p[1])})).collect();
    if s.open_last && cuts.len() % 2 == 1 {
        paused.push(json!({"from": instant(*cuts.last().unwrap())}));
    }
    let changes: Vec<Value> =
        s.changes.iter().map(|&(f, p)| json!({"at": instant(scale(f)), "priority": format!("P{p}")})).collect();
    json!({"calendar": calendar, "policy": policy, "priority": format!("P{}", s.priority),
           "priority_changes": changes, "created_at": instant(created), "paused": paused, "now": instant(now)})
}

fn check_timeline(out: &Value, created: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), TestCaseError> {
    let dues = [&out["response_due"], &out["resolution_due"]];
    let until = dues.iter().filter_map(|d| d.as_str()).map(parse).fold(now, DateTime::max);
    let segments = out["timeline"].as_array().unwrap();
    let mut cursor = created;
    let mut counted_before_now = 0;
    let mut previous_kind = "";
    for seg in segments {
        let (from, to, kind) =
            (parse(seg["from"].as_str().unwrap()), parse(seg["to"].as_str().unwrap()), seg["kind"].as_str().unwrap());
        prop_assert_eq!(from, cursor, "segments must be consecutive");
        prop_assert!(from < to, "empty segment");
        prop_assert!(kind != previous_kind, "neighbours of the same kind must be merged");
        prop_assert!(["counted", "paused", "closed"].contains(&kind));
        if kind == "counted" && from < now {
            counted_before_now += (to.min(now) - from).num_minutes();
        }
        cursor = to;
        previous_kind = kind;
    }
    prop_assert_eq!(cursor, until, "timeline must end at max(now, dues)");
    prop_assert_eq!(counted_before_now, out["counted_minutes"].as_i64().unwrap());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_cases_keep_the_invariants(calendar in calendar(), policy in policy(), s in shape(), extra in 0u32..2000) {
        let case = build(calendar, policy, &s);
        let out = compute_case(&case.to_string()).map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
        let parsed = parse_case(&case.to_string()).unwrap();
        let (created, now) = (parsed.created_at, parsed.now);
        let counted = out["counted_minutes"].as_i64().unwrap();
        prop_assert!(counted >= 0 && counted <= s.elapsed, "counted {} of {} elapsed", counted, s.elapsed);
        let priority = priority_in_force(parsed.priority, &parsed.priority_changes, now);
        let open = parsed.paused.iter().any(|p| p.to.is_none());
        for (kind, name) in [(TargetKind::Response, "response"), (TargetKind::Resolution, "resolution")] {
            let target = i64::from(parsed.policy.target(priority).minutes(kind));
            let due = out[format!("{name}_due")].as_str().map(parse);
            let breached = out[format!("{name}_breached")].as_bool().unwrap();
            if let Some(due) = due {
                prop_assert!(due >= created);
            } else {
                prop_assert!(open, "a due is only null under an open pause");
            }
            prop_assert_eq!(breached, counted >= target, "{} breached iff counted reached the target", name);
        }
        check_timeline(&out, created, now)?;
        // Monotone in the target: more minutes never fall due earlier (None = never).
        let pauses = validate_pauses(&parsed.paused, created, now).unwrap();
        let small = parsed.policy.target(priority).resolution_minutes;
        let early = due_at(&parsed.calendar, created, &pauses, small).unwrap();
        let late = due_at(&parsed.calendar, created, &pauses, small + extra).unwrap();
        match (early, late) {
            (Some(e), Some(l)) => prop_assert!(e <= l),
            (None, Some(_)) => prop_assert!(false, "smaller target never due but larger one is"),
            _ => {}
        }
    }

    #[test]
    fn ics_reader_never_panics_on_noise(text in ".{0,400}") {
        let _ = parse_ics_holidays(&text);
    }

    #[test]
    fn ics_reader_never_panics_on_plausible_input(lines in prop::collection::vec(ics_line(), 0..30)) {
        let _ = parse_ics_holidays(&lines.join("\r\n"));
    }
}

/// Lines built from iCalendar vocabulary, so the parser's deeper paths get exercised.
fn ics_line() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "BEGIN",
        "END",
        "DTSTART",
        "DTSTART;VALUE=DATE",
        "DTEND;VALUE=DATE",
        "DTEND",
        "DURATION",
        "RRULE",
        "SUMMARY",
        " ",
        "\t",
    ]);
    let values = prop_oneof![
        prop::sample::select(vec![
            "VEVENT",
            "VCALENDAR",
            "VALARM",
            "FREQ=YEARLY",
            "FREQ=YEARLY;COUNT=3",
            "FREQ=YEARLY;UNTIL=20300101",
            "P3D",
            "P2W",
            "PT1H",
            "P",
            "Pé"
        ])
        .prop_map(String::from),
        (1990u32..2100, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y:04}{m:02}{d:02}")),
        "[0-9T:Z;=é]{0,12}",
    ];
    (names, prop::bool::ANY, values)
        .prop_map(|(n, colon, v)| if colon { format!("{n}:{v}") } else { format!("{n}{v}") })
}
