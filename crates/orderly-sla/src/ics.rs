//! iCalendar (RFC 5545) import of holidays: all-day `VEVENT`s become [`Holiday`]s.
//!
//! Understood: folded lines; `DTSTART;VALUE=DATE:YYYYMMDD` (a bare 8-digit value is accepted
//! too); `DTEND` (exclusive) or `DURATION:PnD`/`PnW` for multi-day events, expanded into days;
//! `RRULE:FREQ=YEARLY` (→ yearly `MM-DD`; with `COUNT` or `UNTIL` the finite occurrences are
//! expanded into one-off dates instead). Unknown properties and nested components
//! (`VALARM`) are ignored. Events with a date-time `DTSTART` are not all-day, hence not
//! holidays, and are skipped. Anything else malformed is an error naming the line.

use chrono::{Datelike, NaiveDate};

use crate::error::{keys, SlaError};
use crate::holiday::Holiday;

/// A holiday may last at most this many days; it also keeps expansion of hostile input small.
const MAX_EVENT_DAYS: i64 = 366;
/// Finite yearly rules are expanded up to this many occurrences.
const MAX_OCCURRENCES: u32 = 1000;

/// One property of an unfolded content line: `NAME;PARAM=V:value`.
struct Property<'a> {
    line: usize,
    name: String,
    params: &'a str,
    value: &'a str,
}

impl Property<'_> {
    fn is_date_valued(&self) -> bool {
        self.params.split(';').any(|p| p.eq_ignore_ascii_case("VALUE=DATE"))
    }
}

#[derive(Default)]
struct EventLines<'a> {
    begin_line: usize,
    dtstart: Option<Property<'a>>,
    dtend: Option<Property<'a>>,
    duration: Option<Property<'a>>,
    rrule: Option<Property<'a>>,
}

/// Reads the holidays of an iCalendar document, sorted and without duplicates.
pub fn parse_ics_holidays(text: &str) -> Result<Vec<Holiday>, SlaError> {
    let lines = unfold(text);
    let mut stack: Vec<String> = Vec::new();
    let mut event: Option<EventLines> = None;
    let mut holidays = Vec::new();
    for (line, content) in &lines {
        let property = split_property(*line, content)?;
        match property.name.as_str() {
            "BEGIN" => {
                let component = property.value.to_ascii_uppercase();
                if component == "VEVENT" && event.is_none() {
                    event = Some(EventLines { begin_line: *line, ..Default::default() });
                }
                stack.push(component);
            }
            "END" => {
                if stack.pop() != Some(property.value.to_ascii_uppercase()) {
                    return Err(malformed(*line));
                }
                if property.value.eq_ignore_ascii_case("VEVENT") && !stack.iter().any(|c| c == "VEVENT") {
                    if let Some(lines) = event.take() {
                        holidays.extend(event_holidays(lines)?);
                    }
                }
            }
            _ if stack.last().map(String::as_str) == Some("VEVENT") => {
                if let Some(lines) = event.as_mut() {
                    remember(lines, property);
                }
            }
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(malformed(lines.last().map_or(1, |(line, _)| *line)));
    }
    holidays.sort();
    holidays.dedup();
    Ok(holidays)
}

fn remember<'a>(event: &mut EventLines<'a>, property: Property<'a>) {
    let slot = match property.name.as_str() {
        "DTSTART" => &mut event.dtstart,
        "DTEND" => &mut event.dtend,
        "DURATION" => &mut event.duration,
        "RRULE" => &mut event.rrule,
        _ => return,
    };
    *slot = Some(property);
}

/// Joins RFC 5545 continuation lines (starting with a space or tab) to their predecessor;
/// each logical line keeps the 1-based number of its first physical line.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(continuation), Some((_, last))) => last.push_str(continuation),
            _ if raw.trim().is_empty() => {}
            _ => lines.push((index + 1, raw.to_string())),
        }
    }
    lines
}

