//! The words and dates on a statistics chart in the viewer's language (en, zh-CN, es): metric
//! and group names, status categories, priorities, "(none)", period labels such as
//! "ene 2026", "2026年1月" or "第3周", and how numbers are written. The charts crate stays
//! generic: it draws whatever labels this module hands it.

use crate::domain::stats::{GroupBy, Metric, Period, Statistic, WeekStart};
use crate::i18n::normalise_lang;
use chrono::{Datelike, NaiveDate};
use orderly_charts::NumberFormat;

/// (key, en, zh-CN, es).
const WORDS: &[(&str, &str, &str, &str)] = &[
    ("metric.created", "Created", "新建", "Creadas"),
    ("metric.resolved", "Resolved", "已解决", "Resueltas"),
    ("metric.closed", "Closed", "已关闭", "Cerradas"),
    ("metric.backlog", "Backlog", "积压", "Pendientes"),
    ("metric.first_response_time", "First response time", "首次响应时间", "Tiempo de primera respuesta"),
    ("metric.resolution_time", "Resolution time", "解决时间", "Tiempo de resolución"),
    ("metric.sla_response", "SLA response met", "SLA 响应达标率", "SLA de respuesta cumplido"),
    ("metric.sla_resolution", "SLA resolution met", "SLA 解决达标率", "SLA de resolución cumplido"),
    ("metric.urges", "Urges", "催单", "Reclamaciones"),
    ("metric.reopen_rate", "Reopen rate", "重开率", "Tasa de reapertura"),
    ("statistic.mean", "mean", "平均值", "media"),
    ("statistic.median", "median", "中位数", "mediana"),
    ("statistic.p90", "90th percentile", "P90", "percentil 90"),
    ("group.status_category", "by status", "按状态", "por estado"),
    ("group.template", "by template", "按模板", "por plantilla"),
    ("group.department", "by department", "按部门", "por departamento"),
    ("group.assignee", "by assignee", "按处理人", "por responsable"),
    ("group.priority", "by priority", "按优先级", "por prioridad"),
    ("group.customer_group", "by customer group", "按客户组", "por grupo de clientes"),
    ("category.new", "New", "新建", "Nueva"),
    ("category.open", "Open", "处理中", "Abierta"),
    ("category.pending", "Pending", "等待中", "En espera"),
    ("category.suspended", "Suspended", "已挂起", "Suspendida"),
    ("category.resolved", "Resolved", "已解决", "Resuelta"),
    ("category.closed", "Closed", "已关闭", "Cerrada"),
    ("category.cancelled", "Cancelled", "已取消", "Cancelada"),
    ("priority.P1", "P1 · Critical", "P1 · 紧急", "P1 · Crítica"),
    ("priority.P2", "P2 · High", "P2 · 高", "P2 · Alta"),
    ("priority.P3", "P3 · Normal", "P3 · 普通", "P3 · Normal"),
    ("priority.P4", "P4 · Low", "P4 · 低", "P4 · Baja"),
    ("priority.P5", "P5 · Planned", "P5 · 计划", "P5 · Planificada"),
    ("none", "(none)", "（无）", "(ninguno)"),
    ("unit.orders", "Orders", "工单数", "Órdenes"),
    ("unit.urges", "Urges", "催单次数", "Reclamaciones"),
    ("unit.minutes", "Minutes", "分钟", "Minutos"),
    ("unit.percent", "%", "%", "%"),
    ("column.period", "Period", "周期", "Periodo"),
    ("column.group", "Group", "分组", "Grupo"),
    ("column.value", "Value", "数值", "Valor"),
    ("report.period", "Period", "统计期间", "Periodo"),
    ("report.generated", "Generated", "生成时间", "Generado"),
    ("report.latest", "Latest period", "最新周期", "Último periodo"),
    ("report.previous", "previous", "上一周期", "anterior"),
];

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_ES: [&str; 12] = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"];

/// What a metric's values are: counts, minutes or shares (0–1, shown as percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    Minutes,
    Share,
}

impl Unit {
    pub fn of(metric: Metric) -> Unit {
        match metric {
            Metric::Created | Metric::Resolved | Metric::Closed | Metric::Backlog | Metric::Urges => Unit::Count,
            Metric::FirstResponseTime | Metric::ResolutionTime => Unit::Minutes,
            Metric::SlaResponse | Metric::SlaResolution | Metric::ReopenRate => Unit::Share,
        }
    }
}

/// The viewer's language for chart text: `en`, `zh-CN` or `es`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    lang: &'static str,
    sunday_weeks: bool,
}

impl Locale {
    /// From a UI or system language tag (`es`, `zh_CN.UTF-8`, `en-US`).
    pub fn new(tag: &str) -> Locale {
        let lower = tag.to_ascii_lowercase().replace('_', "-");
        // Weeks open on Monday (ISO) except where the region counts from Sunday.
        let sunday_weeks = ["en-us", "en-ca", "es-mx", "es-us"].iter().any(|r| lower.starts_with(r));
        Locale { lang: normalise_lang(tag), sunday_weeks }
    }

