//! The invoice (or credit memo) PDF generated when the back office has not uploaded one
//! (E1): the same branded sheet as the contract PDF, with the invoice's lines and totals.

use chrono::NaiveDate;
use shared::branding::Branding;
use shared::invoices::{InvoiceDetail, InvoiceKind, InvoiceStatus};

use super::sheet::{Align, Cell, Column, Flow, INK, MARGIN, MUTED, Parties, Sheet};
use super::{Canvas, Font};

/// Everything one invoice PDF shows.
pub struct InvoicePdf<'a> {
    pub dealer: &'a Branding,
    pub parties: &'a Parties,
    pub invoice: &'a InvoiceDetail,
    /// The day the document is made: the footer prints it, and overdue is judged by it.
    pub generated_on: NaiveDate,
}

const NUMBER: usize = 0;
const DESCRIPTION: usize = 1;
const QUANTITY: usize = 2;
const UNIT_PRICE: usize = 3;
const AMOUNT: usize = 4;

fn columns(sheet: &Sheet<'_>) -> [Column; 5] {
    let right = sheet.table_right();
    let col = |x: f32, align: Align, title: &'static str| Column { x, align, title };
    [
        col(MARGIN + 20.0, Align::Right, "#"),
        col(MARGIN + 28.0, Align::Left, "DESCRIPTION"),
        col(right - 170.0, Align::Right, "QTY"),
        col(right - 90.0, Align::Right, "UNIT PRICE"),
        col(right, Align::Right, "AMOUNT"),
    ]
}

fn kind_title(kind: InvoiceKind) -> &'static str {
    match kind {
        InvoiceKind::Invoice => "INVOICE",
        InvoiceKind::CreditMemo => "CREDIT MEMO",
    }
}

fn status_label(invoice: &InvoiceDetail) -> &'static str {
    match invoice.summary.status {
        InvoiceStatus::Open if invoice.summary.overdue => "Overdue",
        InvoiceStatus::Open => "Open",
        InvoiceStatus::Paid => "Paid",
        InvoiceStatus::Void => "Void",
    }
}

/// The PDF bytes of the invoice.
pub fn render(doc: &InvoicePdf<'_>) -> Vec<u8> {
    let sheet = Sheet::new(doc.dealer);
    let columns = columns(&sheet);
    let summary = &doc.invoice.summary;
    let title = kind_title(summary.kind);
    let mut canvas = Canvas::new();
    let y = first_page_header(&mut canvas, &sheet, doc);
    let continued = format!("{} {} (continued)", summary.kind.label(), summary.number);
    let mut flow = Flow::new(&sheet, &columns, continued, canvas, y);
    flow.table_header();
    let description_width = columns[QUANTITY].x - 40.0 - columns[DESCRIPTION].x;
    for (i, line) in doc.invoice.lines.iter().enumerate() {
        let line_no = line.line_no.to_string();
        let quantity = line.quantity.to_string();
        let unit_price = line.unit_price.display();
        let amount = line.amount.display();
        let cell = |column, font, color, text| Cell { column, font, color, text, max_width: None };
        let cells = [
            cell(NUMBER, Font::Regular, MUTED, &line_no),
            Cell {
                max_width: Some(description_width),
                ..cell(DESCRIPTION, Font::Bold, INK, &line.description)
            },
            cell(QUANTITY, Font::Regular, INK, &quantity),
            cell(UNIT_PRICE, Font::Regular, INK, &unit_price),
            cell(AMOUNT, Font::Bold, INK, &amount),
        ];
        flow.row(&cells, line.item_code.as_deref().map(|code| (DESCRIPTION, code)), i);
    }
    if doc.invoice.lines.is_empty() {
        let y = flow.y - 14.0;
        flow.canvas.text(Font::Regular, 9.0, columns[DESCRIPTION].x, y, MUTED, "No lines on this document.");
        flow.y -= 22.0;
    }
    flow.keep_together(TOTALS_HEIGHT);
    let y = flow.y;
    totals(&mut flow.canvas, &sheet, doc, y);
    let number = &summary.number;
    let document_title = format!("{} {} {number}", doc.dealer.name, summary.kind.label().to_lowercase());
    let issuer = format!("{} · {} {number}", doc.dealer.name, title.to_lowercase());
    sheet.assemble(&document_title, &issuer, doc.generated_on, flow.into_pages())
}

/// The branded band, the parties and the invoice's details; returns where the table starts.
fn first_page_header(canvas: &mut Canvas, sheet: &Sheet<'_>, doc: &InvoicePdf<'_>) -> f32 {
    let invoice = &doc.invoice.summary;
    sheet.band(canvas, kind_title(invoice.kind), &invoice.number);
    let top = sheet.parties(canvas, doc.parties, None);
    let none = || "—".to_string();
    let rows = [
        [
            ("NUMBER", invoice.number.clone()),
            ("DATE", sheet.date(invoice.invoice_date)),
            ("DUE DATE", invoice.due_date.map(|d| sheet.date(d)).unwrap_or_else(none)),
            ("STATUS", status_label(doc.invoice).to_string()),
        ],
        [
            ("CONTRACT", invoice.contract_number.clone().unwrap_or_else(none)),
            ("PO", invoice.po_number.clone().unwrap_or_else(none)),
            ("JOB", invoice.job_number.clone().unwrap_or_else(none)),
            ("BRANCH", invoice.location.as_ref().map(|l| l.name.clone()).unwrap_or_else(none)),
        ],
    ];
    sheet.details_panel(canvas, top, &rows, None)
}

const TOTALS_HEIGHT: f32 = 112.0;

