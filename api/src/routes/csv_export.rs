//! CSV helpers: spreadsheet formula-injection neutralising and row encoding.

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
