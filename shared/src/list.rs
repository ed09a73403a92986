//! The list toolkit: what every account list (contracts, rentals, invoices, …) shares — sort
//! column and direction, page and page size with their limits, the text-field limit, and the
//! generic half of reading a filter from a query string ([`ListQuery::from_query`]) and
//! writing it back ([`ListQuery::to_query_pairs`]). A list's filter declares only its own
//! fields, in [`ListQuery::read_filters`] and [`ListQuery::write_filters`].
//!
//! The server parses the query string the web app writes with the same code, so parameter
//! names, defaults and the 422 field errors are the same on both sides.

use std::fmt::Display;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::FieldError;
use crate::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, SortDir};

/// Longest text one filter field (job, PO, free text …) may hold, in characters.
pub const MAX_FILTER_TEXT: usize = 100;

/// A closed set of values sent by name in a query string: a view, a status, a sort column.
pub trait QueryChoice: Copy + PartialEq + 'static {
    /// Every value, in the order error messages list them.
    const CHOICES: &'static [Self];

    /// The value's name in a query string.
    fn query_name(self) -> &'static str;

    /// The value named `name`, if any.
    fn from_query_name(name: &str) -> Option<Self> {
        Self::CHOICES.iter().copied().find(|c| c.query_name() == name)
    }

    /// Every name, for an error message: `a, b or c`.
    fn choices_text() -> String {
        let names: Vec<&str> = Self::CHOICES.iter().map(|c| c.query_name()).collect();
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        }
    }
}

/// Implements [`QueryChoice`] for enums that have an inherent `ALL` array and `as_str`.
macro_rules! query_choice {
    ($($choice:ty),+ $(,)?) => {$(
        impl $crate::list::QueryChoice for $choice {
            const CHOICES: &'static [Self] = &<$choice>::ALL;

            fn query_name(self) -> &'static str {
                self.as_str()
            }
        }
    )+};
}
pub(crate) use query_choice;

query_choice!(SortDir);

/// Declares a list's filter: a struct with the list's own fields as given, then `sort` (of the
/// type named after the struct, documented by the doc comment before it), `dir`, `page` and
/// `per_page`. It
/// derives serde and, behind the `openapi` feature, utoipa's `IntoParams` for the query
/// string: `sort` and `dir` as text, `page` and `per_page` as integers with their bounds
/// (a malformed value gets a 422 naming it, not a generic 400); own fields that are not
/// strings say so with
/// `#[cfg_attr(feature = "openapi", param(value_type = Option<String>))]`.
macro_rules! list_filter {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident: $ty:ty, )*
        }
        $(#[$sort_meta:meta])*
        sort: $sort:ty;
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
            $(#[$sort_meta])*
            #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
            pub sort: $sort,
            /// `asc` or `desc` (default).
            #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
            pub dir: $crate::paging::SortDir,
            /// 1-based page number (default 1).
            #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, default = 1))]
            pub page: u32,
            /// Page size, 1 to 200 (default 25).
            #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, maximum = 200, default = 25))]
            pub per_page: u32,
        }
    };
}
pub(crate) use list_filter;

/// [`ListQuery::sort_and_page`] and [`ListQuery::set_sort_and_page`] for a filter declared
/// with [`list_filter!`], inside its `impl ListQuery`.
macro_rules! sort_and_page_fields {
    () => {
        fn sort_and_page(&self) -> $crate::list::SortAndPage<Self::Sort> {
            $crate::list::SortAndPage {
                sort: self.sort,
                dir: self.dir,
                page: self.page,
                per_page: self.per_page,
            }
        }

        fn set_sort_and_page(&mut self, read: $crate::list::SortAndPage<Self::Sort>) {
            $crate::list::SortAndPage {
                sort: self.sort,
                dir: self.dir,
                page: self.page,
                per_page: self.per_page,
            } = read;
        }
    };
}
pub(crate) use sort_and_page_fields;

/// Sort column, direction and page of a list: the part every list filter carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortAndPage<S> {
    pub sort: S,
    pub dir: SortDir,
    /// 1-based page number; 0 (and 1) leave `page` out of the query.
    pub page: u32,
    /// Page size; 0 leaves `per_page` out of the query (the server's default then applies).
    pub per_page: u32,
}

