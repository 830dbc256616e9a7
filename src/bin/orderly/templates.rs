//! `orderly template …`: the library, versions and their differences, import and export,
//! publishing, mappings.

use crate::args::TemplateCommand;
use crate::output::Out;
use orderly::domain::form::diff::ChangeKind;
use orderly::domain::form::library::FieldMapping;
use orderly::domain::user::Actor;
use orderly::service::Orderly;
use orderly::{Error, Result};
use serde_json::json;
use std::path::Path;

fn read(file: &Path) -> Result<String> {
    std::fs::read_to_string(file).map_err(|_| Error::not_found("import.file_missing").with("value", file.display()))
}

pub async fn run(orderly: &Orderly, actor: &Actor, cmd: TemplateCommand, out: &Out) -> Result<()> {
    match cmd {
        TemplateCommand::List => list(orderly, actor, out).await?,
        TemplateCommand::Show { key, version } => out.value(&orderly.get_template(actor, &key, version).await?),
        TemplateCommand::Import { file, draft } => {
            let t = orderly.import_template(actor, &read(&file)?, draft).await?;
            out.value(&json!({"key": t.key, "version": t.version, "status": t.status}))
        }
        TemplateCommand::Export { key, file, version } => {
            let text = orderly.export_template(actor, &key, version).await?;
            match file {
                Some(path) => std::fs::write(&path, text + "\n").map_err(Error::internal)?,
                None => println!("{text}"),
            }
        }
        TemplateCommand::Publish { key } => {
            let t = orderly.publish_template(actor, &key).await?;
            out.value(&json!({"key": t.key, "version": t.version, "status": t.status}))
        }
        TemplateCommand::Clone { from, key } => {
            let t = orderly.clone_template(actor, &from, &key, None).await?;
            out.value(&json!({"key": t.key, "version": t.version, "status": t.status}))
        }
        TemplateCommand::Mapping { from, to, file } => match file {
            None => out.value(&orderly.template_mapping(actor, &from, &to).await?),
            Some(path) => {
                let bad = |e: serde_json::Error| Error::from(e).on_field("mapping");
                let mut doc: serde_json::Value = serde_json::from_str(&read(&path)?).map_err(bad)?;
                if let Some(o) = doc.as_object_mut() {
                    o.insert("from".into(), json!(from));
                    o.insert("to".into(), json!(to));
                }
                let mapping: FieldMapping = serde_json::from_value(doc).map_err(bad)?;
                out.value(&orderly.save_template_mapping(actor, mapping).await?)
            }
        },
        TemplateCommand::Diff { key, from, to } => diff(orderly, actor, &key, (from, to), out).await?,
    }
    Ok(())
}

/// One line a change: `~ field contact_phone: labels, required`, `+ rule 2`, `- section closing`.
async fn diff(orderly: &Orderly, actor: &Actor, key: &str, (from, to): (i32, i32), out: &Out) -> Result<()> {
    let d = orderly.template_diff(actor, key, from, to).await?;
    if out.json {
        out.value(&d);
        return Ok(());
    }
    println!("{} v{} -> v{}: {} change(s)", d.key, d.from, d.to, d.changes.len());
    for c in d.changes {
        let sign = match c.kind {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        };
        let target = serde_json::to_value(c.target).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
        let what = if c.key.is_empty() { target } else { format!("{target} {}", c.key) };
        let detail = if c.detail.is_empty() { String::new() } else { format!(": {}", c.detail.join(", ")) };
        println!("{sign} {what}{detail}");
    }
    Ok(())
}

async fn list(orderly: &Orderly, actor: &Actor, out: &Out) -> Result<()> {
    let all = orderly.templates(actor).await?;
    if out.json {
        out.value(&json!({"items": all}));
        return Ok(());
    }
    for t in all {
        let name = match orderly::i18n::normalise_lang(&out.lang) {
            "zh-CN" => &t.names.zh_cn,
            "es" => &t.names.es,
            _ => &t.names.en,
        };
        let draft = t.draft_version.map(|v| format!("  (draft v{v})")).unwrap_or_default();
        println!("{:<24} v{:<3} {:<12} {:>3} fields  {name}{draft}", t.key, t.version, t.category, t.fields);
    }
    Ok(())
}
