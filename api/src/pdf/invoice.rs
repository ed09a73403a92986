//! The invoice (or credit memo) PDF generated when the back office has not uploaded one
//! (E1): the same branded sheet as the contract PDF, with the invoice's lines and totals.

use chrono::NaiveDate;
use shared::branding::Branding;
use shared::i18n::Language;
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
    /// The reader's language, which every label is in.
    pub language: Language,
}

const NUMBER: usize = 0;
const DESCRIPTION: usize = 1;
const QUANTITY: usize = 2;
const UNIT_PRICE: usize = 3;
const AMOUNT: usize = 4;

fn columns(sheet: &Sheet<'_>) -> [Column; 5] {
    let right = sheet.table_right();
    [
        sheet.column(MARGIN + 20.0, Align::Right, "doc-column-number"),
        sheet.column(MARGIN + 28.0, Align::Left, "doc-column-description"),
        sheet.column(right - 170.0, Align::Right, "doc-column-quantity"),
        sheet.column(right - 90.0, Align::Right, "doc-column-unit-price"),
        sheet.column(right, Align::Right, "doc-column-amount"),
    ]
}

/// The message `id` about this invoice or credit memo (`$kind`, `$number`).
fn text(sheet: &Sheet<'_>, invoice: &InvoiceDetail, id: &str) -> String {
    let summary = &invoice.summary;
    sheet.text(id, &[("kind", summary.kind.as_str().into()), ("number", summary.number.as_str().into())])
}

/// `overdue` for an open invoice past its due date, else its status (`doc-invoice-status`).
fn status_key(invoice: &InvoiceDetail) -> &'static str {
    match invoice.summary.status {
        InvoiceStatus::Open if invoice.summary.overdue => "overdue",
        status => status.as_str(),
    }
}

/// The PDF bytes of the invoice.
pub fn render(doc: &InvoicePdf<'_>) -> Vec<u8> {
    let sheet = Sheet::new(doc.dealer, doc.language);
    let columns = columns(&sheet);
    let t = |id| text(&sheet, doc.invoice, id);
    let mut canvas = Canvas::new();
    let y = first_page_header(&mut canvas, &sheet, doc);
    let mut flow = Flow::new(&sheet, &columns, t("doc-invoice-continued"), canvas, y);
    flow.table_header();
    let description_width = columns[QUANTITY].x - 40.0 - columns[DESCRIPTION].x;
    for (i, line) in doc.invoice.lines.iter().enumerate() {
        let line_no = line.line_no.to_string();
        let quantity = line.quantity.to_string();
        let unit_price = sheet.money(&line.unit_price);
        let amount = sheet.money(&line.amount);
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
        flow.canvas.text(Font::Regular, 9.0, columns[DESCRIPTION].x, y, MUTED, &t("doc-no-invoice-lines"));
        flow.y -= 22.0;
    }
    flow.keep_together(TOTALS_HEIGHT);
    let y = flow.y;
    totals(&mut flow.canvas, &sheet, doc, y);
    sheet.assemble(&t("doc-invoice-title"), &t("doc-invoice-issuer"), doc.generated_on, flow.into_pages())
}

/// The branded band, the parties and the invoice's details; returns where the table starts.
fn first_page_header(canvas: &mut Canvas, sheet: &Sheet<'_>, doc: &InvoicePdf<'_>) -> f32 {
    let invoice = &doc.invoice.summary;
    let label = |id| text(sheet, doc.invoice, id);
    sheet.band(canvas, &label("doc-invoice-kind"), &invoice.number);
    let top = sheet.parties(canvas, doc.parties, None);
    let none = || "—".to_string();
    let status = sheet.text("doc-invoice-status", &[("status", status_key(doc.invoice).into())]);
    let rows = [
        [
            (label("doc-detail-number"), invoice.number.clone()),
            (label("doc-detail-date"), sheet.date(invoice.invoice_date)),
            (label("doc-detail-due-date"), invoice.due_date.map(|d| sheet.date(d)).unwrap_or_else(none)),
            (label("doc-status"), status),
        ],
        [
            (label("doc-detail-contract"), invoice.contract_number.clone().unwrap_or_else(none)),
            (label("doc-detail-po"), invoice.po_number.clone().unwrap_or_else(none)),
            (label("doc-detail-job"), invoice.job_number.clone().unwrap_or_else(none)),
            (
                label("doc-detail-branch"),
                invoice.location.as_ref().map(|l| l.name.clone()).unwrap_or_else(none),
            ),
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
    let t = |id| text(sheet, invoice, id);
    for (label, value) in [
        (t("doc-subtotal"), sheet.money(&invoice.subtotal)),
        (t("doc-tax"), sheet.money(&invoice.tax)),
        (t("doc-total"), sheet.money(&summary.total)),
        (t("doc-paid"), sheet.money(&paid)),
    ] {
        canvas.text(Font::Regular, 9.5, label_x, line_y, MUTED, &label);
        canvas.text_right(Font::Regular, 9.5, right, line_y, INK, &value);
        line_y -= 14.0;
    }
    let due_top = line_y + 2.0;
    let box_x = label_x - 10.0;
    canvas.fill_rect(box_x, due_top - 26.0, right + 6.0 - box_x, 26.0, sheet.brand);
    let (label, value) = if credit {
        (t("doc-credit-remaining"), sheet.money(&summary.balance))
    } else {
        (t("doc-amount-due"), sheet.money(&summary.amount_due))
    };
    canvas.text(Font::Bold, 10.5, label_x, due_top - 17.0, sheet.on_brand, &label);
    canvas.text_right(Font::Bold, 12.0, right, due_top - 17.5, sheet.on_brand, &value);
    if summary.pending.minor > 0 {
        let note = sheet.text("doc-pending-payments", &[("amount", sheet.money(&summary.pending).into())]);
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
        render_in(Language::En, lines)
    }

    fn render_in(language: Language, lines: usize) -> Vec<u8> {
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
            language,
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

    #[test]
    fn the_english_labels_read_as_they_always_have() {
        let pdf = render_lines(1);
        let shown = shown_text(&pdf);
        for expected in [
            "DESCRIPTION",
            "UNIT PRICE",
            "DUE DATE",
            "1 Oct 2026",
            "Subtotal",
            "Paid",
            "Amount due",
            "£200.00 paid online is being processed.",
            "Thames Plant Hire · invoice TI-100042",
        ] {
            assert!(shown.iter().any(|s| s == expected), "{expected} in {shown:?}");
        }
        assert!(String::from_utf8_lossy(&pdf).contains("(Thames Plant Hire invoice TI-100042)"), "the title");
    }

    #[test]
    fn spanish_and_french_invoices_have_their_own_labels_and_dates() {
        let spanish = shown_text(&render_in(Language::Es, 1));
        for expected in
            ["FACTURA", "Vencida", "FECHA DE VENCIMIENTO", "31 oct 2026", "Impuestos", "Monto adeudado"]
        {
            assert!(spanish.iter().any(|s| s == expected), "{expected} in {spanish:?}");
        }
        let french = shown_text(&render_in(Language::FrCa, 1));
        for expected in [
            "FACTURE",
            "En souffrance",
            "DATE D’ÉCHÉANCE",
            "1 oct. 2026",
            "Taxes",
            "Montant dû",
            "200,00\u{a0}£ payé en ligne en cours de traitement.",
            "1\u{a0}200,00\u{a0}£",
            "Généré le 23 nov. 2026 — page 1 de 1",
        ] {
            assert!(french.iter().any(|s| s == expected), "{expected} in {french:?}");
        }
    }
}
