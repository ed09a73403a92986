//! Time as the person reads it: today's local date, server timestamps in local time, and
//! "2 h ago" for positions.

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::JsValue;

/// Today in the browser's time zone (the date a person means by "today").
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .unwrap_or_else(|| Utc::now().date_naive())
}

/// A server timestamp in the browser's time zone, in the dealer's locale style, e.g.
/// `Mar 5, 2026, 2:14 PM` (en-US) or `5 Mar 2026, 14:14` (en-GB).
pub fn timestamp(value: DateTime<Utc>, locale: &str) -> String {
    #[allow(clippy::cast_precision_loss)] // milliseconds since 1970 fit an f64 exactly
    let millis = value.timestamp_millis() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    let options = js_sys::Object::new();
    for (key, val) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(val));
    }
    String::from(date.to_locale_string(locale, &options))
}

/// Whole minutes from `value` until now (0 for a time in the future).
fn minutes_since(value: DateTime<Utc>) -> i64 {
    #[allow(clippy::cast_possible_truncation)] // whole milliseconds since 1970
    let now = js_sys::Date::now() as i64;
    (now - value.timestamp_millis()).max(0) / 60_000
}

/// How long since `value`, in words: "under a minute", "12 min", "2 h", "3 days".
pub fn elapsed(value: DateTime<Utc>) -> String {
    match minutes_since(value) {
        0 => "under a minute".to_string(),
        minutes @ 1..=59 => format!("{minutes} min"),
        minutes @ 60..=2879 => format!("{} h", minutes / 60),
        minutes => format!("{} days", minutes / 1440),
    }
}

/// How long ago `value` was: "just now", "12 min ago", "2 h ago", "3 days ago".
pub fn ago(value: DateTime<Utc>) -> String {
    if minutes_since(value) == 0 { "just now".to_string() } else { format!("{} ago", elapsed(value)) }
}
