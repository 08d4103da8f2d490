//! The text of a file from its bytes: the one decoding rule of the browser import and of `pbcalc check|results`.
//!
//! Accepted: UTF-8, with or without a byte-order mark (EF BB BF), and UTF-16 with a byte-order mark
//! (FF FE little-endian, FE FF big-endian). Anything else is refused with what is wrong and where — never
//! guessed: a GB18030 or Latin-1 file read as if it were UTF-8 would import names as mojibake.

/// Why the bytes are not accepted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingProblem {
    /// Not valid UTF-8: the first bad byte, its offset (from 0) and line (from 1).
    InvalidUtf8 { offset: usize, line: usize, byte: u8 },
    /// Looks like UTF-16 (every other byte 0) but has no byte-order mark.
    Utf16WithoutBom,
    /// UTF-16 with a byte-order mark but an odd number of bytes.
    Utf16OddLength,
    /// UTF-16 with a byte-order mark and an unpaired surrogate at this byte offset.
    Utf16Unpaired { offset: usize },
}

/// The text of `bytes` by the rule above; a byte-order mark is not part of the text.
pub fn decode(bytes: &[u8]) -> Result<String, EncodingProblem> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if looks_like_utf16(bytes) {
        return Err(EncodingProblem::Utf16WithoutBom);
    }
    utf8(bytes, 0)
}

fn utf8(bytes: &[u8], skipped: usize) -> Result<String, EncodingProblem> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            Err(EncodingProblem::InvalidUtf8 { offset: at + skipped, line, byte: bytes[at] })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, EncodingProblem> {
    if bytes.len() % 2 != 0 {
        return Err(EncodingProblem::Utf16OddLength);
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut units_before = 0;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                out.push(c);
                units_before += c.len_utf16();
            }
            Err(_) => return Err(EncodingProblem::Utf16Unpaired { offset: 2 + 2 * units_before }),
        }
    }
    Ok(out)
}

/// JSON text starts with ASCII (`{`, space…): in UTF-16 without a mark, every other one of the first bytes is 0.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64) & !1];
    head.len() >= 4
        && (head.iter().step_by(2).all(|&b| b == 0) && head.iter().skip(1).step_by(2).all(|&b| b != 0)
            || head.iter().skip(1).step_by(2).all(|&b| b == 0) && head.iter().step_by(2).all(|&b| b != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("{\"a\":\"党\"}".as_bytes()).unwrap(), "{\"a\":\"党\"}");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend("{}".as_bytes());
        assert_eq!(decode(&b).unwrap(), "{}");
    }

    #[test]
    fn utf16_needs_its_bom() {
        assert_eq!(decode(&utf16le("{\"名\":1}", true)).unwrap(), "{\"名\":1}");
        let mut be = vec![0xFE, 0xFF];
        be.extend("{\"𝄞\":1}".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap(), "{\"𝄞\":1}");
        assert_eq!(decode(&utf16le("{\"a\":1}", false)), Err(EncodingProblem::Utf16WithoutBom));
        let mut odd = utf16le("{}", true);
        odd.push(0);
        assert_eq!(decode(&odd), Err(EncodingProblem::Utf16OddLength));
        let mut lone = vec![0xFF, 0xFE, b'{', 0];
        lone.extend(0xD800u16.to_le_bytes());
        assert_eq!(decode(&lone), Err(EncodingProblem::Utf16Unpaired { offset: 4 }));
    }

    #[test]
    fn gb18030_and_latin1_are_refused_with_the_place() {
        // "{\n\"name\": \"党\"}" in GB18030: 党 is B5 B3.
        let gb = b"{\n\"name\": \"\xB5\xB3\"}";
        assert_eq!(decode(gb), Err(EncodingProblem::InvalidUtf8 { offset: 11, line: 2, byte: 0xB5 }));
        let latin1 = b"{\"name\": \"caf\xE9\"}";
        assert!(matches!(decode(latin1), Err(EncodingProblem::InvalidUtf8 { offset: 13, line: 1, byte: 0xE9 })));
    }
}
