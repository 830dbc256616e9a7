//! SLA errors: the one error type of the crate, its message keys and the translation rows
//! (English, Simplified Chinese, Spanish) the core's catalogue imports.
//!
//! An error carries a stable `key`, the field it is about (a JSON path such as
//! `policy.P3.resolution_minutes`) and named parameters; the UI renders the message in the
//! user's language from [`MESSAGES`], the CLI prints the English one via `Display`.

use std::collections::BTreeSet;
use std::fmt;

/// Stable message keys. Kept as constants so a typo is a compile error, not a missing row.
pub mod keys {
    pub const BAD_CASE: &str = "sla.bad_case";
    pub const UNKNOWN_ZONE: &str = "sla.unknown_zone";
    pub const BAD_HOURS: &str = "sla.bad_hours";
    pub const HOURS_NOT_INCREASING: &str = "sla.hours_not_increasing";
    pub const OVERLAPPING_HOURS: &str = "sla.overlapping_hours";
    pub const UNKNOWN_WEEKDAY: &str = "sla.unknown_weekday";
    pub const ALWAYS_WITH_HOURS: &str = "sla.always_with_hours";
    pub const BAD_HOLIDAY: &str = "sla.bad_holiday";
    pub const ICS_MALFORMED: &str = "sla.ics_malformed";
    pub const ICS_BAD_DATE: &str = "sla.ics_bad_date";
    pub const ICS_UNSUPPORTED_RULE: &str = "sla.ics_unsupported_rule";
    pub const ICS_SPAN_TOO_LONG: &str = "sla.ics_span_too_long";
    pub const POLICY_ALL_ZERO: &str = "sla.policy_all_zero";
    pub const POLICY_DECREASING: &str = "sla.policy_decreasing";
    pub const POLICY_MISSING_PRIORITY: &str = "sla.policy_missing_priority";
    pub const UNKNOWN_PRIORITY: &str = "sla.unknown_priority";
    pub const BAD_INSTANT: &str = "sla.bad_instant";
    pub const NOW_BEFORE_CREATED: &str = "sla.now_before_created";
    pub const PAUSE_OUTSIDE_HISTORY: &str = "sla.pause_outside_history";
    pub const PAUSE_INVERTED: &str = "sla.pause_inverted";
    pub const PAUSE_OVERLAP: &str = "sla.pause_overlap";
    pub const PAUSE_OPEN_NOT_LAST: &str = "sla.pause_open_not_last";
    pub const NO_WORKING_TIME: &str = "sla.no_working_time";
    pub const OUT_OF_RANGE: &str = "sla.out_of_range";
}

