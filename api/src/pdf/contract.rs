//! The contract PDF generated when the back office has not uploaded one (C5): the dealer's
//! name in its primary colour, the store and customer, the contract's details, a table of
//! lines over as many pages as it needs, the totals, and a footer on every page.

use chrono::NaiveDate;
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, TextStr};
use shared::branding::{Branding, Terminology};
use shared::contracts::{ContractDetail, ContractLine, LineKind, LineStatus};

use super::{Canvas, Font, Rgb, fit, text_width};
use crate::db::contract_documents::ContractParties;

/// Everything one contract PDF shows.
pub struct ContractPdf<'a> {
    pub dealer: &'a Branding,
    pub parties: &'a ContractParties,
    pub contract: &'a ContractDetail,
    /// The day the document is made, printed in the footer.
    pub generated_on: NaiveDate,
}

const MARGIN: f32 = 40.0;
const FOOTER_Y: f32 = 28.0;
/// Lowest baseline the table may use before it continues on the next page.
const BOTTOM: f32 = 58.0;
const INK: Rgb = Rgb(0.12, 0.14, 0.17);
const MUTED: Rgb = Rgb(0.42, 0.45, 0.5);
const RULE: Rgb = Rgb(0.82, 0.84, 0.87);
const ZEBRA: Rgb = Rgb(0.965, 0.97, 0.975);
const PANEL: Rgb = Rgb(0.955, 0.96, 0.97);
/// Used when a dealer's colour cannot be parsed.
const FALLBACK_BRAND: Rgb = Rgb(0.2, 0.25, 0.32);

/// Column positions of the line table, from the left margin.
struct Columns {
    number_right: f32,
    item: f32,
    item_width: f32,
    quantity_right: f32,
    start: f32,
    end: f32,
    status: f32,
    amount_right: f32,
}

impl Columns {
    fn new(page_width: f32) -> Self {
        let right = page_width - MARGIN - 6.0;
        Self {
            number_right: MARGIN + 20.0,
            item: MARGIN + 28.0,
            item_width: right - 292.0 - (MARGIN + 28.0),
            quantity_right: right - 268.0,
            start: right - 256.0,
            end: right - 192.0,
            status: right - 128.0,
            amount_right: right,
        }
    }
}

/// Page geometry and the words that follow the dealer.
struct Layout<'a> {
    doc: &'a ContractPdf<'a>,
    width: f32,
    height: f32,
    brand: Rgb,
    on_brand: Rgb,
    columns: Columns,
}

impl Layout<'_> {
    fn date(&self, date: NaiveDate) -> String {
        format_date(&self.doc.dealer.locale, date)
    }

    fn hires(&self) -> bool {
        self.doc.dealer.terminology == Terminology::Hires
    }
}

/// The dealer's date style: `Nov 23, 2026` in the US, `23 Nov 2026` elsewhere.
fn format_date(locale: &str, date: NaiveDate) -> String {
    if locale.ends_with("-US") {
        date.format("%b %-d, %Y").to_string()
    } else {
        date.format("%-d %b %Y").to_string()
    }
}

/// Letter paper where dealers use it (US, Canada), A4 everywhere else.
fn page_size(locale: &str) -> (f32, f32) {
    if locale.ends_with("-US") || locale.ends_with("-CA") { (612.0, 792.0) } else { (595.0, 842.0) }
}

/// The PDF bytes of the contract.
pub fn render(doc: &ContractPdf<'_>) -> Vec<u8> {
    let (width, height) = page_size(&doc.dealer.locale);
    let brand = Rgb::parse_hex(&doc.dealer.primary_color).unwrap_or(FALLBACK_BRAND);
    let layout =
        Layout { doc, width, height, brand, on_brand: brand.text_on(), columns: Columns::new(width) };

    let mut pages = Vec::new();
    let mut canvas = Canvas::new();
    let mut y = first_page_header(&mut canvas, &layout);
    y = table_header(&mut canvas, &layout, y);
    for (i, line) in doc.contract.lines.iter().enumerate() {
        let height = row_height(line);
        if y - height < BOTTOM {
            pages.push(canvas);
            canvas = Canvas::new();
            y = continuation_header(&mut canvas, &layout);
            y = table_header(&mut canvas, &layout, y);
        }
        y = table_row(&mut canvas, &layout, line, i, y);
    }
    if doc.contract.lines.is_empty() {
        canvas.text(
            Font::Regular,
            9.0,
            layout.columns.item,
            y - 14.0,
            MUTED,
            "No lines on this contract yet.",
        );
        y -= 22.0;
    }
    // The totals stay together, on a page of their own if the table filled this one.
    if y - TOTALS_HEIGHT < BOTTOM {
        pages.push(canvas);
        canvas = Canvas::new();
        y = continuation_header(&mut canvas, &layout);
    }
    totals(&mut canvas, &layout, y);
    pages.push(canvas);

    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        footer(page, &layout, i + 1, count);
    }
    assemble(doc, &layout, pages)
}

