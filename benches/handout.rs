//! Handouts: compose + typeset + PDF (warm), and one preview page rendered to an image.
//! The first handout in a process (fonts included) is timed by `examples/first_handout.rs`.
//! Run with `cargo bench --bench handout`.

use divan::Bencher;
use netliver::dataset::{self, Lang};
use netliver::handout::{self, Request, render};

fn main() {
    divan::main();
}

fn request(id: &str) -> Request {
    Request::new(&[id], Lang::Da)
}

#[divan::bench(args = ["rfa", "tace"])]
fn one_treatment_pdf_warm(b: Bencher, id: &str) {
    let d = dataset::load_embedded().expect("valid");
    let mut req = request(id);
    let _ = render::pdf(&handout::compose(&d, &req).expect("composes"));
    // A new patient name each time, so typst's memoisation cannot replay a previous run.
    let mut n = 0u64;
    b.bench_local(|| {
        n += 1;
        req.patient = Some(format!("Patient {n}"));
        let h = handout::compose(&d, &req).expect("composes");
        render::pdf(&h).expect("renders").len()
    });
}

#[divan::bench]
fn preview_page_image(b: Bencher) {
    let d = dataset::load_embedded().expect("valid");
    let h = handout::compose(&d, &request("tace")).expect("composes");
    let doc = render::typeset(&h).expect("typesets");
    b.bench_local(|| render::page_image(&doc, 0, 1.3).map(|p| p.rgba.len()));
}
