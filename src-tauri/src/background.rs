//! The desktop's background work: every tick the core's SLA scheduler runs (on PostgreSQL only
//! one desktop of a team gets the lock) and pooled orders nobody grabbed in time go to smart
//! dispatch, due reports are saved and mailed, then the signed-in person's new notifications pop up
//! natively (unless muted or in quiet hours), and the tray and the window learn the unread
//! count.

use crate::notifier::{deliver, notice};
use crate::session::AppState;
use crate::tray;
use chrono::Timelike;
use orderly::Error;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// Seconds between ticks: `$ORDERLY_TICK_SECONDS`, else 30.
fn period() -> Duration {
    let seconds = std::env::var("ORDERLY_TICK_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(30u64);
    Duration::from_secs(seconds.max(1))
}

pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut interval = tokio::time::interval(period());
        loop {
            interval.tick().await;
            if let Err(e) = tick(&app).await {
                eprintln!("orderly: background tick: {}", e.message("en"));
            }
        }
    });
}

/// One round; also run at once after sign-in through [`refresh`].
pub async fn tick(app: &AppHandle) -> Result<(), Error> {
    let state = app.state::<AppState>();
    let now = orderly::domain::now_millis();
    state.orderly.sla_tick(now, 500).await?;
    state.orderly.pool_fallback(now).await?;
    // Each report's failure is recorded on the report; only a store fault stops the round.
    state.orderly.report_tick(chrono::Utc::now(), &state.language()).await?;
    refresh(app).await
}

/// Pops up the signed-in person's undelivered notifications and publishes the unread count.
pub async fn refresh(app: &AppHandle) -> Result<(), Error> {
    let state = app.state::<AppState>();
    let lang = state.language();
    let Ok(actor) = state.actor() else {
        tray::update(app, &lang, 0);
        return Ok(());
    };
    let prefs = state.orderly.notification_prefs(&actor).await?;
    let now = chrono::Local::now();
    let minute = now.hour() * 60 + now.minute();
    for n in state.orderly.take_undelivered(&actor).await? {
        if !prefs.pops_up(&n.kind, minute) {
            continue;
        }
        let handle = app.clone();
        let shown = deliver(&notice(&n, &lang), move |order_id| {
            tray::show_window(&handle);
            let _ = handle.emit("open-order", order_id);
        });
        if let Err(e) = shown {
            // No notification service (a bare session): the inbox still has it.
            eprintln!("orderly: desktop notification not shown: {e}");
        }
    }
    let unread = state.orderly.unread_count(&actor).await?;
    tray::update(app, &lang, unread);
    let _ = app.emit("inbox-changed", unread);
    Ok(())
}