/// Writes the catalog, fonts, document info and one page object plus content per page.
fn assemble(doc: &ContractPdf<'_>, layout: &Layout<'_>, pages: Vec<Canvas>) -> Vec<u8> {
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let first_page = 6;
    let page_refs: Vec<Ref> =
        (0..pages.len()).map(|i| Ref::new(first_page + 2 * i32::try_from(i).unwrap_or(0))).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_refs.iter().copied()).count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    for (font, id) in [(Font::Regular, regular), (Font::Bold, bold)] {
        pdf.type1_font(id).base_font(font.base_font()).encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let title = format!("{} contract {}", doc.dealer.name, doc.contract.summary.number);
    pdf.document_info(info)
        .title(TextStr(&title))
        .author(TextStr(&doc.dealer.name))
        .producer(TextStr("Rental Portal"));
    for (page_ref, canvas) in page_refs.iter().zip(pages) {
        let content_ref = Ref::new(page_ref.get() + 1);
        let mut page = pdf.page(*page_ref);
        page.media_box(Rect::new(0.0, 0.0, layout.width, layout.height));
        page.parent(tree);
        page.contents(content_ref);
        page.resources().fonts().pair(Font::Regular.resource(), regular).pair(Font::Bold.resource(), bold);
        page.finish();
        pdf.stream(content_ref, &canvas.finish());
    }
    pdf.finish()
}

const BAND: f32 = 84.0;

