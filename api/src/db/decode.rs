//! Reading enum words back from text columns: one way for every table, and a word that
//! names no variant is an error naming the column and the value — never a quiet default.
//!
//! The error is a `sqlx::Error::Decode`, so it travels like any other database error: a
//! handler's `?` turns it into `ApiError::Internal`, logged with its cause and answered 500.

use shared::text_enum::TextEnum;

/// A text column held a word that names no variant of its enum.
#[derive(Debug, thiserror::Error)]
#[error("{column} holds {value:?}, which names no {type_name}")]
pub struct UnknownEnumText {
    /// `table.column`, as the caller named it.
    pub column: &'static str,
    pub value: String,
    /// The enum's name, without its path: `Currency`.
    pub type_name: &'static str,
}

/// The `T` that `value`, read from `column` (`"table.column"`), names; an
/// [`UnknownEnumText`] decode error when it names none.
///
/// ```ignore
/// let currency: Currency = enum_text(&row.currency, "dealers.currency")?;
/// ```
pub fn enum_text<T: TextEnum>(value: &str, column: &'static str) -> Result<T, sqlx::Error> {
    T::parse(value).ok_or_else(|| {
        let type_name = std::any::type_name::<T>();
        let type_name = type_name.rsplit("::").next().unwrap_or(type_name);
        sqlx::Error::Decode(Box::new(UnknownEnumText { column, value: value.to_string(), type_name }))
    })
}

/// [`enum_text`] of a nullable column: NULL reads as `None`, a word as its variant, and
/// anything else is the same error.
pub fn enum_text_opt<T: TextEnum>(
    value: Option<&str>,
    column: &'static str,
) -> Result<Option<T>, sqlx::Error> {
    value.map(|value| enum_text(value, column)).transpose()
}

/// The IANA time zone `value`, read from `column`; a decode error (500, logged) when it
/// names none — never the server's zone instead.
pub fn time_zone(value: &str, column: &'static str) -> Result<chrono_tz::Tz, sqlx::Error> {
    value.parse().map_err(|_| {
        sqlx::Error::Decode(Box::new(UnknownEnumText { column, value: value.to_string(), type_name: "Tz" }))
    })
}

#[cfg(test)]
mod tests {
    use shared::contracts::LineStatus;
    use shared::money::Currency;
    use shared::requests::RequestStatus;

    use super::*;
    use crate::error::ApiError;

    #[test]
    fn a_known_word_reads_as_its_variant() {
        assert_eq!(
            enum_text::<RequestStatus>("scheduled", "customer_requests.status").ok(),
            Some(RequestStatus::Scheduled)
        );
        // Currency codes read as they always did, whatever their letter case.
        assert_eq!(enum_text::<Currency>("gbp", "dealers.currency").ok(), Some(Currency::Gbp));
        assert_eq!(enum_text_opt::<LineStatus>(None, "contract_lines.status").ok(), Some(None));
        assert_eq!(
            enum_text_opt::<LineStatus>(Some("out"), "contract_lines.status").ok(),
            Some(Some(LineStatus::Out))
        );
    }

    #[test]
    fn an_unknown_word_is_a_decode_error_naming_column_value_and_type_not_a_default() {
        let err = enum_text::<Currency>("XYZ", "dealers.currency").err();
        let Some(sqlx::Error::Decode(source)) = err else { panic!("a decode error, not {err:?}") };
        let unknown = source.downcast_ref::<UnknownEnumText>().expect("UnknownEnumText");
        assert_eq!(
            (unknown.column, unknown.value.as_str(), unknown.type_name),
            ("dealers.currency", "XYZ", "Currency")
        );
        assert_eq!(unknown.to_string(), "dealers.currency holds \"XYZ\", which names no Currency");

        assert!(enum_text::<RequestStatus>("", "customer_requests.status").is_err(), "empty is no status");
        assert!(enum_text_opt::<LineStatus>(Some("lost"), "contract_lines.status").is_err());
    }

    #[test]
    fn a_time_zone_reads_by_its_iana_name_and_an_unknown_one_is_an_error() {
        assert_eq!(time_zone("America/Denver", "dealers.time_zone").ok(), Some(chrono_tz::America::Denver));
        assert!(matches!(time_zone("Mars/Olympus", "dealers.time_zone"), Err(sqlx::Error::Decode(_))));
    }

    #[test]
    fn an_unknown_word_is_an_internal_error() {
        let err = enum_text::<RequestStatus>("on_hold", "customer_requests.status").map(|_| ());
        let api: ApiError = err.expect_err("unknown status").into();
        assert!(matches!(api, ApiError::Internal(_)), "{api:?}");
    }
}
