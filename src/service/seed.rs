//! Realistic demo and benchmark data: departments, technicians with skills and home bases,
//! customers, and orders written in Chinese, Spanish and English, created in time order over
//! the past year so recency and creation order agree. A bulk seed (big benchmark stores) writes
//! the same orders in one transaction with the statistics triggers suspended and fills the
//! statistics tables afterwards by the migrations' backfill.

use super::orders::{insert_new_order, Arrival};
use super::Orderly;
use crate::domain::history::{Change, EventKind};
use crate::domain::now_millis;
use crate::domain::order::{Location, NewOrder, WorkOrder};
use crate::domain::org::{NewCustomer, NewNode};
use crate::domain::status::Status;
use crate::domain::template::StoredTemplate;
use crate::domain::user::{Actor, NewUser, Skill};
use crate::store::orders as order_store;
use crate::store::{stats_backfill, Engine};
use crate::Result;
use rand::rngs::SmallRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;

const DEPARTMENTS: [&str; 4] = ["售后服务部", "IT 支持", "Mantenimiento", "Field Service"];
const SKILLS: [&str; 6] = ["hvac", "electrical", "plumbing", "elevator", "network", "printer"];
const ZH_PLACES: [&str; 8] = ["三楼", "地下车库", "大堂", "二号楼", "会议室", "仓库", "员工餐厅", "机房"];
const ZH_FAULTS: [&str; 10] = [
    "电梯异响",
    "卫生间漏水",
    "空调不制冷",
    "打印机卡纸",
    "网络中断",
    "照明故障",
    "门禁失灵",
    "水管漏水",
    "电梯停运",
    "消防报警误报",
];
const ES_FAULTS: [&str; 8] = [
    "Reparación de aire acondicionado",
    "Fuga de agua en el baño",
    "Ascensor detenido",
    "Impresora atascada",
    "Revisión eléctrica urgente",
    "Sin conexión a internet",
    "Cambio de luminarias",
    "Mantenimiento de calefacción",
];
const ES_PLACES: [&str; 6] =
    ["en la planta 2", "en recepción", "en el almacén", "en la oficina de ventas", "en el garaje", "en la cafetería"];
const EN_FAULTS: [&str; 8] = [
    "Printer jam",
    "Air conditioning not cooling",
    "Water leak",
    "Elevator noise",
    "Network outage",
    "Broken door lock",
    "Lights flickering",
    "Heating failure",
];
const EN_PLACES: [&str; 6] =
    ["on floor 3", "in the lobby", "in meeting room B", "at the warehouse", "in the server room", "at reception"];
const CUSTOMER_GROUPS: [&str; 2] = ["重点客户 VIP", "Cuentas estándar"];
const CUSTOMERS: [&str; 6] =
    ["华信科技有限公司", "Hotel Las Palmas", "Northwind Traders", "蓝天物业", "Clínica San Rafael", "Contoso Ltd"];

#[derive(Debug, Clone, Serialize)]
pub struct SeedReport {
    pub orders: u64,
    pub technicians: u32,
    pub customers: usize,
    pub departments: usize,
}

fn title(rng: &mut SmallRng) -> (String, String) {
    match rng.gen_range(0..3) {
        0 => {
            let (place, fault) = (ZH_PLACES.choose(rng).unwrap(), ZH_FAULTS.choose(rng).unwrap());
            (format!("{place}{fault}"), format!("客户反映{place}{fault}，请尽快安排师傅上门处理。"))
        }
        1 => {
            let (fault, place) = (ES_FAULTS.choose(rng).unwrap(), ES_PLACES.choose(rng).unwrap());
            (
                format!("{fault} {place}"),
                format!("El cliente informa: {} {place}. Solicita visita técnica.", fault.to_lowercase()),
            )
        }
        _ => {
            let (fault, place) = (EN_FAULTS.choose(rng).unwrap(), EN_PLACES.choose(rng).unwrap());
            (
                format!("{fault} {place}"),
                format!("Customer reports: {} {place}. Please send a technician.", fault.to_lowercase()),
            )
        }
    }
}

