//! Computes the dictionary reading of each word read from standard input
//! (one word a line; anything after a tab is ignored) and prints the form
//! table that nazir embeds (`glossaries/lexicon/forms.tsv.gz`): one
//! `surface<TAB>code` line per distinct surface form of Arabic letters,
//! sorted by bytes. `scripts/build-lexicon-forms.sh` runs it on the Arabic
//! word list of wordfreq.

use std::collections::BTreeSet;
use std::io::{BufRead, Write};

use nazir::lexicon::Lexicon;
use nazir::normalize::{clean_surface, is_arabic_letter};
use rayon::prelude::*;

fn main() -> std::io::Result<()> {
    let mut forms = BTreeSet::new();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let word = line.split('\t').next().unwrap_or_default().trim();
        let surface = clean_surface(word);
        if !surface.is_empty() && surface.chars().all(is_arabic_letter) {
            forms.insert(surface);
        }
    }
    let lexicon = Lexicon::embedded();
    let forms: Vec<String> = forms.into_iter().collect();
    let readings: Vec<char> = forms.par_iter().map(|f| lexicon.analyse(f).code()).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "# The Ayaspell dictionary's reading of each word form: w word, c word after a clitic, - none.")?;
    writeln!(
        out,
        "# Forms from wordfreq 3.1.1 (CC BY-SA 4.0); see glossaries/README.md. Built by scripts/build-lexicon-forms.sh."
    )?;
    for (form, code) in forms.iter().zip(readings) {
        writeln!(out, "{form}\t{code}")?;
    }
    out.flush()
}
