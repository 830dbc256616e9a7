//! Reports on both engines (issue #8): a report renders one self-contained HTML file with its
//! charts and figures; bad definitions are refused naming the field and store nothing; the
//! scheduler tick runs only what is due and moves the next run; a scheduled report reaches a
//! real SMTP server (aiosmtpd, started by the test) with its subject, recipients and the HTML
//! attached, and a refused send is recorded without stopping the other reports.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::TestStore;
use orderly::domain::dashboard::{Tile, TileChart};
use orderly::domain::report::{Every, ReportDef, Schedule};
use orderly::domain::stats::{Metric, Period, Statistic};
use orderly::service::smtp::{SmtpSecurity, SmtpSettings};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn tile(id: &str, period: Period, last: u32, chart: TileChart) -> Tile {
    Tile {
        id: id.into(),
        title: None,
        metric: Metric::Created,
        statistic: Statistic::Mean,
        group_by: None,
        period,
        last,
        chart,
    }
}

fn def(name: &str, schedule: Option<Schedule>, folder: Option<&Path>, recipients: &[&str]) -> ReportDef {
    ReportDef {
        name: name.into(),
        tiles: vec![
            tile("bars", Period::Day, 7, TileChart::Bar),
            tile("number", Period::Day, 7, TileChart::Number),
            tile("table", Period::Month, 2, TileChart::Table),
        ],
        schedule,
        folder: folder.map(|f| f.display().to_string()),
        recipients: recipients.iter().map(|r| r.to_string()).collect(),
    }
}

fn daily(at: &str) -> Option<Schedule> {
    Some(Schedule { every: Every::Daily, at: at.into(), weekday: None, day: None })
}

fn at(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis).unwrap()
}

