//! What every generated document shares: the page size and date style of the dealer's
//! country, the branded band with the document's kind and number, the customer and store
//! columns, the details panel, a table that flows over as many pages as it needs (slim
//! band and column titles repeated), the numbered footer, and the PDF file itself.
//!
//! A document is written in its reader's language (`crate::i18n::reader_language`): every
//! label comes from the catalogue's `server-documents.ftl`, with the dealer's name and words
//! as `$dealer` and `$terms`.

use chrono::NaiveDate;
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, TextStr};
use shared::branding::Branding;
use shared::i18n::{FluentValue, Language};
use shared::money::Money;

use super::{Canvas, Font, Rgb, fit};

pub const MARGIN: f32 = 40.0;
const FOOTER_Y: f32 = 28.0;
/// Lowest baseline the table may use before it continues on the next page.
pub const BOTTOM: f32 = 58.0;
pub const INK: Rgb = Rgb(0.12, 0.14, 0.17);
pub const MUTED: Rgb = Rgb(0.42, 0.45, 0.5);
pub const RULE: Rgb = Rgb(0.82, 0.84, 0.87);
const ZEBRA: Rgb = Rgb(0.965, 0.97, 0.975);
const PANEL: Rgb = Rgb(0.955, 0.96, 0.97);
/// Used when a dealer's colour cannot be parsed.
const FALLBACK_BRAND: Rgb = Rgb(0.2, 0.25, 0.32);
const BAND: f32 = 84.0;
const HEAD_HEIGHT: f32 = 20.0;

/// Who a document is between: the customer and the store that serves it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Parties {
    pub customer_name: String,
    pub account_number: String,
    pub customer_address: Option<String>,
    pub store_name: String,
    pub store_address: Option<String>,
    pub store_phone: Option<String>,
    pub store_email: Option<String>,
}

/// A date as the document's reader writes it: in English the dealer's style (`Nov 23, 2026`
/// in the US, `23 Nov 2026` elsewhere), in Spanish and French their own (`23 nov 2026`,
/// `23 nov. 2026`).
pub fn format_date(language: Language, locale: &str, date: NaiveDate) -> String {
    match language {
        Language::En if locale.ends_with("-US") => date.format("%b %-d, %Y").to_string(),
        Language::En => date.format("%-d %b %Y").to_string(),
        _ => shared::i18n::format_date(language, locale, date),
    }
}

/// Letter paper where dealers use it (US, Canada), A4 everywhere else.
pub fn page_size(locale: &str) -> (f32, f32) {
    if locale.ends_with("-US") || locale.ends_with("-CA") { (612.0, 792.0) } else { (595.0, 842.0) }
}

/// How a table column is aligned on its `x` (its left edge, or its right edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column of a document's table: where it sits and its title.
#[derive(Debug, Clone)]
pub struct Column {
    pub x: f32,
    pub align: Align,
    pub title: String,
}

/// One cell of a table row.
pub struct Cell<'a> {
    pub column: usize,
    pub font: Font,
    pub color: Rgb,
    pub text: &'a str,
    /// Shortened with an ellipsis to this width, when set.
    pub max_width: Option<f32>,
}

/// The page geometry, colours and language of one dealer's documents.
pub struct Sheet<'a> {
    pub dealer: &'a Branding,
    pub language: Language,
    pub width: f32,
    pub height: f32,
    pub brand: Rgb,
    pub on_brand: Rgb,
}

impl<'a> Sheet<'a> {
    pub fn new(dealer: &'a Branding, language: Language) -> Self {
        let (width, height) = page_size(&dealer.locale);
        let brand = Rgb::parse_hex(&dealer.primary_color).unwrap_or(FALLBACK_BRAND);
        Self { dealer, language, width, height, brand, on_brand: brand.text_on() }
    }

    pub fn date(&self, date: NaiveDate) -> String {
        format_date(self.language, &self.dealer.locale, date)
    }

    /// An amount as the document's reader writes it (`1 234,50 $` in French).
    pub fn money(&self, amount: &Money) -> String {
        amount.display_in(self.language)
    }

    /// The message `id` in the document's language, with `args` and the dealer's name and
    /// words (`$dealer`, `$terms`).
    pub fn text(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        crate::i18n::dealer_text(self.language, &self.dealer.name, self.dealer.terminology, id, args)
    }

