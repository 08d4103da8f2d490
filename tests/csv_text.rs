//! The exports' CSV writer (`csv_text`) writes byte for byte what the CSV crate's writer writes with CRLF records
//! and quoting where necessary, and every record reads back as the fields that were written.

use pbcalc::csv_text::CsvText;
use proptest::prelude::*;

fn reference(records: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for r in records {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn ours(records: &[Vec<String>]) -> String {
    let mut w = CsvText::new();
    for r in records {
        w.record(r);
    }
    w.into_string()
}

fn field() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(","),
            Just("\""),
            Just("\r"),
            Just("\n"),
            Just(" "),
            Just("a"),
            Just("1.25"),
            Just("支部"),
            Just("、"),
            Just("#"),
            Just("'"),
            Just(";")
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn writes_what_the_csv_crate_writes(records in proptest::collection::vec(proptest::collection::vec(field(), 1..5), 0..6)) {
        let text = ours(&records);
        prop_assert_eq!(&text, &reference(&records));
        let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let back: Vec<Vec<String>> = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
        prop_assert_eq!(back, records);
    }
}

#[test]
fn quotes_only_where_needed() {
    let mut w = CsvText::new();
    w.record(["a", "b,c", "say \"hi\"", "two\nlines", "支部"]);
    w.record([""]);
    assert_eq!(w.into_string(), "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",支部\r\n\"\"\r\n");
}
