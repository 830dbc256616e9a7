//! `orderly`: the admin and headless CLI over the same service API as the desktop app.
//! Exit codes: 0 done; 2 invalid input (nothing written); 3 conflict (stale version);
//! 4 not permitted; 5 not found; 1 internal error.

mod args;
mod args_dispatch;
mod args_processing;
mod attachments;
mod dispatch;
mod engines;
mod orders;
mod output;
mod processing;
mod reports;
mod route_day;
mod sla;
mod stats;
mod templates;
mod workflow;

use args::{BenchCommand, Cli, Command, DepartmentCommand, UserCommand};
use clap::Parser;
use orderly::domain::org::NewNode;
use orderly::domain::user::{Actor, NewUser, Skill};
use orderly::service::seed::SeedMode;
use orderly::service::{default_db_path, Orderly};
use orderly::{Error, Result};
use output::Out;

fn main() {
    let cli = Cli::parse();
    let lang = cli
        .lang
        .clone()
        .or_else(|| std::env::var("ORDERLY_LANG").ok())
        .or_else(|| std::env::var("LC_ALL").ok().filter(|v| !v.is_empty()))
        .or_else(|| std::env::var("LANG").ok())
        .unwrap_or_default();
    let out = Out { json: cli.json, lang: orderly::i18n::normalise_lang(&lang).to_string() };
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio runtime");
    let code = match runtime.block_on(run(cli, &out)) {
        Ok(()) => 0,
        Err(e) => {
            out.error(&e);
            e.code.exit_code()
        }
    };
    std::process::exit(code);
}

async fn run(cli: Cli, out: &Out) -> Result<()> {
    if let Some(result) = engines::try_run(&cli.command, out) {
        return result;
    }
    let mut target = cli.db.clone().unwrap_or_else(|| default_db_path().display().to_string());
    if let Command::Bench(BenchCommand::Stats { db: Some(db), .. }) = &cli.command {
        target = db.clone();
    }
    let orderly = Orderly::open_with_files(&target, files_folder(&target)).await?;
    let result = dispatch(&orderly, cli, out).await;
    // Closing checkpoints the WAL into the file, so a copy of the file alone is complete.
    orderly.store().close().await;
    result
}

/// Where attachments are kept: `ORDERLY_FILES`, else beside a SQLite store's file, else (a
/// PostgreSQL store) `attachments` in the working folder.
fn files_folder(target: &str) -> Option<std::path::PathBuf> {
    match std::env::var("ORDERLY_FILES") {
        Ok(dir) if !dir.trim().is_empty() => Some(dir.into()),
        _ if target.starts_with("postgres") => std::env::current_dir().ok().map(|d| d.join("attachments")),
        _ => None,
    }
}

