//! A line reader with a size limit: it hands out one line at a time from a
//! reused buffer and, when a line is longer than the limit, keeps only its
//! length and discards its bytes as they stream past. A 50 MB line therefore
//! costs a buffer of the limit, never the line.

use std::io::{self, BufRead};

/// One line as [`LineReader::next_line`] returns it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    /// A line within the limit, without its line ending.
    Fits(&'a [u8]),
    /// A line longer than the limit; its bytes were discarded.
    TooLong {
        /// The line's full length in bytes, without its line ending.
        len: u64,
    },
}

/// Reads lines of at most `limit` bytes from a buffered reader.
pub(crate) struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    limit: usize,
    number: u64,
}

impl<R: BufRead> LineReader<R> {
    /// A reader over `inner` that keeps at most `limit` bytes of a line.
    pub(crate) fn new(inner: R, limit: usize) -> LineReader<R> {
        LineReader {
            inner,
            buf: Vec::new(),
            limit,
            number: 0,
        }
    }

    /// The 1-based number of the line last returned (0 before the first).
    pub(crate) fn number(&self) -> u64 {
        self.number
    }

    /// The next line, `None` at the end of the input.
    ///
    /// An error leaves the reader at an unknown position; callers stop there.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        self.buf.clear();
        let mut len: u64 = 0;
        let mut overflow = false;
        let mut any = false;
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], Some(i + 1)),
                None => (chunk, None),
            };
            len += part.len() as u64;
            if !overflow {
                if self.buf.len() + part.len() > self.limit {
                    overflow = true;
                    // Release the partial line now: nothing of it is kept.
                    self.buf.clear();
                } else {
                    self.buf.extend_from_slice(part);
                }
            }
            let consumed = done.unwrap_or(chunk.len());
            self.inner.consume(consumed);
            if done.is_some() {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.number += 1;
        if overflow {
            return Ok(Some(Line::TooLong { len }));
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(Some(Line::Fits(&self.buf)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};
    use std::io::Read;

    fn check(input: &str, limit: usize, expect: Expect) {
        let mut r = LineReader::new(io::BufReader::with_capacity(4, input.as_bytes()), limit);
        let mut out = Vec::new();
        while let Some(line) = r.next_line().expect("reading a slice cannot fail") {
            let shown = match line {
                Line::Fits(b) => format!("{:?}", String::from_utf8_lossy(b)),
                Line::TooLong { len } => format!("too long ({len})"),
            };
            out.push(format!("{}: {shown}", r.number()));
        }
        expect.assert_eq(&out.join("\n"));
    }

    #[test]
    fn lines() {
        check("", 10, expect![""]);
        check(
            "a\nbb\r\n\nccc",
            10,
            expect![[r#"
            1: "a"
            2: "bb"
            3: ""
            4: "ccc""#]],
        );
        check(
            "short\nthis one is long\nok\n",
            8,
            expect![[r#"
            1: "short"
            2: too long (16)
            3: "ok""#]],
        );
        check("exactly8\n", 8, expect![[r#"1: "exactly8""#]]);
    }

    /// A line far over the limit costs a buffer of about the limit, never
    /// the line: the bytes past the limit are dropped as they stream by.
    #[test]
    fn long_line_is_not_held() {
        let limit = 1 << 20;
        let huge = io::repeat(b'x').take(50_000_000).chain(&b"\nnext\n"[..]);
        let mut r = LineReader::new(io::BufReader::with_capacity(64 * 1024, huge), limit);
        let first = r.next_line().expect("reading from memory cannot fail");
        assert_eq!(first, Some(Line::TooLong { len: 50_000_000 }));
        assert!(
            r.buf.capacity() <= 2 * limit + 64 * 1024,
            "buffer grew to {} bytes for a limit of {limit}",
            r.buf.capacity()
        );
        let next = r.next_line().expect("reading from memory cannot fail");
        assert_eq!(next, Some(Line::Fits(b"next")));
        assert_eq!(r.number(), 2);
    }
}
