//! The organisation's outgoing mail server (issue #8, for scheduled reports): its settings,
//! kept in the settings table and changed by admins only, and sending one report as an HTML
//! message with the same HTML attached (lettre over plain, STARTTLS or implicit TLS).

use super::Orderly;
use crate::domain::report::check_email;
use crate::domain::user::Actor;
use crate::store::sla::{get_setting, put_setting};
use crate::{Error, Result};
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// The `settings` key holding the SMTP settings as JSON.
pub const SMTP_SETTING: &str = "smtp";

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain SMTP (a relay on the local network, a test server).
    None,
    /// Upgrades the connection with STARTTLS (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// The SMTP settings as an admin enters them. A blank password with the same username keeps
/// the stored one, so the form never has to show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// The sender address of every report.
    pub from: String,
}

/// The settings as shown: never the password, only whether one is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SmtpView {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password_set: bool,
    pub from: String,
}

impl SmtpSettings {
    fn checked(mut self, stored: Option<&SmtpSettings>) -> Result<SmtpSettings> {
        self.host = self.host.trim().to_string();
        if self.host.is_empty() || self.host.contains(char::is_whitespace) {
            return Err(Error::invalid("smtp.host_invalid").on_field("host").with("value", &self.host));
        }
        if self.port == 0 {
            return Err(Error::invalid("smtp.port_invalid").on_field("port").with("value", self.port));
        }
        self.from = self.from.trim().to_string();
        check_email(&self.from, "from")?;
        self.username = self.username.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
        self.password = self.password.filter(|p| !p.is_empty());
        if self.password.is_none() && self.username.is_some() {
            self.password = stored.filter(|s| s.username == self.username).and_then(|s| s.password.clone());
        }
        if self.username.is_some() != self.password.is_some() {
            let field = if self.username.is_some() { "password" } else { "username" };
            return Err(Error::invalid("smtp.credentials_incomplete").on_field(field));
        }
        Ok(self)
    }

    fn view(&self) -> SmtpView {
        SmtpView {
            host: self.host.clone(),
            port: self.port,
            security: self.security,
            username: self.username.clone(),
            password_set: self.password.is_some(),
            from: self.from.clone(),
        }
    }
}

/// One message to send: a report's HTML as the body and as an attachment.
pub struct ReportMail<'a> {
    pub to: &'a [String],
    pub subject: &'a str,
    pub html: &'a str,
    pub file_name: &'a str,
}

fn send_failed(detail: impl std::fmt::Display) -> Error {
    Error::invalid("report.send_failed").with("detail", detail)
}

fn message(settings: &SmtpSettings, mail: &ReportMail) -> Result<Message> {
    let from: Mailbox = settings.from.parse().map_err(send_failed)?;
    let mut builder = Message::builder().from(from).subject(mail.subject);
    for to in mail.to {
        builder = builder.to(to.parse::<Mailbox>().map_err(send_failed)?);
    }
    let body = SinglePart::builder().header(ContentType::TEXT_HTML).body(mail.html.to_string());
    let attachment = Attachment::new(mail.file_name.to_string())
        .body(mail.html.as_bytes().to_vec(), ContentType::parse("text/html; charset=utf-8").map_err(send_failed)?);
    builder.multipart(MultiPart::mixed().singlepart(body).singlepart(attachment)).map_err(send_failed)
}

/// Sends `mail` through the server `settings` name; a refusal or an unreachable server is
/// `report.send_failed` with the server's own words.
pub async fn send_report(settings: &SmtpSettings, mail: &ReportMail<'_>) -> Result<()> {
    let message = message(settings, mail)?;
    let builder = match settings.security {
        SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host),
        SmtpSecurity::Starttls => {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host).map_err(send_failed)?
        }
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host).map_err(send_failed)?,
    };
    let mut builder = builder.port(settings.port).timeout(Some(Duration::from_secs(30)));
    if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    builder.build().send(message).await.map_err(send_failed)?;
    Ok(())
}

impl Orderly {
    /// The stored SMTP settings with their password, for sending.
    pub(super) async fn smtp_stored(&self) -> Result<Option<SmtpSettings>> {
        let mut conn = self.read().await?;
        match get_setting(&mut conn, SMTP_SETTING).await? {
            Some(text) => Ok(Some(serde_json::from_str(&text).map_err(Error::internal)?)),
            None => Ok(None),
        }
    }

    /// The SMTP settings without the password (admins only).
    pub async fn smtp_settings(&self, actor: &Actor) -> Result<Option<SmtpView>> {
        actor.require(actor.can_administer(), "perm.administer")?;
        Ok(self.smtp_stored().await?.map(|s| s.view()))
    }

    /// Stores the SMTP settings (admins only); refused per field, nothing stored.
    pub async fn set_smtp_settings(&self, actor: &Actor, input: SmtpSettings) -> Result<SmtpView> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let settings = input.checked(self.smtp_stored().await?.as_ref())?;
        let text = serde_json::to_string(&settings).map_err(Error::internal)?;
        let mut tx = self.store.write().await?;
        put_setting(&mut tx, SMTP_SETTING, &text).await?;
        tx.commit().await?;
        Ok(settings.view())
    }

    /// Forgets the SMTP settings: reports are then only saved, not mailed.
    pub async fn clear_smtp_settings(&self, actor: &Actor) -> Result<()> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        sqlx::query("DELETE FROM settings WHERE key = $1").bind(SMTP_SETTING).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SmtpSettings {
        SmtpSettings {
            host: " smtp.example.com ".into(),
            port: 587,
            security: SmtpSecurity::Starttls,
            username: Some("reports".into()),
            password: Some("s3cret".into()),
            from: "reports@example.com".into(),
        }
    }

    #[test]
    fn settings_are_checked_per_field_and_keep_a_stored_password() {
        let stored = settings().checked(None).unwrap();
        assert_eq!(stored.host, "smtp.example.com");
        let blank = SmtpSettings { password: None, ..settings() };
        assert_eq!(blank.clone().checked(Some(&stored)).unwrap().password.as_deref(), Some("s3cret"));
        assert_eq!(blank.checked(None).unwrap_err().field.as_deref(), Some("password"));
        let cases = [
            (SmtpSettings { host: " ".into(), ..settings() }, "smtp.host_invalid", "host"),
            (SmtpSettings { port: 0, ..settings() }, "smtp.port_invalid", "port"),
            (SmtpSettings { from: "nobody".into(), ..settings() }, "report.email_invalid", "from"),
            (SmtpSettings { username: None, ..settings() }, "smtp.credentials_incomplete", "username"),
        ];
        for (input, key, field) in cases {
            let err = input.checked(None).unwrap_err();
            assert_eq!((err.key.as_str(), err.field.as_deref()), (key, Some(field)));
        }
    }
}
