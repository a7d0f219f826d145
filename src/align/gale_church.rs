//! Length-based sentence alignment (Gale & Church 1993), banded, with an
//! external per-bead adjustment for anchors.
//!
//! Each *bead* pairs a few source sentences with a few target sentences. Its
//! cost is `-ln P(bead kind) - ln P(length match)`, where the length match is
//! `δ = (l₂ − c·l₁) / √(s²·m)` with `m` the mean of `l₁` and `l₂/c`, and
//! `P = 2(1 − Φ(|δ|))`. The dynamic programme finds the cheapest sequence of
//! beads; it is restricted to a band around the diagonal so that two
//! 5,000-sentence documents take a fraction of a second.

/// A bead shape: (source sentences, target sentences).
pub type Shape = (u8, u8);

/// The shapes the aligner considers. 1-3 exists because one Chinese sentence
/// is often rendered as three English ones.
pub const SHAPES: [Shape; 8] = [
    (1, 1),
    (1, 2),
    (2, 1),
    (1, 0),
    (0, 1),
    (2, 2),
    (1, 3),
    (3, 1),
];

/// The length model: target characters per source character and the variance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    /// Expected target length per source character (`c`).
    pub ratio: f64,
    /// Variance of the target length per unit of length (`s²`).
    pub variance: f64,
}

impl LengthModel {
    /// δ for a pair of lengths (both non-zero totals expected; zero gives δ=0 for 0/0).
    pub fn delta(&self, l1: f64, l2: f64) -> f64 {
        let m = (l1 + l2 / self.ratio) / 2.0;
        if m <= 0.0 {
            return 0.0;
        }
        (l2 - self.ratio * l1) / (self.variance * m).sqrt()
    }

    /// `-ln P(match)` for the lengths: `-ln erfc(|δ|/√2)`.
    pub fn cost(&self, l1: f64, l2: f64) -> f64 {
        neg_ln_erfc(self.delta(l1, l2).abs() / std::f64::consts::SQRT_2)
    }
}

/// `-ln erfc(z)` for z ≥ 0, computed in log space so large z stays finite
/// (Numerical Recipes' erfcc, fractional error below 1.2e-7).
pub fn neg_ln_erfc(z: f64) -> f64 {
    let z = z.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    -(t.ln() + poly)
}

/// A bead found by [`align_lengths`]: sentence index ranges on each side.
#[derive(Debug, Clone, PartialEq)]
pub struct RawBead {
    pub shape: Shape,
    pub source: std::ops::Range<usize>,
    pub target: std::ops::Range<usize>,
    /// The bead's cost as the programme saw it.
    pub cost: f64,
}

/// The cells the programme searches: row `i` (source sentences consumed)
/// covers target positions `lo[i]..=hi[i]`. Both bounds never decrease from
/// one row to the next and neighbouring rows overlap, so every cell of the
/// band is reachable from (0, 0) with 1-0 and 0-1 beads.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Band {
    /// `half` cells either side of the diagonal from (0, 0) to (n, m).
    pub fn diagonal(n: usize, m: usize, half: usize) -> Band {
        Band::around(&diagonal_span(n, m), &vec![half; n + 1], m)
    }

    /// `half[i]` cells either side of the target span `centre[i]` (the
    /// cells a previous path went through in row `i`).
    pub fn around(centre: &[(usize, usize)], half: &[usize], m: usize) -> Band {
        let n1 = centre.len();
        let mut lo: Vec<usize> = (0..n1)
            .map(|i| {
                centre[i]
                    .0
                    .saturating_sub(half.get(i).copied().unwrap_or(0))
            })
            .collect();
        let mut hi: Vec<usize> = (0..n1)
            .map(|i| (centre[i].1 + half.get(i).copied().unwrap_or(0)).min(m))
            .collect();
        // Monotone bounds: lo as a suffix minimum, hi as a prefix maximum.
        for i in (0..n1.saturating_sub(1)).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..n1 {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        // Overlap between neighbouring rows, the corners inside.
        for i in 1..n1 {
            lo[i] = lo[i].min(hi[i - 1]);
        }
        if let Some(l) = lo.first_mut() {
            *l = 0;
        }
        if let Some(h) = hi.last_mut() {
            *h = m;
        }
        Band { lo, hi }
    }

    /// Number of cells searched.
    pub fn cells(&self) -> usize {
        self.lo.iter().zip(&self.hi).map(|(l, h)| h + 1 - l).sum()
    }

    /// True when `(i, j)` lies within `margin` cells of an edge of the band
    /// that is not an edge of the whole table (the path was held back there).
    fn near_edge(&self, i: usize, j: usize, m: usize, margin: usize) -> bool {
        let (lo, hi) = (self.lo[i], self.hi[i]);
        (lo > 0 && j < lo + margin) || (hi < m && j + margin > hi)
    }
}

