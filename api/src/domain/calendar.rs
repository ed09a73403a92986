//! The dealer's calendar. "Today" — and with it every due date, overdue flag, ageing bucket
//! and earliest pickup date — is the date on the dealer's wall clock, in its IANA time zone,
//! never the server's UTC date: at 19:30 in Denver it is still today there, while UTC has
//! moved on to tomorrow.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// The date it is at `now` in `zone`.
pub fn today_in(zone: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Australia, Europe};

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_us_evening_is_still_today_there_while_utc_is_tomorrow() {
        // 19:30 and 23:59 MST (UTC-7) on 4 December are 02:30 and 06:59 UTC on the 5th.
        assert_eq!(today_in(America::Denver, at("2026-12-05T02:30:00Z")), date("2026-12-04"));
        assert_eq!(today_in(America::Denver, at("2026-12-05T06:59:59Z")), date("2026-12-04"));
        assert_eq!(today_in(America::Denver, at("2026-12-05T07:00:00Z")), date("2026-12-05"));
    }

    #[test]
    fn the_day_turns_at_local_midnight_across_daylight_saving_changes() {
        // Denver springs forward on 8 March 2026 (MST UTC-7 → MDT UTC-6)...
        assert_eq!(today_in(America::Denver, at("2026-03-08T06:30:00Z")), date("2026-03-07"));
        assert_eq!(today_in(America::Denver, at("2026-03-09T05:30:00Z")), date("2026-03-08"));
        assert_eq!(today_in(America::Denver, at("2026-03-09T06:00:00Z")), date("2026-03-09"));
        // ...and falls back on 1 November 2026 (23:30 MST is 06:30 UTC the next day).
        assert_eq!(today_in(America::Denver, at("2026-11-01T05:59:00Z")), date("2026-10-31"));
        assert_eq!(today_in(America::Denver, at("2026-11-02T06:30:00Z")), date("2026-11-01"));
        assert_eq!(today_in(America::Denver, at("2026-11-02T07:00:00Z")), date("2026-11-02"));
        // London: 23:30 GMT on 28 March, then 00:30 BST on 25 October (23:30 UTC the 24th).
        assert_eq!(today_in(Europe::London, at("2026-03-28T23:30:00Z")), date("2026-03-28"));
        assert_eq!(today_in(Europe::London, at("2026-10-24T23:30:00Z")), date("2026-10-25"));
        assert_eq!(today_in(Europe::London, at("2026-10-25T23:30:00Z")), date("2026-10-25"));
    }

    #[test]
    fn a_dealer_ahead_of_utc_is_already_in_tomorrow() {
        // 00:30 AEDT (UTC+11) on 5 December is 13:30 UTC on the 4th.
        assert_eq!(today_in(Australia::Sydney, at("2026-12-04T13:30:00Z")), date("2026-12-05"));
        assert_eq!(today_in(Australia::Sydney, at("2026-12-04T12:59:00Z")), date("2026-12-04"));
    }
}

/// The instant `day` begins in `zone`: its first moment that exists there (a day whose
/// midnight a clock change skips begins when the clocks resume).
pub fn start_of_day(zone: Tz, day: NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    let mut time = day.and_time(chrono::NaiveTime::MIN);
    // Clock changes skip at most a few hours; step forward until the local time exists.
    for _ in 0..48 {
        if let Some(at) = zone.from_local_datetime(&time).earliest() {
            return at.with_timezone(&Utc);
        }
        time += chrono::Duration::minutes(30);
    }
    time.and_utc()
}

#[cfg(test)]
mod day_bounds {
    use super::*;

    #[test]
    fn a_day_begins_at_local_midnight() {
        let day = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        let start = start_of_day(chrono_tz::America::Denver, day);
        assert_eq!(start.to_rfc3339(), "2026-07-01T06:00:00+00:00");
        assert_eq!(today_in(chrono_tz::America::Denver, start), day);
        assert_eq!(
            today_in(chrono_tz::America::Denver, start - chrono::Duration::seconds(1)),
            day.pred_opt().expect("day")
        );
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_begins_when_clocks_resume() {
        // Santiago moves clocks from 00:00 to 01:00 on the first Sunday of September.
        let day = NaiveDate::from_ymd_opt(2026, 9, 6).expect("date");
        let start = start_of_day(chrono_tz::America::Santiago, day);
        assert_eq!(today_in(chrono_tz::America::Santiago, start), day);
        assert_eq!(start.with_timezone(&chrono_tz::America::Santiago).format("%H:%M").to_string(), "01:00");
    }
}