fn status(rng: &mut SmallRng, age_days: f64) -> Status {
    let roll: f64 = rng.gen();
    match () {
        _ if age_days > 30.0 && roll < 0.85 => *[Status::Closed, Status::Done].choose(rng).unwrap(),
        _ if roll < 0.15 => Status::Unassigned,
        _ if roll < 0.45 => Status::Todo,
        _ if roll < 0.70 => Status::InProgress,
        _ if roll < 0.78 => Status::AwaitingCustomer,
        _ if roll < 0.82 => Status::Suspended,
        _ => Status::Done,
    }
}

/// What happened to a seeded order after it arrived, so statistics have response and
/// resolution times, reopenings, history and urges to measure.
struct Life {
    responded: Option<i64>,
    /// A first resolution and the reopening after it, before the final one.
    reopened: Option<(i64, i64)>,
    resolved: Option<i64>,
    closed: Option<i64>,
    urged: Option<i64>,
}

fn later_life(rng: &mut SmallRng, order: &WorkOrder, now: i64) -> Life {
    let at = order.created_at;
    let within = |rng: &mut SmallRng, from: i64, most: i64| (from + rng.gen_range(60_000..most.max(60_001))).min(now);
    let responded = (order.status != Status::Unassigned).then(|| within(rng, at, 8 * 3_600_000));
    let reopened = match order.resolved_at.and(responded) {
        Some(r) if rng.gen_bool(0.06) => {
            let first = within(rng, r, 4 * 86_400_000);
            Some((first, within(rng, first, 2 * 86_400_000)))
        }
        _ => None,
    };
    let resolved =
        order.resolved_at.and(reopened.map(|(_, back)| back).or(responded)).map(|r| within(rng, r, 10 * 86_400_000));
    let closed = order.closed_at.and(resolved).map(|r| within(rng, r, 3 * 86_400_000));
    let urged = rng.gen_bool(0.1).then(|| within(rng, at, 2 * 86_400_000));
    Life { responded, reopened, resolved, closed, urged }
}

/// Writes a seeded order's later life: its times, the status changes a resolution, a
/// reopening and a closing make, and an urge.
async fn live_on(tx: &mut sqlx::AnyConnection, actor: &Actor, order: &WorkOrder, life: Life) -> Result<()> {
    sqlx::query(
        "UPDATE work_orders SET first_response_at = $1, resolved_at = $2, closed_at = $3, urge_count = $4 WHERE id = $5",
    )
    .bind(life.responded)
    .bind(life.resolved)
    .bind(life.closed)
    .bind(life.urged.map_or(0i64, |_| 1))
    .bind(&order.id)
    .execute(&mut *tx)
    .await?;
    let (first, back) = (life.reopened.map(|r| r.0), life.reopened.map(|r| r.1));
    let changes = [
        (first, "in_progress", "done"),
        (back, "done", "in_progress"),
        (life.resolved, "in_progress", "done"),
        (life.closed, "done", "closed"),
    ];
    for (at, old, new) in changes {
        let Some(at) = at else { continue };
        let change = Change {
            kind: EventKind::StatusChanged,
            field: Some("status".into()),
            old_value: Some(json!(old)),
            new_value: Some(json!(new)),
        };
        order_store::append_event(tx, &order.id, at, &actor.user_id, &change).await?;
    }
    if let Some(at) = life.urged {
        let urge = Change {
            kind: EventKind::Urged,
            field: Some("urge_count".into()),
            old_value: Some(json!(0)),
            new_value: Some(json!(1)),
        };
        order_store::append_event(tx, &order.id, at, &actor.user_id, &urge).await?;
    }
    Ok(())
}

/// The organisation seeded orders are made of, and the year they arrive over.
struct Cast {
    departments: Vec<String>,
    techs: Vec<String>,
    customers: Vec<String>,
    general: Arc<StoredTemplate>,
    now: i64,
    step: i64,
}

const YEAR: i64 = 365 * 24 * 3_600_000;

