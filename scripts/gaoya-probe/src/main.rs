//! Probe: signatures/s of gaoya 0.2 MinHasher32 and of storyline's one-permutation
//! hashing with optimal densification (copied from crates/core/src/dedup/minhash.rs)
//! on 12,455 random sets of 166 shingles, the size of multi-news-val articles.

use gaoya::minhash::{MinHasher, MinHasher32};
use std::time::Instant;
fn mix64(mut z: u64) -> u64 { z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9); z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb); z ^ (z >> 31) }
fn scale(h: u64, n: usize) -> usize { (((h >> 32) * n as u64) >> 32) as usize }
// storyline's one-permutation hashing with optimal densification (copied for the probe)
fn oph(seed: u64, n: usize, shingles: &[u32], out: &mut Vec<u32>) {
    out.clear(); out.resize(n, u32::MAX);
    for &x in shingles { let h = mix64(u64::from(x) ^ seed); let bin = scale(h, n); let v = (h as u32).min(u32::MAX - 1); if v < out[bin] { out[bin] = v; } }
    let filled: Vec<bool> = out.iter().map(|&v| v != u32::MAX).collect();
    for i in 0..n { if filled[i] { continue; } let mut p = seed ^ ((i as u64) << 32); loop { p = mix64(p.wrapping_add(0x9e37_79b9_7f4a_7c15)); let j = scale(p, n); if filled[j] { out[i] = out[j]; break; } } }
}
fn main() {
    let mut s = 1u64;
    let sets: Vec<Vec<u32>> = (0..12455).map(|_| (0..166).map(|_| { s = mix64(s.wrapping_add(1)); s as u32 }).collect()).collect();
    let g = MinHasher32::new(128);
    let t = Instant::now(); let mut acc = 0u64;
    for x in &sets { let sig = g.create_signature(x.iter()); acc += sig[0] as u64; }
    let tg = t.elapsed().as_secs_f64();
    let t = Instant::now(); let mut out = Vec::new();
    for x in &sets { oph(7, 128, x, &mut out); acc += out[0] as u64; }
    let to = t.elapsed().as_secs_f64();
    println!("gaoya MinHasher32: {:.0} sets/s; storyline OPH: {:.0} sets/s; ratio {:.1}x ({acc})", 12455.0/tg, 12455.0/to, tg/to);
}
