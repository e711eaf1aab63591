//! Clinical core: loading + validating the built-in dataset, and one assessment of all
//! treatments. Run with `cargo bench --bench core`.

use divan::{Bencher, black_box};
use netliver::assessment::{Profile, assess};
use netliver::dataset;

fn main() {
    divan::main();
}

#[divan::bench]
fn load_and_validate_embedded() -> usize {
    dataset::load_embedded()
        .map(|d| d.treatments.len())
        .unwrap_or(0)
}

/// The floor under loading: RON parsing of the treatment files alone, without validation.
#[divan::bench]
fn parse_treatments_only() -> usize {
    dataset::EMBEDDED_FILES
        .iter()
        .filter(|(name, _)| name.starts_with("treatments/"))
        .filter_map(|(_, text)| ron::from_str::<dataset::Treatment>(text).ok())
        .count()
}

#[divan::bench]
fn assess_all_treatments(b: Bencher) {
    let d = dataset::load_embedded().expect("the built-in dataset validates");
    let p = Profile::from_pairs(&[
        ("lesions", "5"),
        ("largest_cm", "3.5"),
        ("extrahepatic", "no"),
        ("ecog", "1"),
        ("grade", "g2"),
        ("primary", "small-intestine"),
        ("hormonal_symptoms", "yes"),
    ])
    .expect("a valid profile");
    b.bench(|| assess(black_box(&d), black_box(&p)).len());
}

/// What would change each of the seven verdicts, and the work-up list, for a typical
/// patient (some facts entered, the guideline facts not).
#[divan::bench]
fn what_would_change_all_seven(b: Bencher) {
    let d = dataset::load_embedded().expect("the built-in dataset validates");
    let p = Profile::from_pairs(&[
        ("lesions", "5"),
        ("largest_cm", "3.5"),
        ("extrahepatic", "no"),
        ("ecog", "1"),
        ("grade", "g2"),
        ("primary", "small-intestine"),
        ("hormonal_symptoms", "yes"),
    ])
    .expect("a valid profile");
    b.bench(|| {
        netliver::assessment::what_if(
            black_box(&d),
            black_box(&p),
            netliver::assessment::Scope::WithGuidelines,
        )
        .workup
        .len()
    });
}
