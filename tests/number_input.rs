//! Numbers as a Chinese user types or pastes them: the same reader serves the grid cells (periods and
//! targets), pasted blocks (which go cell by cell through the same functions) and the forms.

use pbcalc::i18n::{kind_message, Lang};
use pbcalc::model::edit::records::{parse_field, BallotGrade, FieldValue, RecordField};
use pbcalc::model::edit::settings::{parse_for, parse_number};
use pbcalc::model::edit::targets::parse_override;
use pbcalc::model::number::NumberIssue;
use pbcalc::model::sample::sample;
use pbcalc::model::{paste, settings, Actual, ProblemKind};

const COMMA: ProblemKind = ProblemKind::NumberText { issue: NumberIssue::ChineseComma };
const EXPONENT: ProblemKind = ProblemKind::NumberText { issue: NumberIssue::Exponent };

#[test]
fn grid_cells_read_full_width_numbers() {
    let s = sample();
    let actual = RecordField::Actual("tasks".into());
    assert_eq!(parse_field(&s, &actual, "１６５．５"), Ok(FieldValue::Actual(Some(Actual::Number(165.5)))));
    assert_eq!(parse_field(&s, &actual, "－２"), Ok(FieldValue::Actual(Some(Actual::Number(-2.0)))));
    assert_eq!(parse_field(&s, &actual, "1,234.5"), Ok(FieldValue::Actual(Some(Actual::Number(1234.5)))));
    assert_eq!(parse_field(&s, &RecordField::Peers, "８５"), Ok(FieldValue::Score(Some(85.0))));
    assert_eq!(parse_override("１２０"), Ok(Some(120.0)));
}

#[test]
fn the_chinese_comma_is_refused_with_its_own_message() {
    let s = sample();
    assert_eq!(parse_field(&s, &RecordField::Actual("tasks".into()), "1，234"), Err(COMMA));
    assert_eq!(parse_field(&s, &RecordField::Peers, "８５，５"), Err(COMMA));
    assert_eq!(parse_override("1，200"), Err(COMMA));
    assert_eq!(parse_number("0，5"), Err(COMMA));
    let zh = kind_message(&COMMA, Lang::Zh);
    let en = kind_message(&COMMA, Lang::En);
    assert!(zh.contains("中文逗号") && zh.contains('，'), "{zh}");
    assert!(en.contains("Chinese comma"), "{en}");
}

#[test]
fn counts_refuse_an_exponent() {
    let s = sample();
    let ballot = RecordField::Ballot(BallotGrade::Excellent);
    assert_eq!(parse_field(&s, &ballot, "1e2"), Err(EXPONENT));
    assert_eq!(parse_field(&s, &ballot, "１００"), Ok(FieldValue::Count(100)));
    assert!(kind_message(&EXPONENT, Lang::Zh).contains("1e2"));
    // A whole-number setting too, while a decimal one reads an exponent as a spreadsheet pastes it.
    let whole = settings::NUMBERS.iter().find(|n| n.integer).expect("a whole-number setting");
    assert_eq!(parse_for(whole, "1e0"), Err(EXPONENT));
    assert_eq!(parse_number("1.5E+2"), Ok(150.0));
}

#[test]
fn a_pasted_block_goes_through_the_same_reader() {
    let s = sample();
    let block = paste::parse("１６５．５\t1，5\r\n1e2\t８\r\n");
    let fields = [RecordField::Actual("tasks".into()), RecordField::Ballot(BallotGrade::Good)];
    let read: Vec<Vec<Result<FieldValue, ProblemKind>>> =
        block.rows.iter().map(|row| row.iter().zip(&fields).map(|(t, f)| parse_field(&s, f, t)).collect()).collect();
    assert_eq!(read[0][0], Ok(FieldValue::Actual(Some(Actual::Number(165.5)))));
    assert_eq!(read[0][1], Err(COMMA));
    assert_eq!(read[1][0], Ok(FieldValue::Actual(Some(Actual::Number(100.0)))), "an actual may be pasted as 1e2");
    assert_eq!(read[1][1], Ok(FieldValue::Count(8)));
}
