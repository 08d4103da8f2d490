//! Reading a block of cells copied from a spreadsheet (Excel, WPS, LibreOffice) as the clipboard's plain text:
//! tab-separated values, one line a row.
//!
//! * Rows end with `\r\n`, `\n` or a lone `\r`; cells are separated by `\t`.
//! * One trailing line break ends the last row; it does not make an empty row after it (spreadsheets add it).
//! * Excel quotes a cell that holds a tab, a line break or a quote: `"a""b"` is `a"b`, and a quoted cell may span
//!   lines. A quote that does not open a cell (`12"`) is an ordinary character, and an unclosed quote takes the
//!   rest of the text, as Excel does.
//! * Rows may have different lengths (a trailing empty cell is often dropped); [`Block::width`] is the longest.
//!
//! The result is text only: what each cell means is for the table it is pasted into.

/// A rectangular-ish block of pasted cells, rows of texts as they were copied.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    pub rows: Vec<Vec<String>>,
}

impl Block {
    /// Number of rows.
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    /// Length of the longest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Whether the text held no cell at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every cell as (row, column, text), row by row.
    pub fn cells(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        self.rows.iter().enumerate().flat_map(|(r, row)| row.iter().enumerate().map(move |(c, t)| (r, c, t.as_str())))
    }
}

/// Splits clipboard text into rows and cells (see the module documentation). An empty text gives an empty block;
/// a text without tab or line break gives one cell.
pub fn parse(text: &str) -> Block {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    // Whether the current cell has any character yet (a quote opens a quoted cell only at its start).
    let mut at_cell_start = true;
    // Whether the last thing read ended a row (so the end of the text adds no empty row).
    let mut row_closed = false;
    while let Some(ch) = chars.next() {
        row_closed = false;
        match ch {
            '"' if at_cell_start => {
                // A quoted cell: up to the closing quote; "" inside is one quote.
                at_cell_start = false;
                loop {
                    match chars.next() {
                        None => break,
                        Some('"') => {
                            if chars.peek() == Some(&'"') {
                                chars.next();
                                cell.push('"');
                            } else {
                                break;
                            }
                        }
                        Some(c) => cell.push(c),
                    }
                }
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if ch == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
                row_closed = true;
            }
            c => {
                at_cell_start = false;
                cell.push(c);
            }
        }
    }
    let nothing_read = rows.is_empty() && row.is_empty() && cell.is_empty() && at_cell_start;
    if !row_closed && !nothing_read {
        row.push(cell);
        rows.push(row);
    }
    Block { rows }
}

/// Writes cells as Excel does when copying, so that a copied block pastes back into a spreadsheet: a cell with a
/// tab, line break or quote is quoted (quotes doubled); every row ends with `\r\n`, so the block ends with one
/// line break as Excel's does.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            if cell.contains(['\t', '\n', '\r', '"']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(b: &Block) -> Vec<Vec<&str>> {
        b.rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn rows_on_crlf_or_lf_cells_on_tabs() {
        let b = parse("1\t2\t3\r\n4\t5\t6\r\n");
        assert_eq!(rows(&b), vec![vec!["1", "2", "3"], vec!["4", "5", "6"]]);
        assert_eq!((b.height(), b.width()), (2, 3));
        assert_eq!(rows(&parse("1\t2\n4\t5")), vec![vec!["1", "2"], vec!["4", "5"]]);
        assert_eq!(rows(&parse("a\rb\r")), vec![vec!["a"], vec!["b"]], "old Mac line ends");
    }

    #[test]
    fn one_trailing_line_break_is_ignored_but_inner_empty_lines_are_rows() {
        assert_eq!(rows(&parse("1\n")), vec![vec!["1"]]);
        assert_eq!(rows(&parse("1\n\n2\n")), vec![vec!["1"], vec![""], vec!["2"]]);
        // A second trailing break is an empty row that was copied.
        assert_eq!(rows(&parse("1\n\n")), vec![vec!["1"], vec![""]]);
    }

    #[test]
    fn empty_cells_are_kept_and_rows_may_be_ragged() {
        let b = parse("\t2\t\n4\n");
        assert_eq!(rows(&b), vec![vec!["", "2", ""], vec!["4"]]);
        assert_eq!(b.width(), 3);
        assert_eq!(rows(&parse("\t")), vec![vec!["", ""]]);
    }

    #[test]
    fn empty_text_is_an_empty_block_and_plain_text_one_cell() {
        assert!(parse("").is_empty());
        assert_eq!(rows(&parse("12.5")), vec![vec!["12.5"]]);
        assert_eq!(rows(&parse("\n")), vec![vec![""]], "one copied empty cell");
    }

    #[test]
    fn excel_quoting() {
        // A cell with a tab, a line break and quotes, as Excel puts it on the clipboard.
        let text = "\"a\tb\"\t\"line 1\r\nline 2\"\t\"say \"\"hi\"\"\"\r\nx\ty\tz\r\n";
        let b = parse(text);
        assert_eq!(rows(&b), vec![vec!["a\tb", "line 1\r\nline 2", "say \"hi\""], vec!["x", "y", "z"]]);
        // An empty quoted cell, and a quote inside an unquoted cell stays as it is.
        assert_eq!(rows(&parse("\"\"\t12\"\t5 \"x\"")), vec![vec!["", "12\"", "5 \"x\""]]);
        // An unclosed quote takes the rest of the text.
        assert_eq!(rows(&parse("\"abc\tdef\nghi")), vec![vec!["abc\tdef\nghi"]]);
        // Text after a closing quote belongs to the same cell.
        assert_eq!(rows(&parse("\"a\"b\tc")), vec![vec!["ab", "c"]]);
    }

    #[test]
    fn cells_lists_every_position() {
        let b = parse("1\t2\n3\n");
        let cells: Vec<_> = b.cells().collect();
        assert_eq!(cells, vec![(0, 0, "1"), (0, 1, "2"), (1, 0, "3")]);
    }

    #[test]
    fn write_then_parse_gives_the_same_cells() {
        let original = vec![
            vec!["1".to_string(), "a\tb".to_string(), "".to_string()],
            vec!["say \"hi\"".to_string(), "two\nlines".to_string(), "x".to_string()],
        ];
        let text = write(&original);
        assert_eq!(parse(&text).rows, original);
    }
}