/// (key, English, Simplified Chinese, Spanish). Placeholders are `{name}` and must be the same
/// set in all three languages; the field is not a placeholder (it is shown separately).
pub const MESSAGES: &[(&str, &str, &str, &str)] = &[
    (
        keys::BAD_CASE,
        "The case document is not valid: {detail}",
        "案例文档无效：{detail}",
        "El documento del caso no es válido: {detail}",
    ),
    (keys::UNKNOWN_ZONE, "Unknown time zone \"{zone}\"", "未知时区“{zone}”", "Zona horaria desconocida \"{zone}\""),
    (
        keys::BAD_HOURS,
        "Malformed working hours \"{value}\": expected [\"HH:MM\", \"HH:MM\"] between 00:00 and 24:00",
        "工作时间格式错误“{value}”：应为 [\"HH:MM\", \"HH:MM\"]，范围 00:00 至 24:00",
        "Horario laboral mal formado \"{value}\": se esperaba [\"HH:MM\", \"HH:MM\"] entre 00:00 y 24:00",
    ),
    (
        keys::HOURS_NOT_INCREASING,
        "Working interval {start}–{end} must start before it ends",
        "工作时段 {start}–{end} 的开始时间必须早于结束时间",
        "El intervalo laboral {start}–{end} debe empezar antes de terminar",
    ),
    (
        keys::OVERLAPPING_HOURS,
        "Working intervals on {day} overlap",
        "{day} 的工作时段相互重叠",
        "Los intervalos laborales del {day} se solapan",
    ),
    (
        keys::UNKNOWN_WEEKDAY,
        "Unknown weekday \"{day}\": use mon, tue, wed, thu, fri, sat or sun",
        "未知的星期“{day}”：请使用 mon、tue、wed、thu、fri、sat 或 sun",
        "Día de la semana desconocido \"{day}\": use mon, tue, wed, thu, fri, sat o sun",
    ),
    (
        keys::ALWAYS_WITH_HOURS,
        "A 24×7 calendar cannot also list working hours",
        "全天候（24×7）日历不能同时列出工作时间",
        "Un calendario 24×7 no puede indicar también un horario laboral",
    ),
    (
        keys::BAD_HOLIDAY,
        "Malformed holiday \"{value}\": expected YYYY-MM-DD or MM-DD",
        "节假日格式错误“{value}”：应为 YYYY-MM-DD 或 MM-DD",
        "Festivo mal formado \"{value}\": se esperaba AAAA-MM-DD o MM-DD",
    ),
    (
        keys::ICS_MALFORMED,
        "The iCalendar file is malformed near line {line}",
        "iCalendar 文件在第 {line} 行附近格式错误",
        "El archivo iCalendar está mal formado cerca de la línea {line}",
    ),
    (
        keys::ICS_BAD_DATE,
        "Malformed date \"{value}\" in the iCalendar file at line {line}",
        "iCalendar 文件第 {line} 行的日期“{value}”格式错误",
        "Fecha mal formada \"{value}\" en el archivo iCalendar, línea {line}",
    ),
    (
        keys::ICS_UNSUPPORTED_RULE,
        "Unsupported repetition rule \"{value}\" at line {line}: only yearly rules are understood",
        "第 {line} 行的重复规则“{value}”不受支持：仅支持按年重复",
        "Regla de repetición no admitida \"{value}\" en la línea {line}: solo se admiten reglas anuales",
    ),
    (
        keys::ICS_SPAN_TOO_LONG,
        "The event at line {line} spans {days} days; a holiday may span at most 366",
        "第 {line} 行的事件跨越 {days} 天；一个节假日最多 366 天",
        "El evento de la línea {line} abarca {days} días; un festivo abarca como máximo 366",
    ),
    (
        keys::POLICY_ALL_ZERO,
        "An SLA policy needs at least one non-zero target",
        "SLA 策略至少需要一个非零目标",
        "Una política de SLA necesita al menos un objetivo distinto de cero",
    ),
    (
        keys::POLICY_DECREASING,
        "{priority} allows {value} minutes, less than the {stricter_value} of the stricter {stricter}",
        "{priority} 的目标为 {value} 分钟，少于更严格的 {stricter} 的 {stricter_value} 分钟",
        "{priority} permite {value} minutos, menos que los {stricter_value} de {stricter}, que es más estricta",
    ),
    (
        keys::POLICY_MISSING_PRIORITY,
        "The policy has no targets for {priority}",
        "该策略缺少 {priority} 的目标",
        "La política no tiene objetivos para {priority}",
    ),
    (
        keys::UNKNOWN_PRIORITY,
        "Unknown priority \"{priority}\": use P1 to P5",
        "未知优先级“{priority}”：请使用 P1 至 P5",
        "Prioridad desconocida \"{priority}\": use de P1 a P5",
    ),
    (
        keys::BAD_INSTANT,
        "\"{value}\" is not an RFC 3339 instant",
        "“{value}”不是 RFC 3339 格式的时间",
        "\"{value}\" no es un instante RFC 3339",
    ),
    (
        keys::NOW_BEFORE_CREATED,
        "The moment looked at lies before the order was created",
        "查看时刻早于工单创建时间",
        "El momento consultado es anterior a la creación de la orden",
    ),
    (
        keys::PAUSE_OUTSIDE_HISTORY,
        "A pause must lie between the creation of the order and now",
        "暂停区间必须位于工单创建时间与当前时间之间",
        "Una pausa debe estar entre la creación de la orden y ahora",
    ),
    (
        keys::PAUSE_INVERTED,
        "A pause must end after it starts",
        "暂停的结束时间必须晚于开始时间",
        "Una pausa debe terminar después de empezar",
    ),
    (keys::PAUSE_OVERLAP, "Pauses must not overlap", "暂停区间不能重叠", "Las pausas no pueden solaparse"),
    (
        keys::PAUSE_OPEN_NOT_LAST,
        "Only the last pause may still be open",
        "只有最后一个暂停可以尚未结束",
        "Solo la última pausa puede seguir abierta",
    ),
    (
        keys::NO_WORKING_TIME,
        "The calendar has no working time in {days} days",
        "该日历在 {days} 天内没有任何工作时间",
        "El calendario no tiene tiempo laborable en {days} días",
    ),
    (
        keys::OUT_OF_RANGE,
        "The due time lies beyond the supported range of dates",
        "到期时间超出了支持的日期范围",
        "La fecha de vencimiento queda fuera del rango de fechas admitido",
    ),
];

/// A refused input or an impossible computation, in translatable form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaError {
    pub key: &'static str,
    pub field: Option<String>,
    pub params: Vec<(&'static str, String)>,
}

impl SlaError {
    pub fn new(key: &'static str) -> Self {
        SlaError { key, field: None, params: Vec::new() }
    }

    /// Names the offending field (a path inside the document being validated).
    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }

    /// Re-roots the field under `prefix`, so an error from validating a calendar on its own
    /// (`hours.mon[0]`) points into the case document (`calendar.hours.mon[0]`).
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = Some(match self.field.take() {
            Some(field) => format!("{prefix}.{field}"),
            None => prefix.to_string(),
        });
        self
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// The English message with parameters filled in (without the field).
    pub fn english(&self) -> String {
        let template = MESSAGES.iter().find(|row| row.0 == self.key).map_or(self.key, |row| row.1);
        render(template, &self.params)
    }
}

impl fmt::Display for SlaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.english()),
            None => f.write_str(&self.english()),
        }
    }
}

impl std::error::Error for SlaError {}

/// Substitutes `{name}` placeholders; unknown placeholders are left visible on purpose so a
/// missing parameter shows up in review rather than silently vanishing.
pub fn render(template: &str, params: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The `{name}` placeholders of a template.
pub fn placeholders(template: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                found.insert(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    found
}
