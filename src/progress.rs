//! The progress display of the binary: an indicatif bar on stderr, shown
//! only to a person watching a terminal (never when stderr is redirected,
//! nor with `--quiet`), fed by the library's [`Progress`] callbacks.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nazir::pipeline::Progress;
use std::io::IsTerminal;

/// The display while the batch is read for candidates: the total is not
/// known yet, so a count and a rate.
const SCANNING: &str = "{spinner} reading {pos} articles ({per_sec}) [{elapsed}]";

/// The display while articles are aligned: the total is known.
const ALIGNING: &str = "{spinner} aligning {pos}/{len} articles ({per_sec}, {eta} left) [{elapsed}]";

/// A progress display on stderr, only for a person watching a terminal.
pub fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(SCANNING) {
        bar.set_style(style);
    }
    bar
}

/// Feeds the bar from the library's callbacks. The two phases show apart
/// (reading, then aligning from 0 of the known total), so the count never
/// seems to run backwards, and aligning starts its own clock for the rate
/// and the time left.
pub fn on_progress(bar: &ProgressBar) -> impl FnMut(Progress) + '_ {
    let mut aligning = false;
    move |p: Progress| match p {
        Progress::Scanning(n) => bar.set_position(n as u64),
        Progress::Aligning(done, total) => {
            if !aligning {
                aligning = true;
                if let Ok(style) = ProgressStyle::with_template(ALIGNING) {
                    bar.set_style(style);
                }
                bar.reset();
            }
            bar.set_length(total.max(done) as u64);
            bar.set_position(done as u64);
        }
    }
}
