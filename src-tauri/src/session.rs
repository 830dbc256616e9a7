//! Who is signed in to this window, and the sessions remembered for this OS account.
//!
//! A remembered session is a login -> session-token map in a JSON file in the app config
//! folder, readable only by its owner (0600). The token is what `Orderly::sign_in` handed out;
//! the core can revoke it at any time, after which `resume` refuses it and we forget it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use orderly::domain::user::Actor;
use orderly::service::{Orderly, SetupStatus};
use orderly::{Error, ErrorCode};

/// The signed-in person of this window and the token that proves it.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub token: String,
}

/// Everything the commands share.
pub struct AppState {
    pub orderly: Orderly,
    /// Shown in [`SetupStatus::store`].
    pub store: String,
    pub session: Mutex<Option<Session>>,
    pub remembered: RememberedSessions,
    /// The UI's language (`en`, `zh-CN`, `es`), for native notifications and the tray.
    pub lang: Mutex<String>,
}

impl AppState {
    pub fn new(orderly: Orderly, store: String, remembered: RememberedSessions) -> Self {
        AppState { orderly, store, session: Mutex::new(None), remembered, lang: Mutex::new("en".into()) }
    }

    /// The signed-in actor, or `unauthenticated` when nobody is.
    pub fn actor(&self) -> Result<Actor, Error> {
        self.lock().as_ref().map(|s| s.actor.clone()).ok_or_else(not_signed_in)
    }

    /// Makes `actor` the person of this window; remembers the session when asked to.
    pub fn begin(&self, actor: Actor, token: String, remember: bool) -> Result<Actor, Error> {
        if remember {
            self.remembered.put(&actor.login, &token)?;
        }
        *self.lock() = Some(Session { actor: actor.clone(), token });
        Ok(actor)
    }

    /// Ends this window's session; returns its token so the core can revoke it.
    pub fn end(&self) -> Result<String, Error> {
        let session = self.lock().take().ok_or_else(not_signed_in)?;
        self.remembered.forget(&session.actor.login)?;
        Ok(session.token)
    }

    /// Resumes the remembered session of `login` (one-click user switch).
    pub async fn switch_to(&self, login: &str) -> Result<Actor, Error> {
        let token = self.remembered.get(login)?.ok_or_else(not_signed_in)?;
        match self.orderly.resume(&token).await {
            Ok(actor) => self.begin(actor, token, false),
            Err(e) => {
                if e.code == ErrorCode::Unauthenticated {
                    self.remembered.forget(login)?;
                }
                Err(e)
            }
        }
    }

    pub fn language(&self) -> String {
        self.lang.lock().map(|l| l.clone()).unwrap_or_else(|p| p.into_inner().clone())
    }

    pub fn set_language(&self, lang: &str) {
        let mut slot = self.lang.lock().unwrap_or_else(|p| p.into_inner());
        *slot = orderly::i18n::normalise_lang(lang).to_string();
    }