/// The branded band, the parties and the contract's details; returns where the table starts.
fn first_page_header(canvas: &mut Canvas, layout: &Layout<'_>) -> f32 {
    let doc = layout.doc;
    let (w, h) = (layout.width, layout.height);
    let contract = &doc.contract.summary;
    canvas.fill_rect(0.0, h - BAND, w, BAND, layout.brand);
    canvas.text(
        Font::Bold,
        20.0,
        MARGIN,
        h - 42.0,
        layout.on_brand,
        &fit(Font::Bold, 20.0, &doc.dealer.name, w * 0.55),
    );
    let contact: Vec<&str> = [doc.dealer.support_phone.as_deref(), doc.dealer.support_email.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    canvas.text(Font::Regular, 9.0, MARGIN, h - 60.0, layout.on_brand, &contact.join("  ·  "));
    let kind = if layout.hires() { "HIRE CONTRACT" } else { "RENTAL CONTRACT" };
    canvas.text_right(Font::Bold, 9.0, w - MARGIN, h - 36.0, layout.on_brand, kind);
    canvas.text_right(Font::Bold, 18.0, w - MARGIN, h - 58.0, layout.on_brand, &contract.number);

    // Customer on the left, the store on the right.
    let top = h - BAND - 26.0;
    let half = (w - 2.0 * MARGIN) / 2.0;
    let right = MARGIN + half + 12.0;
    let parties = doc.parties;
    canvas.text(Font::Bold, 7.5, MARGIN, top, MUTED, "CUSTOMER");
    canvas.text(
        Font::Bold,
        12.0,
        MARGIN,
        top - 16.0,
        INK,
        &fit(Font::Bold, 12.0, &parties.customer_name, half - 12.0),
    );
    let mut customer_y = top - 30.0;
    let account = format!("Account {}", parties.account_number);
    let ordered_by = doc.contract.ordered_by.as_deref().map(|name| format!("Ordered by {name}"));
    for (detail, color) in [
        (Some(account.as_str()), INK),
        (parties.customer_address.as_deref(), INK),
        (ordered_by.as_deref(), MUTED),
    ] {
        if let Some(detail) = detail {
            canvas.text(
                Font::Regular,
                9.0,
                MARGIN,
                customer_y,
                color,
                &fit(Font::Regular, 9.0, detail, half - 12.0),
            );
            customer_y -= 13.0;
        }
    }
    canvas.text(Font::Bold, 7.5, right, top, MUTED, "STORE");
    canvas.text(
        Font::Bold,
        12.0,
        right,
        top - 16.0,
        INK,
        &fit(Font::Bold, 12.0, &parties.store_name, half - 12.0),
    );
    let mut store_y = top - 30.0;
    for detail in
        [parties.store_address.as_deref(), parties.store_phone.as_deref(), parties.store_email.as_deref()]
            .into_iter()
            .flatten()
    {
        canvas.text(Font::Regular, 9.0, right, store_y, INK, &fit(Font::Regular, 9.0, detail, half - 12.0));
        store_y -= 13.0;
    }

    // Details panel: two rows of four cells, then the job site across.
    let panel_top = top - 66.0;
    let panel_height = 92.0;
    canvas.fill_rect(MARGIN, panel_top - panel_height, w - 2.0 * MARGIN, panel_height, PANEL);
    let cell = (w - 2.0 * MARGIN - 24.0) / 4.0;
    let none = "—".to_string();
    let status = contract.status.label().to_string();
    let start = layout.date(contract.start_date);
    let close = contract.close_date.map(|d| layout.date(d)).unwrap_or_else(|| none.clone());
    let job = contract.job_number.clone().unwrap_or_else(|| none.clone());
    let po = contract.po_number.clone().unwrap_or_else(|| none.clone());
    let location = contract.location.name.clone();
    let updated = layout.date(doc.contract.updated_at.date_naive());
    let cells: [[(&str, &String); 4]; 2] = [
        [("CONTRACT", &contract.number), ("STATUS", &status), ("START DATE", &start), ("CLOSE DATE", &close)],
        [("JOB", &job), ("PO", &po), ("BRANCH", &location), ("LAST UPDATED", &updated)],
    ];
    for (row, entries) in cells.iter().enumerate() {
        let y = panel_top - 16.0 - row as f32 * 28.0;
        for (col, (label, value)) in entries.iter().enumerate() {
            let x = MARGIN + 12.0 + col as f32 * cell;
            canvas.text(Font::Bold, 7.0, x, y, MUTED, label);
            canvas.text(Font::Regular, 9.5, x, y - 12.0, INK, &fit(Font::Regular, 9.5, value, cell - 8.0));
        }
    }
    let site_y = panel_top - 72.0;
    canvas.text(Font::Bold, 7.0, MARGIN + 12.0, site_y, MUTED, "JOB SITE");
    let site = contract.job_site.clone().unwrap_or(none);
    canvas.text(
        Font::Regular,
        9.5,
        MARGIN + 12.0,
        site_y - 12.0,
        INK,
        &fit(Font::Regular, 9.5, &site, w - 2.0 * MARGIN - 24.0),
    );
    panel_top - panel_height - 18.0
}

/// A slim band on the pages after the first; returns where the content starts.
fn continuation_header(canvas: &mut Canvas, layout: &Layout<'_>) -> f32 {
    let (w, h) = (layout.width, layout.height);
    canvas.fill_rect(0.0, h - 40.0, w, 40.0, layout.brand);
    canvas.text(
        Font::Bold,
        12.0,
        MARGIN,
        h - 25.0,
        layout.on_brand,
        &fit(Font::Bold, 12.0, &layout.doc.dealer.name, w * 0.5),
    );
    let label = format!("Contract {} (continued)", layout.doc.contract.summary.number);
    canvas.text_right(Font::Regular, 9.0, w - MARGIN, h - 25.0, layout.on_brand, &label);
    h - 40.0 - 24.0
}

const HEAD_HEIGHT: f32 = 20.0;

/// The table's column titles on a tinted bar whose top is `y`; returns the first row's top.
fn table_header(canvas: &mut Canvas, layout: &Layout<'_>, y: f32) -> f32 {
    let c = &layout.columns;
    let tint = layout.brand.tint(0.85);
    canvas.fill_rect(MARGIN, y - HEAD_HEIGHT, layout.width - 2.0 * MARGIN, HEAD_HEIGHT, tint);
    let base = y - 13.5;
    let ink = INK;
    // The return column holds the expected date until the item is back, then the actual one;
    // the status column says which.
    let (start, end) = if layout.hires() { ("ON HIRE", "RETURN") } else { ("OUT", "RETURN") };
    canvas.text_right(Font::Bold, 7.5, c.number_right, base, ink, "#");
    canvas.text(Font::Bold, 7.5, c.item, base, ink, "ITEM");
    canvas.text_right(Font::Bold, 7.5, c.quantity_right, base, ink, "QTY");
    canvas.text(Font::Bold, 7.5, c.start, base, ink, start);
    canvas.text(Font::Bold, 7.5, c.end, base, ink, end);
    canvas.text(Font::Bold, 7.5, c.status, base, ink, "STATUS");
    canvas.text_right(Font::Bold, 7.5, c.amount_right, base, ink, "AMOUNT");
    y - HEAD_HEIGHT
}

/// Rows with a second line of detail (item code, serial, rates) are taller.
fn row_height(line: &ContractLine) -> f32 {
    if detail_text(line).is_empty() { 18.0 } else { 28.0 }
}

/// The small print under a line's description: item code, serial and rates.
fn detail_text(line: &ContractLine) -> String {
    let mut parts = Vec::new();
    if let Some(code) = line.item_code.as_deref() {
        parts.push(code.to_string());
    }
    if let Some(serial) = line.serial_number.as_deref() {
        parts.push(format!("Serial {serial}"));
    }
    for (label, rate) in
        [("Day", &line.daily_rate), ("Week", &line.weekly_rate), ("Month", &line.monthly_rate)]
    {
        if let Some(rate) = rate {
            parts.push(format!("{label} {}", rate.display()));
        }
    }
    if line.kind == LineKind::Sale {
        parts.push("Sale".into());
    }
    parts.join("  ·  ")
}

fn status_label(layout: &Layout<'_>, status: Option<LineStatus>) -> &'static str {
    match (status, layout.hires()) {
        (None, _) => "",
        (Some(LineStatus::Reserved), _) => "Reserved",
        (Some(LineStatus::Out), false) => "On rent",
        (Some(LineStatus::Out), true) => "On hire",
        (Some(LineStatus::CalledOff), false) => "Called off",
        (Some(LineStatus::CalledOff), true) => "Off-hired",
        (Some(LineStatus::Returned), _) => "Returned",
    }
}

/// One line of the contract whose top is `y`; returns the next row's top.
fn table_row(canvas: &mut Canvas, layout: &Layout<'_>, line: &ContractLine, index: usize, y: f32) -> f32 {
    let c = &layout.columns;
    let height = row_height(line);
    if index % 2 == 1 {
        canvas.fill_rect(MARGIN, y - height, layout.width - 2.0 * MARGIN, height, ZEBRA);
    }
    let base = y - 12.5;
    canvas.text_right(Font::Regular, 8.5, c.number_right, base, MUTED, &line.line_no.to_string());
    canvas.text(Font::Bold, 8.5, c.item, base, INK, &fit(Font::Bold, 8.5, &line.description, c.item_width));
    canvas.text_right(Font::Regular, 8.5, c.quantity_right, base, INK, &line.quantity.to_string());
    // Sales and fees have no period on rent: their date would only repeat the contract's.
    if line.kind == LineKind::Rental {
        if let Some(start) = line.start_date {
            canvas.text(Font::Regular, 8.5, c.start, base, INK, &layout.date(start));
        }
        if let Some(end) = line.returned_on.or(line.expected_return) {
            canvas.text(Font::Regular, 8.5, c.end, base, INK, &layout.date(end));
        }
    }
    canvas.text(Font::Regular, 8.5, c.status, base, INK, status_label(layout, line.status));
    canvas.text_right(Font::Bold, 8.5, c.amount_right, base, INK, &line.amount.display());
    let detail = detail_text(line);
    if !detail.is_empty() {
        let max = c.amount_right - c.item;
        canvas.text(Font::Regular, 7.0, c.item, base - 11.0, MUTED, &fit(Font::Regular, 7.0, &detail, max));
    }
    canvas.line((MARGIN, y - height), (layout.width - MARGIN, y - height), 0.4, RULE);
    y - height
}

const TOTALS_HEIGHT: f32 = 70.0;

/// The contract's total and what is still due, right-aligned under the table.
fn totals(canvas: &mut Canvas, layout: &Layout<'_>, y: f32) {
    let summary = &layout.doc.contract.summary;
    let right = layout.columns.amount_right;
    let label_x = right - 190.0;
    let first = y - 20.0;
    canvas.text(Font::Regular, 9.5, label_x, first, MUTED, "Contract total");
    canvas.text_right(Font::Regular, 9.5, right, first, INK, &summary.amount.display());
    let due_top = first - 12.0;
    let box_x = label_x - 10.0;
    canvas.fill_rect(box_x, due_top - 26.0, right + 6.0 - box_x, 26.0, layout.brand);
    canvas.text(Font::Bold, 10.5, label_x, due_top - 17.0, layout.on_brand, "Amount due");
    canvas.text_right(
        Font::Bold,
        12.0,
        right,
        due_top - 17.5,
        layout.on_brand,
        &summary.amount_due.display(),
    );
    let note = if layout.hires() {
        "Hire charges run until the items are off-hired and collected."
    } else {
        "Rental charges run until the items are called off and picked up."
    };
    let note_width = text_width(Font::Regular, 7.5, note);
    canvas.text(Font::Regular, 7.5, right - note_width, due_top - 40.0, MUTED, note);
    if let Some(notes) = layout.doc.contract.notes.as_deref() {
        canvas.text(Font::Bold, 7.0, MARGIN, first, MUTED, "NOTES");
        canvas.text(
            Font::Regular,
            8.5,
            MARGIN,
            first - 12.0,
            INK,
            &fit(Font::Regular, 8.5, notes, box_x - MARGIN - 12.0),
        );
    }
}

/// "Generated <date> — page N of M" and who issued the document.
fn footer(canvas: &mut Canvas, layout: &Layout<'_>, page: usize, pages: usize) {
    let w = layout.width;
    canvas.line((MARGIN, FOOTER_Y + 12.0), (w - MARGIN, FOOTER_Y + 12.0), 0.5, RULE);
    let issuer = format!("{} · {}", layout.doc.dealer.name, layout.doc.contract.summary.number);
    canvas.text(Font::Regular, 7.5, MARGIN, FOOTER_Y, MUTED, &issuer);
    let generated = format!("Generated {} — page {page} of {pages}", layout.date(layout.doc.generated_on));
    canvas.text_right(Font::Regular, 7.5, w - MARGIN, FOOTER_Y, MUTED, &generated);
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use shared::branding::Terminology;
    use shared::contracts::{ContractStatus, ContractSummary, LocationRef};
    use shared::money::{Currency, Money};
    use uuid::Uuid;

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
            currency: Currency::Usd,
            support_phone: Some("(303) 555-0100".into()),
            support_email: Some("rentals@summit.example".into()),
            welcome_message: None,
        }
    }

    fn parties() -> ContractParties {
        ContractParties {
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
                number: "S-000042".into(),
                status: ContractStatus::Open,
                location: LocationRef { id: Uuid::nil(), name: "Denver".into() },
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
                    line_no: i32::try_from(i + 1).unwrap(),
                    kind: LineKind::Rental,
                    item_code: Some("EXC-35".into()),
                    description: "Mini excavator 3.5t".into(),
                    serial_number: Some(format!("EXC-35-{i:05}")),
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

    fn render_lines(lines: usize) -> Vec<u8> {
        let dealer = dealer(Terminology::Rentals);
        let parties = parties();
        let contract = contract(lines);
        render(&ContractPdf {
            dealer: &dealer,
            parties: &parties,
            contract: &contract,
            generated_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        })
    }

    /// The page count the page tree declares.
    fn page_count(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf);
        let at = text.find("/Count ").expect("page tree") + "/Count ".len();
        text[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
    }

    /// Every string the content streams show, decoded back from WinAnsi (enough of it for
    /// these tests: ASCII, and `·` / `—` as themselves).
    fn shown_text(pdf: &[u8]) -> Vec<String> {
        let decode_byte = |b: u8| match b {
            0xB7 => '·',
            0x97 => '—',
            0x85 => '…',
            b if b.is_ascii() => char::from(b),
            _ => '?',
        };
        String::from_utf8_lossy(pdf)
            .lines()
            .filter_map(|line| line.strip_suffix(" Tj"))
            .map(|op| {
                if let Some(hex) = op.strip_prefix('<').and_then(|h| h.strip_suffix('>')) {
                    (0..hex.len() / 2)
                        .map(|i| decode_byte(u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()))
                        .collect()
                } else {
                    let literal = op.strip_prefix('(').and_then(|l| l.strip_suffix(')')).unwrap();
                    literal.replace("\\(", "(").replace("\\)", ")").replace("\\\\", "\\")
                }
            })
            .collect()
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
    fn dates_follow_the_dealer() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        assert_eq!(format_date("en-US", day), "Mar 4, 2026");
        assert_eq!(format_date("en-GB", day), "4 Mar 2026");
        assert_eq!(page_size("en-GB"), (595.0, 842.0));
    }
}