/// Aligns `n` source sentences with `m` target sentences. `bead_cost(shape,
/// i, j)` is the cost of the bead of `shape` ending at source `i` and target
/// `j` (exclusive ends); it includes priors and lengths. `band` is the
/// half-width of the band around the diagonal, in sentences.
pub fn align_lengths<F>(n: usize, m: usize, band: usize, mut bead_cost: F) -> Vec<RawBead>
where
    F: FnMut(Shape, usize, usize) -> f64,
{
    align_in(&Band::diagonal(n, m, band), n, m, &mut bead_cost)
}

/// How close to the band's edge a path may come before the band is widened there.
const EDGE_MARGIN: usize = 2;
/// Rows either side of an edge contact that are widened.
const WIDEN_ROWS: usize = 64;
/// Re-runs allowed to widen the band (each doubles the width where the path
/// touched the edge, so 12 reach 4096× the first width).
const MAX_WIDENINGS: usize = 12;

/// Aligns within a band that follows a guide path and widens where needed
/// (the strategy of Moore's aligner): the search covers `half` cells either
/// side of `guide` (the diagonal when `None`); wherever the best path comes
/// within two cells of the band's edge, the band is centred on that path,
/// doubled in width for the rows around the contact, and the programme run
/// again. The work is O((n + m) · half) per run, so linear in the length of
/// the documents; a clustered omission costs a few runs with a locally
/// wider band, not a wider band everywhere.
pub fn align_guided<F>(
    n: usize,
    m: usize,
    guide: Option<&[RawBead]>,
    half: usize,
    mut bead_cost: F,
) -> Vec<RawBead>
where
    F: FnMut(Shape, usize, usize) -> f64,
{
    let half = half.max(EDGE_MARGIN + 3);
    let mut widths = vec![half; n + 1];
    let centre = match guide {
        Some(path) => path_span(path, n, m),
        None => diagonal_span(n, m),
    };
    let mut band = Band::around(&centre, &widths, m);
    let mut beads = align_in(&band, n, m, &mut bead_cost);
    for _ in 0..MAX_WIDENINGS {
        let mut touched = Vec::new();
        let (mut i, mut j) = (0, 0);
        for b in &beads {
            if band.near_edge(i, j, m, EDGE_MARGIN) {
                touched.push(i);
            }
            i = b.source.end;
            j = b.target.end;
        }
        if touched.is_empty() {
            break;
        }
        // Each row near a contact doubles once per round; around the
        // diagonal (no guide yet) every row does, as in Moore's aligner,
        // because a long omission pulls the true path away from the
        // diagonal over many rows, not just where the path was held back.
        let mut widen = vec![guide.is_none(); n + 1];
        for &t in &touched {
            for w in &mut widen[t.saturating_sub(WIDEN_ROWS)..(t + WIDEN_ROWS + 1).min(n + 1)] {
                *w = true;
            }
        }
        for (w, _) in widths.iter_mut().zip(&widen).filter(|(_, x)| **x) {
            *w = (*w * 2).min(m.max(n) + 1);
        }
        // The band keeps its centre and only grows: a path that went wrong
        // where the band was narrow does not drag the band along with it.
        band = Band::around(&centre, &widths, m);
        beads = align_in(&band, n, m, &mut bead_cost);
    }
    beads
}

/// The diagonal from (0, 0) to (n, m) as a span per row.
fn diagonal_span(n: usize, m: usize) -> Vec<(usize, usize)> {
    let mut centre: Vec<(usize, usize)> = (0..=n)
        .map(|i| {
            let j = (i * m).checked_div(n).unwrap_or(m);
            (j, j)
        })
        .collect();
    if let Some(first) = centre.first_mut() {
        first.0 = 0;
    }
    centre
}

