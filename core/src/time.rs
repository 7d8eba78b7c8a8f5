//! Dates as the API takes them: `YYYY-MM-DD` or an RFC 3339 time. Parsed by hand (a few
//! lines) so that a range can be checked before anything is sent, without a date crate.

use crate::encode::decimal;

/// Seconds since 1970-01-01T00:00:00Z (fractions dropped: the checks here are about days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    pub seconds: i64,
}

impl Instant {
    /// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
    pub fn parse(text: &str) -> Option<Instant> {
        let b = text.as_bytes();
        let days = date(b.get(..10)?)?;
        if b.len() == 10 {
            return Some(Instant {
                seconds: days * 86_400,
            });
        }
        if !matches!(b.get(10)?, b'T' | b't') {
            return None;
        }
        let (hour, minute, second) = (
            number(b.get(11..13)?)?,
            number(b.get(14..16)?)?,
            number(b.get(17..19)?)?,
        );
        if b[13] != b':' || b[16] != b':' || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut rest = &b[19..];
        if let Some((b'.', frac)) = rest.split_first() {
            let digits = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            rest = &frac[digits..];
        }
        let offset = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let (h, m) = (number(&[*h1, *h2])?, number(&[*m1, *m2])?);
                if h > 23 || m > 59 {
                    return None;
                }
                let minutes = (h * 60 + m) as i64;
                if *sign == b'+' {
                    minutes
                } else {
                    -minutes
                }
            }
            _ => return None,
        };
        Some(Instant {
            seconds: days * 86_400 + (hour * 3600 + minute * 60 + second) as i64 - offset * 60,
        })
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date that exists.
fn date(b: &[u8]) -> Option<i64> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    days_from_civil(
        number(&b[..4])? as i64,
        number(&b[5..7])?,
        number(&b[8..10])?,
    )
}

/// The value of a run of ASCII digits.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + (d - b'0') as u32)
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date, `None` if it does not exist.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let length = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > length {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of the day `days` after 1970-01-01.
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let mut text = String::with_capacity(10);
    let padded = |text: &mut String, n: i64, width: usize| {
        let digits = decimal(n.unsigned_abs());
        for _ in digits.len()..width {
            text.push('0');
        }
        text.push_str(&digits);
    };
    if year < 0 {
        text.push('-');
    }
    padded(&mut text, year, 4);
    text.push('-');
    padded(&mut text, month, 2);
    text.push('-');
    padded(&mut text, day, 2);
    text
}
