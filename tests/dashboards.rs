//! Dashboards on both engines: saving, owner-only changes, sharing, the built-in dashboards and
//! cloning, refusals that name the field and store nothing; a tile's figures and chart in
//! Chinese and Spanish; and its exports (PNG looked at, XLSX and CSV read back).

mod common;

use common::TestStore;
use orderly::charts::font_book;
use orderly::domain::dashboard::{Tile, TileChart, MAX_TILES};
use orderly::domain::stats::{GroupBy, Metric, Period, Statistic};
use orderly::domain::user::Actor;
use orderly::service::dashboard_defaults::{supervisor_tiles, SUPERVISOR_ID};
use orderly::service::dashboards::{parse_definition, DashboardInput};
use orderly::service::exports::{EXPORT_HEIGHT, EXPORT_WIDTH};

fn tile(id: &str, metric: Metric, period: Period, last: u32, chart: TileChart) -> Tile {
    Tile { id: id.into(), title: None, metric, statistic: Statistic::Mean, group_by: None, period, last, chart }
}

fn input(name: &str, tiles: Vec<Tile>) -> DashboardInput {
    DashboardInput { id: None, name: name.into(), tiles }
}

async fn seed_orders(s: &TestStore, priorities: &[&str]) {
    for (i, p) in priorities.iter().enumerate() {
        let order = orderly::domain::order::NewOrder {
            title: format!("空调不制冷 {i}"),
            priority: Some(p.to_string()),
            ..Default::default()
        };
        s.orderly.create_order(&s.admin, order).await.unwrap();
    }
}

async fn dashboards_are_private_until_shared_and_changed_only_by_their_owner(s: TestStore) {
    let o = &s.orderly;
    let ana = s.user("ana", &["supervisor"], None).await;
    let bo = s.user("bo", &["dispatcher"], None).await;
    let tech = s.user("tech", &["technician"], None).await;
    assert_eq!(o.dashboards(&ana).await.unwrap().iter().filter(|d| d.default_kind.is_some()).count(), 2);

    let tiles = vec![tile("a", Metric::Created, Period::Week, 8, TileChart::Line)];
    let mine = o.save_dashboard(&ana, input("我的看板", tiles.clone())).await.unwrap();
    assert!(mine.mine && !mine.shared);
    assert_eq!((mine.name.as_str(), mine.tiles.clone()), ("我的看板", tiles));
    let seen_by_bo = |list: Vec<orderly::service::dashboards::Dashboard>| list.iter().any(|d| d.id == mine.id);
    assert!(!seen_by_bo(o.dashboards(&bo).await.unwrap()));
    assert_eq!(o.dashboard(&bo, &mine.id).await.unwrap_err().key, "dashboard.not_found");

    let shared = o.share_dashboard(&ana, &mine.id, true).await.unwrap();
    assert!(shared.shared);
    let as_bo = o.dashboard(&bo, &mine.id).await.unwrap();
    assert!(!as_bo.mine && as_bo.owner_name == "ANA");
    assert!(seen_by_bo(o.dashboards(&bo).await.unwrap()));

    // Only the owner changes, shares or deletes it; the refusal names the owner.
    let mut change = input("bo's now", vec![]);
    change.id = Some(mine.id.clone());
    let refused = o.save_dashboard(&bo, change.clone()).await.unwrap_err();
    assert_eq!(
        (refused.key.as_str(), refused.params.get("owner").map(String::as_str)),
        ("dashboard.not_owner", Some("ANA"))
    );
    assert_eq!(o.share_dashboard(&bo, &mine.id, false).await.unwrap_err().key, "dashboard.not_owner");
    assert_eq!(o.delete_dashboard(&bo, &mine.id).await.unwrap_err().key, "dashboard.not_owner");
    assert_eq!(o.dashboard(&ana, &mine.id).await.unwrap().name, "我的看板");

    // Anyone may clone what they see; the owner's changes reach the shared one.
    let copy = o.clone_dashboard(&bo, &mine.id, "Copia").await.unwrap();
    assert!(copy.mine && copy.owner_id == bo.user_id && copy.tiles == mine.tiles);
    change.name = "Renamed".into();
    let renamed = o.save_dashboard(&ana, change).await.unwrap();
    assert_eq!((renamed.name.as_str(), renamed.tiles.len()), ("Renamed", 0));

    // Built-in dashboards are read-only and cloneable.
    let mut on_default = input("x", vec![]);
    on_default.id = Some(SUPERVISOR_ID.into());
    assert_eq!(o.save_dashboard(&ana, on_default).await.unwrap_err().key, "dashboard.default_read_only");
    let cloned = o.clone_dashboard(&ana, SUPERVISOR_ID, "Supervisión").await.unwrap();
    assert_eq!(cloned.tiles, supervisor_tiles());

    assert_eq!(o.dashboards(&tech).await.unwrap_err().key, "perm.see_stats");
    assert_eq!(o.save_dashboard(&tech, input("t", vec![])).await.unwrap_err().key, "perm.see_stats");

    o.delete_dashboard(&ana, &mine.id).await.unwrap();
    assert_eq!(o.dashboard(&ana, &mine.id).await.unwrap_err().key, "dashboard.not_found");
    assert_eq!(o.dashboard(&bo, &copy.id).await.unwrap().name, "Copia");
}

