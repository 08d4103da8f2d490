//! CSV text as the exports write it (RFC 4180): fields separated by commas, records ended by CRLF, a field put in
//! double quotes (its quotes doubled) only when it holds a comma, a quote, CR or LF. This is all the exports need
//! of a CSV writer, so the WebAssembly carries these lines instead of a CSV crate; `tests/csv_text.rs` reads the
//! output back with that crate and compares it field by field.

/// CSV text built record by record.
#[derive(Default)]
pub struct CsvText {
    out: String,
}

impl CsvText {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one record. A record of one empty field is written `""` so that it is not read as no record.
    pub fn record<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let start = self.out.len();
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let f = f.as_ref();
            if f.contains([',', '"', '\r', '\n']) {
                self.out.push('"');
                self.out.push_str(&f.replace('"', "\"\""));
                self.out.push('"');
            } else {
                self.out.push_str(f);
            }
        }
        if self.out.len() == start {
            self.out.push_str("\"\"");
        }
        self.out.push_str("\r\n");
    }

    /// The text written so far.
    pub fn into_string(self) -> String {
        self.out
    }
}
