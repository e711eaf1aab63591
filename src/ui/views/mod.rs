//! One struct per view, each with its own state and a `ui` function that draws it from the
//! read-only [`super::state::Consultation`] and returns what it wants done
//! ([`super::state::Action`]), as egui's demo app does.

pub mod compare;
pub mod detail;
pub mod handout;
pub mod overview;
pub mod profile;
pub mod sources;