impl<S: Default> Default for SortAndPage<S> {
    /// What an empty query string means: default sort, first page, default page size.
    fn default() -> Self {
        SortAndPage { sort: S::default(), dir: SortDir::default(), page: 1, per_page: DEFAULT_PER_PAGE }
    }
}

/// A list's filter, sort and page, as a query string carries it.
///
/// Implementors hold `sort`, `dir`, `page` and `per_page` fields (exposed through
/// [`ListQuery::sort_and_page`]) and read and write only their own filters; the provided
/// methods add the sort and page parameters around them.
pub trait ListQuery: Default + Clone {
    /// The list's path segment under an account: `/api/v1/accounts/{id}/{PATH}` (and
    /// `{PATH}.csv`) on the server, `/a/{id}/{PATH}` in the web app.
    const PATH: &'static str;
    /// One row of the list.
    type Item;
    /// The list's sortable columns; the default is the default sort.
    type Sort: QueryChoice + Default;

    fn sort_and_page(&self) -> SortAndPage<Self::Sort>;

    fn set_sort_and_page(&mut self, sort_and_page: SortAndPage<Self::Sort>);

    /// Reads this list's own filters (everything but sort and page) from `query`, which
    /// records a field error for each malformed value.
    fn read_filters(&mut self, query: &mut QueryReader<'_, '_>);

    /// Writes this list's own filters, leaving out empty ones and defaults the server
    /// assumes anyway.
    fn write_filters(&self, pairs: &mut QueryPairs);

    /// Reads a filter back from query values (`get("status")` …), the inverse of
    /// [`ListQuery::to_query_pairs`]. Each malformed value is left at its default and
    /// reported as a field error: the server refuses such a request with 422, the web app
    /// simply ignores a hand-edited URL's bad values. Errors come in the order the values
    /// are read: the list's own filters, then `sort`, `dir`, `page`, `per_page`.
    fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> (Self, Vec<FieldError>) {
        let mut query = QueryReader::new(&get);
        let mut filter = Self::default();
        filter.read_filters(&mut query);
        let sort_and_page = query.sort_and_page();
        filter.set_sort_and_page(sort_and_page);
        (filter, query.into_errors())
    }

    /// The query-string pairs for this filter: its own non-empty filters, then `sort` and
    /// `dir` always, `page` from 2 and `per_page` when set.
    fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = QueryPairs::default();
        self.write_filters(&mut pairs);
        let SortAndPage { sort, dir, page, per_page } = self.sort_and_page();
        pairs.push("sort", sort.query_name());
        pairs.push("dir", dir.query_name());
        if page > 1 {
            pairs.push("page", page);
        }
        if per_page > 0 {
            pairs.push("per_page", per_page);
        }
        pairs.into_vec()
    }
}

/// Query values being read, with a field error for each malformed one. Blank values read
/// as absent.
pub struct QueryReader<'g, 'a> {
    get: &'g dyn Fn(&str) -> Option<&'a str>,
    errors: Vec<FieldError>,
}

impl<'g, 'a> QueryReader<'g, 'a> {
    pub fn new(get: &'g dyn Fn(&str) -> Option<&'a str>) -> Self {
        QueryReader { get, errors: Vec::new() }
    }

