//! Property test of the search parser, the one parser of free text that reaches SQL: whatever
//! a person types, the query either is refused as a `search.*` input error or runs on both
//! engines without an internal error, and an order always finds itself by its own title.

mod common;

use orderly::domain::order::{NewOrder, OrderFilter};
use orderly::ErrorCode;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

#[test]
fn any_typed_query_is_refused_clearly_or_runs() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let stores = common::open_all(&rt);
    let mut runner = TestRunner::new(Config { cases: 128, ..Config::default() });
    let strategy = ("\\PC{0,40}", "[a-zA-Z漏水电梯ñáé ]{1,20}");
    runner
        .run(&strategy, |(query, title)| {
            rt.block_on(async {
                for s in &stores {
                    let input = NewOrder { title: format!("{title} x"), ..Default::default() };
                    let o = s.orderly.create_order(&s.admin, input).await.unwrap();
                    let typed = OrderFilter { text: Some(query.clone()), ..Default::default() };
                    if let Err(e) = s.orderly.list_orders(&s.admin, typed).await {
                        prop_assert_eq!(e.code, ErrorCode::InvalidInput, "{:?} gave {:?}", query, e);
                        prop_assert!(e.key.starts_with("search."), "{:?}", e);
                    }
                    let own = OrderFilter { text: Some(o.title.clone()), ..Default::default() };
                    let found = s.orderly.list_orders(&s.admin, own).await.unwrap().items;
                    prop_assert!(found.iter().any(|f| f.id == o.id), "{} must find itself", o.title);
                }
                Ok(())
            })
        })
        .unwrap();
}
