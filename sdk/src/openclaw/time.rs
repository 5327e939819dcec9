//! Times as checks print them: a UTC calendar date from milliseconds since
//! the epoch (plugins have no time zone database, and a date, unlike "3
//! days ago", reads the same in every report of the finding).

/// The UTC date (`YYYY-MM-DD`) of `ms` since the Unix epoch.
pub fn utc_date(ms: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm, on days since 1970-01-01.
    let days = i64::try_from(ms / 86_400_000).unwrap_or(i64::MAX / 2) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::utc_date;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(86_399_999), "1970-01-01");
        assert_eq!(utc_date(951_782_400_000), "2000-02-29");
        assert_eq!(utc_date(1_795_887_845_518), "2026-11-28");
        assert_eq!(utc_date(4_102_444_800_000), "2100-01-01");
    }
}
