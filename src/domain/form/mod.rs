//! Template definitions (issue #3): the form an order is filled in with — sections, typed
//! fields with labels and help in three languages, and rules that show, hide, require or make
//! read-only a field when other fields meet a condition. Pure: [`check`] refuses a definition
//! that could not be used, [`values`] checks an order's values against one, naming the field.

pub mod check;
pub mod diff;
pub mod library;
pub mod values;

use crate::domain::workflow::Names;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The longest text a text field may be limited to, and the default limit.
pub const MAX_TEXT_CHARS: u32 = 20_000;
/// The largest attachment a template may allow (100 MiB).
pub const MAX_ATTACHMENT_BYTES: u64 = 100 * 1024 * 1024;
/// Deepest cascade (e.g. country / province / city / district / street).
pub const MAX_CASCADE_LEVELS: usize = 6;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TemplateDef {
    pub key: String,
    pub names: Names,
    #[serde(default)]
    pub department_id: Option<String>,
    /// Free grouping shown in the library, e.g. `service`, `maintenance`.
    #[serde(default)]
    pub category: String,
    pub sections: Vec<Section>,
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub rules: Vec<FieldRule>,
    /// `P1`..`P5`.
    #[serde(default)]
    pub default_priority: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Section {
    pub key: String,
    pub names: Names,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldDef {
    pub key: String,
    pub section: String,
    pub labels: Names,
    #[serde(default)]
    pub help: Option<Names>,
    #[serde(flatten)]
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub default: Option<Value>,
}

/// One choice of a select field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Choice {
    pub value: String,
    pub labels: Names,
}

/// One node of a cascade tree: a province and its cities, a city and its districts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CascadeNode {
    pub value: String,
    pub labels: Names,
    #[serde(default)]
    pub children: Vec<CascadeNode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        #[serde(default)]
        max_chars: Option<u32>,
        /// A regular expression the whole value must match.
        #[serde(default)]
        pattern: Option<String>,
    },
    Textarea {
        #[serde(default)]
        max_chars: Option<u32>,
    },
    Number {
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
        /// Digits after the point; 0 for whole numbers.
        #[serde(default)]
        decimals: Option<u8>,
    },
    /// An amount in minor units is not used: values are `{"amount": "12.50", "currency": "CNY"}`
    /// with the amount as decimal text, so no binary rounding touches money.
    Money {
        currency: String,
        #[serde(default)]
        min: Option<f64>,
        #[serde(default)]
        max: Option<f64>,
    },
    Date,
    Datetime,
    Select {
        options: Vec<Choice>,
    },
    MultiSelect {
        options: Vec<Choice>,
        #[serde(default)]
        max_choices: Option<u32>,
    },
    /// A path of values down the tree, one per level: `["cn", "gd", "sz"]`.
    Cascade {
        levels: Vec<Names>,
        tree: Vec<CascadeNode>,
        /// Whether a path may stop above the last level.
        #[serde(default)]
        allow_partial: bool,
    },
    Checkbox,
    User,
    Customer,
    /// Values are lists of stored files `{"sha256", "name", "size", "mime"}`.
    Attachment {
        #[serde(default)]
        max_bytes: Option<u64>,
        /// Allowed MIME types or extensions (`image/*`, `.pdf`); empty allows any.
        #[serde(default)]
        types: Vec<String>,
        #[serde(default)]
        max_files: Option<u32>,
    },
    /// `{"address": "...", "lat": 22.5, "lon": 114.1}`.
    Location,
}

impl FieldKind {
    pub fn type_key(&self) -> &'static str {
        match self {
            FieldKind::Text { .. } => "text",
            FieldKind::Textarea { .. } => "textarea",
            FieldKind::Number { .. } => "number",
            FieldKind::Money { .. } => "money",
            FieldKind::Date => "date",
            FieldKind::Datetime => "datetime",
            FieldKind::Select { .. } => "select",
            FieldKind::MultiSelect { .. } => "multi_select",
            FieldKind::Cascade { .. } => "cascade",
            FieldKind::Checkbox => "checkbox",
            FieldKind::User => "user",
            FieldKind::Customer => "customer",
            FieldKind::Attachment { .. } => "attachment",
            FieldKind::Location => "location",
        }
    }
}

/// What a rule does to its target fields while its conditions hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RuleEffect {
    Show,
    Hide,
    Require,
    ReadOnly,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum RuleCondition {
    /// The field's value is (or, for a multi select, includes; for a cascade, passes through)
    /// one of these.
    AnyOf {
        field: String,
        values: Vec<String>,
    },
    IsEmpty {
        field: String,
    },
    NotEmpty {
        field: String,
    },
}

impl RuleCondition {
    pub fn field(&self) -> &str {
        match self {
            RuleCondition::AnyOf { field, .. }
            | RuleCondition::IsEmpty { field }
            | RuleCondition::NotEmpty { field } => field,
        }
    }
}

/// When every condition holds, `effect` applies to `targets`. A field that some `show` rule
/// targets is hidden unless one of those rules holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldRule {
    pub when: Vec<RuleCondition>,
    pub effect: RuleEffect,
    pub targets: Vec<String>,
}

impl TemplateDef {
    pub fn field(&self, key: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.key == key)
    }
}