/// Splits at the first colon outside a quoted parameter value.
fn split_property(line: usize, content: &str) -> Result<Property<'_>, SlaError> {
    let mut quoted = false;
    let colon = content.char_indices().find_map(|(i, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == ':' && !quoted).then_some(i)
    });
    let colon = colon.ok_or_else(|| malformed(line))?;
    let head = &content[..colon];
    let (name, params) = head.split_once(';').unwrap_or((head, ""));
    if name.is_empty() {
        return Err(malformed(line));
    }
    Ok(Property { line, name: name.to_ascii_uppercase(), params, value: content[colon + 1..].trim() })
}

fn malformed(line: usize) -> SlaError {
    SlaError::new(keys::ICS_MALFORMED).with("line", line)
}

fn bad_date(property: &Property) -> SlaError {
    SlaError::new(keys::ICS_BAD_DATE).with("line", property.line).with("value", property.value)
}

/// A date value, `None` for a date-time (a timed, non-holiday event).
fn parse_date(property: &Property) -> Result<Option<NaiveDate>, SlaError> {
    let value = property.value;
    let is_date_time = value.len() > 8 && value.as_bytes()[8] == b'T' && !property.is_date_valued();
    let digits = if is_date_time { &value[..8] } else { value };
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_date(property));
    }
    let number = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or(0);
    let date =
        NaiveDate::from_ymd_opt(number(0..4) as i32, number(4..6), number(6..8)).ok_or_else(|| bad_date(property))?;
    Ok((!is_date_time).then_some(date))
}

/// Number of days the event lasts: from `DTEND` (exclusive), else `DURATION`, else one.
fn event_days(event: &EventLines, start: NaiveDate) -> Result<i64, SlaError> {
    let days = if let Some(end) = &event.dtend {
        let end_date = parse_date(end)?.ok_or_else(|| bad_date(end))?;
        (end_date - start).num_days()
    } else if let Some(duration) = &event.duration {
        parse_duration_days(duration)?
    } else {
        1
    };
    let line = event.dtend.as_ref().or(event.duration.as_ref()).map_or(event.begin_line, |p| p.line);
    if days < 1 {
        return Err(malformed(line));
    }
    if days > MAX_EVENT_DAYS {
        return Err(SlaError::new(keys::ICS_SPAN_TOO_LONG).with("line", line).with("days", days));
    }
    Ok(days)
}

/// `PnD` or `PnW` (all-day events have no time part).
fn parse_duration_days(property: &Property) -> Result<i64, SlaError> {
    let value = property.value.to_ascii_uppercase();
    let body = value.strip_prefix('P').ok_or_else(|| malformed(property.line))?;
    let unit = body.chars().last().ok_or_else(|| malformed(property.line))?;
    let count: i64 = body[..body.len() - unit.len_utf8()].parse().map_err(|_| malformed(property.line))?;
    // Saturate instead of multiplying untrusted numbers; anything that long is refused later.
    match unit {
        'D' => Ok(count.min(MAX_EVENT_DAYS + 1)),
        'W' => Ok(count.min(MAX_EVENT_DAYS) * 7),
        _ => Err(malformed(property.line)),
    }
}

fn event_holidays(event: EventLines) -> Result<Vec<Holiday>, SlaError> {
    let start = event.dtstart.as_ref().ok_or_else(|| malformed(event.begin_line))?;
    let Some(start) = parse_date(start)? else { return Ok(Vec::new()) };
    let days = event_days(&event, start)?;
    let dates: Vec<NaiveDate> = start.iter_days().take(days as usize).collect();
    match &event.rrule {
        None => Ok(dates.into_iter().map(Holiday::Once).collect()),
        Some(rule) => yearly_holidays(rule, &dates),
    }
}

