//! Deterministic data generators for the benchmarks.
//!
//! Everything is derived from a seed with [`SplitMix64`], so two runs
//! measure the same input. Foreign names come from the gazetteer shipped
//! with nazir ([`DEFAULT_GAZETTEER`]); the Arabic filler sentences are
//! written for these benchmarks.

use nazir::candidates::DEFAULT_GAZETTEER;
use nazir::sample::SplitMix64;
use std::collections::HashSet;
use std::path::Path;

// Used by examples/gen_batch.rs, not by every benchmark.
#[allow(dead_code)]
pub mod news;

/// Filler sentences in Modern Standard Arabic; `%` marks where a foreign
/// name is inserted.
const SENTENCES: &[&str] = &[
    "ارتفعت أسهم شركة % بنسبة ثلاثة في المئة في تعاملات الصباح بعد إعلان نتائجها الفصلية.",
    "قال المتحدث باسم % إن المفاوضات ما زالت في مراحلها الأولى ولم يتم التوصل إلى اتفاق نهائي.",
    "تراجعت أسعار النفط في الأسواق العالمية وسط مخاوف من تباطؤ الطلب في الربع المقبل.",
    "أعلنت % عن خطة لاستثمار مليارات الدولارات في مراكز البيانات خلال السنوات الخمس المقبلة.",
    "ويرى محللون أن قرار رفع أسعار الفائدة قد يضغط على قطاع العقارات في المدى القصير.",
    "وأكد وزير الاقتصاد أن الحكومة ستواصل دعم الشركات الصغيرة والمتوسطة.",
    "التقى وزير الخارجية نظيره في % لبحث سبل تعزيز التعاون الثنائي.",
    "كشفت شركة % عن هاتف ذكي جديد يعمل بمعالج أسرع وبطارية تدوم لفترة أطول.",
    "وأشار التقرير إلى أن معدل التضخم تراجع للشهر الثالث على التوالي.",
    "وتسعى الشركات الناشئة في المنطقة إلى جذب استثمارات جديدة في مجال الذكاء الاصطناعي.",
    "وقال % في مقابلة تلفزيونية إن السوق تمر بمرحلة تصحيح طبيعية.",
    "وصل الرئيس إلى % في زيارة رسمية تستمر يومين يلتقي خلالها عددا من المسؤولين.",
    "وأغلق المؤشر الرئيسي للبورصة على انخفاض طفيف بعد جلسة متقلبة.",
    "ووقعت % اتفاقية شراكة مع مجموعة من البنوك المحلية لتطوير خدمات الدفع الإلكتروني.",
    "ويتوقع خبراء أن يشهد قطاع السياحة انتعاشا ملحوظا خلال فصل الصيف.",
    "وأوضح البيان أن الشركة ستطرح أسهمها للاكتتاب العام في النصف الثاني من العام.",
    "ونقلت وكالة % عن مصادر مطلعة أن الصفقة قد تعلن خلال الأسبوع المقبل.",
    "وناقش البرلمان مشروع قانون جديد لحماية البيانات الشخصية للمستخدمين.",
    "وتعرضت خوادم % لعطل فني أدى إلى انقطاع الخدمة لعدة ساعات.",
    "وارتفع سعر صرف الدولار أمام العملات الرئيسية بعد صدور بيانات الوظائف.",
    "وأعلن المنتخب الوطني قائمة اللاعبين المشاركين في البطولة المقبلة.",
    "وسجل مهاجم % هدفين في المباراة التي انتهت بفوز فريقه بثلاثة أهداف مقابل هدف.",
    "وتعتزم الحكومة إطلاق برنامج لتدريب الشباب على مهارات البرمجة وتحليل البيانات.",
    "وقالت مصادر دبلوماسية إن القمة ستعقد في % الشهر المقبل بمشاركة عدد من القادة.",
    "وتراجعت مبيعات السيارات الكهربائية بعد انتهاء برامج الدعم الحكومي.",
    "واستحوذت % على شركة ناشئة متخصصة في الأمن السيبراني مقابل مبلغ لم يكشف عنه.",
    "وحذر صندوق النقد من أن ارتفاع الديون قد يعرقل النمو في الاقتصادات الناشئة.",
    "ونشرت % تقريرا مفصلا عن تأثير التغير المناخي على الزراعة في المنطقة.",
    "وأضاف أن الطلب على الرقائق الإلكترونية سيبقى مرتفعا حتى نهاية العام.",
    "ويقود % فريقا من المهندسين يعمل على تطوير نموذج لغوي جديد.",
    "وانخفضت أسعار الذهب بعد أن سجلت مستوى قياسيا في الجلسة السابقة.",
    "وشهدت العاصمة مظاهرات تطالب بتحسين الأوضاع المعيشية وخفض الأسعار.",
    "وأطلقت % تحديثا لنظام التشغيل يتضمن ميزات جديدة للخصوصية.",
    "وأكدت اللجنة المنظمة أن جميع التذاكر بيعت خلال ساعات من طرحها.",
    "وتوقع البنك المركزي أن يبلغ معدل النمو نحو ثلاثة في المئة هذا العام.",
    "وانتقد % السياسات التجارية الجديدة معتبرا أنها ستضر بالمستهلكين.",
    "وافتتحت الشركة مكتبا إقليميا جديدا في % لخدمة عملائها في الشرق الأوسط.",
    "وتشير البيانات إلى أن عدد المستخدمين تجاوز مئة مليون مستخدم حول العالم.",
    "وعقد مجلس الإدارة اجتماعا طارئا لمناقشة استقالة الرئيس التنفيذي.",
    "وقال محللون في % إن أداء القطاع المصرفي فاق التوقعات.",
    "ويواجه القطاع الصناعي تحديات كبيرة بسبب ارتفاع تكاليف الطاقة والشحن.",
    "وبثت قناة % مقابلة مع % تحدث فيها عن خططه المستقبلية.",
    "ورحب الوزير بالتعاون مع % في مجال الطاقة المتجددة.",
];

