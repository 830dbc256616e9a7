//! Statistics use cases (issue #8): metric series by period in the organisation's time zone,
//! per-technician figures, and the organisation time-zone setting they are cut by.

use super::Orderly;
use crate::domain::stats::{
    buckets, parse_zone, Bucket, Metric, Point, StatsQuery, StatsResult, StatsSeries, TechnicianStats, Value,
};
use crate::domain::user::Actor;
use crate::store::sla::{get_setting, put_setting};
use crate::store::stats::{self as stats_store, Cell};
use crate::store::users;
use crate::store::{stats_quantile, stats_rollup};
use crate::Result;
use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The `settings` key holding the organisation's IANA time zone.
pub const TIME_ZONE_SETTING: &str = "org.time_zone";

/// The machine's zone: `TZ` when it names an IANA zone, else what the system reports, else UTC.
pub fn system_time_zone() -> Tz {
    let from_env = std::env::var("TZ").ok().map(|v| v.trim_start_matches(':').to_string());
    from_env
        .into_iter()
        .chain(iana_time_zone::get_timezone().ok())
        .find_map(|name| name.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// Which days a technicians' report covers, in the organisation's zone, `to` inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechnicianFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Orderly {
    /// The organisation's time zone: the stored setting, else the system's.
    pub async fn org_time_zone(&self) -> Result<Tz> {
        let mut conn = self.read().await?;
        match get_setting(&mut conn, TIME_ZONE_SETTING).await? {
            Some(name) => parse_zone(&name),
            None => Ok(system_time_zone()),
        }
    }

    /// Stores the organisation's time zone (admins only); refuses names that are not IANA zones.
    pub async fn set_org_time_zone(&self, actor: &Actor, name: &str) -> Result<Tz> {
        actor.require(actor.can_administer(), "perm.administer")?;
        let zone = parse_zone(name)?;
        let mut tx = self.store.write().await?;
        put_setting(&mut tx, TIME_ZONE_SETTING, zone.name()).await?;
        tx.commit().await?;
        Ok(zone)
    }

    /// One metric as series of points, one series per group (one series when ungrouped).
    /// Counts, means and SLA shares by the groupings the rollup keeps come from it (migration
    /// 0005), medians and p90 of durations by those groupings from the duration tables
    /// (migration 0010); everything else, and every answer they cannot give exactly, from the
    /// orders.
    pub async fn stats(&self, actor: &Actor, query: &StatsQuery) -> Result<StatsResult> {
        self.stats_by(actor, query, true).await
    }

    /// [`Orderly::stats`] by the straightforward SQL over orders and history only: what the
    /// rollup is checked against, and the reference beside it in `orderly bench stats`.
    #[doc(hidden)]
    pub async fn stats_without_rollup(&self, actor: &Actor, query: &StatsQuery) -> Result<StatsResult> {
        self.stats_by(actor, query, false).await
    }

    async fn stats_by(&self, actor: &Actor, query: &StatsQuery, rollup: bool) -> Result<StatsResult> {
        actor.require(actor.can_assign(), "perm.see_stats")?;
        let zone = self.org_time_zone().await?;
        let periods = buckets(query, zone)?;
        let (metric, statistic, group) = (query.metric, query.statistic, query.group_by);
        let mut conn = self.read().await?;
        let quantiles =
            if rollup { stats_quantile::cells(&mut conn, metric, statistic, group, &periods).await? } else { None };
        let cells = match quantiles {
            Some(cells) => cells,
            None => {
                let sql = rollup
                    .then(|| stats_rollup::rollup_sql(metric, statistic, group, &periods))
                    .flatten()
                    .unwrap_or_else(|| stats_store::metric_sql(metric, statistic, group, &periods));
                stats_store::cells(&mut conn, &sql).await?
            }
        };
        let labels: HashMap<String, String> = match query.group_by {
            Some(g) => stats_store::group_labels(&mut conn, g).await?.into_iter().collect(),
            None => HashMap::new(),
        };
        let mut series = assemble(query.metric, &periods, cells, query.group_by.is_none());
        for s in &mut series {
            s.label = s.group.as_ref().and_then(|g| labels.get(g).cloned());
        }
        Ok(StatsResult {
            metric: query.metric,
            period: query.period,
            statistic: query.metric.is_duration().then_some(query.statistic),
            time_zone: zone.name().to_string(),
            series,
        })
    }

    /// Per technician over the days `from..=to`: completed orders, current load, mean handling
    /// time and SLA compliance; everyone with an assigned order, busiest first.
    pub async fn technician_stats(&self, actor: &Actor, filter: &TechnicianFilter) -> Result<Vec<TechnicianStats>> {
        actor.require(actor.can_assign(), "perm.see_stats")?;
        let zone = self.org_time_zone().await?;
        let days = StatsQuery {
            metric: Metric::Resolved,
            period: crate::domain::stats::Period::Day,
            from: filter.from,
            to: filter.to,
            group_by: None,
            statistic: Default::default(),
            week_start: Default::default(),
        };
        let periods = buckets(&days, zone)?;
        let (lo, hi) = (periods[0].start, periods[periods.len() - 1].end);
        let mut conn = self.read().await?;
        let mut out: BTreeMap<String, TechnicianStats> = BTreeMap::new();
        let blank = |id: &str| TechnicianStats {
            user_id: id.to_string(),
            login: String::new(),
            display_name: String::new(),
            completed: 0,
            booked_load: 0,
            mean_handling_minutes: None,
            sla_compliance: None,
        };
        for (id, completed, handling, under_sla, met) in stats_store::technician_completions(&mut conn, lo, hi).await? {
            let t = out.entry(id.clone()).or_insert_with(|| blank(&id));
            t.completed = completed;
            t.mean_handling_minutes = handling;
            t.sla_compliance = (under_sla > 0).then(|| met as f64 / under_sla as f64);
        }
        for (id, load) in stats_store::technician_loads(&mut conn).await? {
            out.entry(id.clone()).or_insert_with(|| blank(&id)).booked_load = load;
        }
        let mut list: Vec<TechnicianStats> = Vec::with_capacity(out.len());
        for (id, mut t) in out {
            if let Some(user) = users::by_id(&mut conn, &id).await? {
                t.login = user.login;
                t.display_name = user.display_name;
            }
            list.push(t);
        }
        list.sort_by(|a, b| (b.completed, b.booked_load, &a.login).cmp(&(a.completed, a.booked_load, &b.login)));
        Ok(list)
    }
}

/// Turns cells into one full series per group: counts are 0 where nothing happened, shares and
/// durations are empty; a backlog adds up its changes from before the first period onwards.
fn assemble(metric: Metric, periods: &[Bucket], cells: Vec<Cell>, single: bool) -> Vec<StatsSeries> {
    let counted =
        matches!(metric, Metric::Created | Metric::Resolved | Metric::Closed | Metric::Urges | Metric::Backlog);
    let mut groups: BTreeMap<Option<String>, Vec<Option<f64>>> = BTreeMap::new();
    let mut before: HashMap<Option<String>, f64> = HashMap::new();
    if single {
        groups.insert(None, vec![None; periods.len()]);
    }
    for cell in cells {
        let values = groups.entry(cell.group.clone()).or_insert_with(|| vec![None; periods.len()]);
        match usize::try_from(cell.period) {
            Ok(k) if k < values.len() => values[k] = cell.value,
            _ => *before.entry(cell.group).or_default() += cell.value.unwrap_or(0.0),
        }
    }
    groups
        .into_iter()
        .map(|(group, values)| {
            let mut running = before.get(&group).copied().unwrap_or(0.0);
            let points = periods
                .iter()
                .zip(values)
                .map(|(b, v)| {
                    let value = match metric {
                        Metric::Backlog => {
                            running += v.unwrap_or(0.0);
                            Some(running)
                        }
                        _ if counted => Some(v.unwrap_or(0.0)),
                        _ => v,
                    };
                    Point { period: b.label.clone(), value: Value(value) }
                })
                .collect();
            StatsSeries { group, label: None, points }
        })
        .collect()
}
