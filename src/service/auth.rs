//! Sign-in: the first admin's password on first run, login + password (argon2id), remembered
//! sessions (random tokens, only their SHA-256 stored), and the CLI's `--as` actor.

use super::{Orderly, SessionToken};
use crate::domain::now_millis;
use crate::domain::user::{validate_password, Actor, Role, User};
use crate::store::users;
use crate::{Error, ErrorCode, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub(super) fn actor_of(user: &User) -> Actor {
    Actor {
        user_id: user.id.clone(),
        login: user.login.clone(),
        display_name: user.display_name.clone(),
        roles: user.roles.clone(),
        department_id: user.department_id.clone(),
    }
}

pub(super) fn hash_password(password: &str) -> Result<String> {
    validate_password(password)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(Error::internal)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn wrong_credentials() -> Error {
    Error::new(ErrorCode::Unauthenticated, "auth.wrong_credentials")
}

impl Orderly {
    pub(super) async fn ensure_first_admin(&self) -> Result<()> {
        let mut tx = self.store.write().await?;
        if users::first_admin(&mut tx).await?.is_none() && users::by_login(&mut tx, "admin").await?.is_none() {
            let admin = User {
                id: crate::domain::new_id(),
                login: "admin".into(),
                display_name: "Administrator".into(),
                roles: vec![Role::Admin],
                department_id: None,
                skills: Vec::new(),
                home_lat: None,
                home_lon: None,
                active: true,
                has_password: false,
                created_at: now_millis(),
            };
            users::insert(&mut tx, &admin, None).await?;
        }
        tx.commit().await
    }

    /// True on first run: the first admin has no password yet.
    pub async fn setup_needed(&self) -> Result<bool> {
        let mut conn = self.read().await?;
        Ok(users::first_admin(&mut conn).await?.is_some_and(|a| !a.has_password))
    }

    /// First run: sets the first admin's password and signs them in.
    pub async fn setup_admin(&self, password: &str) -> Result<(Actor, SessionToken)> {
        let hash = hash_password(password)?;
        let mut tx = self.store.write().await?;
        let admin = users::first_admin(&mut tx).await?.ok_or_else(|| Error::internal("no first admin"))?;
        if admin.has_password {
            return Err(Error::invalid("auth.setup_done"));
        }
        users::set_password_hash(&mut tx, &admin.id, &hash).await?;
        let token = Self::new_session(&mut tx, &admin.id).await?;
        tx.commit().await?;
        Ok((actor_of(&admin), token))
    }

    pub async fn sign_in(&self, login: &str, password: &str) -> Result<(Actor, SessionToken)> {
        let mut conn = self.read().await?;
        let (user, hash) = users::by_login(&mut conn, login.trim()).await?.ok_or_else(wrong_credentials)?;
        drop(conn);
        let hash = hash.ok_or_else(wrong_credentials)?;
        let parsed = PasswordHash::new(&hash).map_err(Error::internal)?;
        if Argon2::default().verify_password(password.as_bytes(), &parsed).is_err() || !user.active {
            return Err(wrong_credentials());
        }
        let mut tx = self.store.write().await?;
        let token = Self::new_session(&mut tx, &user.id).await?;
        tx.commit().await?;
        Ok((actor_of(&user), token))
    }

    async fn new_session(conn: &mut sqlx::AnyConnection, user_id: &str) -> Result<SessionToken> {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        users::insert_session(conn, &token_hash(&token), user_id, now_millis()).await?;
        Ok(token)
    }

    /// Resumes a remembered session; a revoked token or a deactivated user is refused.
    pub async fn resume(&self, token: &str) -> Result<Actor> {
        let mut conn = self.read().await?;
        let unauthenticated = || Error::new(ErrorCode::Unauthenticated, "auth.not_signed_in");
        let user_id = users::session_user(&mut conn, &token_hash(token)).await?.ok_or_else(unauthenticated)?;
        let user = users::by_id(&mut conn, &user_id).await?.filter(|u| u.active).ok_or_else(unauthenticated)?;
        Ok(actor_of(&user))
    }

    pub async fn sign_out(&self, token: &str) -> Result<()> {
        let mut tx = self.store.write().await?;
        users::delete_session(&mut tx, &token_hash(token)).await?;
        tx.commit().await
    }

    /// The actor for a login (the CLI's `--as`): must exist and be active.
    pub async fn actor(&self, login: &str) -> Result<Actor> {
        let mut conn = self.read().await?;
        let (user, _) = users::by_login(&mut conn, login)
            .await?
            .ok_or_else(|| Error::not_found("user.not_found").with("value", login))?;
        if !user.active {
            return Err(Error::forbidden("user.inactive").with("value", login));
        }
        Ok(actor_of(&user))
    }

    /// The first admin, the CLI's default actor on the machine that holds the store.
    pub async fn first_admin(&self) -> Result<Actor> {
        let mut conn = self.read().await?;
        let admin = users::first_admin(&mut conn).await?.ok_or_else(|| Error::invalid("store.not_initialised"))?;
        Ok(actor_of(&admin))
    }
}
