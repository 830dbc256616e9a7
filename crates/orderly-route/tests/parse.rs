//! Solomon parser: a real file parses exactly; bad input fails with the offending line.

use orderly_route::solomon::{parse, ParseError};
use orderly_route::Fleet;

const TINY: &str = "TINY

VEHICLE
NUMBER     CAPACITY
  2         50

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0          0          0          0        100          0
    1      3          4         10          5         20          2
    2      1          1         20          0         50          1
";

fn line_of(text: &str) -> ParseError {
    parse(text).expect_err("should fail")
}

#[test]
fn tiny_instance_parses_in_tenths() {
    let p = parse(TINY).unwrap();
    assert_eq!(p.orders.len(), 2);
    assert_eq!(p.travel[0][1], 50, "3-4-5 triangle is 5.0");
    assert_eq!(p.travel[0][2], 14, "sqrt 2 = 1.414 truncates to 1.4");
    assert_eq!(p.travel[1][2], 36, "sqrt 13 = 3.605 truncates to 3.6");
    let o = &p.orders[0];
    assert_eq!((o.node, o.ready, o.due, o.service, o.demand), (1, 50, 200, 20, 10));
    assert_eq!(p.fleet, Fleet::Unlimited { start: 0, end: 0, open: 0, close: 1000, capacity: 50 });
}

#[test]
fn shipped_instances_parse() {
    for name in ["C101", "C201", "R101", "R102", "R201", "RC101", "RC201", "RC208"] {
        let text = std::fs::read_to_string(format!("/work/shared/data/solomon/{name}.txt")).unwrap();
        let p = parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(p.orders.len(), 100, "{name}");
    }
}

#[test]
fn bad_number_names_its_line() {
    let e = line_of(&TINY.replace("    1      3 ", "    1      x "));
    assert_eq!(e.line, 11);
    assert!(e.to_string().contains("line 11") && e.to_string().contains("'x' is not a number"), "{e}");
}

#[test]
fn short_row_names_its_line() {
    let e = line_of(&TINY.replace("20          0         50          1", "20          0         50"));
    assert_eq!(e.line, 12);
    assert!(e.message.contains("expected 7 numbers, found 6"), "{e}");
}

#[test]
fn out_of_order_customer_is_rejected() {
    let e = line_of(&TINY.replace("    2      1 ", "    5      1 "));
    assert_eq!(e.line, 12);
    assert!(e.message.contains("expected 2"), "{e}");
}

#[test]
fn window_backwards_is_rejected() {
    let e = line_of(&TINY.replace("5         20          2", "30         20          2"));
    assert_eq!(e.line, 11);
    assert!(e.message.contains("ready time after due date"), "{e}");
}

#[test]
fn missing_sections_and_bad_capacity() {
    assert!(line_of("hello\n").message.contains("no VEHICLE section"));
    assert!(line_of(&TINY.replace("CUSTOMER\n", "")).message.contains("no CUSTOMER section"));
    let e = line_of(&TINY.replace("  2         50", "  2         50.5"));
    assert_eq!(e.line, 5);
    assert!(e.message.contains("capacity must be a whole number"), "{e}");
    let e = line_of(&TINY.replace("    1      3          4         10          5         20          2\n    2      1          1         20          0         50          1\n", ""));
    assert!(e.message.contains("at least one customer"), "{e}");
}
