//! Deterministic zh-CN→en TMX for benchmarks and tests.
//!
//! ```text
//! cargo run --release --example gen_tm -- --units 1000000 --seed 7 -o big.tmx
//! cargo run --release --example gen_tm -- --units 1000000 --seed 7 --queries 1000 -o queries.txt
//! ```
//!
//! Sentences are 20–80 Han characters long, like the seed speech's (a Chinese
//! head of state's address at the second China–Central Asia Summit, 2025).
//! They are clauses joined by commas: about a third are phrases of the seed
//! with their official-style English renderings; the rest are new clauses from
//! an order-2 character Markov chain trained on the seed (`corpus/seed.zh.txt`),
//! so the TM has the seed's character and bigram statistics without every
//! sentence being a reshuffle of the same 60 phrases — a real TM of thousands
//! of documents is far more varied than that, and a fuzzy index must be
//! measured on varied text. Their English is a deterministic word-per-character
//! pseudo-translation (the same Chinese clause always gets the same English). About 10% of units are near-duplicates of an
//! earlier unit (one to three characters changed: the fuzzy matches a real TM
//! is full of); about 5% carry inline tags (`bpt`/`ept`, `ph`). The output
//! depends only on the arguments (own splitmix64 PRNG): the same seed gives the
//! same bytes on every machine.
//!
//! `--queries N` writes N query sentences instead, one per line: half are
//! near-duplicates of units of the TM generated with the same `--units` and
//! `--seed`, half are fresh sentences.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

