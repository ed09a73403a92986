//! The contract PDF generated when the back office has not uploaded one (C5): the dealer's
//! name in its primary colour, the store and customer, the contract's details, a table of
//! lines over as many pages as it needs, the totals, and a footer on every page. The page,
//! header, table and footer are the shared [`super::sheet`].

use chrono::NaiveDate;
use shared::branding::Branding;
use shared::contracts::{ContractDetail, ContractLine, LineKind};
use shared::i18n::Language;

use super::sheet::{Align, Cell, Column, Flow, INK, MARGIN, MUTED, Parties, Sheet};
use super::{Canvas, Font, fit, text_width};

/// Everything one contract PDF shows.
pub struct ContractPdf<'a> {
    pub dealer: &'a Branding,
    pub parties: &'a Parties,
    pub contract: &'a ContractDetail,
    /// The day the document is made, printed in the footer.
    pub generated_on: NaiveDate,
    /// The reader's language, which every label is in.
    pub language: Language,
}

const NUMBER: usize = 0;
const ITEM: usize = 1;
const QUANTITY: usize = 2;
const START: usize = 3;
const END: usize = 4;
const STATUS: usize = 5;
const AMOUNT: usize = 6;

/// The line table's columns, from the left margin.
fn columns(sheet: &Sheet<'_>) -> [Column; 7] {
    let right = sheet.table_right();
    // The return column holds the expected date until the item is back, then the actual one;
    // the status column says which.
    [
        sheet.column(MARGIN + 20.0, Align::Right, "doc-column-number"),
        sheet.column(MARGIN + 28.0, Align::Left, "doc-column-item"),
        sheet.column(right - 268.0, Align::Right, "doc-column-quantity"),
        sheet.column(right - 256.0, Align::Left, "doc-column-start"),
        sheet.column(right - 192.0, Align::Left, "doc-column-return"),
        sheet.column(right - 128.0, Align::Left, "doc-status"),
        sheet.column(right, Align::Right, "doc-column-amount"),
    ]
}

/// The PDF bytes of the contract.
pub fn render(doc: &ContractPdf<'_>) -> Vec<u8> {
    let sheet = Sheet::new(doc.dealer, doc.language);
    let columns = columns(&sheet);
    let mut canvas = Canvas::new();
    let y = first_page_header(&mut canvas, &sheet, doc);
    let number = &doc.contract.summary.number;
    let t = |id| sheet.text(id, &[("number", number.as_str().into())]);
    let mut flow = Flow::new(&sheet, &columns, t("doc-contract-continued"), canvas, y);
    flow.table_header();
    let item_width = columns[AMOUNT].x - 292.0 - columns[ITEM].x;
    for (i, line) in doc.contract.lines.iter().enumerate() {
        let line_no = line.line_no.to_string();
        let quantity = line.quantity.to_string();
        let amount = sheet.money(&line.amount);
        let status = line
            .status
            .map(|status| sheet.text("doc-line-status", &[("status", status.as_str().into())]))
            .unwrap_or_default();
        // Sales and fees have no period on rent: their date would only repeat the contract's.
        let rental = line.kind == LineKind::Rental;
        let start = line.start_date.filter(|_| rental).map(|d| sheet.date(d)).unwrap_or_default();
        let end = line
            .returned_on
            .or(line.expected_return)
            .filter(|_| rental)
            .map(|d| sheet.date(d))
            .unwrap_or_default();
        let cell = |column, font, color, text| Cell { column, font, color, text, max_width: None };
        let cells = [
            cell(NUMBER, Font::Regular, MUTED, &line_no),
            Cell { max_width: Some(item_width), ..cell(ITEM, Font::Bold, INK, &line.description) },
            cell(QUANTITY, Font::Regular, INK, &quantity),
            cell(START, Font::Regular, INK, &start),
            cell(END, Font::Regular, INK, &end),
            cell(STATUS, Font::Regular, INK, &status),
            cell(AMOUNT, Font::Bold, INK, &amount),
        ];
        let detail = detail_text(&sheet, line);
        flow.row(&cells, (!detail.is_empty()).then_some((ITEM, detail.as_str())), i);
    }
    if doc.contract.lines.is_empty() {
        let y = flow.y - 14.0;
        flow.canvas.text(Font::Regular, 9.0, columns[ITEM].x, y, MUTED, &t("doc-no-contract-lines"));
        flow.y -= 22.0;
    }
    // The totals stay together, on a page of their own if the table filled this one.
    flow.keep_together(TOTALS_HEIGHT);
    let y = flow.y;
    totals(&mut flow.canvas, &sheet, doc, y);
    let issuer = format!("{} · {number}", doc.dealer.name);
    sheet.assemble(&t("doc-contract-title"), &issuer, doc.generated_on, flow.into_pages())
}