/// For each row 0..=n, the target positions a path passes through in it
/// (rows inside a bead take positions interpolated across it, so a coarse
/// path of whole blocks guides as well as a fine one).
fn path_span(path: &[RawBead], n: usize, m: usize) -> Vec<(usize, usize)> {
    let mut span: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    let mut mark = |i: usize, j: usize| {
        if let Some(s) = span.get_mut(i) {
            *s = Some(match *s {
                None => (j, j),
                Some((a, b)) => (a.min(j), b.max(j)),
            });
        }
    };
    mark(0, 0);
    for b in path {
        let (s, t) = (b.source.len(), b.target.len());
        mark(b.source.start, b.target.start);
        for i in b.source.start + 1..b.source.end {
            mark(i, b.target.start + (i - b.source.start) * t / s.max(1));
        }
        mark(b.source.end, b.target.end);
    }
    mark(n, m);
    // Rows the path never reached (a path for other lengths): carry the last.
    let mut last = (0, 0);
    span.into_iter()
        .map(|s| {
            let s = s.unwrap_or((last.1, last.1));
            last = s;
            (s.0.min(m), s.1.min(m))
        })
        .collect()
}

/// The dynamic programme over the cells of `band`.
fn align_in<F>(band: &Band, n: usize, m: usize, bead_cost: &mut F) -> Vec<RawBead>
where
    F: FnMut(Shape, usize, usize) -> f64,
{
    let lo = &band.lo;
    let hi = &band.hi;
    let mut cost: Vec<Vec<f64>> = Vec::with_capacity(n + 1);
    let mut back: Vec<Vec<u8>> = Vec::with_capacity(n + 1);
    let get = |cost: &Vec<Vec<f64>>, i: usize, j: usize| -> f64 {
        if j < lo[i] || j > hi[i] {
            f64::INFINITY
        } else {
            cost[i][j - lo[i]]
        }
    };
    for i in 0..=n {
        let width = hi[i] + 1 - lo[i];
        let mut row = vec![f64::INFINITY; width];
        let mut brow = vec![u8::MAX; width];
        for j in lo[i]..=hi[i] {
            if i == 0 && j == 0 {
                row[0] = 0.0;
                continue;
            }
            let mut best = f64::INFINITY;
            let mut best_k = u8::MAX;
            for (k, &(a, b)) in SHAPES.iter().enumerate() {
                let (a, b) = (a as usize, b as usize);
                if a > i || b > j {
                    continue;
                }
                let prev = if a == 0 {
                    if j - b < lo[i] || j - b > hi[i] {
                        f64::INFINITY
                    } else {
                        row[j - b - lo[i]]
                    }
                } else {
                    get(&cost, i - a, j - b)
                };
                if !prev.is_finite() {
                    continue;
                }
                let c = prev + bead_cost((a as u8, b as u8), i, j);
                if c < best {
                    best = c;
                    best_k = k as u8;
                }
            }
            row[j - lo[i]] = best;
            brow[j - lo[i]] = best_k;
        }
        cost.push(row);
        back.push(brow);
    }
    // Trace back from (n, m); the band always contains it.
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let k = if j >= lo[i] && j <= hi[i] {
            back[i][j - lo[i]]
        } else {
            u8::MAX
        };
        let Some(&(a, b)) = SHAPES.get(k as usize) else {
            // Unreachable cell (cannot happen with the 1-0 and 0-1 shapes); fall back safely.
            if i > 0 {
                beads.push(RawBead {
                    shape: (1, 0),
                    source: i - 1..i,
                    target: j..j,
                    cost: f64::INFINITY,
                });
                i -= 1;
            } else {
                beads.push(RawBead {
                    shape: (0, 1),
                    source: i..i,
                    target: j - 1..j,
                    cost: f64::INFINITY,
                });
                j -= 1;
            }
            continue;
        };
        let (a, b) = (a as usize, b as usize);
        let here = get(&cost, i, j);
        let before = get(&cost, i - a, j - b);
        beads.push(RawBead {
            shape: (a as u8, b as u8),
            source: i - a..i,
            target: j - b..j,
            cost: here - before,
        });
        i -= a;
        j -= b;
    }
    beads.reverse();
    beads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_log() {
        assert!((neg_ln_erfc(0.0)).abs() < 1e-6);
        // erfc(1) = 0.157299...
        assert!((neg_ln_erfc(1.0) - (-(0.157_299_207_f64).ln())).abs() < 1e-5);
        assert!(neg_ln_erfc(40.0).is_finite());
    }

    #[test]
    fn recovers_merge_and_drop() {
        // Source lengths and target lengths at ratio 2; target merges 2+3, drops 5.
        let src = [10.0, 20.0, 15.0, 30.0, 12.0, 25.0];
        let tgt = [20.0, 40.0, 90.0, 50.0];
        let model = LengthModel {
            ratio: 2.0,
            variance: 1.0,
        };
        let beads = align_lengths(src.len(), tgt.len(), 10, |(a, b), i, j| {
            let l1: f64 = src[i - a as usize..i].iter().sum();
            let l2: f64 = tgt[j - b as usize..j].iter().sum();
            let prior = match (a, b) {
                (1, 1) => 0.89,
                (1, 0) | (0, 1) => return -f64::ln(0.01),
                _ => 0.04,
            };
            -f64::ln(prior) + model.cost(l1, l2)
        });
        let shapes: Vec<_> = beads.iter().map(|b| b.shape).collect();
        assert_eq!(shapes, [(1, 1), (1, 1), (2, 1), (1, 0), (1, 1)]);
    }

    /// Pseudo-random sentence lengths (a fixed LCG, so the test is repeatable).
    fn lengths(n: usize, seed: u64) -> Vec<f64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                10.0 + ((x >> 33) % 9000) as f64 / 100.0
            })
            .collect()
    }

    fn length_cost(src: &[f64], tgt: &[f64]) -> impl FnMut(Shape, usize, usize) -> f64 {
        let model = LengthModel {
            ratio: 2.0,
            variance: 1.0,
        };
        move |(a, b), i, j| {
            let l1: f64 = src[i - a as usize..i].iter().sum();
            let l2: f64 = tgt[j - b as usize..j].iter().sum();
            match (a, b) {
                (1, 1) => -f64::ln(0.89) + model.cost(l1, l2),
                // Cheap enough that a chance length match inside a gap does
                // not pay for merging three sentences.
                (1, 0) | (0, 1) => 1.5,
                _ => -f64::ln(0.02) + model.cost(l1, l2),
            }
        }
    }

    /// 200 consecutive target sentences missing from the middle of 1,500:
    /// the path leaves the first band by up to 100 sentences, and the band
    /// must widen until the whole omission fits.
    #[test]
    fn clustered_omission_widens_the_band_locally() {
        let src = lengths(1500, 7);
        let tgt: Vec<f64> = src
            .iter()
            .enumerate()
            .filter(|&(k, _)| !(600..800).contains(&k))
            .map(|(_, l)| l * 2.0)
            .collect();
        let beads = align_guided(src.len(), tgt.len(), None, 32, length_cost(&src, &tgt));
        // Chance length coincidences inside the gap may pair a few sentences
        // wrongly; the path must still go through the gap, not around it.
        let truth = |k: usize| {
            if k < 600 {
                Some(k)
            } else if k >= 800 {
                Some(k - 200)
            } else {
                None
            }
        };
        assert!(
            found_links(&beads, truth) >= 1285,
            "{}",
            found_links(&beads, truth)
        );
        // Omissions on the other side, in two clusters.
        let tgt2: Vec<f64> = src.iter().map(|l| l * 2.0).collect();
        let mut src2 = src.clone();
        src2.drain(1250..1300);
        src2.drain(150..225);
        let beads = align_guided(src2.len(), tgt2.len(), None, 32, length_cost(&src2, &tgt2));
        let truth = |k: usize| {
            if k < 150 {
                Some(k)
            } else if k < 1175 {
                Some(k + 75)
            } else {
                Some(k + 125)
            }
        };
        assert!(
            found_links(&beads, truth) >= 1360,
            "{}",
            found_links(&beads, truth)
        );
    }

    /// 1-1 beads that pair source `k` with target `truth(k)`.
    fn found_links(beads: &[RawBead], truth: impl Fn(usize) -> Option<usize>) -> usize {
        beads
            .iter()
            .filter(|b| b.shape == (1, 1) && truth(b.source.start) == Some(b.target.start))
            .count()
    }

    #[test]
    fn band_rows_overlap_and_hold_the_corners() {
        let path_band = Band::around(&[(0, 0), (0, 40), (41, 41), (42, 90)], &[2, 2, 2, 2], 90);
        for i in 1..path_band.lo.len() {
            assert!(path_band.lo[i] >= path_band.lo[i - 1]);
            assert!(path_band.hi[i] >= path_band.hi[i - 1]);
            assert!(path_band.lo[i] <= path_band.hi[i - 1]);
        }
        assert_eq!(path_band.lo[0], 0);
        assert_eq!(path_band.hi[3], 90);
        let d = Band::diagonal(10, 1000, 3);
        assert!(d.cells() < 1100 + 10 * 7);
    }

    #[test]
    fn empty_sides() {
        assert!(align_lengths(0, 0, 5, |_, _, _| 1.0).is_empty());
        let b = align_lengths(2, 0, 5, |_, _, _| 1.0);
        assert_eq!(b.len(), 2);
        assert!(b.iter().all(|b| b.shape == (1, 0)));
    }
}