/// (Chinese, English) phrase pairs taken from the seed text.
const PHRASES: &[(&str, &str)] = &[
    (
        "弘扬中国－中亚精神",
        "carry forward the China–Central Asia Spirit",
    ),
    (
        "推动地区合作高质量发展",
        "promote high-quality development of regional cooperation",
    ),
    (
        "共同出席第二届中国－中亚峰会",
        "attend the second China–Central Asia Summit together",
    ),
    (
        "感谢哈萨克斯坦政府的热情周到安排",
        "thank the government of Kazakhstan for its warm and thoughtful arrangements",
    ),
    (
        "共同擘画了中国中亚合作的西安愿景",
        "jointly drew up the Xi'an Vision for China–Central Asia cooperation",
    ),
    (
        "象征着六国合作欣欣向荣",
        "symbolizing the thriving cooperation among the six countries",
    ),
    (
        "中国同中亚国家共建“一带一路”走深走实",
        "Belt and Road cooperation between China and Central Asian countries has deepened",
    ),
    (
        "产业投资、绿色矿产、科技创新等合作积极推进",
        "cooperation in industrial investment, green minerals and scientific innovation has advanced",
    ),
    (
        "中方提供的一揽子金融支持项目正在全面落实",
        "the package of financial support projects provided by China is being fully implemented",
    ),
    (
        "越来越多新能源汽车走进中亚",
        "more and more new energy vehicles are entering Central Asia",
    ),
    (
        "中亚农产品丰富了中国老百姓的餐桌",
        "Central Asian farm produce has enriched the dining tables of Chinese families",
    ),
    (
        "中吉乌铁路项目正式启动",
        "the China–Kyrgyzstan–Uzbekistan railway project was officially launched",
    ),
    (
        "中哈第三条铁路规划稳步推进",
        "planning for the third China–Kazakhstan railway is progressing steadily",
    ),
    (
        "中塔公路二期修复进展顺利",
        "phase two of the China–Tajikistan highway rehabilitation is going smoothly",
    ),
    (
        "中土能源合作稳步开展",
        "China–Turkmenistan energy cooperation is proceeding steadily",
    ),
    (
        "越来越多中国城市开通中亚班列",
        "more and more Chinese cities have opened freight train services to Central Asia",
    ),
    (
        "跨里海国际运输走廊提质扩容",
        "the Trans-Caspian International Transport Route has been upgraded and expanded",
    ),
    (
        "数字经济、人工智能成为双方合作新的增长点",
        "digital economy and artificial intelligence have become new growth areas of cooperation",
    ),
    (
        "新模式新业态惠及中国和中亚国家广大人民",
        "new models and new business forms have benefited the people of China and Central Asian countries",
    ),
    (
        "中国和中亚国家互设文化中心",
        "China and Central Asian countries have set up cultural centers in each other's countries",
    ),
    (
        "开设中国高校分校和鲁班工坊",
        "opened branch campuses of Chinese universities and Luban Workshops",
    ),
    (
        "中哈、中乌实现互免签证",
        "China and Kazakhstan, and China and Uzbekistan, have granted mutual visa exemption",
    ),
    (
        "中国－中亚人文旅游班列成功开行",
        "the China–Central Asia cultural tourism train has been launched",
    ),
    (
        "中国－中亚机制建立起部级合作平台",
        "the China–Central Asia mechanism has set up ministerial cooperation platforms",
    ),
    ("秘书处全面运行", "the Secretariat is fully operational"),
    (
        "首届中国－中亚峰会共识全面落地",
        "the consensus of the first China–Central Asia Summit has been fully implemented",
    ),
    (
        "合作之路越走越宽广",
        "the road of cooperation is getting ever broader",
    ),
    (
        "友谊之花越开越灿烂",
        "the flower of friendship is blossoming ever more brilliantly",
    ),
    (
        "我们的合作根植于两千多年的友好往来",
        "our cooperation is rooted in more than two thousand years of friendly exchanges",
    ),
    (
        "巩固于建交以来的团结互信",
        "consolidated by solidarity and mutual trust since the establishment of diplomatic ties",
    ),
    (
        "坚持相互尊重、平等相待",
        "we uphold mutual respect and treat each other as equals",
    ),
    (
        "协商一致作决策",
        "decisions are made through consultation and consensus",
    ),
    (
        "坚持深化互信、同声相应",
        "we deepen mutual trust and respond to each other's concerns",
    ),
    (
        "坚定支持彼此维护国家独立、主权、领土完整",
        "we firmly support each other in safeguarding independence, sovereignty and territorial integrity",
    ),
    (
        "不做任何损害彼此核心利益的事",
        "we never do anything that harms each other's core interests",
    ),
    (
        "坚持互利共赢、共同发展",
        "we pursue mutual benefit and common development",
    ),
    (
        "互为优先伙伴，互予发展机遇",
        "we are each other's priority partners and offer each other development opportunities",
    ),
    (
        "坚持守望相助、同舟共济",
        "we stand by each other and pull together in times of difficulty",
    ),
    (
        "支持彼此走符合国情的发展道路",
        "we support each other in following development paths suited to national conditions",
    ),
    (
        "合力应对各类风险挑战",
        "we jointly respond to all kinds of risks and challenges",
    ),
    (
        "共同维护地区安全稳定",
        "we jointly safeguard regional security and stability",
    ),
    (
        "为世代友好合作提供了重要遵循",
        "it provides important guidance for friendly cooperation from generation to generation",
    ),
    (
        "百年变局加速演进",
        "changes unseen in a century are accelerating",
    ),
    (
        "世界进入新的动荡变革期",
        "the world has entered a new period of turbulence and transformation",
    ),
    (
        "维护世界和平、实现共同发展",
        "safeguard world peace and achieve common development",
    ),
    (
        "关税战、贸易战没有赢家",
        "there are no winners in tariff wars and trade wars",
    ),
    (
        "单边主义、保护主义、霸权主义注定伤人害己",
        "unilateralism, protectionism and hegemonism are bound to hurt others and oneself",
    ),
    (
        "应当构建人类命运共同体",
        "we should build a community with a shared future for mankind",
    ),
    (
        "构建中国－中亚命运共同体",
        "build a China–Central Asia community with a shared future",
    ),
    (
        "推动共建“一带一路”高质量发展",
        "promote high-quality Belt and Road cooperation",
    ),
    (
        "朝着命运共同体目标砥砺前行",
        "forge ahead toward the goal of a community with a shared future",
    ),
    (
        "坚持睦邻安邻富邻、亲诚惠容理念方针",
        "adhere to the principle of amity, sincerity, mutual benefit and inclusiveness",
    ),
    (
        "共同签署永久睦邻友好合作条约",
        "jointly sign the Treaty on Permanent Good-Neighborliness, Friendship and Cooperation",
    ),
    (
        "以法律形式将世代友好的原则固定下来",
        "enshrine the principle of everlasting friendship in legal form",
    ),
    (
        "这是六国关系史上新的里程碑",
        "this is a new milestone in the history of relations among the six countries",
    ),
    (
        "聚焦贸易畅通、产业投资、互联互通",
        "focus on unimpeded trade, industrial investment and connectivity",
    ),
    (
        "力争尽快实现早期收获",
        "strive to deliver early harvests as soon as possible",
    ),
    (
        "促进数字基础设施联通",
        "promote connectivity of digital infrastructure",
    ),
    (
        "加强人工智能合作，培育新质生产力",
        "strengthen cooperation on artificial intelligence and foster new quality productive forces",
    ),
    (
        "建立减贫、教育交流、荒漠化防治三大合作中心",
        "establish three cooperation centers for poverty reduction, educational exchange and desertification control",
    ),
    (
        "加强地区安全治理",
        "strengthen regional security governance",
    ),
    (
        "持续深化执法安全合作",
        "continue to deepen law-enforcement and security cooperation",
    ),
    (
        "坚决打击“三股势力”",
        "resolutely combat the \"three evil forces\"",
    ),
];