    /// The trimmed value of `key`; `None` when absent or blank.
    pub fn value(&self, key: &str) -> Option<&'a str> {
        (self.get)(key).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Records that `field` is malformed.
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.into(), message: message.into() });
    }

    /// One of `T`'s names; anything else is reported as `Use a, b or c.`
    pub fn choice<T: QueryChoice>(&mut self, key: &str) -> Option<T> {
        let value = self.value(key)?;
        let choice = T::from_query_name(value);
        if choice.is_none() {
            self.error(key, format!("Use {}.", T::choices_text()));
        }
        choice
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let value = self.value(key)?;
        let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
        if date.is_none() {
            self.error(key, "Use a date like 2026-03-01.");
        }
        date
    }

    /// `location_id`: the id of one of the dealer's locations.
    pub fn location_id(&mut self) -> Option<Uuid> {
        self.id("location_id", "location")
    }

    /// The id (a UUID) of a `what` (named in the error, say "contract") under `key`.
    pub fn id(&mut self, key: &str, what: &str) -> Option<Uuid> {
        let value = self.value(key)?;
        let id = value.parse::<Uuid>().ok();
        if id.is_none() {
            self.error(key, format!("Not a {what} id."));
        }
        id
    }

    /// Free text, kept even when too long (so a form can show it) but then reported.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let value = self.value(key)?;
        if value.chars().count() > MAX_FILTER_TEXT {
            self.error(key, format!("Use at most {MAX_FILTER_TEXT} characters."));
        }
        Some(value.to_string())
    }

    /// `true` or `false` (the default).
    pub fn flag(&mut self, key: &str) -> bool {
        match self.value(key) {
            None | Some("false") => false,
            Some("true") => true,
            Some(_) => {
                self.error(key, "Use true or false.");
                false
            }
        }
    }

    /// `page`, from 1; `None` when absent or malformed.
    pub fn page(&mut self) -> Option<u32> {
        match self.value("page")?.parse::<u32>() {
            Ok(page) if page >= 1 => Some(page),
            _ => {
                self.error("page", "Use a page number from 1.");
                None
            }
        }
    }

    /// `per_page`, from 1 to [`MAX_PER_PAGE`]; `None` when absent or malformed.
    pub fn per_page(&mut self) -> Option<u32> {
        match self.value("per_page")?.parse::<u32>() {
            Ok(n) if (1..=MAX_PER_PAGE).contains(&n) => Some(n),
            _ => {
                self.error("per_page", format!("Use a page size from 1 to {MAX_PER_PAGE}."));
                None
            }
        }
    }

    /// `sort`, `dir`, `page` and `per_page`, each defaulted when absent or malformed.
    pub fn sort_and_page<S: QueryChoice + Default>(&mut self) -> SortAndPage<S> {
        let mut read = SortAndPage::<S>::default();
        if let Some(value) = self.value("sort") {
            match S::from_query_name(value) {
                Some(sort) => read.sort = sort,
                None => self.error("sort", format!("Sort by {}.", S::choices_text())),
            }
        }
        if let Some(dir) = self.choice("dir") {
            read.dir = dir;
        }
        if let Some(page) = self.page() {
            read.page = page;
        }
        if let Some(per_page) = self.per_page() {
            read.per_page = per_page;
        }
        read
    }

    /// The field errors recorded, in reading order.
    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }
}

