//! Times the first handout of a fresh process (fonts and standard library loaded on the
//! way) and the next few, warm. `cargo run --release --example first_handout`.

use std::time::Instant;

use netliver::dataset::{self, Lang};
use netliver::handout::{self, Request, render};

fn main() {
    let d = dataset::load_embedded().expect("the built-in dataset validates");
    let mut req = Request::new(&["rfa"], Lang::Da);
    for run in 0..5 {
        // A new name each time, so typst's memoisation cannot replay the previous run.
        req.patient = Some(format!("Patient {run}"));
        let t = Instant::now();
        let h = handout::compose(&d, &req).expect("composes");
        let pdf = render::pdf(&h).expect("renders");
        println!(
            "{}: {:.1} ms ({} bytes)",
            if run == 0 { "first" } else { "warm " },
            t.elapsed().as_secs_f64() * 1000.0,
            pdf.len()
        );
    }
}