impl Cast {
    /// Writes the `index`-th order, created `index` steps into the year, and its later life.
    async fn write_order(
        &self,
        tx: &mut sqlx::AnyConnection,
        engine: Engine,
        actor: &Actor,
        rng: &mut SmallRng,
        index: u64,
    ) -> Result<()> {
        let at = self.now - YEAR + index as i64 * self.step;
        let (title, description) = title(rng);
        let status = status(rng, (self.now - at) as f64 / 86_400_000.0);
        let assignee_id = (status != Status::Unassigned).then(|| self.techs.choose(rng).cloned()).flatten();
        let status = if assignee_id.is_none() { Status::Unassigned } else { status };
        let input = NewOrder {
            title,
            description: Some(description),
            priority: Some(format!("P{}", rng.gen_range(1..=5))),
            values: Some(json!({"contact_phone": format!("138{:08}", rng.gen_range(0..100_000_000u32))})),
            department_id: self.departments.choose(rng).cloned(),
            customer_id: self.customers.choose(rng).cloned(),
            location: Some(Location {
                address: None,
                lat: Some(31.0 + rng.gen_range(0.0..0.5)),
                lon: Some(121.2 + rng.gen_range(0.0..0.5)),
            }),
            source: Some(["phone", "email", "desktop", "wechat"].choose(rng).unwrap().to_string()),
            ..Default::default()
        };
        let arrival = Arrival {
            at,
            status,
            assignee_id,
            external_id: None,
            default_source: "seed",
            template: Some(self.general.clone()),
        };
        let order = insert_new_order(tx, engine, actor, input, &arrival).await?;
        live_on(tx, actor, &order, later_life(rng, &order, self.now)).await
    }
}

/// How `orderly seed` writes: through the statistics triggers in transactions of 2,000 orders
/// (any store), or in bulk (an empty store only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SeedMode {
    #[default]
    Triggers,
    /// One transaction: the statistics triggers suspended, every order written through the same
    /// insert, then the statistics tables filled by the backfill of migrations 0005 and 0010
    /// ([`crate::store::stats_backfill`]) and the triggers restored.
    Bulk,
}

impl Orderly {
    /// Creates the organisation (departments, technicians, customers in groups) and `orders`
    /// orders, reproducibly from `seed`. `progress` hears the count of orders written.
    pub async fn seed(
        &self,
        actor: &Actor,
        orders: u64,
        technicians: u32,
        seed: u64,
        progress: impl Fn(u64, u64),
    ) -> Result<SeedReport> {
        self.seed_with(actor, SeedMode::Triggers, (orders, technicians, seed), progress).await
    }

    /// [`Orderly::seed`] written the way `mode` says; a bulk seed refuses a store holding orders.
    pub async fn seed_with(
        &self,
        actor: &Actor,
        mode: SeedMode,
        (orders, technicians, seed): (u64, u32, u64),
        progress: impl Fn(u64, u64),
    ) -> Result<SeedReport> {
        if mode == SeedMode::Bulk && self.holds_orders().await? {
            return Err(crate::Error::invalid("bench.store_not_empty").with("value", self.store.location()));
        }
        let mut rng = SmallRng::seed_from_u64(seed);
        let cast = self.seed_cast(actor, &mut rng, technicians, seed, orders).await?;
        let engine = self.store.engine();
        match mode {
            SeedMode::Triggers => {
                let mut written = 0u64;
                while written < orders {
                    let batch = (orders - written).min(2_000);
                    let mut tx = self.store.write().await?;
                    for k in 0..batch {
                        cast.write_order(&mut tx, engine, actor, &mut rng, written + k).await?;
                    }
                    tx.commit().await?;
                    written += batch;
                    progress(written, orders);
                }
            }
            SeedMode::Bulk => {
                let mut tx = self.store.write().await?;
                let suspended = stats_backfill::suspend(&mut tx, engine).await?;
                for k in 0..orders {
                    cast.write_order(&mut tx, engine, actor, &mut rng, k).await?;
                    if (k + 1) % 10_000 == 0 || k + 1 == orders {
                        progress(k + 1, orders);
                    }
                }
                suspended.rebuild_and_resume(&mut tx).await?;
                tx.commit().await?;
            }
        }
        Ok(SeedReport { orders, technicians, customers: cast.customers.len(), departments: cast.departments.len() })
    }