/// Query-string pairs being written, in order.
#[derive(Debug, Default)]
pub struct QueryPairs(Vec<(&'static str, String)>);

impl QueryPairs {
    pub fn push(&mut self, key: &'static str, value: impl Display) {
        self.0.push((key, value.to_string()));
    }

    /// `key=value` when there is a value.
    pub fn opt(&mut self, key: &'static str, value: Option<impl Display>) {
        if let Some(value) = value {
            self.push(key, value);
        }
    }

    /// `key=name` when there is a choice.
    pub fn choice(&mut self, key: &'static str, value: Option<impl QueryChoice>) {
        self.opt(key, value.map(QueryChoice::query_name));
    }

    /// `key=text`, trimmed, when not blank.
    pub fn text(&mut self, key: &'static str, value: Option<&str>) {
        self.opt(key, value.map(str::trim).filter(|v| !v.is_empty()));
    }

    /// `key=true` when set (false is the default).
    pub fn flag(&mut self, key: &'static str, on: bool) {
        if on {
            self.push(key, "true");
        }
    }

    pub fn into_vec(self) -> Vec<(&'static str, String)> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list with one filter of each kind, to test the generic half once.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub enum Column {
        #[default]
        Name,
        Size,
        Age,
    }

    impl Column {
        const ALL: [Column; 3] = [Column::Name, Column::Size, Column::Age];

        fn as_str(self) -> &'static str {
            match self {
                Column::Name => "name",
                Column::Size => "size",
                Column::Age => "age",
            }
        }
    }

    query_choice!(Column);

    list_filter! {
        pub struct Probe {
            #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
            pub kind: Option<Column>,
            #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
            pub on: Option<NaiveDate>,
            #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
            pub location_id: Option<Uuid>,
            pub q: Option<String>,
            pub flagged: bool,
        }
        sort: Column;
    }

    impl ListQuery for Probe {
        const PATH: &'static str = "probes";
        type Item = ();
        type Sort = Column;

        sort_and_page_fields!();

        fn read_filters(&mut self, query: &mut QueryReader<'_, '_>) {
            self.kind = query.choice("kind");
            self.on = query.date("on");
            self.location_id = query.location_id();
            self.q = query.text("q");
            self.flagged = query.flag("flagged");
        }

        fn write_filters(&self, pairs: &mut QueryPairs) {
            pairs.choice("kind", self.kind);
            pairs.opt("on", self.on);
            pairs.opt("location_id", self.location_id);
            pairs.text("q", self.q.as_deref());
            pairs.flag("flagged", self.flagged);
        }
    }

    fn parse(pairs: &[(&str, &str)]) -> (Probe, Vec<FieldError>) {
        Probe::from_query(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    fn errors(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        parse(pairs).1.into_iter().map(|e| (e.field, e.message)).collect()
    }

    #[test]
    fn from_query_inverts_to_query_pairs() {
        let probe = Probe {
            kind: Some(Column::Size),
            on: NaiveDate::from_ymd_opt(2026, 3, 1),
            location_id: Some(Uuid::nil()),
            q: Some("pump".into()),
            flagged: true,
            sort: Column::Age,
            dir: SortDir::Asc,
            page: 4,
            per_page: 10,
        };
        let pairs = probe.to_query_pairs();
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(parse(&borrowed), (probe, vec![]));
    }

    #[test]
    fn an_empty_query_is_the_first_page_in_the_default_order() {
        let (probe, errors) = parse(&[("q", "  "), ("kind", "")]);
        assert_eq!(errors, vec![]);
        assert_eq!(
            probe,
            Probe { page: 1, per_page: DEFAULT_PER_PAGE, ..Probe::default() },
            "blank values read as absent"
        );
        assert_eq!(
            Probe::default().to_query_pairs(),
            vec![("sort", "name".to_string()), ("dir", "desc".to_string())],
            "page 0/1 and per_page 0 stay out of the query"
        );
    }

    #[test]
    fn writing_trims_text_and_leaves_out_empty_filters() {
        let probe = Probe { q: Some("  pump  ".into()), page: 2, ..Probe::default() };
        let pairs = probe.to_query_pairs();
        assert_eq!(pairs[0], ("q", "pump".to_string()));
        assert_eq!(pairs.last(), Some(&("page", "2".to_string())));
        assert_eq!(Probe { q: Some(" ".into()), ..Probe::default() }.to_query_pairs().len(), 2);
    }

    #[test]
    fn each_bad_value_is_reported_in_reading_order_with_its_message() {
        let long = "x".repeat(MAX_FILTER_TEXT + 1);
        let all_bad = [
            ("per_page", "0"),
            ("page", "0"),
            ("dir", "up"),
            ("sort", "colour"),
            ("flagged", "yes"),
            ("q", long.as_str()),
            ("location_id", "store-1"),
            ("on", "1 March"),
            ("kind", "huge"),
        ];
        let expected = [
            ("kind", "Use name, size or age."),
            ("on", "Use a date like 2026-03-01."),
            ("location_id", "Not a location id."),
            ("q", "Use at most 100 characters."),
            ("flagged", "Use true or false."),
            ("sort", "Sort by name, size or age."),
            ("dir", "Use asc or desc."),
            ("page", "Use a page number from 1."),
            ("per_page", "Use a page size from 1 to 200."),
        ];
        let expected: Vec<_> = expected.iter().map(|(f, m)| (f.to_string(), m.to_string())).collect();
        assert_eq!(errors(&all_bad), expected);

        let (probe, _) = parse(&all_bad);
        assert_eq!(probe.q.as_deref(), Some(long.as_str()), "too long text is kept for the form");
        assert_eq!(
            (probe.kind, probe.sort, probe.dir, probe.page, probe.per_page),
            (None, Column::Name, SortDir::Desc, 1, DEFAULT_PER_PAGE)
        );
    }

    #[test]
    fn page_size_limits() {
        assert_eq!(parse(&[("per_page", "200")]).0.per_page, MAX_PER_PAGE);
        assert_eq!(errors(&[("per_page", "201")]).len(), 1);
        assert_eq!(errors(&[("page", "-1")]).len(), 1);
        assert_eq!(parse(&[("page", " 7 ")]).0.page, 7);
    }

    #[test]
    fn choices_read_as_a_sentence() {
        assert_eq!(Column::choices_text(), "name, size or age");
        assert_eq!(SortDir::choices_text(), "asc or desc");
        assert_eq!(SortDir::from_query_name("asc"), Some(SortDir::Asc));
    }
}
