//! Computes the dictionary reading of each word read from standard input
//! (`word<TAB>band` lines, band being the word's frequency band: about
//! 10^(-band/100)) and prints the form table that nazir embeds
//! (`glossaries/lexicon/forms.tsv.gz`): one `surface<TAB>code<TAB>band`
//! line per distinct surface form of Arabic letters (its most frequent
//! band), sorted by bytes. `scripts/build-lexicon-forms.sh` runs it on the
//! Arabic word list of wordfreq.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use nazir::lexicon::Lexicon;
use nazir::normalize::{clean_surface, is_arabic_letter};
use rayon::prelude::*;

fn main() -> std::io::Result<()> {
    let mut forms: BTreeMap<String, u16> = BTreeMap::new();
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        let (word, band) = line.split_once('\t').unwrap_or((&line, ""));
        let band: u16 = band.trim().parse().map_err(|_| {
            let problem = format!("line {}: no frequency band after a tab", n + 1);
            std::io::Error::new(std::io::ErrorKind::InvalidData, problem)
        })?;
        let surface = clean_surface(word.trim());
        if !surface.is_empty() && surface.chars().all(is_arabic_letter) {
            let kept = forms.entry(surface).or_insert(band);
            *kept = (*kept).min(band);
        }
    }
    let lexicon = Lexicon::embedded();
    let forms: Vec<(String, u16)> = forms.into_iter().collect();
    let readings: Vec<char> = forms.par_iter().map(|(f, _)| lexicon.analyse(f).code()).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for header in [
        "# The Ayaspell dictionary's reading of each word form (w word, c word after a clitic, - none)",
        "# and its frequency band b (a frequency of about 10^(-b/100) in written Arabic).",
        "# Forms from wordfreq 3.1.1 (CC BY-SA 4.0); see glossaries/README.md. Built by scripts/build-lexicon-forms.sh.",
    ] {
        writeln!(out, "{header}")?;
    }
    for ((form, band), code) in forms.iter().zip(readings) {
        writeln!(out, "{form}\t{code}\t{band}")?;
    }
    out.flush()
}
