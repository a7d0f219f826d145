//! File formats: one reader and/or one writer per format, all speaking
//! [`crate::model`]. `concord convert` joins any reader to any writer.
pub mod parallel_text;
pub mod spreadsheet;
pub mod tbx;
pub mod termtab;
pub mod tmx;
pub mod xml;