/// Phrases with a number slot (`{}`), and the English with the same slot.
const NUMBERED: &[(&str, &str)] = &[
    ("贸易额增长{}%", "trade grew by {}%"),
    (
        "去年人员往来超过{}万人次",
        "over {}0 thousand cross-border trips were made last year",
    ),
    (
        "中国同中亚友城突破{}对",
        "sister-city pairs between China and Central Asia exceeded {}",
    ),
    (
        "向中亚国家提供{}个培训名额",
        "provide {} training opportunities to Central Asian countries",
    ),
    (
        "提供{}亿元人民币无偿援助",
        "provide {}00 million yuan in grant assistance",
    ),
];

const OPENERS: &[(&str, &str)] = &[
    ("两年来，", "Over the past two years, "),
    ("我们要", "We should "),
    ("中方愿", "China is ready to "),
    ("今天，", "Today, "),
    ("当前，", "At present, "),
    ("", ""),
];

/// The seed text the Markov clauses are trained on (fixed: part of the crate).
const SEED: &str = include_str!("../corpus/seed.zh.txt");

/// English words for the pseudo-translation of Markov clauses.
const GLOSS: &[&str] = &[
    "cooperation",
    "development",
    "China",
    "Central Asia",
    "friendship",
    "security",
    "trade",
    "investment",
    "connectivity",
    "mutual",
    "trust",
    "shared",
    "future",
    "community",
    "green",
    "digital",
    "region",
    "people",
    "exchanges",
    "partnership",
    "the",
    "of",
    "and",
    "in",
    "to",
    "common",
    "prosperity",
    "stability",
    "peace",
    "culture",
    "energy",
    "railway",
    "summit",
];

/// An order-2 Markov chain over the seed's Han characters, clause by clause.
struct Chain {
    /// Clause openings (two characters).
    starts: Vec<[char; 2]>,
    /// Sorted (two characters, next character) triples of the seed.
    next: Vec<([char; 2], char)>,
}

impl Chain {
    fn train(text: &str) -> Chain {
        let is_han = |c: char| matches!(c as u32, 0x4E00..=0x9FFF);
        let mut starts = Vec::new();
        let mut next = Vec::new();
        let chars: Vec<char> = text.chars().collect();
        for clause in chars.split(|&c| !is_han(c)).filter(|c| c.len() >= 3) {
            starts.push([clause[0], clause[1]]);
            for w in clause.windows(3) {
                next.push(([w[0], w[1]], w[2]));
            }
        }
        next.sort_unstable();
        Chain { starts, next }
    }

