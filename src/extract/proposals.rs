//! Appending proposed rows to a glossary CSV without touching the rows it has.
//!
//! A terminologist's glossary is a curated file under version control: its
//! existing rows, quoting, column order and extra columns must survive an
//! append byte for byte, so this module does not rewrite the file through a
//! model. It reads the header to learn the column order, skips candidates the
//! glossary already has (by folded Chinese form), and writes the original
//! bytes plus the new records to a temporary file that replaces the glossary
//! atomically.

use std::collections::HashSet;
use std::path::Path;

use crate::error::{Error, Result};
use crate::io::{read_text, write_err};
use crate::text::normalize::fold_str;

/// A row to append (status `proposed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedRow {
    pub zh: String,
    pub en: String,
    pub note: String,
    pub source: String,
}

/// What [`append_rows`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    pub added: usize,
    /// Rows skipped because the glossary already had their Chinese.
    pub known: usize,
}

/// Appends `rows` to the glossary CSV at `path` as `status=proposed`, with
/// ids `proposed-0001`, … continuing after the highest such id in the file.
/// Rows without English are refused (a glossary entry needs one).
/// A missing file is created with the canonical header.
pub fn append_rows(path: &Path, rows: &[ProposedRow]) -> Result<Appended> {
    // Lock before reading: a second concord appending at the same time waits
    // and then appends to *our* result instead of overwriting it.
    let guard = crate::io::lock(path)?;
    let text = if path.exists() {
        read_text(path)?
    } else {
        format!("{}\n", crate::model::GLOSSARY_COLUMNS.join(","))
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::csv(e.to_string()).in_file(path).at_line(1))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(id_col), Some(zh_col), Some(_)) = (col("id"), col("zh"), col("en")) else {
        return Err(
            Error::csv("the glossary header needs id, zh and en columns")
                .in_file(path)
                .at_line(1),
        );
    };
    let variants_col = col("zh_variants");
    let mut known: HashSet<String> = HashSet::new();
    let mut next_id = 1usize;
    let mut ids: HashSet<String> = HashSet::new();
    for (k, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| {
            Error::csv(e.to_string())
                .in_file(path)
                .at_record(format!("row {}", k + 2))
        })?;
        if let Some(id) = rec.get(id_col) {
            ids.insert(id.to_string());
            if let Some(n) = id
                .strip_prefix("proposed-")
                .and_then(|n| n.parse::<usize>().ok())
            {
                next_id = next_id.max(n + 1);
            }
        }
        if let Some(zh) = rec.get(zh_col) {
            known.insert(fold_str(zh.trim()));
        }
        if let Some(v) = variants_col.and_then(|c| rec.get(c)) {
            for form in v.split('|').map(str::trim).filter(|s| !s.is_empty()) {
                known.insert(fold_str(form));
            }
        }
    }

    let mut out = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let mut result = Appended { added: 0, known: 0 };
    for row in rows {
        if row.en.trim().is_empty() {
            return Err(Error::usage(format!(
                "cannot append '{}' without an English rendering (a glossary entry needs one)",
                row.zh
            )));
        }
        if !known.insert(fold_str(row.zh.trim())) {
            result.known += 1;
            continue;
        }
        let mut id = format!("proposed-{next_id:04}");
        while ids.contains(&id) {
            next_id += 1;
            id = format!("proposed-{next_id:04}");
        }
        next_id += 1;
        ids.insert(id.clone());
        let record: Vec<&str> = header
            .iter()
            .map(|h| match h.as_str() {
                "id" => id.as_str(),
                "zh" => row.zh.as_str(),
                "en" => row.en.as_str(),
                "note" => row.note.as_str(),
                "source" => row.source.as_str(),
                "status" => "proposed",
                _ => "",
            })
            .collect();
        out.write_record(&record)
            .map_err(|e| Error::csv(e.to_string()).in_file(path))?;
        result.added += 1;
    }
    if result.added == 0 {
        return Ok(result);
    }
    let new_rows = out
        .into_inner()
        .map_err(|e| Error::csv(e.to_string()).in_file(path))?;
    // Keep the file's line ending style.
    let crlf = text.contains("\r\n");
    let new_rows = String::from_utf8_lossy(&new_rows).into_owned();
    let new_rows = if crlf {
        new_rows.replace('\n', "\r\n")
    } else {
        new_rows
    };
    let bytes = if path.exists() {
        std::fs::read(path).map_err(|e| Error::io("read", e).in_file(path))?
    } else {
        text.into_bytes()
    };
    guard.replace(|w| {
        w.write_all(&bytes).map_err(write_err(path))?;
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            w.write_all(if crlf { b"\r\n" } else { b"\n" })
                .map_err(write_err(path))?;
        }
        w.write_all(new_rows.as_bytes()).map_err(write_err(path))
    })?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(zh: &str, en: &str) -> ProposedRow {
        ProposedRow {
            zh: zh.into(),
            en: en.into(),
            note: "dice 0.9".into(),
            source: "concord extract".into(),
        }
    }

    #[test]
    fn appends_after_existing_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.csv");
        let original = "id,zh,en,status,extra\nbri,一带一路,Belt and Road Initiative,approved,\"x, y\"\nproposed-0007,三股势力,three forces,proposed,";
        std::fs::write(&path, original).unwrap();
        let r = append_rows(
            &path,
            &[
                row("一带一路", "BRI"),
                row("心联通", "heart-to-heart connectivity, \"new\""),
            ],
        )
        .unwrap();
        assert_eq!(r, Appended { added: 1, known: 1 });
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(after.starts_with(original));
        assert!(after.ends_with(
            "\nproposed-0008,心联通,\"heart-to-heart connectivity, \"\"new\"\"\",proposed,\n"
        ));
    }

    #[test]
    fn refuses_rows_without_english_and_keeps_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.csv");
        std::fs::write(&path, "id,zh,en\n").unwrap();
        assert!(append_rows(&path, &[row("心联通", "")]).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "id,zh,en\n");
        let new = dir.path().join("new.csv");
        append_rows(&new, &[row("心联通", "heart-to-heart")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&new).unwrap(),
            "id,zh,zh_variants,en,en_variants,en_forbidden,case,domain,note,source,status\n\
             proposed-0001,心联通,,heart-to-heart,,,,,dice 0.9,concord extract,proposed\n"
        );
    }
}