async fn bad_definitions_are_refused_by_field_and_nothing_is_stored(s: TestStore) {
    let o = &s.orderly;
    let ana: Actor = s.user("ana", &["supervisor"], None).await;
    let good = tile("a", Metric::Created, Period::Day, 7, TileChart::Bar);
    let mut blank_title = good.clone();
    blank_title.title = Some("  ".into());
    let cases: Vec<(DashboardInput, &str, &str)> = vec![
        (input(" ", vec![good.clone()]), "dashboard.name_empty", "name"),
        (input(&"长".repeat(121), vec![good.clone()]), "dashboard.title_too_long", "name"),
        (
            input("d", vec![tile("a", Metric::Created, Period::Day, 0, TileChart::Bar)]),
            "dashboard.tile_periods_out_of_range",
            "tiles.0.last",
        ),
        (input("d", vec![good.clone(), good.clone()]), "dashboard.tile_id_duplicate", "tiles.1.id"),
        (input("d", vec![blank_title]), "dashboard.title_empty", "tiles.0.title"),
        (
            input("d", vec![tile("", Metric::Created, Period::Day, 7, TileChart::Bar)]),
            "dashboard.tile_id_invalid",
            "tiles.0.id",
        ),
        (
            input(
                "d",
                (0..=MAX_TILES)
                    .map(|i| tile(&format!("t{i}"), Metric::Created, Period::Day, 7, TileChart::Bar))
                    .collect(),
            ),
            "dashboard.too_many_tiles",
            "tiles",
        ),
    ];
    for (bad, key, field) in cases {
        let err = o.save_dashboard(&ana, bad).await.unwrap_err();
        assert_eq!((err.key.as_str(), err.field.as_deref()), (key, Some(field)));
        assert!(!err.message("es").contains('{'), "{}", err.message("es"));
    }
    assert_eq!(s.count("dashboards").await, 0);

    // A refused change keeps what was stored.
    let saved = o.save_dashboard(&ana, input("d", vec![good.clone()])).await.unwrap();
    let mut change = input("d2", vec![good.clone(), good.clone()]);
    change.id = Some(saved.id.clone());
    assert_eq!(o.save_dashboard(&ana, change).await.unwrap_err().field.as_deref(), Some("tiles.1.id"));
    assert_eq!(o.dashboard(&ana, &saved.id).await.unwrap(), saved);

    let err = parse_definition("[{\"id\": 1}").unwrap_err();
    assert_eq!((err.key.as_str(), err.field.as_deref()), ("input.malformed_json", Some("tiles")));
    assert_eq!(parse_definition(&serde_json::to_string(&vec![good]).unwrap()).unwrap().len(), 1);
}

async fn a_tile_speaks_the_viewers_language(s: TestStore) {
    let o = &s.orderly;
    o.set_org_time_zone(&s.admin, "UTC").await.unwrap();
    seed_orders(&s, &["P1", "P3", "P3"]).await;
    let today = chrono::Utc::now().date_naive();
    let mut t = tile("b", Metric::Backlog, Period::Month, 2, TileChart::StackedBar);
    t.group_by = Some(GroupBy::Priority);
    let zh = o.tile_data_on(&s.admin, &t, "zh-CN", today).await.unwrap();
    assert_eq!(zh.title, "积压 · 按优先级");
    let names: Vec<&str> = zh.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["P1 · 紧急", "P3 · 普通"]);
    assert_eq!(zh.series[1].values.last(), Some(&Some(2.0)));
    assert!(zh.period_labels.iter().all(|l| l.contains('年') && l.ends_with('月')), "{:?}", zh.period_labels);
    let chart = zh.chart.as_ref().unwrap();
    assert!(chart.svg.contains("积压 · 按优先级") && chart.svg.contains("P3 · 普通"));
    assert_eq!(chart.x_positions.len(), 2);
    assert!(chart.y_max >= 3.0, "stacked to 3: {}", chart.y_max);

    let mut by_status = t.clone();
    by_status.group_by = Some(GroupBy::StatusCategory);
    by_status.title = Some("Lo que espera".into());
    let es = o.tile_data_on(&s.admin, &by_status, "es", today).await.unwrap();
    assert_eq!(es.title, "Lo que espera");
    assert!(
        es.series.iter().all(|s| ["Nueva", "Abierta", "En espera", "Suspendida"].contains(&s.name.as_str())),
        "{:?}",
        es.series
    );
    let month = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"];
    assert!(es.period_labels.iter().all(|l| month.iter().any(|m| l.starts_with(m))), "{:?}", es.period_labels);

    let number = tile("n", Metric::Created, Period::Week, 1, TileChart::Number);
    let n = o.tile_data_on(&s.admin, &number, "en", today).await.unwrap();
    assert!(n.chart.is_none());
    assert_eq!(n.series[0].values, vec![Some(3.0)]);
    let mut bad = number.clone();
    bad.last = 0;
    assert_eq!(o.tile_data_on(&s.admin, &bad, "en", today).await.unwrap_err().field.as_deref(), Some("tile.last"));
}

