//! Sums of weights by a small dense key (a story slot, an article's
//! position), for the candidate searches: an array with the keys touched,
//! cleared key by key, where a hash map per search was a third of the search.

/// Summed weights by key; reuse one across searches.
#[derive(Debug, Default)]
pub(crate) struct Sums {
    sum: Vec<f32>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Sums {
    /// Adds `w` to key `k` (the first addition to a key starts it at zero).
    pub(crate) fn add(&mut self, k: u32, w: f32) {
        let i = k as usize;
        if i >= self.sum.len() {
            self.sum.resize(i + 1, 0.0);
            self.seen.resize(i + 1, false);
        }
        if !self.seen[i] {
            self.seen[i] = true;
            self.sum[i] = 0.0;
            self.touched.push(k);
        }
        self.sum[i] += w;
    }

    /// Every key added to since the last take, with its sum, in the order
    /// first added; the sums start afresh.
    pub(crate) fn take(&mut self) -> Vec<(u32, f32)> {
        let out = self
            .touched
            .iter()
            .map(|&k| (k, self.sum[k as usize]))
            .collect();
        for &k in &self.touched {
            self.seen[k as usize] = false;
        }
        self.touched.clear();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Sums;

    #[test]
    fn sums_by_key_and_start_afresh_after_a_take() {
        let mut s = Sums::default();
        s.add(7, 0.5);
        s.add(2, 1.0);
        s.add(7, 0.25);
        assert_eq!(s.take(), [(7, 0.75), (2, 1.0)]);
        s.add(2, 0.5);
        assert_eq!(s.take(), [(2, 0.5)]);
        assert!(s.take().is_empty());
    }
}
