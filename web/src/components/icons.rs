//! Inline SVG icons (no icon font, no CDN), drawn on a 24×24 stroke grid.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Truck,
    Calendar,
    Quote,
    List,
    Phone,
    Mail,
    LogOut,
    ChevronDown,
    ChevronLeft,
    ChevronRight,
    Download,
    Search,
    Alert,
    Store,
    Check,
    Sort,
    Filter,
    Eye,
    EyeOff,
    Refresh,
    User,
    /// Several people: the store's customers.
    Users,
    Key,
    Devices,
    Bell,
    Inbox,
    // Customer request screens (issue 5).
    Pin,
    Message,
    Return,
    Wrench,
    // Invoices and payments.
    Invoice,
    Card,
    Bank,
    Lock,
}

impl Icon {
    fn paths(self) -> &'static [&'static str] {
        match self {
            Icon::Truck => &[
                "M2 6h12v10H2z",
                "M14 10h4l4 4v2h-8",
                "M8 18a2 2 0 1 1-4 0 2 2 0 0 1 4 0z",
                "M20 18a2 2 0 1 1-4 0 2 2 0 0 1 4 0z",
            ],
            Icon::Calendar => &[
                "M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z",
                "M16 3v4M8 3v4M3 11h18",
                "M8 15h3v3H8z",
            ],
            Icon::Quote => {
                &["M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z", "M14 3v6h6", "M8 13h8M8 17h5"]
            }
            Icon::List => &["M9 6h12M9 12h12M9 18h12", "M4 6h.01M4 12h.01M4 18h.01"],
            Icon::Phone => &[
                "M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6 19.8 19.8 0 0 1-3.1-8.7A2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z",
            ],
            Icon::Mail => &[
                "M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
                "M22 6l-10 7L2 6",
            ],
            Icon::LogOut => &["M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4", "M16 17l5-5-5-5M21 12H9"],
            Icon::ChevronDown => &["M6 9l6 6 6-6"],
            Icon::ChevronLeft => &["M15 18l-6-6 6-6"],
            Icon::ChevronRight => &["M9 18l6-6-6-6"],
            Icon::Download => &["M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4", "M7 10l5 5 5-5M12 15V3"],
            Icon::Search => &["M19 11a8 8 0 1 1-16 0 8 8 0 0 1 16 0z", "M21 21l-4.3-4.3"],
            Icon::Alert => &["M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0z", "M12 8v4M12 16h.01"],
            Icon::Store => &[
                "M3 9l1.5-5h15L21 9",
                "M3 9h18v1.5a3 3 0 0 1-6 0 3 3 0 0 1-6 0 3 3 0 0 1-6 0z",
                "M5 13v8h14v-8M10 21v-5h4v5",
            ],
            Icon::Check => &["M20 6L9 17l-5-5"],
            Icon::Sort => &["M7 4v16M3 8l4-4 4 4", "M17 20V4M13 16l4 4 4-4"],
            Icon::Filter => &["M4 6h16M7 12h10M10 18h4"],
            Icon::Eye => {
                &["M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z", "M15 12a3 3 0 1 1-6 0 3 3 0 0 1 6 0z"]
            }
            Icon::EyeOff => &[
                "M17.9 17.9A10 10 0 0 1 12 19c-6.5 0-10-7-10-7a18 18 0 0 1 4.1-5.1",
                "M9.9 4.2A9 9 0 0 1 12 4c6.5 0 10 7 10 7a18 18 0 0 1-2.2 3.2",
                "M14.1 14.1a3 3 0 1 1-4.2-4.2",
                "M2 2l20 20",
            ],
            Icon::Refresh => &["M21 12a9 9 0 1 1-3-6.7L21 8", "M21 3v5h-5"],
            Icon::User => &["M20 21a8 8 0 0 0-16 0", "M16 7a4 4 0 1 1-8 0 4 4 0 0 1 8 0z"],
            Icon::Users => &[
                "M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2",
                "M13 7a4 4 0 1 1-8 0 4 4 0 0 1 8 0z",
                "M22 21v-2a4 4 0 0 0-3-3.87",
                "M16 3.13a4 4 0 0 1 0 7.75",
            ],
            Icon::Key => &["M10 14a4 4 0 1 1-5.7 0 4 4 0 0 1 5.7 0z", "M10 14l10-10M16 8l3 3M18 6l2 2"],
            Icon::Devices => &[
                "M4 16V6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v1",
                "M2 20h11",
                "M17 11h4a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1h-4a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1z",
            ],
            Icon::Bell => &["M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9", "M13.7 21a2 2 0 0 1-3.4 0"],
            Icon::Pin => {
                &["M20 10c0 6-8 12-8 12s-8-6-8-12a8 8 0 0 1 16 0z", "M15 10a3 3 0 1 1-6 0 3 3 0 0 1 6 0z"]
            }
            Icon::Message => {
                &["M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z", "M8 9h8M8 13h5"]
            }
            Icon::Return => &["M9 14L4 9l5-5", "M4 9h11a5 5 0 0 1 0 10h-4"],
            Icon::Wrench => &[
                "M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.8-3.8a6 6 0 0 1-7.9 7.9l-6.9 6.9a2.1 2.1 0 0 1-3-3l6.9-6.9a6 6 0 0 1 7.9-7.9z",
            ],
            Icon::Invoice => &["M6 2h12v20l-3-2-3 2-3-2-3 2z", "M9 7h6M9 11h6M9 15h4"],
            Icon::Card => &[
                "M4 5h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z",
                "M2 10h20M6 15h4",
            ],
            Icon::Bank => &["M3 10l9-6 9 6", "M5 10v8M10 10v8M14 10v8M19 10v8", "M3 21h18"],
            Icon::Lock => &[
                "M6 11h12a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z",
                "M8 11V7a4 4 0 1 1 8 0v4",
            ],
            Icon::Inbox => &[
                "M22 12h-6l-2 3h-4l-2-3H2",
                "M5.5 5.1L2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z",
            ],
        }
    }
}

/// An icon inheriting the text colour; decorative, so hidden from screen readers.
#[component]
pub fn IconSvg(icon: Icon, #[prop(optional)] class: &'static str) -> impl IntoView {
    let class = if class.is_empty() { "icon".to_string() } else { format!("icon {class}") };
    view! {
        <svg
            class=class
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
        >
            {icon.paths().iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}