    /// A clause of about `len` characters (shorter when the chain dead-ends).
    fn clause(&self, rng: &mut Rng, len: usize) -> String {
        let [a, b] = *rng.pick(&self.starts);
        let mut out = vec![a, b];
        while out.len() < len {
            let key = [out[out.len() - 2], out[out.len() - 1]];
            let lo = self.next.partition_point(|(k, _)| *k < key);
            let hi = self.next.partition_point(|(k, _)| *k <= key);
            if lo == hi {
                break;
            }
            out.push(self.next[lo + rng.below(hi - lo)].1);
        }
        out.into_iter().collect()
    }
}

fn pseudo_english(zh: &str) -> String {
    let words: Vec<&str> = zh
        .chars()
        .step_by(2)
        .map(|c| GLOSS[(c as usize).wrapping_mul(2654435761) % GLOSS.len()])
        .collect();
    words.join(" ")
}

/// Characters substituted into near-duplicates.
const SWAP: &[char] = &[
    '中', '亚', '合', '作', '发', '展', '国', '家', '地', '区', '新', '年', '共', '同', '友', '好',
];

/// splitmix64: tiny, fast, and fully specified, so the output never changes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A generated sentence pair; `tagged` marks where inline tags go.
struct Pair {
    zh: String,
    en: String,
}

fn sentence(rng: &mut Rng, chain: &Chain) -> Pair {
    let target = 20 + rng.below(61); // Han characters, like the seed's sentences
    let (zo, eo) = rng.pick(OPENERS);
    let mut zh = zo.to_string();
    let mut en = eo.to_string();
    let mut first = true;
    while zh.chars().count() < target {
        let (z, e) = if rng.chance(65) {
            let len = 5 + rng.below(12);
            let z = chain.clause(rng, len);
            let e = pseudo_english(&z);
            (z, e)
        } else if rng.chance(15) {
            let (z, e) = rng.pick(NUMBERED);
            let n = (1 + rng.below(300)).to_string();
            (z.replace("{}", &n), e.replace("{}", &n))
        } else {
            let (z, e) = rng.pick(PHRASES);
            (z.to_string(), e.to_string())
        };
        if !first {
            zh.push('，');
            en.push_str(", ");
        }
        zh.push_str(&z);
        en.push_str(&e);
        first = false;
    }
    zh.push('。');
    en.push('.');
    if let Some(c) = en.get(..1) {
        let upper = c.to_uppercase();
        en.replace_range(..1, &upper);
    }
    Pair { zh, en }
}

/// Changes one to three Han characters of `zh`.
fn near_duplicate(rng: &mut Rng, zh: &str) -> String {
    let mut chars: Vec<char> = zh.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let i = rng.below(chars.len());
        if chars[i] != '，' && chars[i] != '。' {
            chars[i] = *rng.pick(SWAP);
        }
    }
    chars.into_iter().collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Wraps the first phrase in bold (bpt/ept) or appends a placeholder (ph).
fn with_tags(text: &str, bold: bool, sep: &str) -> String {
    let escaped = escape(text);
    if bold {
        match escaped.find(sep) {
            Some(i) => format!(
                "<bpt i=\"1\">&lt;b&gt;</bpt>{}<ept i=\"1\">&lt;/b&gt;</ept>{}",
                &escaped[..i],
                &escaped[i..]
            ),
            None => escaped,
        }
    } else {
        format!("{escaped}<ph x=\"1\">&lt;br/&gt;</ph>")
    }
}

struct Args {
    units: usize,
    seed: u64,
    queries: Option<usize>,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut units = None;
    let mut seed = 1;
    let mut queries = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--units" => units = Some(value()?.parse().map_err(|e| format!("--units: {e}"))?),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--queries" => queries = Some(value()?.parse().map_err(|e| format!("--queries: {e}"))?),
            "-o" | "--output" => out = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(Args {
        units: units.ok_or("--units N is required")?,
        seed,
        queries,
        out: out.ok_or("-o FILE is required")?,
    })
}