    pub fn lang(self) -> &'static str {
        self.lang
    }

    pub fn week_start(self) -> WeekStart {
        if self.sunday_weeks {
            WeekStart::Sunday
        } else {
            WeekStart::Monday
        }
    }

    /// A word of the table above in this language (the key itself when unknown).
    pub fn word(self, key: &str) -> String {
        match WORDS.iter().find(|(k, ..)| *k == key) {
            Some((_, en, zh, es)) => match self.lang {
                "zh-CN" => zh,
                "es" => es,
                _ => en,
            }
            .to_string(),
            None => key.to_string(),
        }
    }

    pub fn metric(self, metric: Metric) -> String {
        self.word(&format!("metric.{}", metric.key()))
    }

    /// A tile's title when it has none: "Resolution time (median) · by department".
    pub fn tile_title(self, metric: Metric, statistic: Statistic, group: Option<GroupBy>) -> String {
        let mut out = self.metric(metric);
        if metric.is_duration() {
            let stat = self.word(&format!("statistic.{}", statistic.key()));
            out = if self.lang == "zh-CN" { format!("{out}（{stat}）") } else { format!("{out} ({stat})") };
        }
        if let Some(g) = group {
            out = format!("{out} · {}", self.word(&format!("group.{}", g.key())));
        }
        out
    }

    /// The value axis' title.
    pub fn unit(self, metric: Metric) -> String {
        match (Unit::of(metric), metric) {
            (Unit::Count, Metric::Urges) => self.word("unit.urges"),
            (Unit::Count, _) => self.word("unit.orders"),
            (Unit::Minutes, _) => self.word("unit.minutes"),
            (Unit::Share, _) => self.word("unit.percent"),
        }
    }

    /// A series' name: a status category or priority in this language, the readable name the
    /// store gave (department, person), the key, or "(none)".
    pub fn group_name(
        self,
        group_by: Option<GroupBy>,
        key: Option<&str>,
        label: Option<&str>,
        metric: Metric,
    ) -> String {
        let Some(group_by) = group_by else { return self.metric(metric) };
        let Some(key) = key else { return self.word("none") };
        match group_by {
            GroupBy::StatusCategory => self.word(&format!("category.{key}")),
            GroupBy::Priority => self.word(&format!("priority.{key}")),
            _ => label.unwrap_or(key).to_string(),
        }
    }

    /// A period's label: "Jan 5" / "1月5日" / "5 ene", "Jan 2026" / "2026年1月" / "ene 2026",
    /// "2026-W03" / "第3周" / "2026-S03". Labels it cannot read are kept as they are.
    pub fn period(self, period: Period, key: &str) -> String {
        let month_name = |m: u32| match self.lang {
            "es" => MONTHS_ES[(m - 1) as usize],
            _ => MONTHS_EN[(m - 1) as usize],
        };
        match period {
            Period::Day => match NaiveDate::parse_from_str(key, "%Y-%m-%d") {
                Ok(d) => match self.lang {
                    "zh-CN" => format!("{}月{}日", d.month(), d.day()),
                    "es" => format!("{} {}", d.day(), month_name(d.month())),
                    _ => format!("{} {}", month_name(d.month()), d.day()),
                },
                Err(_) => key.to_string(),
            },
            Period::Month => match NaiveDate::parse_from_str(&format!("{key}-01"), "%Y-%m-%d") {
                Ok(d) => match self.lang {
                    "zh-CN" => format!("{}年{}月", d.year(), d.month()),
                    _ => format!("{} {}", month_name(d.month()), d.year()),
                },
                Err(_) => key.to_string(),
            },
            Period::Week => match key.split_once("-W").map(|(y, w)| (y, w.parse::<u32>())) {
                Some((_, Ok(week))) if self.lang == "zh-CN" => format!("第{week}周"),
                Some((year, Ok(week))) if self.lang == "es" => format!("{year}-S{week:02}"),
                _ => key.to_string(),
            },
        }
    }

    /// A date in words: "4 Dec 2026", "2026年12月4日", "4 dic 2026".
    pub fn date(self, d: NaiveDate) -> String {
        match self.lang {
            "zh-CN" => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            "es" => format!("{} {} {}", d.day(), MONTHS_ES[d.month0() as usize], d.year()),
            _ => format!("{} {} {}", d.day(), MONTHS_EN[d.month0() as usize], d.year()),
        }
    }

    /// How this language writes numbers: "1,234.5" (en, zh-CN) or "1.234,5" (es).
    pub fn number_format(self) -> NumberFormat {
        match self.lang {
            "es" => NumberFormat { decimal_separator: ",".into(), thousands_separator: ".".into() },
            _ => NumberFormat::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_as_local_dates() {
        let (en, zh, es) = (Locale::new("en"), Locale::new("zh-CN"), Locale::new("es"));
        assert_eq!(es.period(Period::Month, "2026-01"), "ene 2026");
        assert_eq!(zh.period(Period::Month, "2026-01"), "2026年1月");
        assert_eq!(en.period(Period::Month, "2026-01"), "Jan 2026");
        assert_eq!(zh.period(Period::Week, "2026-W03"), "第3周");
        assert_eq!(en.period(Period::Week, "2026-W03"), "2026-W03");
        assert_eq!(es.period(Period::Day, "2026-03-05"), "5 mar");
        assert_eq!(zh.period(Period::Day, "2026-03-05"), "3月5日");
    }

    #[test]
    fn groups_and_titles_follow_the_language() {
        let zh = Locale::new("zh_CN.UTF-8");
        assert_eq!(zh.group_name(Some(GroupBy::StatusCategory), Some("pending"), None, Metric::Backlog), "等待中");
        assert_eq!(zh.group_name(Some(GroupBy::Department), None, None, Metric::Backlog), "（无）");
        let es = Locale::new("es");
        assert_eq!(
            es.tile_title(Metric::ResolutionTime, Statistic::Median, Some(GroupBy::Department)),
            "Tiempo de resolución (mediana) · por departamento"
        );
        assert_eq!(Locale::new("en-US").week_start(), WeekStart::Sunday);
        assert_eq!(es.week_start(), WeekStart::Monday);
    }
}
