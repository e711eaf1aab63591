//! netliver: an offline reference on liver-directed treatment of neuroendocrine tumour
//! (NET) liver metastases.
//!
//! Layers, data flowing one way: [`dataset`] (load + validate) -> [`assessment`] (profile +
//! rules -> verdicts with reasons) -> presentation in [`cli`] and [`ui`].

pub mod assessment;
pub mod cli;
pub mod dataset;
pub mod handout;
pub mod i18n;
pub mod lang;
pub mod platform;
pub mod ui;
