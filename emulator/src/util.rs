//! Small helpers with no dependencies: random ids, dates, hashing, query strings.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static RNG: AtomicU64 = AtomicU64::new(0x853c_49e6_748f_ea9b);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Seeds the process-wide generator from the clock and the process id.
pub fn seed_rng() {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let pid = u64::from(std::process::id());
    RNG.store(mix(nanos ^ (pid << 32) ^ GOLDEN), Ordering::Relaxed);
}

/// A fast, thread-safe splitmix64 draw (not cryptographic; ids only need to be unique).
pub fn next_u64() -> u64 {
    let s = RNG
        .fetch_add(GOLDEN, Ordering::Relaxed)
        .wrapping_add(GOLDEN);
    mix(s)
}

const HEX: &[u8; 16] = b"0123456789abcdef";

pub fn push_hex_u64(out: &mut String, v: u64) {
    for i in (0..16).rev() {
        out.push(HEX[((v >> (i * 4)) & 0xf) as usize] as char);
    }
}

/// A new organization/account id: 32 lower-case hex characters.
pub fn new_id() -> String {
    let mut s = String::with_capacity(32);
    push_hex_u64(&mut s, next_u64());
    push_hex_u64(&mut s, next_u64());
    s
}

/// A deterministic id for seeded objects, derived from a label.
pub fn stable_id(label: &str) -> String {
    let a = mix(fnv64(label.as_bytes()));
    let b = mix(a ^ fnv64(b"cf-orgs-emulator"));
    let mut s = String::with_capacity(32);
    push_hex_u64(&mut s, a);
    push_hex_u64(&mut s, b);
    s
}

/// A `cf-ray` value: 16 hex characters and `-EMU`.
pub fn ray_id() -> String {
    let mut s = String::with_capacity(20);
    push_hex_u64(&mut s, next_u64());
    s.push_str("-EMU");
    s
}

pub fn is_hex_id(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A keyed 64-bit digest (FNV-1a then a splitmix finaliser) for page tokens.
pub fn digest(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.iter().chain(b"\x1f") {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    mix(h)
}

pub fn parse_hex_u64(s: &str) -> Option<u64> {
    if s.len() != 16 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(s, 16).ok()
}

pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Days since 1970-01-01 to (year, month, day) — Howard Hinnant's civil_from_days.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) to days since 1970-01-01 — Howard Hinnant's days_from_civil.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = i64::from(if m > 2 { m - 3 } else { m + 9 });
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub const DAY_MS: i64 = 86_400_000;

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A `YYYY-MM-DD` date: milliseconds of its midnight, UTC.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if !s.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(&s[..4])?, digits(&s[5..7])?, digits(&s[8..])?);
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month)
        .contains(&d)
        .then(|| days_from_civil(i64::from(y), m, d) * DAY_MS)
}

/// A date (`2024-10-30`, midnight UTC) or an RFC 3339 time (`2024-10-30T15:00:00Z`,
/// `...T15:00:00.123+02:00`): milliseconds since the epoch.
pub fn parse_time(s: &str) -> Option<i64> {
    // ASCII only, so every slice below falls on a character boundary.
    if !s.is_ascii() {
        return None;
    }
    if s.len() == 10 {
        return parse_date(s);
    }
    let (date, rest) = (s.get(..10)?, s.get(10..)?);
    let day = parse_date(date)?;
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let b = rest.as_bytes();
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let (h, mi, se) = (
        digits(&rest[..2])?,
        digits(&rest[3..5])?,
        digits(&rest[6..8])?,
    );
    if h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = &rest[8..];
    let mut millis = 0i64;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        let first3 = format!("{:0<3}", &frac[..n.min(3)]);
        millis = i64::from(digits(&first3)?);
        rest = &frac[n..];
    }
    let offset_min: i64 = match rest {
        "Z" | "z" => 0,
        _ => {
            let b = rest.as_bytes();
            if b.len() != 6 || b[3] != b':' || !(b[0] == b'+' || b[0] == b'-') {
                return None;
            }
            let (oh, om) = (digits(&rest[1..3])?, digits(&rest[4..])?);
            if oh > 23 || om > 59 {
                return None;
            }
            let m = i64::from(oh * 60 + om);
            if b[0] == b'-' {
                -m
            } else {
                m
            }
        }
    };
    let secs = i64::from(h * 3600 + mi * 60 + se.min(59)) - offset_min * 60;
    Some(day + secs * 1000 + millis)
}