/// English sentences for the `en` field of generated JSONL articles.
const EN_SENTENCES: &[&str] = &[
    "Shares of % rose three percent in morning trading after quarterly results.",
    "A spokesperson for % said talks were still at an early stage.",
    "% announced a plan to invest billions of dollars in data centers.",
    "Analysts at % said the banking sector beat expectations.",
    "The minister met officials from % to discuss cooperation on energy.",
];

const FIRST_NAMES: &[&str] = &[
    "Kevin",
    "Laura",
    "Martin",
    "Sophie",
    "Daniel",
    "Grace",
    "Oliver",
    "Hannah",
    "Lucas",
    "Chloe",
    "Ethan",
    "Isabel",
    "Nathan",
    "Emily",
    "Victor",
    "Clara",
    "Simon",
    "Nora",
    "Patrick",
    "Julia",
    "Adrian",
    "Fiona",
    "Brandon",
    "Helen",
    "Gregory",
    "Ingrid",
    "Howard",
    "Jessica",
    "Ivan",
    "Karen",
    "Jonas",
    "Lena",
    "Keith",
    "Monica",
    "Leon",
    "Natalie",
    "Marcus",
    "Olivia",
    "Neil",
    "Paula",
    "Oscar",
    "Rachel",
    "Peter",
    "Sandra",
    "Quentin",
    "Tessa",
    "Robert",
    "Ursula",
    "Samuel",
    "Vanessa",
    "Thomas",
    "Wendy",
    "Walter",
    "Yvonne",
    "Xavier",
    "Zoe",
    "Albert",
    "Bianca",
    "Conrad",
    "Diana",
    "Edgar",
    "Elena",
    "Felix",
    "Gloria",
    "Gordon",
    "Irene",
    "Harold",
    "Joanna",
    "Igor",
    "Katrin",
    "Jasper",
    "Lydia",
    "Karl",
    "Miriam",
    "Lionel",
    "Nadia",
    "Mason",
    "Ophelia",
    "Nigel",
    "Priscilla",
    "Owen",
    "Rosa",
    "Philip",
    "Sabrina",
    "Ralph",
    "Theresa",
    "Stefan",
    "Valerie",
    "Trevor",
    "Wanda",
    "Vincent",
    "Yasmin",
    "Wesley",
    "Zelda",
    "Brian",
    "Carmen",
    "Derek",
    "Erica",
    "Frank",
    "Greta",
];

