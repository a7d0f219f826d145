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

/// Aligns `n` source sentences with `m` target sentences. `bead_cost(shape,
/// i, j)` is the cost of the bead of `shape` ending at source `i` and target
/// `j` (exclusive ends); it includes priors and lengths. `band` is the
/// half-width of the band around the diagonal, in sentences.
pub fn align_lengths<F>(n: usize, m: usize, band: usize, mut bead_cost: F) -> Vec<RawBead>
where
    F: FnMut(Shape, usize, usize) -> f64,
{
    // Row i covers j in lo[i]..=hi[i].
    let center = |i: usize| {
        if n == 0 {
            0
        } else {
            (i as f64 * m as f64 / n as f64).round() as usize
        }
    };
    let lo: Vec<usize> = (0..=n).map(|i| center(i).saturating_sub(band)).collect();
    let hi: Vec<usize> = (0..=n).map(|i| (center(i) + band).min(m)).collect();
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

    #[test]
    fn empty_sides() {
        assert!(align_lengths(0, 0, 5, |_, _, _| 1.0).is_empty());
        let b = align_lengths(2, 0, 5, |_, _, _| 1.0);
        assert_eq!(b.len(), 2);
        assert!(b.iter().all(|b| b.shape == (1, 0)));
    }
}
