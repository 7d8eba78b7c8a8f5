//! Dates as the API takes them (`core::time`): the calendar both ways, and `YYYY-MM-DD` or an
//! RFC 3339 time read into seconds since 1970, so that a range can be checked before sending.

use cloudflare_organizations_core::time::{civil_date, days_from_civil, Instant};

/// The days of `month` in `year` of the proleptic Gregorian calendar.
fn month_length(year: i64, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD`, a year before 1 BC written `-YYYY`.
fn written(year: i64, month: u32, day: u32) -> String {
    let sign = if year < 0 { "-" } else { "" };
    format!("{sign}{:04}-{month:02}-{day:02}", year.unsigned_abs())
}

/// Stretches of the calendar around its turning points (years before 1 BC, the century and
/// 400-year rules, 1970), each with the day number of its first January 1st.
const STRETCHES: [(i64, i64, i64); 6] = [
    (-401, -399, -865_990),
    (-1, 1, -719_893),
    (1599, 1601, -135_505),
    (1899, 1901, -25_932),
    (1969, 2101, -365),
    (2399, 2401, 156_689),
];

#[test]
fn every_day_follows_the_one_before_and_is_written_back_as_itself() {
    for (first, last, first_day) in STRETCHES {
        let mut expected = first_day;
        for year in first..=last {
            for month in 1..=12 {
                for day in 1..=31 {
                    let text = written(year, month, day);
                    let days = days_from_civil(year, month, day);
                    if day > month_length(year, month) {
                        assert_eq!(days, None, "{text}");
                        continue;
                    }
                    assert_eq!(days, Some(expected), "{text}");
                    assert_eq!(civil_date(expected), text);
                    expected += 1;
                }
            }
        }
    }
}

#[test]
fn days_that_do_not_exist_are_refused() {
    for (year, month, day) in [
        (2024, 0, 1),
        (2024, 13, 1),
        (2024, 1, 0),
        (2023, 2, 29),
        (1900, 2, 29),
        (2024, 4, 31),
    ] {
        assert_eq!(
            days_from_civil(year, month, day),
            None,
            "{year} {month} {day}"
        );
    }
    assert_eq!(days_from_civil(2000, 2, 29), Some(11_016));
    assert_eq!(days_from_civil(2024, 2, 29), Some(19_782));
}

#[test]
fn civil_dates_of_known_days() {
    assert_eq!(civil_date(0), "1970-01-01");
    assert_eq!(civil_date(-1), "1969-12-31");
    assert_eq!(civil_date(11_017), "2000-03-01");
    assert_eq!(civil_date(-719_162), "0001-01-01");
    assert_eq!(civil_date(-719_528), "0000-01-01");
    assert_eq!(civil_date(-719_529), "-0001-12-31");
    assert_eq!(civil_date(2_932_896), "9999-12-31");
    assert_eq!(civil_date(2_932_897), "10000-01-01");
}

fn seconds(text: &str) -> Option<i64> {
    Instant::parse(text).map(|instant| instant.seconds)
}

#[test]
fn a_date_is_its_midnight_utc() {
    assert_eq!(seconds("1970-01-01"), Some(0));
    assert_eq!(seconds("2024-02-29"), Some(1_709_164_800));
    assert_eq!(seconds("1969-12-31"), Some(-86_400));
}

#[test]
fn a_time_counts_its_hours_minutes_and_seconds() {
    assert_eq!(seconds("2024-02-29T13:45:30Z"), Some(1_709_214_330));
    assert_eq!(seconds("2024-02-29t13:45:30z"), Some(1_709_214_330));
    assert_eq!(seconds("1970-01-01T00:00:01Z"), Some(1));
    assert_eq!(seconds("1970-01-01T00:01:00Z"), Some(60));
    assert_eq!(seconds("1970-01-01T01:00:00Z"), Some(3_600));
    assert_eq!(seconds("1970-01-01T23:59:59Z"), Some(86_399));
    // A leap second is a time RFC 3339 allows.
    assert_eq!(seconds("1970-01-01T23:59:60Z"), Some(86_400));
    // Fractions are dropped: the checks are about days.
    assert_eq!(seconds("1970-01-01T00:00:01.999Z"), Some(1));
    assert_eq!(seconds("1970-01-01T00:00:01.5+00:00"), Some(1));
}

#[test]
fn an_offset_is_taken_off_to_reach_utc() {
    let utc = seconds("2024-02-29T13:45:30Z");
    assert_eq!(seconds("2024-02-29T13:45:30+00:00"), utc);
    assert_eq!(seconds("2024-02-29T13:45:30-00:00"), utc);
    assert_eq!(seconds("2024-02-29T19:15:30+05:30"), utc);
    assert_eq!(seconds("2024-02-29T05:45:30-08:00"), utc);
    assert_eq!(seconds("2024-03-01T13:44:30+23:59"), utc);
    assert_eq!(seconds("1970-01-01T00:00:00+00:01"), Some(-60));
    assert_eq!(seconds("1970-01-01T00:00:00-01:00"), Some(3_600));
}

#[test]
fn anything_else_is_not_a_time() {
    for bad in [
        "",
        "2024-02-3",
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024/02/29",
        "2024-02/29",
        "2024x02-29",
        "20240229",
        "2024-02-29 ",
        "2024-02-29T",
        "2024-02-29X13:45:30Z",
        "2024-02-29 13:45:30Z",
        "2024-02-29T13:45:30",
        "2024-02-29T13:45Z",
        "2024-02-29T13-45:30Z",
        "2024-02-29T13:45-30Z",
        "2024-02-29T24:00:00Z",
        "2024-02-29T23:60:00Z",
        "2024-02-29T23:59:61Z",
        "2024-02-29T1a:45:30Z",
        "2024-02-29T13:45:30.Z",
        "2024-02-29T13:45:30.5",
        "2024-02-29T13:45:30ZZ",
        "2024-02-29T13:45:30GMT",
        "2024-02-29T13:45:30+0530",
        "2024-02-29T13:45:30+05:3",
        "2024-02-29T13:45:30+05-30",
        "2024-02-29T13:45:30*05:30",
        "2024-02-29T13:45:30+24:00",
        "2024-02-29T13:45:30+05:60",
        "2024-02-29T13:45:30+0a:00",
        "2024-02-29T13:45:30+05:30 ",
        "+2024-02-29",
        "２０２４-02-29",
    ] {
        assert_eq!(seconds(bad), None, "{bad:?}");
    }
}
