//! Native desktop notifications (notify-rust over the session D-Bus on Linux): the texts
//! come from the core's catalogue in the user's language; clicking one hands its order to
//! `on_open` (the window then shows that order).

use orderly::domain::notify::Notification;
use std::collections::BTreeMap;

/// One notification as a person reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub summary: String,
    pub body: String,
    pub order_id: Option<String>,
}

/// The translated notice for a stored notification.
pub fn notice(n: &Notification, lang: &str) -> Notice {
    let mut params: BTreeMap<String, String> = BTreeMap::new();
    params.insert("order".into(), n.order_number.clone().unwrap_or_default());
    if let Some(object) = n.params.as_object() {
        for (key, value) in object {
            let text = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
            params.insert(key.clone(), text);
        }
    }
    if let Some(target) = params.get("target").cloned() {
        let name = orderly::i18n::message(lang, &format!("notice.target.{target}"), &params);
        params.insert("target".into(), name);
    }
    Notice {
        summary: orderly::i18n::message(lang, &format!("notice.{}.title", n.kind), &params),
        body: orderly::i18n::message(lang, &format!("notice.{}.body", n.kind), &params),
        order_id: n.order_id.clone(),
    }
}

/// Shows a notice natively. A click on it (the default action) calls `on_open` with its
/// order, from a thread that waits for the click so the caller never blocks.
pub fn deliver(notice: &Notice, on_open: impl FnOnce(String) + Send + 'static) -> Result<(), String> {
    let mut native = notify_rust::Notification::new();
    native.appname("Orderly").summary(&notice.summary).body(&notice.body).icon("dialog-information");
    if notice.order_id.is_some() {
        native.action("default", &notice.summary);
    }
    let handle = native.show().map_err(|e| e.to_string())?;
    if let Some(order_id) = notice.order_id.clone() {
        std::thread::spawn(move || {
            handle.wait_for_action(|action| {
                if action == "default" {
                    on_open(order_id);
                }
            })
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stored(kind: &str, params: serde_json::Value) -> Notification {
        Notification {
            id: "n1".into(),
            user_id: "u1".into(),
            order_id: Some("o1".into()),
            order_number: Some("WO-2026-000042".into()),
            kind: kind.into(),
            params,
            created_at: 0,
            read_at: None,
            delivered_at: None,
        }
    }

    #[test]
    fn notices_are_translated_with_the_order_number() {
        let n = stored("sla_breached", json!({"target": "resolution", "due": 0}));
        let zh = notice(&n, "zh-CN");
        assert!(zh.summary.contains("WO-2026-000042"), "{zh:?}");
        assert!(zh.body.contains("解决"), "{zh:?}");
        let es = notice(&n, "es");
        assert!(es.body.contains("resolución"), "{es:?}");
        for kind in orderly::domain::notify::KINDS {
            let en = notice(&stored(kind, json!({"target": "response", "number": 2, "count": 3, "alerts": 5})), "en");
            assert!(!en.summary.starts_with("notice."), "{kind} has no title");
            assert!(!en.body.starts_with("notice."), "{kind} has no body");
        }
    }
}
