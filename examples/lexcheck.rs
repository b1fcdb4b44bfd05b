//! Prints what the lexicon of ordinary Arabic says of each word given:
//! why it is ordinary (if it is), whether it is a form of a known proper
//! noun, and how foreign its letters look. To see why the aligner keeps or
//! drops a span: `cargo run --release --example lexcheck تسلا وميتا فشل`.

fn main() {
    let l = nazir::lexicon::Lexicon::embedded();
    for w in std::env::args().skip(1) {
        let (reason, name, foreign) = (l.ordinary_reason(&w), l.is_name(&w), l.foreignness(&w));
        println!(
            "{w}: {reason:?} name={name} foreignness={foreign:.2} ordinary={} band={:?}",
            l.is_ordinary(&w),
            l.frequency_band(&w)
        );
    }
}