/// `YYYY-MM-DD` of the UTC day holding `ms`.
pub fn date_of(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Midnight (UTC) of the first day of the month holding `ms`, and of the next month.
pub fn month_bounds(ms: i64) -> (i64, i64) {
    let (y, m, _) = civil_from_days(ms.div_euclid(DAY_MS));
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    (
        days_from_civil(y, m, 1) * DAY_MS,
        days_from_civil(ny, nm, 1) * DAY_MS,
    )
}

/// RFC 3339 in UTC with milliseconds: `2026-01-02T03:04:05.678Z`.
pub fn rfc3339_millis(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        sod / 3600,
        (sod / 60) % 60,
        sod % 60
    )
}

/// An IMF-fixdate (HTTP-date): `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(secs: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} GMT",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(m - 1) as usize],
        sod / 3600,
        (sod / 60) % 60,
        sod % 60
    )
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes `s` (and `+` as space when `plus` is set). A `%` not followed by two hex
/// digits is kept literally. Returns None when the result is not UTF-8.
pub fn percent_decode(s: &str, plus: bool) -> Option<String> {
    if !s.bytes().any(|b| b == b'%' || (plus && b == b'+')) {
        return Some(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex_val(bytes[i + 1]), hex_val(bytes[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(if plus && b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Splits a raw query string into decoded (key, value) pairs, in order.
pub fn parse_query(q: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for part in q.split('&') {
        if part.is_empty() {
            continue;
        }
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let k = percent_decode(k, true).ok_or("the query string is not valid UTF-8")?;
        let v = percent_decode(v, true).ok_or("the query string is not valid UTF-8")?;
        out.push((k, v));
    }
    Ok(out)
}

/// Escapes a JSON-pointer reference token.
pub fn pointer_token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(rfc3339_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            rfc3339_millis(1_700_000_000_123),
            "2023-11-14T22:13:20.123Z"
        );
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn parsing_times() {
        assert_eq!(parse_time("1970-01-02"), Some(DAY_MS));
        assert_eq!(
            parse_time("2023-11-14T22:13:20.123Z"),
            Some(1_700_000_000_123)
        );
        assert_eq!(
            parse_time("2023-11-14T23:13:20.1+01:00"),
            Some(1_700_000_000_100)
        );
        assert_eq!(parse_time("2023-11-14T22:13:20Z"), Some(1_700_000_000_000));
        for bad in [
            "2024-01-01T00:00:0é",
            "2024-01-01Tàà:00:00Z",
            "é024-01-01",
            "2024-é1-01",
            "2024-01-01T00:00:00.1é",
            "2024-01-01T00:00:00+0é:00",
            "",
            "2023-02-29",
            "2023-13-01",
            "2023-11-14T22:13Z",
            "2023-11-14T22:13:20",
            "x",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(
            parse_date("2024-02-29").map(date_of).as_deref(),
            Some("2024-02-29")
        );
        let (a, b) = month_bounds(parse_time("2024-12-15T10:00:00Z").unwrap());
        assert_eq!(
            (date_of(a), date_of(b)),
            ("2024-12-01".into(), "2025-01-01".into())
        );
    }

    #[test]
    fn ids() {
        let a = new_id();
        assert!(is_hex_id(&a), "{a}");
        assert_ne!(a, new_id());
        assert!(is_hex_id(&stable_id("x")));
        assert_eq!(stable_id("x"), stable_id("x"));
        let r = ray_id();
        assert_eq!(r.len(), 20);
        assert!(r.ends_with("-EMU"));
    }

    #[test]
    fn query() {
        let q = parse_query("id=a&id=b&name.contains=a%20b+c&x&bad=%zz&=v").unwrap();
        assert_eq!(q[0], ("id".into(), "a".into()));
        assert_eq!(q[2], ("name.contains".into(), "a b c".into()));
        assert_eq!(q[3], ("x".into(), "".into()));
        assert_eq!(q[4], ("bad".into(), "%zz".into()));
        assert_eq!(q[5], ("".into(), "v".into()));
        assert!(parse_query("a=%ff").is_err());
        assert_eq!(percent_decode("%4", false).unwrap(), "%4");
        assert_eq!(percent_decode("%41", false).unwrap(), "A");
    }
}
