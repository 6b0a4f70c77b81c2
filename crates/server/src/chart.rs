//! The volume-over-time chart a story listing shows: an inline SVG of
//! articles per day, drawn on the server so it needs no script.

use maud::{Markup, html};
use storyline_store::Volume;

/// Width and height of the chart in CSS pixels.
const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 28.0;

/// A bar per day from the first to the last day with articles (gaps drawn
/// as empty days), at most 60 days: longer spans show their last 60.
pub(crate) fn volume(days: &[Volume]) -> Markup {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return html! {};
    };
    let span = (last.day - first.day).num_days().clamp(0, 59) as usize + 1;
    let start = last.day - chrono::Duration::days(span as i64 - 1);
    let mut counts = vec![0u32; span];
    for v in days {
        let i = (v.day - start).num_days();
        if (0..span as i64).contains(&i) {
            counts[i as usize] += v.articles;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bar = WIDTH / span as f64;
    let total: u32 = counts.iter().sum();
    // Undated members have no bar, so the label says what it counts.
    let what = if total == 1 {
        "dated article"
    } else {
        "dated articles"
    };
    let label = if span == 1 {
        format!("{total} {what} on {}", last.day)
    } else {
        format!("{total} {what} from {start} to {}", last.day)
    };
    html! {
        svg class="volume" width=(WIDTH) height=(HEIGHT) viewBox=(format!("0 0 {WIDTH} {HEIGHT}"))
            role="img" aria-label=(label) xmlns="http://www.w3.org/2000/svg" {
            title { (label) }
            @for (i, &n) in counts.iter().enumerate() {
                @if n > 0 {
                    @let h = (n as f64 / max * (HEIGHT - 2.0)).max(1.5);
                    rect x=(format!("{:.1}", i as f64 * bar)) y=(format!("{:.1}", HEIGHT - h))
                        width=(format!("{:.1}", (bar - 1.0).max(1.0))) height=(format!("{h:.1}")) {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::volume;
    use chrono::NaiveDate;
    use storyline_store::Volume;

    fn day(d: u32, articles: u32) -> Volume {
        Volume {
            day: NaiveDate::from_ymd_opt(2031, 5, d).expect("date"),
            articles,
        }
    }

    #[test]
    fn bars_per_day_with_gaps() {
        let svg = volume(&[day(1, 2), day(3, 1)]).into_string();
        expect_test::expect![[r#"<svg class="volume" width="120" height="28" viewBox="0 0 120 28" role="img" aria-label="3 dated articles from 2031-05-01 to 2031-05-03" xmlns="http://www.w3.org/2000/svg"><title>3 dated articles from 2031-05-01 to 2031-05-03</title><rect x="0.0" y="2.0" width="39.0" height="26.0"></rect><rect x="80.0" y="15.0" width="39.0" height="13.0"></rect></svg>"#]].assert_eq(&svg);
        assert_eq!(volume(&[]).into_string(), "");
        assert!(
            volume(&[day(4, 1)])
                .into_string()
                .contains("<title>1 dated article on 2031-05-04</title>")
        );
    }
}
