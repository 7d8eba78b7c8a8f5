//! Small text encoders kept here rather than pulled from crates: each is a few lines, and
//! avoiding `core::fmt` on these paths keeps the WebAssembly module small.

use crate::error::Error;

/// `n` in decimal.
pub fn decimal(mut n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().skip(i).map(|&d| d as char).collect()
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Percent-encodes everything but RFC 3986's unreserved characters, so that a value can
/// stand as one path segment or one query value whatever it holds (`/`, `?`, `#`, `%`, unicode).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// Validates an organization id (or an action) and encodes it as one path segment.
/// `""`, `"."`, `".."` and their percent-encoded spellings are refused: URL parsers fold
/// them into the parent path, so the request would reach another resource.
pub fn path_segment(field: &str, id: &str) -> Result<String, Error> {
    if id.is_empty() {
        return Err(Error::validation(field, "must not be empty"));
    }
    if is_dot_segment(id) {
        return Err(Error::validation(
            field,
            "must not be \".\" or \"..\" (or an encoding of them): it would leave its path segment",
        ));
    }
    Ok(percent_encode(id))
}

/// `.` or `..`, each dot written as itself or as `%2e` / `%2E`.
fn is_dot_segment(id: &str) -> bool {
    let mut rest = id.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        match rest {
            [b'.', tail @ ..] => rest = tail,
            [b'%', b'2', b'e' | b'E', tail @ ..] => rest = tail,
            _ => return false,
        }
        dots += 1;
    }
    dots == 1 || dots == 2
}

/// A character that may stand in an HTTP header value (RFC 9110 field-value: visible ASCII,
/// space, tab and obs-text; no CR, LF, NUL or other controls, nothing `fetch` would refuse).
fn is_header_value_char(c: char) -> bool {
    c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c)
}

/// A header name is an RFC 9110 token.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".iter().any(|&t| t as char == c)
}

pub fn check_header_value(field: &str, value: &str) -> Result<(), Error> {
    if value.chars().all(is_header_value_char) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            "contains a character not allowed in an HTTP header value (CR, LF, NUL or another control character)",
        ))
    }
}

pub fn check_header_name(field: &str, name: &str) -> Result<(), Error> {
    if !name.is_empty() && name.chars().all(is_token_char) {
        Ok(())
    } else {
        Err(Error::validation(field, "is not a valid HTTP header name"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_writes_every_digit() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(1000), "1000");
        assert_eq!(decimal(u64::MAX), "18446744073709551615");
    }

    #[test]
    fn percent_encode_keeps_only_unreserved() {
        assert_eq!(percent_encode("a/b"), "a%2Fb");
        assert_eq!(percent_encode("a b?c#d%e"), "a%20b%3Fc%23d%25e");
        assert_eq!(percent_encode("Az09-._~"), "Az09-._~");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }

    #[test]
    fn path_segment_refuses_dot_segments_in_every_spelling() {
        for id in ["", ".", "..", "%2e", "%2E", "%2e%2E", ".%2e", "%2E."] {
            assert!(
                matches!(path_segment("id", id), Err(Error::Validation { .. })),
                "{id:?} should be refused"
            );
        }
        assert_eq!(path_segment("id", "...").unwrap(), "...");
        assert_eq!(path_segment("id", "%41").unwrap(), "%2541");
        assert_eq!(path_segment("id", "a/b").unwrap(), "a%2Fb");
    }

    #[test]
    fn header_values_refuse_control_characters() {
        for bad in ["a\nb", "a\rb", "a\0b", "a\u{7f}", "a\u{1b}", "\u{100}"] {
            assert!(check_header_value("apiToken", bad).is_err(), "{bad:?}");
        }
        assert!(check_header_value("apiToken", "abc DEF\t-_.~!").is_ok());
        assert!(check_header_name("headers", "X-Trace-Id").is_ok());
        assert!(check_header_name("headers", "X Trace").is_err());
        assert!(check_header_name("headers", "").is_err());
    }
}
