//! What the CLI prints: one JSON document with `--json`, readable text otherwise; errors on
//! stderr in the user's language.

use orderly::bench::StoreBench;
use orderly::domain::order::{OrderPage, WorkOrder};
use orderly::service::OrderDetail;
use orderly::Error;
use serde::Serialize;
use serde_json::json;

pub struct Out {
    pub json: bool,
    pub lang: String,
}

impl Out {
    pub fn error(&self, e: &Error) {
        let message = e.message(&self.lang);
        if self.json {
            eprintln!("{}", json!({"error": {"code": e.code, "key": e.key, "message": message, "field": e.field}}));
        } else {
            match e.field.as_deref().filter(|f| !message.contains(f)) {
                // A template value's message does not name its field; the line does.
                Some(field) if field.starts_with("values.") => eprintln!("orderly: {field}: {message}"),
                _ => eprintln!("orderly: {message}"),
            }
        }
    }

    /// Prints any value as JSON (pretty when not `--json`, where no text form is nicer).
    pub fn value<T: Serialize>(&self, value: &T) {
        if self.json {
            println!("{}", serde_json::to_string(value).expect("serialisable"));
        } else {
            println!("{}", serde_json::to_string_pretty(value).expect("serialisable"));
        }
    }

    /// Prints a document on one line: commands whose output is always JSON.
    pub fn document<T: Serialize>(&self, value: &T) {
        println!("{}", serde_json::to_string(value).expect("serialisable"));
    }

    pub fn init(&self, store: &str, admin: &str) {
        if self.json {
            println!("{}", json!({"store": store, "admin": admin}));
        } else {
            println!("store ready: {store}\nfirst admin: {admin}");
        }
    }

    pub fn done(&self, what: &str) {
        if self.json {
            println!("{}", json!({"done": what}));
        } else {
            println!("{what}");
        }
    }

    pub fn progress(&self, done: u64, total: u64) {
        if !self.json {
            eprint!("\r{done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    }

    pub fn order(&self, order: &WorkOrder) {
        if self.json {
            self.value(order);
        } else {
            println!("{}", order_line(order));
        }
    }

    pub fn detail(&self, detail: &OrderDetail) {
        if self.json {
            return self.value(&detail.order);
        }
        let o = &detail.order;
        println!(
            "{}\n  {}\n  version {} · template {} v{}",
            order_line(o),
            o.description,
            o.version,
            o.template_key,
            o.template_version
        );
        for e in &detail.history {
            let change = match (&e.old_value, &e.new_value) {
                (Some(old), Some(new)) => format!("{old} -> {new}"),
                (None, Some(new)) => new.to_string(),
                _ => String::new(),
            };
            println!("  {} {} {} {}", time(e.at), e.kind.key(), e.field.as_deref().unwrap_or(""), change);
        }
        for c in &detail.comments {
            println!("  {} [{}] {}", time(c.created_at), if c.public { "public" } else { "internal" }, c.body);
        }
    }

    pub fn page(&self, page: &OrderPage) {
        if self.json {
            return self.value(page);
        }
        for o in &page.items {
            println!("{}", order_line(o));
        }
        if let Some(next) = &page.next {
            println!("-- more: --after {next}");
        }
    }

    pub fn bench(&self, report: &StoreBench) {
        if self.json {
            return self.value(report);
        }
        println!("{}", report.table());
    }
}

fn time(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis).map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

fn order_line(o: &WorkOrder) -> String {
    format!("{}  {}  {:<17} {}  {}", o.number, o.priority, o.status.key(), time(o.created_at), o.title)
}