/// The branded band, the parties and the contract's details; returns where the table starts.
fn first_page_header(canvas: &mut Canvas, sheet: &Sheet<'_>, doc: &ContractPdf<'_>) -> f32 {
    let contract = &doc.contract.summary;
    let label = |id| sheet.text(id, &[]);
    sheet.band(canvas, &label("doc-contract-kind"), &contract.number);
    let ordered_by =
        doc.contract.ordered_by.as_deref().map(|name| sheet.text("doc-ordered-by", &[("name", name.into())]));
    let top = sheet.parties(canvas, doc.parties, ordered_by.as_deref());

    // Details panel: two rows of four cells, then the job site across.
    let none = || "—".to_string();
    // The day as the dealer's calendar reads it (UTC only for a zone no longer known).
    let zone = doc.dealer.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let updated_on = crate::domain::calendar::today_in(zone, doc.contract.updated_at);
    let status = sheet.text("doc-contract-status", &[("status", contract.status.as_str().into())]);
    let rows = [
        [
            (label("doc-detail-contract"), contract.number.clone()),
            (label("doc-status"), status),
            (label("doc-detail-start-date"), sheet.date(contract.start_date)),
            (label("doc-detail-close-date"), contract.close_date.map(|d| sheet.date(d)).unwrap_or_else(none)),
        ],
        [
            (label("doc-detail-job"), contract.job_number.clone().unwrap_or_else(none)),
            (label("doc-detail-po"), contract.po_number.clone().unwrap_or_else(none)),
            (label("doc-detail-branch"), contract.location.name.clone()),
            (label("doc-detail-last-updated"), sheet.date(updated_on)),
        ],
    ];
    let site = contract.job_site.clone().unwrap_or_else(none);
    sheet.details_panel(canvas, top, &rows, Some((label("doc-detail-job-site"), site)))
}

/// The small print under a line's description: item code, serial and rates.
fn detail_text(sheet: &Sheet<'_>, line: &ContractLine) -> String {
    let mut parts = Vec::new();
    if let Some(code) = line.item_code.as_deref() {
        parts.push(code.to_string());
    }
    if let Some(serial) = line.serial_number.as_deref() {
        parts.push(sheet.text("doc-serial", &[("serial", serial.into())]));
    }
    for (id, rate) in [
        ("doc-rate-day", &line.daily_rate),
        ("doc-rate-week", &line.weekly_rate),
        ("doc-rate-month", &line.monthly_rate),
    ] {
        if let Some(rate) = rate {
            parts.push(sheet.text(id, &[("rate", sheet.money(rate).into())]));
        }
    }
    if line.kind == LineKind::Sale {
        parts.push(sheet.text("doc-sale", &[]));
    }
    parts.join("  ·  ")
}

const TOTALS_HEIGHT: f32 = 70.0;