/// Holidays of a yearly rule over the event's `dates`.
fn yearly_holidays(rule: &Property, dates: &[NaiveDate]) -> Result<Vec<Holiday>, SlaError> {
    let unsupported = || SlaError::new(keys::ICS_UNSUPPORTED_RULE).with("line", rule.line).with("value", rule.value);
    let (mut yearly, mut count, mut until) = (false, None, None);
    for part in rule.value.split(';').filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=').ok_or_else(unsupported)?;
        match (key.to_ascii_uppercase().as_str(), value) {
            ("FREQ", v) if v.eq_ignore_ascii_case("YEARLY") => yearly = true,
            ("INTERVAL", "1") | ("WKST", _) => {}
            ("COUNT", v) => count = Some(v.parse::<u32>().map_err(|_| unsupported())?),
            ("UNTIL", v) => {
                // UNTIL may be a date-time; its date is what bounds whole-day occurrences.
                let value = v.get(..8).unwrap_or(v);
                let date_part = Property { line: rule.line, name: String::new(), params: "VALUE=DATE", value };
                until = Some(parse_date(&date_part)?.ok_or_else(unsupported)?);
            }
            _ => return Err(unsupported()),
        }
    }
    if !yearly {
        return Err(unsupported());
    }
    if count.is_none() && until.is_none() {
        return Ok(dates.iter().map(|d| Holiday::Yearly { month: d.month(), day: d.day() }).collect());
    }
    let first = dates[0];
    let wanted = count.unwrap_or(MAX_OCCURRENCES).min(MAX_OCCURRENCES);
    let (mut out, mut found) = (Vec::new(), 0);
    // A 29 February start only recurs in leap years; RFC 5545 neither emits nor counts the
    // missing ones, hence the wider year range than occurrences.
    for year in first.year()..=first.year() + 4 * wanted as i32 {
        if found == wanted {
            break;
        }
        let Some(anchor) = first.with_year(year) else { continue };
        if until.is_some_and(|u| anchor > u) {
            break;
        }
        found += 1;
        let shift = anchor - first;
        out.extend(dates.iter().map(|d| Holiday::Once(*d + shift)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn once(text: &str) -> Holiday {
        text.parse().unwrap()
    }

    #[test]
    fn reads_one_off_yearly_and_multi_day_events() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:National\r\n  Day\r\n\
            DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261004\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241225\r\nRRULE:FREQ=YEARLY\r\nX-FOO;A=\"b:c\":d\r\n\
            BEGIN:VALARM\r\nDTSTART:20000101\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let holidays = parse_ics_holidays(text).unwrap();
        assert_eq!(holidays, vec![once("2026-10-01"), once("2026-10-02"), once("2026-10-03"), once("12-25")]);
    }

    #[test]
    fn folded_dtstart_and_timed_events() {
        let text = "BEGIN:VEVENT\nDTSTART;VALUE=DATE:2026\n 0501\nEND:VEVENT\n\
            BEGIN:VEVENT\nDTSTART:20260601T090000Z\nEND:VEVENT\n";
        assert_eq!(parse_ics_holidays(text).unwrap(), vec![once("2026-05-01")]);
    }

    #[test]
    fn finite_yearly_rules_expand_to_dates() {
        let text = "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20280229\nRRULE:FREQ=YEARLY;COUNT=5\nEND:VEVENT\n";
        // Years without 29 February are neither emitted nor counted.
        let expected: Vec<Holiday> = [2028, 2032, 2036, 2040, 2044].map(|y| once(&format!("{y}-02-29"))).into();
        assert_eq!(parse_ics_holidays(text).unwrap(), expected);
        let text = "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY;UNTIL=20271231T000000Z\nEND:VEVENT\n";
        assert_eq!(parse_ics_holidays(text).unwrap(), vec![once("2026-01-01"), once("2027-01-01")]);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261341\nEND:VEVENT\n", keys::ICS_BAD_DATE, "2"),
            ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:2026-10-01\nEND:VEVENT\n", keys::ICS_BAD_DATE, "2"),
            ("BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n", keys::ICS_MALFORMED, "1"),
            ("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\n", keys::ICS_MALFORMED, "2"),
            (
                "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n",
                keys::ICS_UNSUPPORTED_RULE,
                "3",
            ),
            (
                "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20261001\nEND:VEVENT\n",
                keys::ICS_MALFORMED,
                "3",
            ),
            (
                "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261001\nDTEND;VALUE=DATE:20991001\nEND:VEVENT\n",
                keys::ICS_SPAN_TOO_LONG,
                "3",
            ),
            ("garbage\n", keys::ICS_MALFORMED, "1"),
            ("END:VEVENT\n", keys::ICS_MALFORMED, "1"),
        ];
        for (text, key, line) in cases {
            let err = parse_ics_holidays(text).unwrap_err();
            assert_eq!((err.key, err.param("line")), (key, Some(line)), "{text}");
        }
    }
}
