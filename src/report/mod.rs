//! Renderers over `&[Diagnostic]`.

pub mod html;