async fn seed(s: &TestStore, n: usize) {
    s.orderly.set_org_time_zone(&s.admin, "UTC").await.unwrap();
    for i in 0..n {
        let order = orderly::domain::order::NewOrder { title: format!("电梯故障 {i}"), ..Default::default() };
        s.orderly.create_order(&s.admin, order).await.unwrap();
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    out.sort();
    out
}

async fn a_report_renders_one_html_file_with_charts_and_figures(s: TestStore) {
    seed(&s, 3).await;
    let ana = s.user("ana", &["supervisor"], None).await;
    let report = s.orderly.create_report(&ana, def("Resumen semanal <ops>", None, None, &[])).await.unwrap();
    assert_eq!((report.definition.tiles.len(), report.next_run_at), (3, None));
    let dir = tempfile::tempdir().unwrap();
    let path = s.orderly.run_report(&ana, "Resumen semanal <ops>", dir.path(), Utc::now(), "zh-CN").await.unwrap();
    assert_eq!(files_in(dir.path()), vec![path.clone()]);
    assert!(path.extension().unwrap() == "html");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    assert!(html.contains("<title>Resumen semanal &lt;ops&gt;</title>"));
    assert!(html.contains("@media print"));
    assert_eq!(html.matches("<svg").count(), 1, "the bar tile's chart, inline");
    assert!(!html.contains("<script") && !html.contains("src=\"http"), "self-contained");
    assert!(html.contains("生成时间") && html.contains("统计期间") && html.contains("(UTC)"));
    // The three orders of today: the bar tile's table, the number tile and this month's row.
    assert!(html.matches("<td class=\"v\">3</td>").count() >= 3, "figures missing");
    assert!(html.contains("<p class=\"number\">3"));
    let month = Utc::now().format("%Y").to_string();
    assert!(html.contains(&format!("{month}年")), "month labels in Chinese");
}

async fn bad_definitions_are_refused_by_field_and_store_nothing(s: TestStore) {
    let o = &s.orderly;
    let ana = s.user("ana", &["supervisor"], None).await;
    let bo = s.user("bo", &["dispatcher"], None).await;
    let good = def("Daily", daily("08:00"), None, &["jefa@example.com"]);
    let weekly = Some(Schedule { every: Every::Weekly, at: "08:00".into(), weekday: None, day: None });
    let two = vec!["jefa@example.com".to_string(), "jefa".to_string()];
    let cases: Vec<(ReportDef, &str, &str)> = vec![
        (ReportDef { name: " ".into(), ..good.clone() }, "report.name_empty", "name"),
        (ReportDef { tiles: vec![], ..good.clone() }, "report.tiles_empty", "tiles"),
        (ReportDef { tiles: vec![good.tiles[0].clone(); 49], ..good.clone() }, "dashboard.too_many_tiles", "tiles"),
        (ReportDef { schedule: daily("24:00"), ..good.clone() }, "report.time_invalid", "schedule.at"),
        (ReportDef { schedule: weekly, ..good.clone() }, "report.weekday_invalid", "schedule.weekday"),
        (ReportDef { recipients: two, ..good.clone() }, "report.email_invalid", "recipients.1"),
        (ReportDef { folder: Some("informes".into()), ..good.clone() }, "report.folder_not_absolute", "folder"),
    ];
    for (bad, key, field) in cases {
        let err = o.create_report(&ana, bad).await.unwrap_err();
        assert_eq!((err.key.as_str(), err.field.as_deref()), (key, Some(field)));
        assert!(!err.message("es").contains('{'), "{}", err.message("es"));
    }
    assert_eq!(s.count("reports").await, 0);
    assert_eq!(o.create_report(&bo, good.clone()).await.unwrap_err().key, "perm.manage_reports");
    assert_eq!(o.reports(&bo).await.unwrap_err().key, "perm.manage_reports");
    assert_eq!(s.count("reports").await, 0);

    o.create_report(&ana, good.clone()).await.unwrap();
    let taken = o.create_report(&s.admin, good.clone()).await.unwrap_err();
    assert_eq!((taken.key.as_str(), taken.field.as_deref()), ("report.name_taken", Some("name")));
    // A refused update leaves the stored definition as it was.
    let refused = o.update_report(&ana, "Daily", ReportDef { schedule: daily("7:5"), ..good.clone() }).await;
    assert_eq!(refused.unwrap_err().field.as_deref(), Some("schedule.at"));
    assert_eq!(o.report(&ana, "Daily").await.unwrap().definition, good);
    let renamed = o.update_report(&s.admin, "Daily", ReportDef { name: "Diario".into(), ..good }).await.unwrap();
    assert_eq!(renamed.definition.name, "Diario");
    assert_eq!(o.report(&ana, "Daily").await.unwrap_err().key, "report.not_found");
    o.delete_report(&ana, "Diario").await.unwrap();
    assert_eq!(s.count("reports").await, 0);
}

async fn the_tick_runs_a_report_only_once_it_is_due(s: TestStore) {
    seed(&s, 2).await;
    let ana = s.user("ana", &["supervisor"], None).await;
    let folder = tempfile::tempdir().unwrap();
    let created = s.orderly.create_report(&ana, def("Diario", daily("08:00"), Some(folder.path()), &[])).await.unwrap();
    let due = at(created.next_run_at.expect("scheduled"));
    assert_eq!(due.format("%H:%M").to_string(), "08:00");
    assert!(due > Utc::now() && due <= Utc::now() + Duration::days(1));

    assert!(s.orderly.report_tick(due - Duration::minutes(1), "es").await.unwrap().is_empty());
    assert!(files_in(folder.path()).is_empty());

    let runs = s.orderly.report_tick(due + Duration::minutes(1), "es").await.unwrap();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!((runs[0].error.as_ref(), runs[0].mailed_to.len()), (None, 0));
    let written = files_in(folder.path());
    assert_eq!(written.len(), 1);
    assert_eq!(runs[0].file.as_deref(), Some(written[0].to_str().unwrap()));
    assert!(std::fs::read_to_string(&written[0]).unwrap().contains("Generado"));
    let after = s.orderly.report(&ana, "Diario").await.unwrap();
    assert_eq!(after.next_run_at, Some((due + Duration::days(1)).timestamp_millis()));
    assert_eq!(after.last_run_at, Some((due + Duration::minutes(1)).timestamp_millis()));
    assert_eq!((after.last_file, after.last_error), (runs[0].file.clone(), None));
    // Nothing runs twice.
    assert!(s.orderly.report_tick(due + Duration::minutes(2), "es").await.unwrap().is_empty());
}

/// The aiosmtpd sink of `tests/smtp/sink.py` on a free port, killed when dropped.
struct SmtpSink {
    child: Child,
    port: u16,
    folder: tempfile::TempDir,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let folder = tempfile::tempdir().unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/sink.py");
        let mut child = Command::new("python3")
            .args([script, &port.to_string(), folder.path().to_str().unwrap()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 (scripts/setup.sh installs aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start: is aiosmtpd installed (scripts/setup.sh)?");
        SmtpSink { child, port, folder }
    }

    fn messages(&self) -> Vec<Value> {
        files_in(self.folder.path())
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn a_scheduled_report_reaches_the_smtp_server_and_a_refusal_is_recorded(s: TestStore) {
    seed(&s, 4).await;
    let sink = SmtpSink::start();
    let smtp = SmtpSettings {
        host: "127.0.0.1".into(),
        port: sink.port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
        from: "informes@orderly.example".into(),
    };
    let shown = s.orderly.set_smtp_settings(&s.admin, smtp).await.unwrap();
    assert!(!shown.password_set);
    let folder = tempfile::tempdir().unwrap();
    let to = ["jefa@example.com", "ops@example.org"];
    let sent =
        s.orderly.create_report(&s.admin, def("Atrasos", daily("06:30"), Some(folder.path()), &to)).await.unwrap();
    let refused = def("Zzz refused", daily("06:30"), Some(folder.path()), &["nadie@refused.example"]);
    s.orderly.create_report(&s.admin, refused).await.unwrap();

    let now = at(sent.next_run_at.unwrap()) + Duration::seconds(5);
    let runs = s.orderly.report_tick(now, "es").await.unwrap();
    assert_eq!(runs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Atrasos", "Zzz refused"]);
    assert_eq!((runs[0].error.as_ref(), runs[0].mailed_to.clone()), (None, to.map(String::from).to_vec()));
    let failure = runs[1].error.clone().expect("the refused recipient fails the send");
    assert_eq!(failure.key, "report.send_failed");
    assert!(failure.params["detail"].contains("550"), "{failure:?}");
    assert!(runs[1].file.is_some(), "the file is saved even when the mail fails");
    let stored = s.orderly.report(&s.admin, "Zzz refused").await.unwrap();
    assert_eq!(stored.last_error, Some(failure));
    assert!(stored.next_run_at > Some(now.timestamp_millis()));

    let messages = sink.messages();
    assert_eq!(messages.len(), 1, "{messages:?}");
    let mail = &messages[0];
    let day = now.format("%-d").to_string();
    let subject = mail["subject"].as_str().unwrap();
    assert!(subject.starts_with("Atrasos · ") && subject.contains(&day), "{subject}");
    assert_eq!(mail["rcpt_tos"], serde_json::json!(to));
    assert!(mail["to"].as_str().unwrap().contains("ops@example.org"));
    assert_eq!(mail["mail_from"], "informes@orderly.example");
    let attachment = &mail["attachments"][0];
    assert_eq!(attachment["content_type"], "text/html");
    let name = attachment["filename"].as_str().unwrap();
    assert!(name.starts_with("Atrasos-") && name.ends_with(".html"), "{name}");
    let attached = attachment["content"].as_str().unwrap();
    assert!(attached.contains("<svg") && attached.contains("<td class=\"v\">4</td>"));
    // SMTP carries lines ending in CRLF; the text is otherwise the attachment's.
    let crlf = |t: &str| t.replace("\r\n", "\n").trim().to_string();
    assert_eq!(crlf(mail["html"].as_str().unwrap()), crlf(attached));
    assert_eq!(files_in(folder.path()).len(), 2);
}

conformance!(renders_html, a_report_renders_one_html_file_with_charts_and_figures);
conformance!(refuses_bad_definitions, bad_definitions_are_refused_by_field_and_store_nothing);
conformance!(schedules, the_tick_runs_a_report_only_once_it_is_due);
conformance!(mails, a_scheduled_report_reaches_the_smtp_server_and_a_refusal_is_recorded);
