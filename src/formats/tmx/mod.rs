//! TMX 1.4b (and 1.1–1.3, read as 1.4): the translation memory exchange format.
//!
//! [`TmxReader`] streams units out of a file of any size; the [`Header`](crate::model::Header) is
//! available before the first unit. [`TmxWriter`] streams units into a
//! DTD-valid TMX 1.4b file with stable formatting, so that reading and
//! writing a file twice gives identical bytes.
//!
//! ```
//! use concord::formats::tmx::{TmxReader, TmxWriter};
//! use concord::model::{Header, Unit};
//!
//! let mut bytes = Vec::new();
//! let mut w = TmxWriter::new(&mut bytes, &Header::default()).unwrap();
//! w.write_unit(&Unit::bilingual(Some("1".into()), "zh-CN", "一带一路", "en", "the Belt and Road")).unwrap();
//! w.finish().unwrap();
//!
//! let mut r = TmxReader::from_bytes(&bytes, None).unwrap();
//! assert_eq!(r.header().attrs.get("srclang"), Some("*all*"));
//! let unit = r.next().unwrap().unwrap();
//! assert_eq!(unit.variants[1].segment.plain_text(), "the Belt and Road");
//! ```

mod reader;
mod validate;
mod writer;

pub use reader::{TmxReader, UnitPositions, read_memory};
pub use validate::validate_file;
pub use writer::{HEADER_DEFAULTS, TmxWriter, write_memory, write_units};