const SURNAMES: &[&str] = &[
    "Marlow",
    "Hendricks",
    "Calloway",
    "Brennan",
    "Whitaker",
    "Lindqvist",
    "Okafor",
    "Delacroix",
    "Fairbanks",
    "Hollister",
    "Kowalski",
    "Lancaster",
    "Mercer",
    "Novak",
    "Pemberton",
    "Quinlan",
    "Radcliffe",
    "Sorensen",
    "Thornton",
    "Underwood",
    "Vance",
    "Winslow",
    "Yardley",
    "Zimmerman",
    "Ashford",
    "Bellamy",
    "Crawford",
    "Dunmore",
    "Ellsworth",
    "Fenwick",
    "Galloway",
    "Harcourt",
    "Ingram",
    "Jennings",
    "Kingsley",
    "Lockhart",
    "Montague",
    "Northcott",
    "Oakley",
    "Prescott",
    "Ramsey",
    "Sterling",
    "Tremaine",
    "Upton",
    "Vaughan",
    "Wakefield",
    "Ashcroft",
    "Blackwood",
    "Chandler",
    "Donovan",
    "Everett",
    "Fletcher",
    "Gardner",
    "Hawthorne",
    "Irving",
    "Jefferson",
    "Kendrick",
    "Langley",
    "Maddox",
    "Nash",
    "Osborne",
    "Pritchard",
    "Redford",
    "Shelton",
    "Talbot",
    "Ulrich",
    "Vickers",
    "Whitmore",
    "Yates",
    "Abernathy",
    "Barrington",
    "Cartwright",
    "Dempsey",
    "Eastwood",
    "Forsythe",
    "Grantham",
    "Holloway",
    "Iverson",
    "Jorgensen",
    "Kessler",
    "Lowell",
    "Middleton",
    "Norwood",
    "Ogden",
    "Pendleton",
    "Rutherford",
    "Sinclair",
    "Thackeray",
    "Vandermeer",
    "Westbrook",
    "Ackerman",
    "Brightman",
    "Colburn",
    "Drummond",
    "Eckhart",
    "Fairchild",
    "Goldberg",
    "Haverford",
    "Kaminski",
    "Lindgren",
    "Moreau",
    "Nystrom",
    "Olmsted",
    "Pruitt",
    "Rosenthal",
    "Schuster",
    "Tillman",
    "Weatherby",
    "Brandt",
    "Castellano",
];

/// One gazetteer row.
struct Row {
    en: String,
    /// The `ar` value first, then the variants.
    arabic: Vec<String>,
}

/// The rows of the default gazetteer; `names_only` leaves out the
/// translated file (its Arabic is a translation, not a transliteration).
fn gazetteer(names_only: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    for (path, text) in DEFAULT_GAZETTEER {
        if names_only && path.ends_with("translated.csv") {
            continue;
        }
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
        let headers = reader.headers().expect("gazetteer header").clone();
        let col = |name: &str| headers.iter().position(|h| h.trim() == name);
        let (en_col, ar_col, var_col) = (col("en").expect("en column"), col("ar").expect("ar column"), col("variants"));
        for record in reader.records() {
            let record = record.expect("gazetteer row");
            let en = record.get(en_col).unwrap_or("").trim();
            let ar = record.get(ar_col).unwrap_or("").trim();
            if en.is_empty() || ar.is_empty() {
                continue;
            }
            let mut arabic = vec![ar.to_string()];
            let variants = var_col.and_then(|c| record.get(c)).unwrap_or("");
            arabic.extend(variants.split('|').map(str::trim).filter(|v| !v.is_empty()).map(String::from));
            rows.push(Row { en: en.to_string(), arabic });
        }
    }
    rows
}

fn below(rng: &mut SplitMix64, n: usize) -> usize {
    (rng.next_u64() % n as u64) as usize
}

fn shuffle<T>(items: &mut [T], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        items.swap(i, below(rng, i + 1));
    }
}

/// Appends a sentence, filling each `%` with a name from `rows`: usually
/// the Arabic spelling (sometimes a variant, sometimes with a clitic و/ب/ل
/// in front), sometimes the Latin-script English name.
fn push_sentence(out: &mut String, template: &str, rows: &[Row], rng: &mut SplitMix64) {
    let mut parts = template.split('%');
    out.push_str(parts.next().unwrap_or(""));
    for rest in parts {
        let row = &rows[below(rng, rows.len())];
        match below(rng, 10) {
            0 => out.push_str(&row.en),
            1 | 2 => {
                out.push(['و', 'ب', 'ل'][below(rng, 3)]);
                out.push_str(&row.arabic[0]);
            }
            _ => out.push_str(&row.arabic[below(rng, row.arabic.len())]),
        }
        out.push_str(rest);
    }
}

