//! Time as people read it: today's date at the dealer (its IANA time zone, as the server
//! reckons pickup and due dates), server timestamps on the reader's own clock, and "2 h ago"
//! for positions.

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::{count_arg, tr, tr_with};

/// Today in the browser's time zone: for what is the card holder's own (a card's expiry),
/// and the fallback when the dealer's zone is unknown.
pub fn browser_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .unwrap_or_else(|| Utc::now().date_naive())
}

/// Today at the dealer, in its IANA time zone `zone` — the date the server checks pickup
/// and due dates against, whatever the browser's clock zone. The browser's today when the
/// browser does not know the zone.
pub fn today_in(zone: &str) -> NaiveDate {
    // `en-CA` writes dates as YYYY-MM-DD.
    let options = [("timeZone", zone), ("year", "numeric"), ("month", "2-digit"), ("day", "2-digit")];
    format_in(&js_sys::Date::new_0(), "toLocaleDateString", "en-CA", &options)
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(browser_today)
}

/// A server timestamp in the browser's time zone (the reader's own clock), as the language on
/// screen writes it in the dealer's region (`locale`), e.g. `Mar 5, 2026, 2:14 PM` (en-US),
/// `5 Mar 2026, 14:14` (en-GB), `5 mars 2026, 14 h 14` (French).
pub fn timestamp(value: DateTime<Utc>, locale: &str) -> String {
    let locale = crate::i18n::language().locale_in(locale);
    #[allow(clippy::cast_precision_loss)] // milliseconds since 1970 fit an f64 exactly
    let millis = value.timestamp_millis() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let options = [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
    ];
    format_in(&date, "toLocaleString", &locale, &options).unwrap_or_else(|| value.to_rfc3339())
}

/// When something was received, on the reader's clock: the time alone today (`14:05`,
/// `2:05 PM`), else the day too (`Mar 5, 2:05 PM`), as the language on screen writes it in
/// the dealer's region (`locale`).
pub fn clock_time(value: DateTime<Utc>, locale: &str) -> String {
    let locale = crate::i18n::language().locale_in(locale);
    #[allow(clippy::cast_precision_loss)] // milliseconds since 1970 fit an f64 exactly
    let date = js_sys::Date::new(&JsValue::from_f64(value.timestamp_millis() as f64));
    let today = js_sys::Date::new_0();
    let same_day = date.get_full_year() == today.get_full_year()
        && date.get_month() == today.get_month()
        && date.get_date() == today.get_date();
    let time = [("hour", "numeric"), ("minute", "2-digit")];
    let day_and_time = [("month", "short"), ("day", "numeric"), ("hour", "numeric"), ("minute", "2-digit")];
    let options: &[(&str, &str)] = if same_day { &time } else { &day_and_time };
    format_in(&date, "toLocaleString", &locale, options).unwrap_or_else(|| value.to_rfc3339())
}

/// `date.<method>(locale, options)`, or `None` when it throws (an unknown time zone is a
/// RangeError, which a plain binding would turn into a crash).
fn format_in(date: &js_sys::Date, method: &str, locale: &str, options: &[(&str, &str)]) -> Option<String> {
    let object = js_sys::Object::new();
    for (key, value) in options {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    let function =
        js_sys::Reflect::get(date, &JsValue::from_str(method)).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let args = js_sys::Array::of2(&JsValue::from_str(locale), &object);
    js_sys::Reflect::apply(&function, date, &args).ok()?.as_string()
}

/// Whole minutes from `value` until now (0 for a time in the future).
fn minutes_since(value: DateTime<Utc>) -> i64 {
    #[allow(clippy::cast_possible_truncation)] // whole milliseconds since 1970
    let now = js_sys::Date::now() as i64;
    (now - value.timestamp_millis()).max(0) / 60_000
}

/// How long since `value`, in words: "under a minute", "12 min", "2 h", "3 days".
pub fn elapsed(value: DateTime<Utc>) -> String {
    let count = |n: i64| count_arg(u64::try_from(n).unwrap_or_default());
    match minutes_since(value) {
        0 => tr("time-under-a-minute"),
        minutes @ 1..=59 => tr_with("time-minutes", &[count(minutes)]),
        minutes @ 60..=2879 => tr_with("time-hours", &[count(minutes / 60)]),
        minutes => tr_with("time-days", &[count(minutes / 1440)]),
    }
}

/// How long ago `value` was: "just now", "12 min ago", "2 h ago", "3 days ago".
pub fn ago(value: DateTime<Utc>) -> String {
    if minutes_since(value) == 0 {
        tr("time-just-now")
    } else {
        tr_with("time-ago", &[("elapsed", elapsed(value).into())])
    }
}
