//! `orderly stats … --out FILE.csv|FILE.xlsx` (issue #8): every row, labelled in the user's
//! language, CSV with a BOM and XLSX with numbers as numbers; an unknown extension is refused
//! and nothing is written.

use std::process::{Command, Output};

fn run(db: &str, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orderly"))
        .args(["--db", db])
        .args(args)
        .env_remove("ORDERLY_USER")
        .env("ORDERLY_LANG", lang)
        .output()
        .unwrap()
}

#[test]
fn stats_export_to_csv_and_xlsx_with_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db").display().to_string();
    assert!(run(&db, "en_US.UTF-8", &["settings", "set", "org.time_zone", "UTC"]).status.success());
    let lines = dir.path().join("orders.jsonl");
    std::fs::write(
        &lines,
        "{\"title\":\"A\",\"priority\":\"P1\",\"created_at\":\"2025-03-03T10:00:00Z\"}\n\
         {\"title\":\"B\",\"priority\":\"P3\",\"created_at\":\"2025-03-03T11:00:00Z\"}\n\
         {\"title\":\"C\",\"priority\":\"P3\",\"created_at\":\"2025-04-09T11:00:00Z\"}\n",
    )
    .unwrap();
    assert!(run(&db, "en_US.UTF-8", &["order", "import", lines.to_str().unwrap()]).status.success());
    let query = ["stats", "--metric", "created", "--period", "day", "--from", "2025-01-01", "--to", "2025-12-31"];

    // A year of days grouped by priority: 2 × 365 rows, far beyond any display cap.
    let csv = dir.path().join("días.csv");
    let out =
        run(&db, "zh_CN.UTF-8", &[&query[..], &["--group-by", "priority", "--out", csv.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let rows: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows[0], "周期,分组,数值");
    assert_eq!(rows.len(), 1 + 2 * 365);
    assert!(rows.contains(&"2025-03-03,P3 · 普通,1"), "{:?}", &rows[..5]);

    let xlsx = dir.path().join("meses.xlsx");
    let months = ["stats", "--metric", "created", "--period", "month", "--from", "2025-01-01", "--to", "2025-06-30"];
    let out = run(&db, "es_ES.UTF-8", &[&months[..], &["--out", xlsx.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0], [Data::String("Periodo".into()), Data::String("Grupo".into()), Data::String("Valor".into())]);
    let values: Vec<Data> = rows[1..].iter().map(|r| r[2].clone()).collect();
    let expected: Vec<Data> = [0.0, 0.0, 2.0, 1.0, 0.0, 0.0].into_iter().map(Data::Float).collect();
    assert_eq!(values, expected);
    assert_eq!(rows[3][1], Data::String("Creadas".into()));

    let pdf = dir.path().join("x.pdf");
    let out = run(&db, "es_ES.UTF-8", &[&months[..], &["--out", pdf.to_str().unwrap()]].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".xlsx"));
    assert!(!pdf.exists());
}