/// Subtotal, tax and total, what was paid, and what is still due in the dealer's colour.
fn totals(canvas: &mut Canvas, sheet: &Sheet<'_>, doc: &InvoicePdf<'_>, y: f32) {
    let invoice = doc.invoice;
    let summary = &invoice.summary;
    let right = sheet.table_right();
    let label_x = right - 190.0;
    let mut line_y = y - 20.0;
    let paid = shared::money::Money::new(summary.total.minor - summary.balance.minor, summary.total.currency);
    let credit = summary.kind == InvoiceKind::CreditMemo;
    let paid_label = if credit { "Applied" } else { "Paid" };
    for (label, value) in [
        ("Subtotal", invoice.subtotal.display()),
        ("Tax", invoice.tax.display()),
        ("Total", summary.total.display()),
        (paid_label, paid.display()),
    ] {
        canvas.text(Font::Regular, 9.5, label_x, line_y, MUTED, label);
        canvas.text_right(Font::Regular, 9.5, right, line_y, INK, &value);
        line_y -= 14.0;
    }
    let due_top = line_y + 2.0;
    let box_x = label_x - 10.0;
    canvas.fill_rect(box_x, due_top - 26.0, right + 6.0 - box_x, 26.0, sheet.brand);
    let (label, value) = if credit {
        ("Credit remaining", summary.balance.display())
    } else {
        ("Amount due", summary.amount_due.display())
    };
    canvas.text(Font::Bold, 10.5, label_x, due_top - 17.0, sheet.on_brand, label);
    canvas.text_right(Font::Bold, 12.0, right, due_top - 17.5, sheet.on_brand, &value);
    if summary.pending.minor > 0 {
        let note = format!("{} paid online is being processed.", summary.pending.display());
        canvas.text_right(Font::Regular, 7.5, right, due_top - 40.0, MUTED, &note);
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use shared::branding::Terminology;
    use shared::invoices::{InvoiceLine, InvoiceSummary};
    use shared::money::{Currency, Money};
    use uuid::Uuid;

    use super::super::testing::{page_count, shown_text};
    use super::*;

    fn dealer() -> Branding {
        Branding {
            dealer_id: Uuid::nil(),
            slug: "thames".into(),
            name: "Thames Plant Hire".into(),
            logo_url: None,
            primary_color: "#1f5f3f".into(),
            accent_color: "#f2c94c".into(),
            terminology: Terminology::Hires,
            locale: "en-GB".into(),
            time_zone: "Europe/London".into(),
            billing_stops_on: shared::branding::BillingStop::PickupDate,
            currency: Currency::Gbp,
            support_phone: None,
            support_email: Some("hire@thames.example".into()),
            welcome_message: None,
            home_tiles: shared::settings::all_home_tiles(),
            guest_payment: false,
            languages: shared::i18n::default_languages(),
        }
    }

    fn invoice(lines: usize) -> InvoiceDetail {
        let gbp = |minor| Money::new(minor, Currency::Gbp);
        let day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        InvoiceDetail {
            summary: InvoiceSummary {
                id: Uuid::nil(),
                number: "TI-100042".into(),
                kind: InvoiceKind::Invoice,
                status: InvoiceStatus::Open,
                invoice_date: day,
                due_date: Some(day + chrono::Duration::days(30)),
                location: None,
                contract_id: None,
                contract_number: Some("T-000042".into()),
                po_number: None,
                job_number: Some("JOB-7".into()),
                total: gbp(120_000),
                balance: gbp(70_000),
                pending: gbp(20_000),
                amount_due: gbp(50_000),
                overdue: true,
            },
            subtotal: gbp(100_000),
            tax: gbp(20_000),
            lines: (0..lines)
                .map(|i| InvoiceLine {
                    line_no: i32::try_from(i + 1).unwrap(),
                    item_code: Some(format!("EXC-{i:04}")),
                    description: "Mini excavator 3.5t, weekly hire".into(),
                    quantity: 1,
                    unit_price: gbp(97_500),
                    amount: gbp(97_500),
                })
                .collect(),
            payments: Vec::new(),
            updated_at: Utc::now(),
        }
    }

    fn render_lines(lines: usize) -> Vec<u8> {
        let dealer = dealer();
        let parties = Parties {
            customer_name: "Demo Groundworks Ltd".into(),
            account_number: "T10000".into(),
            customer_address: None,
            store_name: "Reading".into(),
            store_address: None,
            store_phone: Some("0118 496 0120".into()),
            store_email: None,
        };
        let invoice = invoice(lines);
        render(&InvoicePdf {
            dealer: &dealer,
            parties: &parties,
            invoice: &invoice,
            generated_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        })
    }

    #[test]
    fn an_invoice_prints_its_number_totals_and_what_is_due() {
        let pdf = render_lines(2);
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(page_count(&pdf), 1);
        let shown = shown_text(&pdf);
        for expected in ["INVOICE", "TI-100042", "Overdue", "£1,200.00", "£500.00", "Demo Groundworks Ltd"]
        {
            assert!(shown.iter().any(|s| s == expected), "{expected} in {shown:?}");
        }
        assert!(shown.iter().any(|s| s == "Generated 23 Nov 2026 — page 1 of 1"), "{shown:?}");
    }

    #[test]
    fn long_invoices_continue_on_numbered_pages() {
        let pdf = render_lines(90);
        let count = page_count(&pdf);
        assert!(count >= 3, "{count} pages");
        let shown = shown_text(&pdf);
        assert_eq!(shown.iter().filter(|s| *s == "Invoice TI-100042 (continued)").count(), count - 1);
        for i in 0..90 {
            let code = format!("EXC-{i:04}");
            assert_eq!(shown.iter().filter(|s| **s == code).count(), 1, "line {i}");
        }
    }
}