    /// A column of the document's table, titled by the message `title`.
    pub fn column(&self, x: f32, align: Align, title: &str) -> Column {
        Column { x, align, title: self.text(title, &[]) }
    }

    /// The right edge of the table's last column.
    pub fn table_right(&self) -> f32 {
        self.width - MARGIN - 6.0
    }

    /// The branded band of the first page: the dealer's name and contact, the document's
    /// `kind` (e.g. `INVOICE`) and `number`. Returns the band's bottom.
    pub fn band(&self, canvas: &mut Canvas, kind: &str, number: &str) -> f32 {
        let (w, h) = (self.width, self.height);
        canvas.fill_rect(0.0, h - BAND, w, BAND, self.brand);
        let name = fit(Font::Bold, 20.0, &self.dealer.name, w * 0.55);
        canvas.text(Font::Bold, 20.0, MARGIN, h - 42.0, self.on_brand, &name);
        let contact: Vec<&str> = [self.dealer.support_phone.as_deref(), self.dealer.support_email.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        canvas.text(Font::Regular, 9.0, MARGIN, h - 60.0, self.on_brand, &contact.join("  ·  "));
        canvas.text_right(Font::Bold, 9.0, w - MARGIN, h - 36.0, self.on_brand, kind);
        canvas.text_right(Font::Bold, 18.0, w - MARGIN, h - 58.0, self.on_brand, number);
        h - BAND
    }

    /// The customer on the left, the store on the right, under the band; `extra` lines go
    /// under the customer's address in the muted colour. Returns where the next block starts.
    pub fn parties(&self, canvas: &mut Canvas, parties: &Parties, extra: Option<&str>) -> f32 {
        let top = self.height - BAND - 26.0;
        let half = (self.width - 2.0 * MARGIN) / 2.0;
        let right = MARGIN + half + 12.0;
        canvas.text(Font::Bold, 7.5, MARGIN, top, MUTED, &self.text("doc-customer", &[]));
        let customer = fit(Font::Bold, 12.0, &parties.customer_name, half - 12.0);
        canvas.text(Font::Bold, 12.0, MARGIN, top - 16.0, INK, &customer);
        let mut customer_y = top - 30.0;
        let account = self.text("doc-account", &[("number", parties.account_number.as_str().into())]);
        for (detail, color) in
            [(Some(account.as_str()), INK), (parties.customer_address.as_deref(), INK), (extra, MUTED)]
        {
            if let Some(detail) = detail {
                let text = fit(Font::Regular, 9.0, detail, half - 12.0);
                canvas.text(Font::Regular, 9.0, MARGIN, customer_y, color, &text);
                customer_y -= 13.0;
            }
        }
        canvas.text(Font::Bold, 7.5, right, top, MUTED, &self.text("doc-store", &[]));
        let store = fit(Font::Bold, 12.0, &parties.store_name, half - 12.0);
        canvas.text(Font::Bold, 12.0, right, top - 16.0, INK, &store);
        let mut store_y = top - 30.0;
        for detail in
            [parties.store_address.as_deref(), parties.store_phone.as_deref(), parties.store_email.as_deref()]
                .into_iter()
                .flatten()
        {
            canvas.text(
                Font::Regular,
                9.0,
                right,
                store_y,
                INK,
                &fit(Font::Regular, 9.0, detail, half - 12.0),
            );
            store_y -= 13.0;
        }
        top - 66.0
    }

    /// A tinted panel of labelled values whose top is `top`: rows of four cells, then
    /// optionally one value across the whole width. Returns where the table starts.
    pub fn details_panel(
        &self,
        canvas: &mut Canvas,
        top: f32,
        rows: &[[(String, String); 4]],
        across: Option<(String, String)>,
    ) -> f32 {
        let w = self.width;
        let rows_height = rows.len() as f32 * 28.0;
        let height = 8.0 + rows_height + if across.is_some() { 28.0 } else { 0.0 };
        canvas.fill_rect(MARGIN, top - height, w - 2.0 * MARGIN, height, PANEL);
        let cell = (w - 2.0 * MARGIN - 24.0) / 4.0;
        for (row, entries) in rows.iter().enumerate() {
            let y = top - 16.0 - row as f32 * 28.0;
            for (col, (label, value)) in entries.iter().enumerate() {
                let x = MARGIN + 12.0 + col as f32 * cell;
                canvas.text(Font::Bold, 7.0, x, y, MUTED, label);
                canvas.text(
                    Font::Regular,
                    9.5,
                    x,
                    y - 12.0,
                    INK,
                    &fit(Font::Regular, 9.5, value, cell - 8.0),
                );
            }
        }
        if let Some((label, value)) = across {
            let y = top - 16.0 - rows_height;
            canvas.text(Font::Bold, 7.0, MARGIN + 12.0, y, MUTED, &label);
            let text = fit(Font::Regular, 9.5, &value, w - 2.0 * MARGIN - 24.0);
            canvas.text(Font::Regular, 9.5, MARGIN + 12.0, y - 12.0, INK, &text);
        }
        top - height - 18.0
    }

    /// A slim band on the pages after the first, naming the document (`label`); returns
    /// where the content starts.
    pub fn continuation_header(&self, canvas: &mut Canvas, label: &str) -> f32 {
        let (w, h) = (self.width, self.height);
        canvas.fill_rect(0.0, h - 40.0, w, 40.0, self.brand);
        let name = fit(Font::Bold, 12.0, &self.dealer.name, w * 0.5);
        canvas.text(Font::Bold, 12.0, MARGIN, h - 25.0, self.on_brand, &name);
        canvas.text_right(Font::Regular, 9.0, w - MARGIN, h - 25.0, self.on_brand, label);
        h - 40.0 - 24.0
    }

    /// The table's column titles on a tinted bar whose top is `y`; returns the first row's top.
    pub fn table_header(&self, canvas: &mut Canvas, columns: &[Column], y: f32) -> f32 {
        let tint = self.brand.tint(0.85);
        canvas.fill_rect(MARGIN, y - HEAD_HEIGHT, self.width - 2.0 * MARGIN, HEAD_HEIGHT, tint);
        let base = y - 13.5;
        for column in columns {
            match column.align {
                Align::Left => canvas.text(Font::Bold, 7.5, column.x, base, INK, &column.title),
                Align::Right => canvas.text_right(Font::Bold, 7.5, column.x, base, INK, &column.title),
            }
        }
        y - HEAD_HEIGHT
    }

    /// One row of a table whose top is `y`, zebra-striped by `index`, with an optional line
    /// of small print under the cell of `detail.0`; returns the next row's top.
    pub fn table_row(
        &self,
        canvas: &mut Canvas,
        columns: &[Column],
        cells: &[Cell<'_>],
        detail: Option<(usize, &str)>,
        index: usize,
        y: f32,
    ) -> f32 {
        let height = row_height(detail.is_some());
        if index % 2 == 1 {
            canvas.fill_rect(MARGIN, y - height, self.width - 2.0 * MARGIN, height, ZEBRA);
        }
        let base = y - 12.5;
        for cell in cells {
            let Some(column) = columns.get(cell.column) else { continue };
            let text = match cell.max_width {
                Some(max) => fit(cell.font, 8.5, cell.text, max),
                None => cell.text.to_string(),
            };
            match column.align {
                Align::Left => canvas.text(cell.font, 8.5, column.x, base, cell.color, &text),
                Align::Right => canvas.text_right(cell.font, 8.5, column.x, base, cell.color, &text),
            }
        }
        if let Some((column, text)) = detail
            && let Some(column) = columns.get(column)
        {
            let max = self.table_right() - column.x;
            canvas.text(
                Font::Regular,
                7.0,
                column.x,
                base - 11.0,
                MUTED,
                &fit(Font::Regular, 7.0, text, max),
            );
        }
        canvas.line((MARGIN, y - height), (self.width - MARGIN, y - height), 0.4, RULE);
        y - height
    }

    /// "Generated <date> — page N of M" and who issued the document (`issuer`).
    fn footer(&self, canvas: &mut Canvas, issuer: &str, generated_on: NaiveDate, page: usize, pages: usize) {
        let w = self.width;
        canvas.line((MARGIN, FOOTER_Y + 12.0), (w - MARGIN, FOOTER_Y + 12.0), 0.5, RULE);
        canvas.text(Font::Regular, 7.5, MARGIN, FOOTER_Y, MUTED, issuer);
        let generated = self.text(
            "doc-footer",
            &[("date", self.date(generated_on).into()), ("page", page.into()), ("pages", pages.into())],
        );
        canvas.text_right(Font::Regular, 7.5, w - MARGIN, FOOTER_Y, MUTED, &generated);
    }

    /// Footers on every page, then the catalog, fonts, document info and one page object
    /// plus content per page.
    pub fn assemble(
        &self,
        title: &str,
        issuer: &str,
        generated_on: NaiveDate,
        mut pages: Vec<Canvas>,
    ) -> Vec<u8> {
        let count = pages.len();
        for (i, page) in pages.iter_mut().enumerate() {
            self.footer(page, issuer, generated_on, i + 1, count);
        }
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
        pdf.document_info(info)
            .title(TextStr(title))
            .author(TextStr(&self.dealer.name))
            .producer(TextStr("Rental Portal"));
        for (page_ref, canvas) in page_refs.iter().zip(pages) {
            let content_ref = Ref::new(page_ref.get() + 1);
            let mut page = pdf.page(*page_ref);
            page.media_box(Rect::new(0.0, 0.0, self.width, self.height));
            page.parent(tree);
            page.contents(content_ref);
            page.resources()
                .fonts()
                .pair(Font::Regular.resource(), regular)
                .pair(Font::Bold.resource(), bold);
            page.finish();
            pdf.stream(content_ref, &canvas.finish());
        }
        pdf.finish()
    }
}

/// Rows with a second line of small print are taller.
pub fn row_height(with_detail: bool) -> f32 {
    if with_detail { 28.0 } else { 18.0 }
}

/// A document's pages as they fill: a table that breaks onto new pages (each opening with
/// the slim band and the column titles again), then blocks that must stay together.
pub struct Flow<'s, 'a> {
    sheet: &'s Sheet<'a>,
    columns: &'s [Column],
    continued: String,
    pages: Vec<Canvas>,
    pub canvas: Canvas,
    pub y: f32,
}

impl<'s, 'a> Flow<'s, 'a> {
    /// A flow whose first page is `canvas`, filled down to `y`; later pages say `continued`.
    pub fn new(
        sheet: &'s Sheet<'a>,
        columns: &'s [Column],
        continued: String,
        canvas: Canvas,
        y: f32,
    ) -> Self {
        Self { sheet, columns, continued, pages: Vec::new(), canvas, y }
    }

    fn new_page(&mut self) {
        let full = std::mem::take(&mut self.canvas);
        self.pages.push(full);
        self.y = self.sheet.continuation_header(&mut self.canvas, &self.continued);
    }

    /// The column titles at the current position.
    pub fn table_header(&mut self) {
        self.y = self.sheet.table_header(&mut self.canvas, self.columns, self.y);
    }

    /// One table row, on a new page (with the titles again) if it does not fit here.
    pub fn row(&mut self, cells: &[Cell<'_>], detail: Option<(usize, &str)>, index: usize) {
        if self.y - row_height(detail.is_some()) < BOTTOM {
            self.new_page();
            self.table_header();
        }
        self.y = self.sheet.table_row(&mut self.canvas, self.columns, cells, detail, index, self.y);
    }

    /// Makes room for a block `height` tall that must stay on one page.
    pub fn keep_together(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    /// Every page, the current one last.
    pub fn into_pages(mut self) -> Vec<Canvas> {
        self.pages.push(self.canvas);
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_paper_follow_the_dealer_and_the_reader() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        assert_eq!(format_date(Language::En, "en-US", day), "Mar 4, 2026");
        assert_eq!(format_date(Language::En, "en-GB", day), "4 Mar 2026");
        assert_eq!(format_date(Language::En, "en-CA", day), "4 Mar 2026");
        assert_eq!(format_date(Language::Es, "en-US", day), "4 mar 2026");
        assert_eq!(format_date(Language::FrCa, "en-US", day), "4 mars 2026");
        assert_eq!(page_size("en-GB"), (595.0, 842.0));
        assert_eq!(page_size("en-US"), (612.0, 792.0));
    }
}