async fn exports_write_every_row_in_every_format(s: TestStore) {
    let o = &s.orderly;
    o.set_org_time_zone(&s.admin, "UTC").await.unwrap();
    seed_orders(&s, &["P1", "P2", "P3", "P3"]).await;
    let today = chrono::Utc::now().date_naive();
    let dir = tempfile::tempdir().unwrap();
    let mut t = tile("c", Metric::Created, Period::Day, 10, TileChart::Bar);
    t.group_by = Some(GroupBy::Priority);

    let png = o.tile_export_on(&s.admin, &t, "zh-CN", &dir.path().join("c.png"), today).await.unwrap();
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((frame.width, frame.height), (EXPORT_WIDTH, EXPORT_HEIGHT));
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    // The plot rectangle holds drawn series, not just background and grid.
    let (data, result, locale) = o.tile_figures(&s.admin, &t, "zh-CN", today).await.unwrap();
    let spec = data.chart_spec(&result, locale, EXPORT_WIDTH, EXPORT_HEIGHT);
    let area = orderly_charts::render_chart(&spec, font_book()).unwrap().plot_area;
    let coloured = (area.y as usize..(area.y + area.height) as usize)
        .flat_map(|y| (area.x as usize..(area.x + area.width) as usize).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let at = (y * frame.width as usize + x) * 3;
            let [r, g, b] = [pixels[at], pixels[at + 1], pixels[at + 2]];
            // Series colours are saturated; background, grid and axes are grey.
            r.max(g).max(b) - r.min(g).min(b) > 60
        })
        .count();
    assert!(coloured > 200, "only {coloured} coloured pixels in the plot area");

    let svg = o.tile_export_on(&s.admin, &t, "zh-CN", &dir.path().join("c.svg"), today).await.unwrap();
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("新建 · 按优先级"));

    let csv = o.tile_export_on(&s.admin, &t, "zh-CN", &dir.path().join("c.csv"), today).await.unwrap();
    let csv = std::fs::read_to_string(csv).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "周期,分组,数值");
    assert_eq!(lines.len(), 1 + 3 * 10, "three priorities over ten days");
    let today_key = today.format("%Y-%m-%d").to_string();
    assert!(lines.contains(&format!("{today_key},P3 · 普通,2").as_str()), "{lines:?}");

    let xlsx = o.tile_export_on(&s.admin, &t, "es", &dir.path().join("c.xlsx"), today).await.unwrap();
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows[0], [Data::String("Periodo".into()), Data::String("Grupo".into()), Data::String("Valor".into())]);
    assert_eq!(rows.len(), 31);
    let p3_today =
        rows.iter().find(|r| r[0] == Data::String(today_key.clone()) && r[1] == Data::String("P3 · Normal".into()));
    assert_eq!(p3_today.unwrap()[2], Data::Float(2.0));

    let refused = o.tile_export_on(&s.admin, &t, "es", &dir.path().join("c.pdf"), today).await.unwrap_err();
    assert_eq!(refused.key, "export.format_unknown");
    assert!(!dir.path().join("c.pdf").exists());
    let into = o
        .tile_export_into(&s.admin, &t, "zh-CN", orderly::service::exports::ExportFormat::Csv, dir.path(), "20260105")
        .await
        .unwrap();
    assert_eq!(into.file_name().unwrap().to_str().unwrap(), "新建-按优先级-20260105.csv");
}

conformance!(private_until_shared_owner_only, dashboards_are_private_until_shared_and_changed_only_by_their_owner);
conformance!(refused_by_field_nothing_stored, bad_definitions_are_refused_by_field_and_nothing_is_stored);
conformance!(tile_in_the_viewers_language, a_tile_speaks_the_viewers_language);
conformance!(exports_in_every_format, exports_write_every_row_in_every_format);
