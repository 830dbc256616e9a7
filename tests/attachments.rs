//! Attachments (issue #3) on both engines: a file refused by its field's limits writes nothing
//! (no file in the folder, no row); the same content stored twice is one file; an order keeps
//! its stored file across a conversion and those who see the order can read it; a forged
//! reference is refused naming the field.

mod common;

use common::TestStore;
use orderly::domain::attachment::AttachmentRef;
use orderly::domain::order::{NewOrder, OrderUpdate};
use orderly::service::template_orders::OrderConversion;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// Customer service, next version, with a photos field of at most 1000 bytes of images.
async fn customer_service_with_photos(s: &TestStore) {
    let text = std::fs::read_to_string("templates/library/customer_service.json").unwrap();
    let mut def: Value = serde_json::from_str(&text).unwrap();
    def["fields"].as_array_mut().unwrap().push(json!({
        "key": "photos", "section": "request", "type": "attachment", "max_bytes": 1000, "types": ["image/*"],
        "labels": {"en": "Photos", "zh_cn": "照片", "es": "Fotos"}
    }));
    s.orderly.import_template(&s.admin, &def.to_string(), false).await.unwrap();
}

fn files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    let mut out = Vec::new();
    for entry in entries.map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_in(&path));
        } else {
            out.push(path);
        }
    }
    out
}

async fn put(s: &TestStore, name: &str, mime: &str, bytes: &[u8]) -> orderly::Result<AttachmentRef> {
    s.orderly.store_attachment(&s.admin, "customer_service", "photos", name, mime, bytes).await
}

fn order_with(photos: Value) -> NewOrder {
    NewOrder {
        title: "空调不制冷".into(),
        template_key: Some("customer_service".into()),
        values: Some(json!({"channel": "wechat", "product": "空调", "photos": photos})),
        ..Default::default()
    }
}

async fn a_refused_file_writes_nothing_and_the_same_content_is_one_file(s: TestStore) {
    customer_service_with_photos(&s).await;
    let folder = s.orderly.files_folder().unwrap().to_path_buf();
    let cases = [
        ("big.png", "image/png", vec![7u8; 1001], "template.value_file_too_large"),
        ("notes.txt", "text/plain", b"not a photo".to_vec(), "template.value_file_type_refused"),
    ];
    for (name, mime, bytes, key) in cases {
        let e = put(&s, name, mime, &bytes).await.unwrap_err();
        assert_eq!((e.key.as_str(), e.field.as_deref()), (key, Some("values.photos")), "{name}");
        assert!(e.message("zh-CN").contains(name), "translated, naming the file: {}", e.message("zh-CN"));
    }
    let e = s.orderly.store_attachment(&s.admin, "customer_service", "channel", "a.png", "image/png", b"x").await;
    assert_eq!(e.unwrap_err().key, "attachment.field_not_attachment");
    assert!(files_in(&folder).is_empty(), "no file written");
    assert_eq!(s.count("attachments").await, 0, "no row written");

    let photo = b"\x89PNG fan photo".to_vec();
    let first = put(&s, "fan.png", "image/png", &photo).await.unwrap();
    let again = put(&s, "fan-copy.png", "image/png", &photo).await.unwrap();
    assert_eq!((first.sha256.as_str(), first.size), (again.sha256.as_str(), photo.len() as u32));
    assert_eq!(files_in(&folder), [folder.join(&first.sha256[..2]).join(&first.sha256)], "one file, by its hash");
    assert_eq!(s.count("attachments").await, 1);
    assert_eq!(s.orderly.read_attachment(&s.admin, &first.sha256).await.unwrap(), photo);
    let unknown = s.orderly.read_attachment(&s.admin, &"ab".repeat(32)).await.unwrap_err();
    assert_eq!((unknown.code, unknown.key.as_str()), (orderly::ErrorCode::NotFound, "attachment.unknown"));
}

async fn an_order_keeps_its_stored_file_across_conversion(s: TestStore) {
    customer_service_with_photos(&s).await;
    let o = &s.orderly;
    let photo = put(&s, "fan.png", "image/png", b"fan photo").await.unwrap();
    let order = o.create_order(&s.admin, order_with(json!([photo]))).await.unwrap();
    let conversion = OrderConversion {
        to_key: "after_sales".into(),
        template_version: None,
        version: order.version,
        values: Some(json!({"fault": "不制冷"})),
    };
    let done = o.convert_order(&s.admin, &order.id, conversion).await.unwrap();
    assert_eq!(done.template_key, "after_sales");
    assert_eq!(done.values["photos"], json!([photo]), "the after-sales photos field keeps the file");
    // A technician reads it once the order is theirs, not before.
    let tech = s.user("tech", &["technician"], None).await;
    let e = o.read_attachment(&tech, &photo.sha256).await.unwrap_err();
    assert_eq!(e.code, orderly::ErrorCode::Forbidden);
    o.assign_order(&s.admin, &order.id, Some(tech.user_id.clone()), done.version).await.unwrap();
    assert_eq!(o.read_attachment(&tech, &photo.sha256).await.unwrap(), b"fan photo");
}

async fn a_forged_reference_is_refused_naming_the_field(s: TestStore) {
    customer_service_with_photos(&s).await;
    let o = &s.orderly;
    let forged = json!([{"sha256": "ab".repeat(32), "name": "x.png", "mime": "image/png", "size": 10}]);
    let before = s.count("work_orders").await;
    let e = o.create_order(&s.admin, order_with(forged.clone())).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("attachment.not_stored", Some("values.photos")));
    assert_ne!(e.message("es"), e.key, "translated");
    assert_eq!(s.count("work_orders").await, before, "nothing written");
    let order = o.create_order(&s.admin, order_with(json!([]))).await.unwrap();
    let set = BTreeMap::from([("values.photos".to_string(), forged)]);
    let e = o.update_order(&s.admin, &order.id, OrderUpdate { version: order.version, set }).await.unwrap_err();
    assert_eq!((e.key.as_str(), e.field.as_deref()), ("attachment.not_stored", Some("values.photos")));
    assert_eq!(o.get_order(&s.admin, &order.id).await.unwrap().version, order.version, "unchanged");
}

conformance!(refused_files, a_refused_file_writes_nothing_and_the_same_content_is_one_file);
conformance!(conversion_keeps_files, an_order_keeps_its_stored_file_across_conversion);
conformance!(forged_reference, a_forged_reference_is_refused_naming_the_field);