    pub async fn setup_status(&self) -> Result<SetupStatus, Error> {
        let needs_admin_password = self.orderly.setup_needed().await?;
        let mut remembered = Vec::new();
        for (login, token) in self.remembered.all()? {
            match self.orderly.resume(&token).await {
                Ok(actor) => remembered.push(actor),
                Err(e) if e.code == ErrorCode::Unauthenticated => self.remembered.forget(&login)?,
                Err(e) => return Err(e),
            }
        }
        let current = self.lock().as_ref().map(|s| s.actor.clone());
        Ok(SetupStatus { needs_admin_password, store: self.store.clone(), remembered, current })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Session>> {
        // A panic while holding the lock cannot leave a half-written Option behind.
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub fn not_signed_in() -> Error {
    Error::new(ErrorCode::Unauthenticated, "auth.not_signed_in")
}

/// The login -> token file. Every call re-reads it, so two windows or two app instances of
/// the same OS account see each other's changes.
pub struct RememberedSessions {
    path: PathBuf,
}

impl RememberedSessions {
    pub fn new(path: PathBuf) -> Self {
        RememberedSessions { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn all(&self) -> Result<BTreeMap<String, String>, Error> {
        match std::fs::read(&self.path) {
            Ok(bytes) => Ok(serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                // A damaged file only costs the user a sign-in; do not block the app on it.
                eprintln!("orderly: ignoring unreadable {}: {e}", self.path.display());
                BTreeMap::new()
            })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(Error::internal(e)),
        }
    }

    pub fn get(&self, login: &str) -> Result<Option<String>, Error> {
        Ok(self.all()?.remove(login))
    }

    pub fn put(&self, login: &str, token: &str) -> Result<(), Error> {
        let mut all = self.all()?;
        all.insert(login.to_string(), token.to_string());
        self.write(&all)
    }

    pub fn forget(&self, login: &str) -> Result<(), Error> {
        let mut all = self.all()?;
        if all.remove(login).is_some() {
            self.write(&all)?;
        }
        Ok(())
    }

    /// Writes a private temporary file and renames it over the old one, so a crash never
    /// leaves a truncated file and the tokens are never readable by other users.
    fn write(&self, all: &BTreeMap<String, String>) -> Result<(), Error> {
        let dir = self.path.parent().ok_or_else(|| Error::internal("sessions file has no folder"))?;
        std::fs::create_dir_all(dir).map_err(Error::internal)?;
        let tmp = self.path.with_extension("json.tmp");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp).map_err(Error::internal)?;
        let json = serde_json::to_vec_pretty(all).map_err(Error::internal)?;
        file.write_all(&json).and_then(|_| file.sync_all()).map_err(Error::internal)?;
        std::fs::rename(&tmp, &self.path).map_err(Error::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_sessions_round_trip_and_stay_private() {
        let dir = tempfile::tempdir().unwrap();
        let store = RememberedSessions::new(dir.path().join("config").join("sessions.json"));
        assert!(store.all().unwrap().is_empty());
        store.put("admin", "t1").unwrap();
        store.put("王芳", "t2").unwrap();
        assert_eq!(store.get("王芳").unwrap().as_deref(), Some("t2"));
        store.forget("admin").unwrap();
        assert_eq!(store.all().unwrap().keys().collect::<Vec<_>>(), vec!["王芳"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(store.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    /// The sign-in flow the commands run, on a temporary store and without a window.
    #[test]
    fn setup_remember_switch_and_sign_out() {
        tauri::async_runtime::block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("orderly.db");
            let orderly = Orderly::open(db.to_str().unwrap()).await.unwrap();
            let sessions = RememberedSessions::new(dir.path().join("sessions.json"));
            let state = AppState::new(orderly.clone(), "test".into(), sessions);

            let status = state.setup_status().await.unwrap();
            assert!(status.needs_admin_password && status.current.is_none() && status.remembered.is_empty());
            assert_eq!(state.actor().unwrap_err().code, ErrorCode::Unauthenticated);

            let (admin, token) = orderly.setup_admin("correct horse battery").await.unwrap();
            state.begin(admin, token, true).unwrap();
            let status = state.setup_status().await.unwrap();
            assert!(!status.needs_admin_password);
            assert_eq!(status.current.unwrap().login, "admin");
            assert_eq!(status.remembered.len(), 1);

            // Another window of the same OS account resumes the remembered session in one click.
            let other = AppState::new(
                orderly.clone(),
                "test".into(),
                RememberedSessions::new(dir.path().join("sessions.json")),
            );
            assert_eq!(other.switch_to("admin").await.unwrap().login, "admin");
            assert_eq!(other.switch_to("nobody").await.unwrap_err().code, ErrorCode::Unauthenticated);

            // Signing out revokes the token everywhere and forgets it.
            let token = state.end().unwrap();
            orderly.sign_out(&token).await.unwrap();
            assert_eq!(state.actor().unwrap_err().code, ErrorCode::Unauthenticated);
            assert!(state.setup_status().await.unwrap().remembered.is_empty());
            assert_eq!(other.switch_to("admin").await.unwrap_err().code, ErrorCode::Unauthenticated);
        });
    }

    #[test]
    fn a_damaged_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessions.json");
        std::fs::write(&path, "not json").unwrap();
        assert!(RememberedSessions::new(path).all().unwrap().is_empty());
    }
}
