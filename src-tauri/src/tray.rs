//! The tray icon: its tooltip and menu show the signed-in person's unread count; the menu
//! opens the window, the inbox, or quits.

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Wry};

/// The tray's menu items whose text changes with the unread count and the language.
pub struct Tray {
    open: MenuItem<Wry>,
    inbox: MenuItem<Wry>,
    quit: MenuItem<Wry>,
}

pub const TRAY_ID: &str = "orderly";

fn text(lang: &str, key: &str, count: i64) -> String {
    let params = std::collections::BTreeMap::from([("count".to_string(), count.to_string())]);
    orderly::i18n::message(lang, key, &params)
}

pub fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Builds the tray; its handles are kept in the app's state for [`update`].
pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", text("en", "tray.open", 0), true, None::<&str>)?;
    let inbox = MenuItem::with_id(app, "inbox", text("en", "tray.inbox", 0), true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", text("en", "tray.quit", 0), true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &inbox, &quit])?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID).tooltip(text("en", "tray.tooltip", 0)).menu(&menu);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder
        .on_menu_event(|app, event| match event.id.as_ref() {
            "open" => show_window(app),
            "inbox" => {
                show_window(app);
                let _ = app.emit("open-inbox", ());
            }
            "quit" => app.exit(0),
            _ => {}
        })
        .build(app)?;
    app.manage(Tray { open, inbox, quit });
    Ok(())
}

/// Shows `unread` in the tooltip and the menu, in `lang`.
pub fn update(app: &AppHandle, lang: &str, unread: i64) {
    if let Some(tray) = app.try_state::<Tray>() {
        let _ = tray.open.set_text(text(lang, "tray.open", unread));
        let _ = tray.inbox.set_text(text(lang, "tray.inbox", unread));
        let _ = tray.quit.set_text(text(lang, "tray.quit", unread));
    }
    if let Some(icon) = app.tray_by_id(TRAY_ID) {
        let _ = icon.set_tooltip(Some(text(lang, "tray.tooltip", unread)));
    }
}
