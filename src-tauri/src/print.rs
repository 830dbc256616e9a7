//! Printing a report from the desktop (issue #8). A page's `window.print()` does nothing in the
//! Linux webview, so the report's HTML is laid out in a hidden window of its own and printed by
//! WebKitGTK: straight into a PDF file (GTK's "Print to File" printer, no dialog), or through
//! the system's print dialog over the main window, where any printer, or a file, can be chosen.

use std::path::PathBuf;
use std::time::Duration;
use tauri::{AppHandle, WebviewUrl, WebviewWindowBuilder};
use tokio::sync::oneshot;

/// Where a printed report goes.
pub enum PrintTo {
    /// A PDF file at this path (written whole, or not at all).
    Pdf(PathBuf),
    /// The system's print dialog; a cancel there is not a failure.
    Dialog,
}

type Done = oneshot::Sender<Result<(), String>>;

/// Lays `html` out in a hidden window and prints it; returns when the printing has finished,
/// failed or was cancelled. The window is closed afterwards either way.
pub async fn print_html(app: &AppHandle, html: String, to: PrintTo) -> Result<(), String> {
    let label = format!("print-{}", chrono::Utc::now().timestamp_micros());
    let blank = WebviewUrl::External("about:blank".parse().map_err(|e| format!("{e}"))?);
    let window = WebviewWindowBuilder::new(app, &label, blank)
        .title("Orderly")
        .visible(false)
        .build()
        .map_err(|e| e.to_string())?;
    let (done, answer) = oneshot::channel();
    let app = app.clone();
    // The closure runs on the main thread, where the GTK objects live.
    let started = window.with_webview(move |webview| start(webview, html, to, main_window(&app), done));
    let result = match started {
        Ok(()) => match tokio::time::timeout(Duration::from_secs(120), answer).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err("the print operation ended without an answer".into()),
            Err(_) => Err("printing took longer than two minutes".into()),
        },
        Err(e) => Err(e.to_string()),
    };
    let _ = window.destroy();
    result
}

#[cfg(target_os = "linux")]
type Parent = Option<gtk::ApplicationWindow>;
#[cfg(not(target_os = "linux"))]
type Parent = ();

#[cfg(target_os = "linux")]
fn main_window(app: &AppHandle) -> Parent {
    use tauri::Manager;
    app.get_webview_window("main").and_then(|w| w.gtk_window().ok())
}

#[cfg(not(target_os = "linux"))]
fn main_window(_app: &AppHandle) -> Parent {}

#[cfg(not(target_os = "linux"))]
fn start(_webview: tauri::webview::PlatformWebview, _html: String, _to: PrintTo, _parent: Parent, done: Done) {
    let _ = done.send(Err("printing from the desktop is only built for Linux so far".into()));
}

/// On the main thread: loads the HTML, and once it is laid out, prints it.
#[cfg(target_os = "linux")]
fn start(webview: tauri::webview::PlatformWebview, html: String, to: PrintTo, parent: Parent, done: Done) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use webkit2gtk::{LoadEvent, WebViewExt};

    let webview = webview.inner();
    let job = Rc::new(RefCell::new(Some((to, parent, done))));
    webview.load_html(&html, None);
    // Connected after the load began: the first Finished is the report's.
    webview.connect_load_changed(move |webview, event| {
        if event == LoadEvent::Finished {
            if let Some((to, parent, done)) = job.borrow_mut().take() {
                print_loaded(webview, to, parent, done);
            }
        }
    });
}

#[cfg(target_os = "linux")]
fn print_loaded(webview: &webkit2gtk::WebView, to: PrintTo, parent: Parent, done: Done) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use webkit2gtk::{PrintOperation, PrintOperationExt, PrintOperationResponse};

    let operation = PrintOperation::new(webview);
    let done = Rc::new(RefCell::new(Some(done)));
    let answer = move |result: Result<(), String>| {
        if let Some(done) = done.borrow_mut().take() {
            let _ = done.send(result);
        }
    };
    let on_failed = answer.clone();
    operation.connect_failed(move |_, e| on_failed(Err(e.to_string())));
    let on_finished = answer.clone();
    operation.connect_finished(move |_| on_finished(Ok(())));
    match to {
        PrintTo::Pdf(path) => {
            let settings = gtk::PrintSettings::new();
            settings.set_printer(&file_printer());
            settings.set("output-file-format", Some("pdf"));
            let uri = glib_file_uri(&path);
            settings.set("output-uri", Some(&uri));
            operation.set_print_settings(&settings);
            operation.print();
        }
        PrintTo::Dialog => {
            if operation.run_dialog(parent.as_ref()) == PrintOperationResponse::Cancel {
                answer(Ok(()));
            }
        }
    }
}

/// GTK's "Print to File" printer, by the name it has in the desktop's language.
#[cfg(target_os = "linux")]
fn file_printer() -> String {
    use std::ffi::{CStr, CString};
    extern "C" {
        fn dgettext(domain: *const std::os::raw::c_char, id: *const std::os::raw::c_char) -> *mut std::os::raw::c_char;
    }
    let (domain, id) = (CString::new("gtk30").unwrap_or_default(), CString::new("Print to File").unwrap_or_default());
    // SAFETY: both are valid NUL-terminated strings; dgettext returns the id itself or a
    // string owned by the catalogue, valid for the life of the process; it is copied at once.
    unsafe {
        let name = dgettext(domain.as_ptr(), id.as_ptr());
        if name.is_null() {
            "Print to File".into()
        } else {
            CStr::from_ptr(name).to_string_lossy().into_owned()
        }
    }
}

/// A `file://` URI of an absolute path, each byte outside the unreserved set percent-encoded.
#[cfg(target_os = "linux")]
fn glib_file_uri(path: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn a_file_uri_encodes_spaces_and_chinese() {
        let uri = super::glib_file_uri(std::path::Path::new("/tmp/日报 1.pdf"));
        assert_eq!(uri, "file:///tmp/%E6%97%A5%E6%8A%A5%201.pdf");
    }
}