async fn dispatch(orderly: &Orderly, cli: Cli, out: &Out) -> Result<()> {
    let actor = match &cli.as_login {
        Some(login) => orderly.actor(login).await?,
        None => orderly.first_admin().await?,
    };
    match cli.command {
        Command::Init => {
            out.init(orderly.store().location(), &actor.login);
            Ok(())
        }
        Command::User(cmd) => user(orderly, &actor, cmd, out).await,
        Command::Department(cmd) => department(orderly, &actor, cmd, out).await,
        Command::Order(cmd) => orders::run(orderly, &actor, cmd, out).await,
        Command::Template(cmd) => templates::run(orderly, &actor, cmd, out).await,
        Command::Attachment(cmd) => attachments::run(orderly, &actor, cmd, out).await,
        Command::Seed(a) => {
            let mode = if a.bulk { SeedMode::Bulk } else { SeedMode::Triggers };
            let report = orderly
                .seed_with(&actor, mode, (a.orders, a.technicians, a.seed), |done, total| out.progress(done, total))
                .await?;
            out.value(&report);
            Ok(())
        }
        Command::Bench(BenchCommand::Store { reps, creates }) => {
            let report = orderly::bench::store(orderly, &actor, reps, creates).await?;
            out.bench(&report);
            Ok(())
        }
        Command::Bench(BenchCommand::Sla { orders, due }) => {
            println!("{}", orderly::bench::sla(orders, due).await?);
            Ok(())
        }
        Command::Bench(BenchCommand::Templates { orders, templates, db }) => {
            println!("{}", orderly::bench::templates(orders, templates, db.as_deref()).await?);
            Ok(())
        }
        Command::Bench(BenchCommand::Stats { reps, raw_reps, db, pg }) => {
            let own = db.or(cli.db).filter(|d| d.starts_with("postgres"));
            let reps = (reps, raw_reps.unwrap_or(reps));
            println!("{}", orderly::bench::stats(orderly, &actor, reps, own.as_deref()).await?);
            if let Some(url) = pg {
                let other = Orderly::open(&url).await?;
                let admin = other.first_admin().await?;
                println!("{}", orderly::bench::stats(&other, &admin, reps, Some(&url)).await?);
                other.store().close().await;
            }
            Ok(())
        }
        Command::Stats(args) => stats::run(orderly, &actor, *args, out).await,
        Command::Settings(cmd) => stats::settings(orderly, &actor, cmd, out).await,
        Command::Filter(cmd) => processing::filter(orderly, &actor, cmd, out).await,
        Command::TimeRule(cmd) => processing::time_rule(orderly, &actor, cmd, out).await,
        Command::Report(cmd) => reports::run(orderly, &actor, cmd, out).await,
        Command::Workflow(cmd) => workflow::workflow(orderly, &actor, cmd, out).await,
        Command::Trigger(cmd) => workflow::trigger(orderly, &actor, cmd, out).await,
        Command::Sla(cmd) => sla::run(orderly, &actor, cmd, out).await,
        Command::Calendar(cmd) => sla::calendar(orderly, &actor, cmd, out).await,
        Command::Inbox { unread, mark_read } => sla::inbox(orderly, &actor, unread, mark_read, out).await,
        Command::Dispatch(cmd) => dispatch::run(orderly, &actor, cmd, out).await,
        Command::Pool(cmd) => dispatch::pool(orderly, &actor, cmd, out).await,
        Command::Bench(BenchCommand::Route { .. } | BenchCommand::Dispatch { .. }) => {
            unreachable!("run without a store")
        }
        Command::Backup { file } => {
            orderly.backup(&file).await?;
            out.done(&file.display().to_string());
            Ok(())
        }
    }
}

/// A department given by name or id.
pub async fn department_id(orderly: &Orderly, actor: &Actor, name_or_id: &str) -> Result<String> {
    let dir = orderly.directory(actor).await?;
    dir.departments
        .iter()
        .find(|d| d.id == name_or_id || d.name == name_or_id)
        .map(|d| d.id.clone())
        .ok_or_else(|| Error::invalid("department.not_found").on_field("department").with("value", name_or_id))
}

async fn user(orderly: &Orderly, actor: &Actor, cmd: UserCommand, out: &Out) -> Result<()> {
    match cmd {
        UserCommand::Add { login, name, roles, department, skills, password } => {
            let department_id = match department {
                Some(d) => Some(department_id(orderly, actor, &d).await?),
                None => None,
            };
            let roles = roles.iter().flat_map(|r| r.split(',')).map(|r| r.trim().to_string()).collect();
            let skills = skills.iter().map(|s| s.parse()).collect::<Result<Vec<Skill>>>()?;
            let input = NewUser {
                login,
                display_name: name,
                roles,
                department_id,
                skills,
                home_lat: None,
                home_lon: None,
                password,
            };
            out.value(&orderly.create_user(actor, input).await?);
        }
        UserCommand::List => out.value(&orderly.directory(actor).await?.users),
    }
    Ok(())
}

async fn department(orderly: &Orderly, actor: &Actor, cmd: DepartmentCommand, out: &Out) -> Result<()> {
    match cmd {
        DepartmentCommand::Add { name, parent } => {
            let parent_id = match parent {
                Some(p) => Some(department_id(orderly, actor, &p).await?),
                None => None,
            };
            out.value(&orderly.create_department(actor, NewNode { name, parent_id }).await?);
        }
        DepartmentCommand::List => out.value(&orderly.directory(actor).await?.departments),
    }
    Ok(())
}