/// Arabic news-like text of about `bytes` bytes (whole sentences, so the
/// result can be slightly longer), with a line break every few sentences.
pub fn arabic_text(bytes: usize, seed: u64) -> String {
    let rows = gazetteer(false);
    let mut rng = SplitMix64(seed);
    let mut out = String::with_capacity(bytes + 256);
    let mut in_line = 0;
    let mut line_len = 3 + below(&mut rng, 3);
    while out.len() < bytes {
        if in_line > 0 {
            out.push(' ');
        }
        push_sentence(&mut out, SENTENCES[below(&mut rng, SENTENCES.len())], &rows, &mut rng);
        in_line += 1;
        if in_line == line_len {
            out.push('\n');
            in_line = 0;
            line_len = 3 + below(&mut rng, 3);
        }
    }
    out
}

/// `n` distinct English name-like terms: the gazetteer's names (in a seeded
/// order), then synthesized "First Last" names, then "First Middle Last".
pub fn english_names(n: usize, seed: u64) -> Vec<String> {
    let mut rng = SplitMix64(seed);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(n);
    let mut push = |name: String, out: &mut Vec<String>| {
        if out.len() < n && seen.insert(name.to_lowercase()) {
            out.push(name);
        }
    };
    let mut gaz: Vec<String> = gazetteer(true).into_iter().map(|r| r.en).collect();
    shuffle(&mut gaz, &mut rng);
    for name in gaz {
        push(name, &mut out);
    }
    let mut pairs: Vec<(usize, usize)> =
        (0..FIRST_NAMES.len()).flat_map(|f| (0..SURNAMES.len()).map(move |s| (f, s))).collect();
    shuffle(&mut pairs, &mut rng);
    for &(f, s) in &pairs {
        if out.len() == n {
            break;
        }
        push(format!("{} {}", FIRST_NAMES[f], SURNAMES[s]), &mut out);
    }
    while out.len() < n {
        let (f, s) = pairs[below(&mut rng, pairs.len())];
        let m = FIRST_NAMES[below(&mut rng, FIRST_NAMES.len())];
        push(format!("{} {m} {}", FIRST_NAMES[f], SURNAMES[s]), &mut out);
    }
    out
}

/// `n` Arabic name queries: the gazetteer's Arabic spellings and variants
/// in a seeded order, cycled when `n` is larger.
pub fn arabic_queries(n: usize, seed: u64) -> Vec<String> {
    let mut forms: Vec<String> = gazetteer(true).into_iter().flat_map(|r| r.arabic).collect();
    shuffle(&mut forms, &mut SplitMix64(seed));
    forms.iter().cycle().take(n).cloned().collect()
}

/// Writes a batch of `articles` articles of about `bytes_per_article` bytes
/// into `dir`: one `.jsonl` file (with an `en` field) holding a fifth of
/// them, the rest as `.txt` files. Returns the total size of the files.
pub fn write_batch(dir: &Path, articles: usize, bytes_per_article: usize, seed: u64) -> u64 {
    let rows = gazetteer(true);
    let mut rng = SplitMix64(seed);
    let in_jsonl = if articles == 0 { 0 } else { (articles / 5).max(1) };
    let mut total = 0;
    let mut jsonl = String::new();
    for i in 0..articles {
        let text = arabic_text(bytes_per_article, rng.next_u64());
        if i < in_jsonl {
            let mut en = String::new();
            for _ in 0..3 {
                let template = EN_SENTENCES[below(&mut rng, EN_SENTENCES.len())];
                let row = &rows[below(&mut rng, rows.len())];
                en.push_str(&template.replace('%', &row.en));
                en.push(' ');
            }
            let line = serde_json::json!({ "id": format!("j{i}"), "text": text, "en": en.trim_end() });
            jsonl.push_str(&line.to_string());
            jsonl.push('\n');
        } else {
            let path = dir.join(format!("article_{i:04}.txt"));
            std::fs::write(&path, &text).expect("write article");
            total += text.len() as u64;
        }
    }
    if in_jsonl > 0 {
        std::fs::write(dir.join("batch.jsonl"), &jsonl).expect("write jsonl");
        total += jsonl.len() as u64;
    }
    total
}
