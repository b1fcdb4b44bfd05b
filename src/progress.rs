//! The progress display of the binary: an indicatif bar on stderr, shown
//! only to a person watching a terminal (never when stderr is redirected,
//! nor with `--quiet`), fed by the library's [`Progress`] callbacks.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nazir::pipeline::Progress;
use std::io::IsTerminal;

/// A progress display on stderr, only for a person watching a terminal.
pub fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {pos}/{len} articles [{elapsed}]") {
        bar.set_style(style);
    }
    bar
}

pub fn on_progress(bar: &ProgressBar) -> impl FnMut(Progress) + '_ {
    move |p: Progress| match p {
        Progress::Scanning(n) => {
            bar.set_message("scanning");
            bar.set_position(n as u64);
            bar.set_length(n as u64);
        }
        Progress::Aligning(done, total) => {
            bar.set_message("aligning");
            bar.set_length(total.max(done) as u64);
            bar.set_position(done as u64);
        }
    }
}
