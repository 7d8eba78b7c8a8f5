//! Small text encoders kept here rather than pulled from crates: each is a few lines, and
//! avoiding `core::fmt` on these paths keeps the WebAssembly module small.

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
    // Ids and most values need no escape: one copy, not a push per character.
    if value.bytes().all(is_unreserved) {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// RFC 3986's unreserved characters, a bit per ASCII byte in two words: one load and a shift
/// per byte, where the range tests made a chain of branches. Inlined: opt-level "z" would
/// otherwise call it per byte.
#[inline(always)]
fn is_unreserved(b: u8) -> bool {
    b < 128 && UNRESERVED[usize::from(b >> 6) & 1] >> (b & 63) & 1 == 1
}

const UNRESERVED: [u64; 2] = {
    let mut words = [0u64; 2];
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            words[(b >> 6) as usize] |= 1 << (b & 63);
        }
        b += 1;
    }
    words
};

/// `.` or `..`, each dot written as itself or as `%2e` / `%2E`.
pub fn is_dot_segment(id: &str) -> bool {
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

/// `prefix.key`, or `key` at the top level.
pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        let mut field = String::from(prefix);
        field.push('.');
        field.push_str(key);
        field
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
    fn the_unreserved_bits_are_rfc_3986s_set_and_no_other_byte() {
        for b in 0..=u8::MAX {
            let expected = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
            assert_eq!(is_unreserved(b), expected, "byte {b}");
        }
    }
}
