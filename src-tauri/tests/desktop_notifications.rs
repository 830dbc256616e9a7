//! A notification really crosses D-Bus: a private session bus (dbus-daemon), a stand-in
//! notification server that owns `org.freedesktop.Notifications` on it and records every
//! `Notify` call, and the app's own notifier sending a translated SLA notice.

use orderly::domain::notify::Notification;
use orderly_desktop::notifier::{deliver, notice};
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use zbus::OwnedVariant;

#[derive(Debug, Clone)]
struct Received {
    app_name: String,
    summary: String,
    body: String,
    actions: Vec<String>,
}

struct NotificationServer {
    received: Arc<Mutex<Vec<Received>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl NotificationServer {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut received = self.received.lock().unwrap();
        received.push(Received { app_name, summary, body, actions });
        received.len() as u32
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("stand-in".into(), "orderly-tests".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}
}

struct Bus(Child);

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

/// Starts a private session bus and returns it with its address.
fn private_bus() -> Option<(Bus, String)> {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut line = String::new();
    BufReader::new(child.stdout.take()?).read_line(&mut line).ok()?;
    Some((Bus(child), line.trim().to_string()))
}

#[test]
fn an_sla_notice_is_delivered_over_dbus_in_the_users_language() {
    let Some((_bus, address)) = private_bus() else {
        assert!(std::env::var("CI").is_err(), "dbus-daemon is missing (scripts/setup.sh installs dbus)");
        eprintln!("SKIPPED: no dbus-daemon on this machine");
        return;
    };
    // notify-rust connects to the session bus named by this variable.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
    let received = Arc::new(Mutex::new(Vec::new()));
    let server = NotificationServer { received: received.clone() };
    let _connection = zbus::block_on(async {
        zbus::conn::Builder::address(address.as_str())
            .name("org.freedesktop.Notifications")
            .serve_at("/org/freedesktop/Notifications", server)
            .build()
            .await
    })
    .expect("serve the stand-in notification server");

    let stored = Notification {
        id: "n1".into(),
        user_id: "u1".into(),
        order_id: Some("o1".into()),
        order_number: Some("WO-2026-000007".into()),
        kind: "sla_alert".into(),
        params: serde_json::json!({"number": 3}),
        created_at: 0,
        read_at: None,
        delivered_at: None,
    };
    deliver(&notice(&stored, "zh-CN"), |_| {}).expect("notify-rust sends the notice");

    let deadline = Instant::now() + Duration::from_secs(10);
    while received.lock().unwrap().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "exactly one Notify call reached the bus");
    let got = &received[0];
    assert_eq!(got.app_name, "Orderly");
    assert_eq!(got.summary, "WO-2026-000007：已超时（第 3 次提醒）");
    assert_eq!(got.body, "此工单已超时，正在等待您处理。");
    assert!(got.actions.contains(&"default".to_string()), "a click opens the order: {:?}", got.actions);
}
