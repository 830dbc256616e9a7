//! `orderly order import` killed with SIGKILL at a random moment: every line it printed is in
//! the store, the file passes `PRAGMA integrity_check`, and the same import run again
//! completes the rest with no duplicate.

use rand::{Rng, SeedableRng};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const LINES: usize = 20_000;

fn import_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("orders.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..LINES {
        let title = match i % 3 {
            0 => format!("导入工单 {i} 电梯漏水"),
            1 => format!("Orden importada {i}: reparación"),
            _ => format!("Imported order {i}"),
        };
        writeln!(
            f,
            r#"{{"external_id":"legacy-{i}","title":"{title}","priority":"P{}","created_at":"2026-01-01T00:00:00Z"}}"#,
            i % 5 + 1
        )
        .unwrap();
    }
    path
}

fn import(db: &str, file: &std::path::Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_orderly"))
        .args(["--db", db, "order", "import", file.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

#[test]
fn an_import_killed_midway_keeps_what_it_printed_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.db").display().to_string();
    let file = import_file(dir.path());
    let seed: u64 = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let kill_after = rand::rngs::StdRng::seed_from_u64(seed).gen_range(1..LINES - 500);
    eprintln!("seed {seed}: SIGKILL after {kill_after} printed lines");

    let mut child = import(&db, &file);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut printed: Vec<serde_json::Value> = Vec::new();
    let mut line = String::new();
    while printed.len() < kill_after && out.read_line(&mut line).unwrap() > 0 {
        printed.push(serde_json::from_str(&line).unwrap());
        line.clear();
    }
    child.kill().unwrap(); // SIGKILL on Unix
    for rest in out.lines() {
        printed.push(serde_json::from_str(&rest.unwrap()).unwrap());
    }
    child.wait().unwrap();
    assert!(printed.len() < LINES, "the kill came before the end ({} printed)", printed.len());

    let conn = rusqlite::Connection::open(&db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let stored: HashSet<String> = {
        let mut stmt = conn.prepare("SELECT id FROM work_orders").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    for p in &printed {
        assert!(stored.contains(p["id"].as_str().unwrap()), "printed but not stored: {p}");
    }
    let committed_before = stored.len();
    drop(conn);

    let rerun = import(&db, &file).wait_with_output().unwrap();
    assert!(rerun.status.success());
    let lines: Vec<serde_json::Value> =
        rerun.stdout.lines().map(|l| serde_json::from_str(&l.unwrap()).unwrap()).collect();
    assert_eq!(lines.len(), LINES);
    let skipped = lines.iter().filter(|l| l["skipped"] == true).count();
    assert_eq!(skipped, committed_before, "exactly the committed lines are skipped");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (orders, distinct): (i64, i64) = conn
        .query_row("SELECT COUNT(*), COUNT(DISTINCT external_id) FROM work_orders", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((orders, distinct), (LINES as i64, LINES as i64), "every line once, none twice");
    let numbers: i64 = conn.query_row("SELECT COUNT(DISTINCT number) FROM work_orders", [], |r| r.get(0)).unwrap();
    assert_eq!(numbers, LINES as i64);
}
