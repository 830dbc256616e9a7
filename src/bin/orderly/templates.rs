//! `orderly template …`: the library, versions, import and export, publishing, mappings.

use crate::args::TemplateCommand;
use crate::output::Out;
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