    async fn holds_orders(&self) -> Result<bool> {
        let mut conn = self.read().await?;
        let row =
            sqlx::query("SELECT COUNT(*) FROM (SELECT 1 FROM work_orders LIMIT 1) o").fetch_one(&mut *conn).await?;
        Ok(sqlx::Row::try_get::<i64, _>(&row, 0)? > 0)
    }

    /// Departments, technicians with skills and home bases, and customers in two groups.
    async fn seed_cast(
        &self,
        actor: &Actor,
        rng: &mut SmallRng,
        technicians: u32,
        seed: u64,
        orders: u64,
    ) -> Result<Cast> {
        let mut departments = Vec::new();
        for name in DEPARTMENTS {
            departments.push(
                self.create_department(actor, NewNode { name: format!("{name} {seed}"), parent_id: None }).await?.id,
            );
        }
        let mut techs = Vec::new();
        for i in 0..technicians {
            let mut skills: Vec<Skill> = SKILLS
                .choose_multiple(rng, 2)
                .map(|s| Skill { skill: s.to_string(), level: rng.gen_range(1..=3) })
                .collect();
            skills.dedup_by(|a, b| a.skill == b.skill);
            let user = NewUser {
                login: format!("tech{seed}-{i:04}"),
                display_name: format!("Technician {i}"),
                roles: vec!["technician".into()],
                department_id: departments.choose(rng).cloned(),
                skills,
                home_lat: Some(31.0 + rng.gen_range(0.0..0.5)),
                home_lon: Some(121.2 + rng.gen_range(0.0..0.5)),
                password: None,
            };
            techs.push(self.create_user(actor, user).await?.id);
        }
        let mut groups = Vec::new();
        for name in CUSTOMER_GROUPS {
            groups.push(self.create_customer_group(actor, &format!("{name} {seed}")).await?.id);
        }
        let mut customers = Vec::new();
        for (i, name) in CUSTOMERS.iter().enumerate() {
            let customer = NewCustomer {
                name: name.to_string(),
                group_id: Some(groups[i % groups.len()].clone()),
                ..Default::default()
            };
            customers.push(self.create_customer(actor, customer).await?.id);
        }
        let general = {
            let mut conn = self.read().await?;
            Arc::new(super::templates::published(&mut conn, crate::domain::template::GENERAL, None).await?)
        };
        let step = (YEAR / orders.max(1) as i64).max(1);
        Ok(Cast { departments, techs, customers, general, now: now_millis(), step })
    }

    /// A consistent copy of the SQLite store at `target`, safe while the app is running.
    pub async fn backup(&self, target: &std::path::Path) -> Result<()> {
        if self.store.engine() != crate::store::Engine::Sqlite {
            return Err(crate::Error::invalid("store.backup_sqlite_only"));
        }
        crate::store::dialect::sqlite_backup(self.store.pool(), target).await
    }
}

impl Orderly {
    /// Writes `count` open P3 orders in transactions of a thousand, each through the same
    /// insert (and SLA clock) as a live create.
    pub async fn fill_open_orders(&self, actor: &Actor, count: u64, mut progress: impl FnMut(u64)) -> Result<()> {
        let mut done = 0;
        while done < count {
            let mut tx = self.store().write().await?;
            let batch = (count - done).min(1000);
            for i in 0..batch {
                let input = NewOrder {
                    title: format!("空调不制冷 #{}", done + i),
                    priority: Some("P3".into()),
                    ..NewOrder::default()
                };
                insert_new_order(&mut tx, self.store().engine(), actor, input, &Arrival::now("seed")).await?;
            }
            tx.commit().await?;
            done += batch;
            progress(done);
        }
        Ok(())
    }
}
