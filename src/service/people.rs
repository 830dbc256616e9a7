//! People and organisation: users (admins manage them), departments, customers, the service
//! catalog, and the directory every front end uses to show names for ids.

use super::auth::hash_password;
use super::Orderly;
use crate::domain::form::values::DEFAULT_TEXT_CHARS;
use crate::domain::form::{FieldKind, MAX_TEXT_CHARS};
use crate::domain::order::WorkOrder;
use crate::domain::org::{validate_name, CatalogItem, Customer, CustomerGroup, Department, NewCustomer, NewNode};
use crate::domain::user::{parse_roles, validate_location, validate_login, Actor, NewUser, Role, User, UserPatch};
use crate::domain::{new_id, now_millis};
use crate::store::org::{self, Tree};
use crate::store::users;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Directory {
    pub users: Vec<User>,
    pub departments: Vec<Department>,
    pub customers: Vec<Customer>,
    pub customer_groups: Vec<CustomerGroup>,
    pub catalog: Vec<CatalogItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateField {
    pub key: String,
    pub max_length: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateInfo {
    pub key: String,
    pub version: i32,
    pub fields: Vec<TemplateField>,
}

/// Refuses an order that names a department, customer or catalog item that does not exist.
pub(crate) async fn check_order_references(conn: &mut AnyConnection, order: &WorkOrder) -> Result<()> {
    if let Some(id) = &order.department_id {
        if !org::node_exists(conn, Tree::Departments, id).await? {
            return Err(Error::invalid("department.not_found").on_field("department_id").with("value", id));
        }
    }
    if let Some(id) = &order.catalog_item_id {
        if !org::node_exists(conn, Tree::Catalog, id).await? {
            return Err(Error::invalid("catalog.not_found").on_field("catalog_item_id").with("value", id));
        }
    }
    if let Some(id) = &order.customer_id {
        if !org::customer_exists(conn, id).await? {
            return Err(Error::invalid("customer.not_found").on_field("customer_id").with("value", id));
        }
    }
    Ok(())
}

async fn check_department(conn: &mut AnyConnection, id: &Option<String>) -> Result<()> {
    match id {
        Some(id) if !org::node_exists(conn, Tree::Departments, id).await? => {
            Err(Error::invalid("department.not_found").on_field("department_id").with("value", id))
        }
        _ => Ok(()),
    }
}

impl Orderly {
    pub async fn directory(&self, _actor: &Actor) -> Result<Directory> {
        let mut conn = self.read().await?;
        Ok(Directory {
            users: users::all(&mut conn).await?,
            departments: org::departments(&mut conn).await?,
            customers: org::customers(&mut conn).await?,
            customer_groups: org::groups(&mut conn).await?,
            catalog: org::catalog(&mut conn).await?,
        })
    }

    /// The latest published version of a template and its text fields with their limits (the
    /// simple new-order form); the whole definition is [`Orderly::get_template`].
    pub async fn template(&self, _actor: &Actor, key: &str) -> Result<TemplateInfo> {
        let mut conn = self.read().await?;
        let t = super::templates::published(&mut conn, key, None).await?;
        let fields = t
            .definition
            .fields
            .iter()
            .filter_map(|f| match &f.kind {
                FieldKind::Text { max_chars, .. } => Some((f, max_chars.unwrap_or(DEFAULT_TEXT_CHARS))),
                FieldKind::Textarea { max_chars } => Some((f, max_chars.unwrap_or(MAX_TEXT_CHARS))),
                _ => None,
            })
            .map(|(f, max)| TemplateField { key: f.key.clone(), max_length: max })
            .collect();
        Ok(TemplateInfo { key: t.key, version: t.version, fields })
    }

    pub async fn create_user(&self, actor: &Actor, input: NewUser) -> Result<User> {
        actor.require(actor.can_administer(), "perm.administer")?;
        validate_login(input.login.trim())?;
        let roles = parse_roles(&input.roles)?;
        for skill in &input.skills {
            skill.validate()?;
        }
        validate_location(input.home_lat, input.home_lon, "home")?;
        let hash = input.password.as_deref().filter(|p| !p.is_empty()).map(hash_password).transpose()?;
        let user = User {
            id: new_id(),
            login: input.login.trim().to_string(),
            display_name: validate_name(&input.display_name, "display_name")?,
            roles,
            department_id: input.department_id.filter(|d| !d.is_empty()),
            skills: input.skills,
            home_lat: input.home_lat,
            home_lon: input.home_lon,
            active: true,
            has_password: hash.is_some(),
            created_at: now_millis(),
        };
        let mut tx = self.store.write().await?;
        if users::by_login(&mut tx, &user.login).await?.is_some() {
            return Err(Error::invalid("user.login_taken").on_field("login").with("value", &user.login));
        }
        check_department(&mut tx, &user.department_id).await?;
        users::insert(&mut tx, &user, hash.as_deref()).await?;
        tx.commit().await?;
        Ok(user)
    }

    pub async fn update_user(&self, actor: &Actor, id: &str, patch: UserPatch) -> Result<User> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let mut tx = self.store.write().await?;
        let mut user =
            users::by_id(&mut tx, id).await?.ok_or_else(|| Error::not_found("user.not_found").with("value", id))?;
        let was_admin = user.active && user.roles.contains(&Role::Admin);
        if let Some(name) = &patch.display_name {
            user.display_name = validate_name(name, "display_name")?;
        }
        if let Some(roles) = &patch.roles {
            user.roles = parse_roles(roles)?;
        }
        if let Some(dept) = patch.department_id {
            user.department_id = Some(dept).filter(|d| !d.is_empty());
            check_department(&mut tx, &user.department_id).await?;
        }
        if let Some(skills) = patch.skills {
            skills.iter().try_for_each(|s| s.validate())?;
            user.skills = skills;
        }
        if let Some(active) = patch.active {
            user.active = active;
        }
        let still_admin = user.active && user.roles.contains(&Role::Admin);
        if was_admin && !still_admin && users::count_active_admins(&mut tx).await? <= 1 {
            return Err(Error::invalid("user.last_admin").on_field("roles"));
        }
        users::update(&mut tx, &user).await?;
        if let Some(password) = patch.password.as_deref().filter(|p| !p.is_empty()) {
            users::set_password_hash(&mut tx, &user.id, &hash_password(password)?).await?;
            user.has_password = true;
        }
        tx.commit().await?;
        Ok(user)
    }

    pub async fn create_department(&self, actor: &Actor, input: NewNode) -> Result<Department> {
        self.create_node(actor, Tree::Departments, input).await.map(|(id, parent_id, name)| Department {
            id,
            parent_id,
            name,
        })
    }

    pub async fn create_catalog_item(&self, actor: &Actor, input: NewNode) -> Result<CatalogItem> {
        self.create_node(actor, Tree::Catalog, input).await.map(|(id, parent_id, name)| CatalogItem {
            id,
            parent_id,
            name,
        })
    }

    async fn create_node(&self, actor: &Actor, tree: Tree, input: NewNode) -> Result<(String, Option<String>, String)> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let name = validate_name(&input.name, "name")?;
        let parent_id = input.parent_id.filter(|p| !p.is_empty());
        let id = new_id();
        let mut tx = self.store.write().await?;
        if let Some(parent) = &parent_id {
            if !org::node_exists(&mut tx, tree, parent).await? {
                let key = match tree {
                    Tree::Departments => "department.not_found",
                    Tree::Catalog => "catalog.not_found",
                };
                return Err(Error::invalid(key).on_field("parent_id").with("value", parent));
            }
        }
        org::insert_node(&mut tx, tree, &id, parent_id.as_deref(), &name, now_millis()).await?;
        tx.commit().await?;
        Ok((id, parent_id, name))
    }

    pub async fn create_customer_group(&self, actor: &Actor, name: &str) -> Result<CustomerGroup> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let group = CustomerGroup { id: new_id(), name: validate_name(name, "name")? };
        let mut tx = self.store.write().await?;
        org::insert_group(&mut tx, &group, now_millis()).await?;
        tx.commit().await?;
        Ok(group)
    }

    /// Agents and everyone who runs the queue may add customers.
    pub async fn create_customer(&self, actor: &Actor, input: NewCustomer) -> Result<Customer> {
        actor.require(actor.can_create_order(), "perm.create_order")?;
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let customer = Customer {
            id: new_id(),
            name: validate_name(&input.name, "name")?,
            group_id: clean(input.group_id),
            phone: clean(input.phone),
            email: clean(input.email),
            address: clean(input.address),
        };
        let mut tx = self.store.write().await?;
        if let Some(group) = &customer.group_id {
            if !org::group_exists(&mut tx, group).await? {
                return Err(Error::invalid("customer_group.not_found").on_field("group_id").with("value", group));
            }
        }
        org::insert_customer(&mut tx, &customer, now_millis()).await?;
        tx.commit().await?;
        Ok(customer)
    }
}
