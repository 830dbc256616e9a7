//! Departments, customers, customer groups and the service catalog in the store.

use crate::domain::org::{CatalogItem, Customer, CustomerGroup, Department};
use crate::Result;
use sqlx::{AnyConnection, Row};

/// The tables holding tree nodes (`id`, `parent_id`, `name`).
#[derive(Debug, Clone, Copy)]
pub enum Tree {
    Departments,
    Catalog,
}

impl Tree {
    fn table(self) -> &'static str {
        match self {
            Tree::Departments => "departments",
            Tree::Catalog => "catalog_items",
        }
    }
}

pub async fn insert_node(
    conn: &mut AnyConnection,
    tree: Tree,
    id: &str,
    parent_id: Option<&str>,
    name: &str,
    at: i64,
) -> Result<()> {
    let sql = format!("INSERT INTO {} (id, parent_id, name, created_at) VALUES ($1, $2, $3, $4)", tree.table());
    sqlx::query(&sql).bind(id).bind(parent_id).bind(name).bind(at).execute(&mut *conn).await?;
    Ok(())
}

async fn nodes(conn: &mut AnyConnection, tree: Tree) -> Result<Vec<(String, Option<String>, String)>> {
    let sql = format!("SELECT id, parent_id, name FROM {} ORDER BY name, id", tree.table());
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect()
}

pub async fn departments(conn: &mut AnyConnection) -> Result<Vec<Department>> {
    Ok(nodes(conn, Tree::Departments)
        .await?
        .into_iter()
        .map(|(id, parent_id, name)| Department { id, parent_id, name })
        .collect())
}

pub async fn catalog(conn: &mut AnyConnection) -> Result<Vec<CatalogItem>> {
    Ok(nodes(conn, Tree::Catalog)
        .await?
        .into_iter()
        .map(|(id, parent_id, name)| CatalogItem { id, parent_id, name })
        .collect())
}

pub async fn node_exists(conn: &mut AnyConnection, tree: Tree, id: &str) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {} WHERE id = $1", tree.table());
    Ok(sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?.is_some())
}

pub async fn insert_group(conn: &mut AnyConnection, g: &CustomerGroup, at: i64) -> Result<()> {
    sqlx::query("INSERT INTO customer_groups (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(&g.id)
        .bind(&g.name)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn groups(conn: &mut AnyConnection) -> Result<Vec<CustomerGroup>> {
    let rows = sqlx::query("SELECT id, name FROM customer_groups ORDER BY name").fetch_all(&mut *conn).await?;
    rows.iter().map(|r| Ok(CustomerGroup { id: r.try_get(0)?, name: r.try_get(1)? })).collect()
}

pub async fn group_exists(conn: &mut AnyConnection, id: &str) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM customer_groups WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?.is_some())
}

pub async fn insert_customer(conn: &mut AnyConnection, c: &Customer, at: i64) -> Result<()> {
    sqlx::query("INSERT INTO customers (id, name, group_id, phone, email, address, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&c.id)
        .bind(&c.name)
        .bind(&c.group_id)
        .bind(&c.phone)
        .bind(&c.email)
        .bind(&c.address)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn customers(conn: &mut AnyConnection) -> Result<Vec<Customer>> {
    let rows = sqlx::query("SELECT id, name, group_id, phone, email, address FROM customers ORDER BY name, id")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Customer {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                group_id: r.try_get(2)?,
                phone: r.try_get(3)?,
                email: r.try_get(4)?,
                address: r.try_get(5)?,
            })
        })
        .collect()
}

pub async fn customer_exists(conn: &mut AnyConnection, id: &str) -> Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM customers WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?.is_some())
}
