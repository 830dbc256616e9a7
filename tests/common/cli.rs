//! The `orderly` binary on a store in a temporary folder, driven as a script drives it: English
//! messages, no remembered user. Shared by the CLI tests (`#[path = "common/cli.rs"] mod cli;`).
#![allow(dead_code)] // each test file uses its own part of it

use serde_json::Value;
use std::process::{Command, Output};

pub struct Cli {
    pub db: String,
    pub dir: tempfile::TempDir,
}

impl Cli {
    /// A fresh store made by `orderly init`.
    pub fn new() -> Cli {
        let cli = Cli::without_init();
        assert!(cli.run(&["init"]).status.success());
        cli
    }

    /// A store path nothing has touched yet: the first command creates it.
    pub fn without_init() -> Cli {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cli.db").display().to_string();
        Cli { db, dir }
    }

    /// A path for a file beside the store.
    pub fn file(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_orderly"))
            .args(["--db", &self.db])
            .args(args)
            .env_remove("ORDERLY_USER")
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap()
    }

    /// Runs with `--json`, insists on success and parses the answer.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.run(&[&["--json"], args].concat());
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub fn orders(&self) -> Vec<Value> {
        self.json(&["order", "list", "--limit", "500"])["items"].as_array().unwrap().clone()
    }
}