/// The TM's units, in order, as (zh, en, has_tags) — the one stream both modes draw from.
fn units(seed: u64, count: usize, mut each: impl FnMut(usize, &Pair, &mut Rng)) {
    let chain = Chain::train(SEED);
    let mut rng = Rng(seed);
    let mut recent: Vec<Pair> = Vec::new();
    for i in 0..count {
        let pair = if !recent.is_empty() && rng.chance(10) {
            let j = rng.below(recent.len());
            Pair {
                zh: near_duplicate(&mut rng, &recent[j].zh),
                en: recent[j].en.clone(),
            }
        } else {
            sentence(&mut rng, &chain)
        };
        each(i, &pair, &mut rng);
        if recent.len() < 1000 {
            recent.push(pair);
        } else {
            let j = rng.below(1000);
            recent[j] = pair;
        }
    }
}

fn write_tmx(args: &Args, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(w, "<tmx version=\"1.4\">")?;
    writeln!(
        w,
        "  <header creationtool=\"concord gen_tm\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"concord\" adminlang=\"en-US\" srclang=\"zh-CN\" datatype=\"plaintext\"/>"
    )?;
    writeln!(w, "  <body>")?;
    let mut err = Ok(());
    let mut buf = String::new();
    units(args.seed, args.units, |i, pair, rng| {
        if err.is_err() {
            return;
        }
        buf.clear();
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let _ = rng;
        // Tags are decided by their own generator so that the unit stream
        // (which `--queries` replays) does not depend on them.
        let mut tag_rng = Rng(args.seed ^ (i as u64).wrapping_mul(0x9e37_79b9));
        let (zh, en) = if tag_rng.chance(5) {
            let bold = tag_rng.chance(50);
            (
                with_tags(&pair.zh, bold, "，"),
                with_tags(&pair.en, bold, ", "),
            )
        } else {
            (escape(&pair.zh), escape(&pair.en))
        };
        let _ = write!(
            buf,
            "    <tu tuid=\"gen-{i:07}\" creationdate=\"2025{month:02}{day:02}T120000Z\" changedate=\"2025{month:02}{day:02}T120000Z\">\n      <prop type=\"x-document\">speech-{:03}.docx</prop>\n      <tuv xml:lang=\"zh-CN\"><seg>{zh}</seg></tuv>\n      <tuv xml:lang=\"en-US\"><seg>{en}</seg></tuv>\n    </tu>\n",
            i % 500
        );
        err = w.write_all(buf.as_bytes());
    });
    err?;
    writeln!(w, "  </body>")?;
    writeln!(w, "</tmx>")
}

fn write_queries(args: &Args, n: usize, w: &mut dyn Write) -> std::io::Result<()> {
    let mut pick = Rng(args.seed ^ 0x005e_ed0f_9e7e);
    // Which units the near-duplicate half is made from, in TM order.
    let mut wanted: Vec<usize> = (0..n / 2).map(|_| pick.below(args.units)).collect();
    wanted.sort_unstable();
    let mut near = Vec::with_capacity(wanted.len());
    let mut next = 0;
    units(args.seed, args.units, |i, pair, _| {
        while next < wanted.len() && wanted[next] == i {
            near.push(near_duplicate(&mut pick, &pair.zh));
            next += 1;
        }
    });
    let chain = Chain::train(SEED);
    let mut fresh = Rng(args.seed ^ 0xf4e5_4000);
    let mut lines = Vec::with_capacity(n);
    for (k, q) in near.into_iter().enumerate() {
        lines.push(q);
        if lines.len() < n && k < n - n / 2 {
            lines.push(sentence(&mut fresh, &chain).zh);
        }
    }
    while lines.len() < n {
        lines.push(sentence(&mut fresh, &chain).zh);
    }
    for l in lines {
        writeln!(w, "{l}")?;
    }
    Ok(())
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_tm: {e}\nusage: gen_tm --units N [--seed S] [--queries N] -o FILE");
            std::process::exit(2);
        }
    };
    let result = concord::io::write_atomic(&args.out, |w| {
        let r = match args.queries {
            Some(n) => write_queries(&args, n, w),
            None => write_tmx(&args, w),
        };
        r.map_err(concord::io::write_err(&args.out))
    });
    if let Err(e) = result {
        eprintln!("gen_tm: {e}");
        std::process::exit(2);
    }
}
