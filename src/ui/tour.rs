//! A scripted walk through the views for measuring frame times (`--frame-tour`, hidden):
//! the first frame, then each view for a while, then scrolling the overview. Each frame's
//! time is the wall time from the start of one frame to the start of the next, so it
//! includes drawing and presenting. The medians are printed when the window closes.

use std::time::Instant;

use super::app::AppState;
use super::context::{Action, View};

/// One phase of the tour: its name, how many frames, and what to do at its start.
struct Phase {
    name: &'static str,
    frames: usize,
    start: fn(&mut AppState),
}

const PHASES: &[Phase] = &[
    Phase {
        name: "overview",
        frames: 60,
        start: |s| s.apply(vec![Action::Show(View::Overview)]),
    },
    Phase {
        name: "compare",
        frames: 60,
        start: |s| {
            s.apply(vec![
                Action::ToggleCompare(2),
                Action::ToggleCompare(4),
                Action::ToggleCompare(5),
                Action::Show(View::Compare),
            ]);
        },
    },
    Phase {
        name: "detail",
        frames: 60,
        start: |s| s.apply(vec![Action::Show(View::Detail(4))]),
    },
    Phase {
        name: "handout",
        frames: 60,
        start: |s| s.apply(vec![Action::Show(View::Handout)]),
    },
    Phase {
        name: "sources",
        frames: 60,
        start: |s| s.apply(vec![Action::Show(View::Sources)]),
    },
    Phase {
        name: "scrolling the overview",
        frames: 120,
        start: |s| s.apply(vec![Action::Show(View::Overview)]),
    },
];

/// Where the tour is and what it measured.
pub struct Tour {
    started: Instant,
    last: Option<Instant>,
    phase: usize,
    frame: usize,
    first_frame_ms: Option<f64>,
    times: Vec<Vec<f64>>,
}

impl Tour {
    pub fn new(started: Instant) -> Tour {
        Tour {
            started,
            last: None,
            phase: 0,
            frame: 0,
            first_frame_ms: None,
            times: vec![Vec::new(); PHASES.len()],
        }
    }

    /// Call at the start of each frame; returns whether the tour has ended.
    pub fn step(&mut self, state: &mut AppState) -> bool {
        let now = Instant::now();
        match self.last {
            None => {}
            Some(last) if self.first_frame_ms.is_none() => {
                self.first_frame_ms = Some(ms(last - self.started));
            }
            Some(last) => {
                if let Some(t) = self.times.get_mut(self.phase) {
                    t.push(ms(now - last));
                }
            }
        }
        self.last = Some(now);
        let Some(phase) = PHASES.get(self.phase) else {
            return true;
        };
        if self.frame == 0 {
            (phase.start)(state);
        }
        if phase.name.starts_with("scrolling") {
            #[allow(clippy::cast_precision_loss)]
            let offset = (self.frame as f32 * 37.0) % 900.0;
            state.pages.overview.scroll_to = Some(offset);
        }
        self.frame += 1;
        if self.frame >= phase.frames {
            self.phase += 1;
            self.frame = 0;
        }
        false
    }

    /// The measurements, one line per phase.
    pub fn report(&self) -> String {
        let mut out = format!(
            "first frame: {:.1} ms after start\n",
            self.first_frame_ms.unwrap_or(f64::NAN)
        );
        for (phase, times) in PHASES.iter().zip(&self.times) {
            let mut t = times.clone();
            t.sort_by(f64::total_cmp);
            let at = |q: f64| {
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    clippy::cast_precision_loss
                )]
                let i = ((t.len() as f64 - 1.0) * q).round() as usize;
                t.get(i).copied().unwrap_or(f64::NAN)
            };
            out.push_str(&format!(
                "{:<24} median {:6.1} ms  p90 {:6.1} ms  ({} frames)\n",
                phase.name,
                at(0.5),
                at(0.9),
                t.len()
            ));
        }
        out
    }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
