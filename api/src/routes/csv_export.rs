//! CSV exports: spreadsheet formula-injection neutralising, row encoding, content
//! negotiation (`Accept: text/csv`) and the streamed response every list export uses.

use std::borrow::Cow;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use bytes::Bytes;
use futures_util::TryStreamExt;

use crate::db::sql::RowStream;
use crate::error::ApiError;

/// Bytes of encoded rows gathered before they are handed to the connection: large enough
/// that each write carries many rows, small enough that the first bytes leave at once.
const CSV_FLUSH_BYTES: usize = 32 * 1024;

/// Where a list's rows are encoded: one writer for the whole export, so a row costs its
/// fields and nothing more (a writer per row allocated and zeroed its 8 KB buffer each time).
pub type CsvWriter = csv::Writer<Vec<u8>>;

/// True when the client asked for CSV on a list endpoint (`Accept: text/csv`).
pub fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.split(',').any(|part| part.trim().starts_with("text/csv")))
}

/// Streams a whole list as CSV: a UTF-8 byte-order mark (so spreadsheet apps read £ and
/// accents correctly), the `header` row, then every row of `rows` (one streamed query:
/// `crate::db::sql::stream_rows`), each written by `row` with [`write_row`], handed on in
/// batches of about [`CSV_FLUSH_BYTES`]. Memory stays flat however long the list, and a slow
/// client slows the query rather than filling the server's memory. A row that fails midway
/// is logged and aborts the response (no closing chunk), so the client sees a failed
/// download rather than a short file.
pub fn stream_csv<T: 'static>(
    filename: String,
    header: &'static [&'static str],
    mut rows: RowStream<T>,
    row: fn(&T, &mut CsvWriter) -> Result<(), csv::Error>,
) -> HttpResponse {
    let name = filename.clone();
    let stream = async_stream::try_stream! {
        let mut out = writer(b"\xEF\xBB\xBF".to_vec());
        out.write_record(header).map_err(csv_failed)?;
        yield Bytes::from(take(&mut out)?);
        let mut written = 0_u64;
        while let Some(item) = rows.try_next().await.inspect_err(|error| {
            // The status line may be out already: the connection ends without the closing
            // chunk, so the client sees a failed download, never a short whole file.
            tracing::error!(?error, file = %name, written, "CSV export failed midway; download aborted");
        })? {
            row(&item, &mut out).map_err(csv_failed)?;
            written += 1;
            // The writer moves its 8 KB buffer into its bytes each time it fills.
            if out.get_ref().len() >= CSV_FLUSH_BYTES {
                yield Bytes::from(take(&mut out)?);
            }
        }
        let rest = take(&mut out)?;
        if !rest.is_empty() {
            yield Bytes::from(rest);
        }
    };
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .insert_header(("Cache-Control", "no-store"))
        .streaming::<_, ApiError>(stream)
}

/// A writer of RFC 4180 records (quoted where needed, CRLF line ends) after `start`.
fn writer(start: Vec<u8>) -> CsvWriter {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(start)
}

/// Everything written so far, leaving a fresh writer (once a batch, not once a row).
fn take(out: &mut CsvWriter) -> Result<Vec<u8>, ApiError> {
    let full = std::mem::replace(out, writer(Vec::with_capacity(CSV_FLUSH_BYTES + 8 * 1024)));
    full.into_inner().map_err(|e| csv_failed(e.into_error().into()))
}

fn csv_failed(error: csv::Error) -> ApiError {
    ApiError::Internal(error.into())
}

/// Writes one record of `fields` (borrowed where the row already holds the text).
pub fn write_row(out: &mut CsvWriter, fields: &[Cow<'_, str>]) -> Result<(), csv::Error> {
    out.write_record(fields.iter().map(|field| field.as_bytes()))
}

/// Makes a text cell safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return would start a formula (OWASP "CSV injection"), so it gets a `'` prefix.
pub fn safe_text(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

/// A date cell (`2026-03-05`); empty when there is none.
pub fn date_cell(date: Option<chrono::NaiveDate>) -> Cow<'static, str> {
    date.map(|d| Cow::Owned(d.to_string())).unwrap_or_default()
}

/// A text cell of an optional value, made safe as [`safe_text`] does; empty when absent.
pub fn safe_opt(value: Option<&str>) -> Cow<'_, str> {
    value.map(safe_text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An export whose second fetch fails, served over real TCP as production serves it
    /// (compression included): the client must see a failed download, not a short file
    /// that ends like a whole one.
    #[actix_web::test]
    async fn an_export_failing_midway_is_a_failed_download() {
        use actix_web::{App, HttpServer, middleware, web};

        async fn export() -> HttpResponse {
            // Enough rows to fill a few batches, then the database goes away.
            let rows = async_stream::try_stream! {
                for n in 0..20_000_u32 {
                    yield n;
                }
                // Long enough for the first rows to be on the wire.
                actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
                Err(sqlx::Error::PoolClosed)?;
            };
            stream_csv("x.csv".into(), &["n"], Box::pin(rows), |n, out| {
                write_row(out, &[n.to_string().into()])
            })
        }
        let server = HttpServer::new(|| {
            App::new().wrap(middleware::Compress::default()).route("/x.csv", web::get().to(export))
        })
        .workers(1)
        .bind(("127.0.0.1", 0))
        .unwrap();
        let port = server.addrs()[0].port();
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);

        for encoding in ["identity", "gzip"] {
            let response = reqwest::Client::new()
                .get(format!("http://127.0.0.1:{port}/x.csv"))
                .header("Accept-Encoding", encoding)
                .send()
                .await;
            // The connection ends without the closing chunk: whether the status line had
            // gone out yet or not, the download fails.
            let read = match response {
                Ok(response) => response.bytes().await.map(|b| b.len()),
                Err(err) => Err(err),
            };
            assert!(read.is_err(), "{encoding}: a failed export must not read as a whole file: {read:?}");
        }
        handle.stop(false).await;
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(safe_text("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(safe_text("+1"), "'+1");
        assert_eq!(safe_text("-2"), "'-2");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("JOB-12"), "JOB-12");
        assert_eq!(safe_text(""), "");
    }

    #[test]
    fn quotes_commas_and_newlines() {
        let mut out = writer(Vec::new());
        write_row(&mut out, &["a,b".into(), "say \"hi\"".into(), "line\nbreak".into(), "plain".into()])
            .unwrap();
        write_row(&mut out, &["".into(), "x".into(), "".into(), "".into()]).unwrap();
        let bytes = out.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",plain\r\n,x,,\r\n"
        );
    }
}