/// The contract's total and what is still due, right-aligned under the table.
fn totals(canvas: &mut Canvas, sheet: &Sheet<'_>, doc: &ContractPdf<'_>, y: f32) {
    let summary = &doc.contract.summary;
    let right = sheet.table_right();
    let label_x = right - 190.0;
    let first = y - 20.0;
    let label = |id| sheet.text(id, &[]);
    canvas.text(Font::Regular, 9.5, label_x, first, MUTED, &label("doc-contract-total"));
    canvas.text_right(Font::Regular, 9.5, right, first, INK, &sheet.money(&summary.amount));
    let due_top = first - 12.0;
    let box_x = label_x - 10.0;
    canvas.fill_rect(box_x, due_top - 26.0, right + 6.0 - box_x, 26.0, sheet.brand);
    canvas.text(Font::Bold, 10.5, label_x, due_top - 17.0, sheet.on_brand, &label("doc-amount-due"));
    canvas.text_right(
        Font::Bold,
        12.0,
        right,
        due_top - 17.5,
        sheet.on_brand,
        &sheet.money(&summary.amount_due),
    );
    let note = label("doc-contract-charges-note");
    let note_width = text_width(Font::Regular, 7.5, &note);
    canvas.text(Font::Regular, 7.5, right - note_width, due_top - 40.0, MUTED, &note);
    if let Some(notes) = doc.contract.notes.as_deref() {
        canvas.text(Font::Bold, 7.0, MARGIN, first, MUTED, &label("doc-notes"));
        let text = fit(Font::Regular, 8.5, notes, box_x - MARGIN - 12.0);
        canvas.text(Font::Regular, 8.5, MARGIN, first - 12.0, INK, &text);
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use shared::branding::Terminology;
    use shared::contracts::{ContractStatus, ContractSummary, LineStatus, LocationRef};
    use shared::money::{Currency, Money};
    use uuid::Uuid;

    use super::super::testing::{page_count, shown_text};
    use super::*;

    fn dealer(terminology: Terminology) -> Branding {
        Branding {
            dealer_id: Uuid::nil(),
            slug: "summit".into(),
            name: "Summit Equipment Rentals".into(),
            logo_url: None,
            primary_color: "#0b5cab".into(),
            accent_color: "#f28c28".into(),
            terminology,
            locale: if terminology == Terminology::Hires { "en-GB".into() } else { "en-US".into() },
            time_zone: "America/Denver".into(),
            billing_stops_on: shared::branding::BillingStop::PickupDate,
            currency: Currency::Usd,
            support_phone: Some("(303) 555-0100".into()),
            support_email: Some("rentals@summit.example".into()),
            welcome_message: None,
            home_tiles: shared::settings::all_home_tiles(),
            guest_payment: false,
            languages: shared::i18n::default_languages(),
        }
    }

    fn parties() -> Parties {
        Parties {
            customer_name: "Demo Construction Co.".into(),
            account_number: "S10000".into(),
            customer_address: Some("2200 Pearl St, Boulder CO".into()),
            store_name: "Denver".into(),
            store_address: Some("4200 Brighton Blvd, Denver CO 80216".into()),
            store_phone: Some("(303) 555-0110".into()),
            store_email: Some("den@summit.example".into()),
        }
    }

    fn contract(lines: usize) -> ContractDetail {
        let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let usd = |minor| Money::new(minor, Currency::Usd);
        ContractDetail {
            summary: ContractSummary {
                id: Uuid::nil(),
                external_id: "KS000042".into(),
                number: "S-000042".into(),
                status: ContractStatus::Open,
                location: LocationRef {
                    id: Uuid::nil(),
                    external_id: "LOC-DEN".into(),
                    name: "Denver".into(),
                },
                job_number: Some("JOB-311".into()),
                po_number: Some("PO-48213".into()),
                job_site: Some("1450 Wynkoop St, Denver CO".into()),
                start_date: day,
                close_date: None,
                amount: usd(1_234_567),
                amount_due: usd(456_789),
            },
            ordered_by: Some("Jordan Lee".into()),
            notes: None,
            updated_at: Utc::now(),
            lines: (0..lines)
                .map(|i| ContractLine {
                    id: Uuid::nil(),
                    external_id: (i + 1).to_string(),
                    line_no: i32::try_from(i + 1).unwrap(),
                    kind: LineKind::Rental,
                    item_code: Some("EXC-35".into()),
                    description: "Mini excavator 3.5t".into(),
                    serial_number: Some(format!("EXC-35-{i:05}")),
                    category: None,
                    quantity: 1,
                    status: Some(LineStatus::Out),
                    daily_rate: Some(usd(32_500)),
                    weekly_rate: Some(usd(97_500)),
                    monthly_rate: Some(usd(245_000)),
                    start_date: Some(day),
                    expected_return: Some(day + chrono::Duration::days(28)),
                    returned_on: None,
                    amount: usd(245_000),
                })
                .collect(),
        }
    }

    fn render_in(language: Language, terminology: Terminology, lines: usize) -> Vec<u8> {
        let dealer = dealer(terminology);
        let parties = parties();
        let contract = contract(lines);
        render(&ContractPdf {
            dealer: &dealer,
            parties: &parties,
            contract: &contract,
            generated_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            language,
        })
    }

    fn render_lines(lines: usize) -> Vec<u8> {
        render_in(Language::En, Terminology::Rentals, lines)
    }

    #[test]
    fn a_short_contract_is_one_valid_page() {
        let pdf = render_lines(3);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.trim_end().ends_with("%%EOF"));
        assert!(text.contains("/BaseFont /Helvetica-Bold") && text.contains("/WinAnsiEncoding"));
        assert_eq!(page_count(&pdf), 1);
        let shown = shown_text(&pdf);
        for expected in ["Summit Equipment Rentals", "RENTAL CONTRACT", "S-000042", "Demo Construction Co."] {
            assert!(shown.iter().any(|s| s == expected), "{expected} in {shown:?}");
        }
        assert!(shown.iter().any(|s| s == "$12,345.67"), "total in the app's money format");
        assert!(shown.iter().any(|s| s == "$4,567.89"), "amount due");
        assert!(shown.iter().any(|s| s == "Generated Nov 23, 2026 — page 1 of 1"), "{shown:?}");
    }

    #[test]
    fn eighty_lines_break_over_pages_with_numbered_footers() {
        let pdf = render_lines(80);
        // PDF_SAMPLE_DIR=/tmp/x keeps the file, to look at the layout by eye.
        if let Some(dir) = std::env::var_os("PDF_SAMPLE_DIR") {
            std::fs::write(std::path::Path::new(&dir).join("contract-80-lines.pdf"), &pdf).unwrap();
        }
        let count = page_count(&pdf);
        assert!((3..=5).contains(&count), "{count} pages");
        let shown = shown_text(&pdf);
        for page in 1..=count {
            let footer = format!("Generated Nov 23, 2026 — page {page} of {count}");
            assert!(shown.contains(&footer), "footer of page {page}");
        }
        assert_eq!(shown.iter().filter(|s| s.ends_with("(continued)")).count(), count - 1);
        // The table header repeats on every page but a totals-only last one.
        let headers = shown.iter().filter(|s| *s == "ITEM").count();
        assert!(headers == count || headers == count - 1, "{headers} table headers on {count} pages");
        // Every line is printed exactly once: its serial is in its detail row.
        for i in 0..80 {
            let serial = format!("Serial EXC-35-{i:05} ");
            assert_eq!(shown.iter().filter(|s| s.contains(&serial)).count(), 1, "line {i}");
        }
    }

    #[test]
    fn the_english_labels_read_as_they_always_have() {
        let shown = shown_text(&render_in(Language::En, Terminology::Hires, 1));
        for expected in [
            "HIRE CONTRACT",
            "CUSTOMER",
            "Account S10000",
            "Ordered by Jordan Lee",
            "STORE",
            "START DATE",
            "LAST UPDATED",
            "JOB SITE",
            "ON HIRE",
            "QTY",
            "On hire",
            "EXC-35  ·  Serial EXC-35-00000  ·  Day $325.00  ·  Week $975.00  ·  Month $2,450.00",
            "Contract total",
            "Amount due",
            "Hire charges run until the items are off-hired and collected.",
            "Generated 23 Nov 2026 — page 1 of 1",
        ] {
            assert!(shown.iter().any(|s| s == expected), "{expected} in {shown:?}");
        }
    }

    #[test]
    fn spanish_and_french_contracts_have_their_own_labels_and_dates() {
        let spanish = shown_text(&render_in(Language::Es, Terminology::Rentals, 1));
        for expected in [
            "CONTRATO DE ALQUILER",
            "CLIENTE",
            "Cuenta S10000",
            "Pedido por Jordan Lee",
            "FECHA DE INICIO",
            "Abierto",
            "2 nov 2026",
            "En alquiler",
            "Total del contrato",
            "Monto adeudado",
            "Generado el 23 nov 2026 — página 1 de 1",
        ] {
            assert!(spanish.iter().any(|s| s == expected), "{expected} in {spanish:?}");
        }
        let french = shown_text(&render_in(Language::FrCa, Terminology::Rentals, 1));
        for expected in [
            "CONTRAT DE LOCATION",
            "SUCCURSALE",
            "DATE DE DÉBUT",
            "Ouvert",
            "2 nov. 2026",
            "En location",
            "EXC-35  ·  Numéro de série EXC-35-00000  ·  Jour 325,00\u{a0}$  ·  Semaine 975,00\u{a0}$  ·  Mois 2\u{a0}450,00\u{a0}$",
            "Montant dû",
            "Généré le 23 nov. 2026 — page 1 de 1",
        ] {
            assert!(french.iter().any(|s| s == expected), "{expected} in {french:?}");
        }
    }
}
