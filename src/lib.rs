//! netliver: an offline reference on liver-directed treatment of neuroendocrine tumour
//! (NET) liver metastases.
//!
//! Layers, data flowing one way: [`dataset`] (load + validate) -> [`assessment`] (profile +
//! rules -> verdicts with reasons, as data) -> [`i18n`] (the words, one catalogue per
//! language) -> [`handout`] -> presentation in [`cli`] and [`ui`]. [`lang`] is the leaf all
//! of them share.

pub mod assessment;
pub mod cli;
pub mod dataset;
pub mod handout;
pub mod i18n;
pub mod lang;
pub mod platform;
pub mod ui;
