//! Inline SVG charts drawn at build time, so pages need no JavaScript. Colours come from
//! classes the theme's CSS styles (light, dark and print alike); every chart has a title
//! and a description, and the page shows the same numbers as text.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::analyse::{BenchmarkPoint, BenchmarkState, MonthProgress};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const W: f64 = 640.0;
const PAD: f64 = 40.0;

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A goal's benchmarks on a line from its start to its target, with today marked.
pub fn benchmark_timeline(
    title: &str,
    started: Option<NaiveDate>,
    target: Option<NaiveDate>,
    points: &[BenchmarkPoint<'_>],
    today: NaiveDate,
) -> String {
    let dates: Vec<NaiveDate> = points
        .iter()
        .filter_map(|p| p.benchmark.due.or(p.benchmark.done))
        .chain(started)
        .chain(target)
        .chain(std::iter::once(today))
        .collect();
    let first = dates.iter().min().copied().unwrap_or(today);
    let mut last = dates.iter().max().copied().unwrap_or(today);
    if last <= first {
        last = first + chrono::Duration::days(1);
    }
    let span = (last - first).num_days() as f64;
    let x = |d: NaiveDate| PAD + (d - first).num_days() as f64 / span * (W - 2.0 * PAD);
    let h = 110.0;
    let axis_y = 60.0;
    let mut s = String::new();
    let done = points.iter().filter(|p| p.benchmark.done.is_some()).count();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {W} {h}" width="100%" role="img" aria-labelledby="benchmarks-chart-title benchmarks-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="benchmarks-chart-title">Benchmarks of {t} against today</title><desc id="benchmarks-chart-desc">{done} of {n} benchmarks done; the line runs from {a} to {b}; today is {today}.</desc>"#,
        t = esc(title),
        n = points.len(),
        a = iso(first),
        b = iso(last),
        today = iso(today),
    );
    let _ = write!(
        s,
        r#"<line class="chart-axis" x1="{PAD}" y1="{axis_y}" x2="{x2}" y2="{axis_y}"/>"#,
        x2 = W - PAD
    );
    for (d, anchor) in [(first, "start"), (last, "end")] {
        let _ = write!(
            s,
            r#"<text class="chart-label" x="{:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
            x(d),
            axis_y + 35.0,
            iso(d)
        );
    }
    let tx = x(today);
    let _ = write!(
        s,
        r#"<line class="chart-today" x1="{tx:.1}" y1="15" x2="{tx:.1}" y2="{y2}"/><text class="chart-label" x="{tx:.1}" y="11" text-anchor="middle">today</text>"#,
        y2 = axis_y + 20.0
    );
    for p in points {
        let Some(d) = p.benchmark.due.or(p.benchmark.done) else {
            continue;
        };
        let cx = x(d);
        let label = format!(
            "{}: {}{}",
            esc(&p.benchmark.title),
            p.state.as_str(),
            p.benchmark
                .due
                .map(|d| format!(", due {}", iso(d)))
                .unwrap_or_default()
        );
        match p.state {
            BenchmarkState::Overdue => {
                let _ = write!(
                    s,
                    r#"<rect class="chart-overdue" x="{:.1}" y="{:.1}" width="12" height="12"><title>{label}</title></rect>"#,
                    cx - 6.0,
                    axis_y - 6.0
                );
            }
            BenchmarkState::Done | BenchmarkState::DoneLate => {
                let _ = write!(
                    s,
                    r#"<circle class="chart-done" cx="{cx:.1}" cy="{axis_y}" r="7"><title>{label}</title></circle>"#
                );
            }
            _ => {
                let _ = write!(
                    s,
                    r#"<circle class="chart-upcoming" cx="{cx:.1}" cy="{axis_y}" r="7"><title>{label}</title></circle>"#
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

/// The share of all benchmarks done at the end of each month, as a line.
pub fn progress_chart(months: &[MonthProgress]) -> String {
    let h = 220.0;
    let top = 20.0;
    let bottom = h - 40.0;
    let n = months.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            W / 2.0
        } else {
            PAD + i as f64 / (n - 1) as f64 * (W - 2.0 * PAD)
        }
    };
    let y = |pct: u32| bottom - f64::from(pct) / 100.0 * (bottom - top);
    let mut s = String::new();
    let summary = match (months.first(), months.last()) {
        (Some(a), Some(b)) => format!(
            "From {} to {}, benchmarks done rose from {} % to {} % ({} of {}).",
            a.month.format("%B %Y"),
            b.month.format("%B %Y"),
            a.percent,
            b.percent,
            b.benchmarks_done,
            b.benchmarks_total
        ),
        _ => "No months to show yet.".into(),
    };
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {W} {h}" width="100%" role="img" aria-labelledby="progress-chart-title progress-chart-desc" xmlns="http://www.w3.org/2000/svg"><title id="progress-chart-title">Share of benchmarks done, month by month</title><desc id="progress-chart-desc">{}</desc>"#,
        esc(&summary)
    );
    for pct in [0u32, 50, 100] {
        let _ = write!(
            s,
            r#"<line class="chart-grid" x1="{PAD}" y1="{yy:.1}" x2="{x2}" y2="{yy:.1}"/><text class="chart-label" x="{lx}" y="{ty:.1}" text-anchor="end">{pct} %</text>"#,
            yy = y(pct),
            x2 = W - PAD,
            lx = PAD - 4.0,
            ty = y(pct) + 4.0
        );
    }
    if !months.is_empty() {
        let pts: Vec<String> = months
            .iter()
            .enumerate()
            .map(|(i, m)| format!("{:.1},{:.1}", x(i), y(m.percent)))
            .collect();
        let _ = write!(
            s,
            r#"<polyline class="chart-line" points="{}"/>"#,
            pts.join(" ")
        );
        for (i, m) in months.iter().enumerate() {
            let _ = write!(
                s,
                r#"<circle class="chart-done" cx="{:.1}" cy="{:.1}" r="4"><title>{}: {} %</title></circle>"#,
                x(i),
                y(m.percent),
                m.month.format("%B %Y"),
                m.percent
            );
        }
        let step = n.div_ceil(6).max(1);
        for (i, m) in months.iter().enumerate() {
            if i % step == 0 || i == n - 1 {
                let _ = write!(
                    s,
                    r#"<text class="chart-label" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    x(i),
                    bottom + 22.0,
                    m.month.format("%b %Y")
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Benchmark;
    use crate::validate::testing::date;

    #[test]
    fn timeline_marks_states_and_today() {
        let done = Benchmark {
            title: "Draft <one>".into(),
            due: Some(date("2026-02-01")),
            done: Some(date("2026-01-30")),
            line: 1,
        };
        let late = Benchmark {
            title: "Two".into(),
            due: Some(date("2026-02-10")),
            done: None,
            line: 2,
        };
        let points = [
            BenchmarkPoint {
                benchmark: &done,
                state: BenchmarkState::Done,
            },
            BenchmarkPoint {
                benchmark: &late,
                state: BenchmarkState::Overdue,
            },
        ];
        let svg = benchmark_timeline(
            "Talk",
            Some(date("2026-01-01")),
            Some(date("2026-06-30")),
            &points,
            date("2026-03-01"),
        );
        assert!(svg.contains("1 of 2 benchmarks done"));
        assert!(svg.contains("Draft &lt;one&gt;: done"));
        assert!(svg.contains(r#"class="chart-overdue""#));
        assert!(svg.contains(r#"class="chart-today""#));
    }
}
