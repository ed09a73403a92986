//! Pagination envelope and sort direction used by every list endpoint.

use serde::{Deserialize, Serialize};

/// Default and largest page sizes for list endpoints.
pub const DEFAULT_PER_PAGE: u32 = 25;
pub const MAX_PER_PAGE: u32 = 200;

/// One page of a list, with the total across all pages for the current filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u32,
    pub per_page: u32,
    /// Number of items matching the filters, across all pages.
    pub total: u64,
}

impl<T> Page<T> {
    pub fn page_count(&self) -> u32 {
        if self.per_page == 0 {
            return 0;
        }
        u32::try_from(self.total.div_ceil(u64::from(self.per_page))).unwrap_or(u32::MAX)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SortDir {
    Asc,
    #[default]
    Desc,
}

impl SortDir {
    pub const ALL: [SortDir; 2] = [SortDir::Asc, SortDir::Desc];

    /// The other direction: a second click on a column header.
    pub fn reversed(self) -> Self {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SortDir::Asc => "asc",
            SortDir::Desc => "desc",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up() {
        let page = |total| Page::<()> { items: vec![], page: 1, per_page: 25, total };
        assert_eq!(page(0).page_count(), 0);
        assert_eq!(page(25).page_count(), 1);
        assert_eq!(page(26).page_count(), 2);
    }
}
