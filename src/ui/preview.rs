//! The handout preview, made off the UI thread: compose, typeset, write the PDF and
//! rasterise its pages on a worker, so typing a patient's name never holds up a frame.
//!
//! The UI sends each new request; the worker waits a moment for typing to settle, takes the
//! newest request only, and sends back what it made. Meanwhile the view shows the last good
//! preview. A PDF is handed out for saving or printing only when it was made for exactly
//! the request now on screen.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crate::dataset::Dataset;
use crate::handout::{self, Readability, Request, render};

/// How long the worker waits for typing to settle before it starts.
const SETTLE: Duration = Duration::from_millis(120);

/// Pixels per point of the preview images.
pub const PREVIEW_SCALE: f32 = 1.3;

/// What the worker made for one request.
pub struct Made {
    pub pdf: Vec<u8>,
    /// RGBA images of the pages, to be uploaded as textures on the UI thread.
    pub pages: Vec<render::PageImage>,
    pub readability: Readability,
    pub file_stem: String,
}

struct Job {
    key: Request,
    data: Arc<Dataset>,
    request: Request,
}

struct Done {
    key: Request,
    result: Result<Made, String>,
}

/// The preview shown: the request it was made for and the result.
pub struct Shown {
    pub key: Request,
    pub result: Result<Rendered, String>,
}

/// A made preview with its pages as textures.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: Vec<egui::TextureHandle>,
    pub readability: Readability,
    pub file_stem: String,
}

/// The worker thread and what is in flight.
#[derive(Default)]
pub struct Preview {
    tx: Option<Sender<Job>>,
    rx: Option<Receiver<Done>>,
    /// The newest request sent.
    pub requested: Option<Request>,
    /// The last good (or failed) preview, kept while a newer one is made.
    pub shown: Option<Shown>,
}

fn make(data: &Dataset, request: &Request) -> Result<Made, String> {
    let built = handout::build(data, request).map_err(|e| e.to_string())?;
    let pages = (0..built.pages())
        .filter_map(|i| render::page_image(&built.doc, i, PREVIEW_SCALE))
        .collect();
    let file_stem = built.file_stem(request);
    Ok(Made {
        pdf: built.pdf,
        pages,
        readability: built.handout.readability,
        file_stem,
    })
}

fn work(jobs: &Receiver<Job>, done: &Sender<Done>, ctx: &egui::Context) {
    while let Ok(mut job) = jobs.recv() {
        // Let typing settle, then take only the newest request.
        std::thread::sleep(SETTLE);
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let result = make(&job.data, &job.request);
        if done
            .send(Done {
                key: job.key,
                result,
            })
            .is_err()
        {
            return;
        }
        ctx.request_repaint();
    }
}

impl Preview {
    /// Asks for a preview of `request`, unless it is the one asked for last. `None`: nothing
    /// to preview (and nothing shown).
    pub fn want(&mut self, ctx: &egui::Context, data: &Arc<Dataset>, request: Option<Request>) {
        let Some(request) = request else {
            self.requested = None;
            self.shown = None;
            return;
        };
        // A comparison of what is printed; nothing is formatted or hashed per frame.
        if self.requested.as_ref() == Some(&request) {
            return;
        }
        let key = request.clone();
        if self.tx.is_none() {
            let (tx, jobs) = mpsc::channel::<Job>();
            let (done, rx) = mpsc::channel::<Done>();
            let ctx = ctx.clone();
            let spawned = std::thread::Builder::new()
                .name("netliver-preview".to_owned())
                .spawn(move || work(&jobs, &done, &ctx));
            if let Err(e) = spawned {
                self.shown = Some(Shown {
                    key: key.clone(),
                    result: Err(crate::ui::strings::preview_failed(
                        request.lang,
                        &e.to_string(),
                    )),
                });
                self.requested = Some(key);
                return;
            }
            self.tx = Some(tx);
            self.rx = Some(rx);
        }
        let job = Job {
            key: key.clone(),
            data: Arc::clone(data),
            request,
        };
        if self.tx.as_ref().is_some_and(|tx| tx.send(job).is_ok()) {
            self.requested = Some(key);
        }
    }

    /// Takes what the worker finished, uploading its pages as textures.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.rx else { return };
        while let Ok(done) = rx.try_recv() {
            // Stale results (an older request) are still better than nothing to show.
            let result = done.result.map(|m| Rendered {
                pages: m
                    .pages
                    .iter()
                    .enumerate()
                    .map(|(i, img)| {
                        let size = [img.width as usize, img.height as usize];
                        let image = egui::ColorImage::from_rgba_premultiplied(size, &img.rgba);
                        ctx.load_texture(
                            format!("handout-page-{i}"),
                            image,
                            egui::TextureOptions::LINEAR,
                        )
                    })
                    .collect(),
                pdf: m.pdf,
                readability: m.readability,
                file_stem: m.file_stem,
            });
            self.shown = Some(Shown {
                key: done.key,
                result,
            });
        }
    }

    /// Whether the preview shown is for the newest request.
    pub fn current(&self) -> bool {
        match (&self.shown, &self.requested) {
            (Some(s), Some(r)) => s.key == *r,
            _ => false,
        }
    }

    /// The PDF, only if it was made for the newest request (never an older name or choice).
    pub fn pdf(&self) -> Option<&Rendered> {
        if !self.current() {
            return None;
        }
        self.shown.as_ref().and_then(|s| s.result.as_ref().ok())
    }
}
