//! CSV exports: spreadsheet formula-injection neutralising, row encoding, content
//! negotiation (`Accept: text/csv`) and the streamed response every list export uses.

use std::future::Future;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use bytes::Bytes;

use crate::error::ApiError;

/// Rows fetched per round trip while streaming an export.
pub const CSV_CHUNK: u32 = 500;

/// True when the client asked for CSV on a list endpoint (`Accept: text/csv`).
pub fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.split(',').any(|part| part.trim().starts_with("text/csv")))
}

/// Streams a whole list as CSV: a UTF-8 byte-order mark (so spreadsheet apps read £ and
/// accents correctly), the `header` row, then every row `fetch(limit, offset)` returns,
/// [`CSV_CHUNK`] rows per round trip until a short chunk, so memory stays flat however long
/// the list. `fetch` must order the rows stably (tie-breakers down to the id) or chunks
/// could overlap.
pub fn stream_csv<T, F, Fut>(
    filename: String,
    header: &'static [&'static str],
    mut fetch: F,
    row: fn(&T) -> Result<Vec<u8>, csv::Error>,
) -> HttpResponse
where
    T: 'static,
    F: FnMut(u32, u64) -> Fut + 'static,
    Fut: Future<Output = Result<Vec<T>, ApiError>> + 'static,
{
    let stream = async_stream::try_stream! {
        let mut head = b"\xEF\xBB\xBF".to_vec();
        head.extend(encode_record(header).map_err(|e| ApiError::Internal(e.into()))?);
        yield Bytes::from(head);
        let mut offset = 0_u64;
        loop {
            let rows = fetch(CSV_CHUNK, offset).await?;
            let mut chunk = Vec::with_capacity(rows.len() * 120);
            for r in &rows {
                chunk.extend(row(r).map_err(|e| ApiError::Internal(e.into()))?);
            }
            if !chunk.is_empty() {
                yield Bytes::from(chunk);
            }
            if rows.len() < CSV_CHUNK as usize {
                break;
            }
            offset += u64::from(CSV_CHUNK);
        }
    };
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .insert_header(("Cache-Control", "no-store"))
        .streaming::<_, ApiError>(stream)
}

/// Makes a text cell safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return would start a formula (OWASP "CSV injection"), so it gets a `'` prefix.
pub fn safe_text(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// Encodes one record (quoting as RFC 4180 needs) into bytes.
pub fn encode_record<I, S>(fields: I) -> Result<Vec<u8>, csv::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(fields)?;
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let bytes = encode_record(["a,b", "say \"hi\"", "line\nbreak", "plain"]).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",plain\r\n");
    }
}
