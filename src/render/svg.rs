//! Inline SVG charts drawn at build time, so pages need no JavaScript. Colours come from
//! classes the theme's CSS styles (light, dark and print alike); every chart has a title
//! and a description, and the page shows the same numbers as text.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::analyse::{
    BenchmarkPoint, BenchmarkState, ChecklistItem, MonthProgress, Week, WeekState,
};
use crate::i18n::Strings;
use crate::render::views::month_year;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const W: f64 = 640.0;
const PAD: f64 = 56.0;

/// The opening tag, title and description every chart shares: `role="img"` named by its
/// title and described by its description, so a screen reader announces it as one picture.
fn open(s: &mut String, id: &str, w: f64, h: f64, title: &str, desc: &str) {
    let _ = write!(
        s,
        r#"<svg class="chart chart-{id}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(title),
        esc(desc)
    );
}

fn text(s: &mut String, class: &str, x: f64, y: f64, anchor: &str, t: &str) {
    let _ = write!(
        s,
        r#"<text class="{class}" x="{x:.1}" y="{y:.1}" text-anchor="{anchor}">{}</text>"#,
        esc(t)
    );
}

/// The mark of a benchmark state: a filled circle with a tick (done), a ringed one (done
/// late), a square with `!` (overdue), an open circle (upcoming), a dashed one (undated).
/// Shape tells the state as well as colour does.
fn benchmark_mark(s: &mut String, state: BenchmarkState, cx: f64, cy: f64, label: &str) {
    let tick = format!(
        r#"<path class="chart-tick" d="M{:.1} {:.1}l3 3l6 -6"/>"#,
        cx - 4.5,
        cy
    );
    let _ = match state {
        BenchmarkState::Done => write!(
            s,
            r#"<g><title>{label}</title><circle class="chart-done" cx="{cx:.1}" cy="{cy:.1}" r="9"/>{tick}</g>"#
        ),
        BenchmarkState::DoneLate => write!(
            s,
            r#"<g><title>{label}</title><circle class="chart-late-ring" cx="{cx:.1}" cy="{cy:.1}" r="12"/><circle class="chart-done" cx="{cx:.1}" cy="{cy:.1}" r="9"/>{tick}</g>"#
        ),
        BenchmarkState::Overdue => write!(
            s,
            r#"<g><title>{label}</title><rect class="chart-overdue" x="{:.1}" y="{:.1}" width="18" height="18"/><text class="chart-mark-text" x="{cx:.1}" y="{:.1}" text-anchor="middle">!</text></g>"#,
            cx - 9.0,
            cy - 9.0,
            cy + 5.0
        ),
        BenchmarkState::Upcoming => write!(
            s,
            r#"<g><title>{label}</title><circle class="chart-upcoming" cx="{cx:.1}" cy="{cy:.1}" r="8"/></g>"#
        ),
        BenchmarkState::Undated => write!(
            s,
            r#"<g><title>{label}</title><circle class="chart-upcoming chart-undated" cx="{cx:.1}" cy="{cy:.1}" r="8"/></g>"#
        ),
    };
}

/// The first and last dates of a time axis, under its two ends.
fn end_dates(
    s: &mut String,
    st: &Strings,
    (left, right): (f64, f64),
    y: f64,
    (first, last): (NaiveDate, NaiveDate),
) {
    text(s, "chart-label", left, y, "start", &short(st, first));
    text(s, "chart-label", right, y, "end", &short(st, last));
}

/// A date with the month abbreviated, for a chart's axis: "5 Sep 2026".
fn short(s: &Strings, d: NaiveDate) -> String {
    s.fmt(
        "date.short",
        &[
            ("day", &s.day_number(d)),
            ("month", &s.short_month(d)),
            ("year", &d.year()),
        ],
    )
}

/// A month abbreviated, with its year: "Sep 2026".
fn short_month_year(s: &Strings, d: NaiveDate) -> String {
    s.fmt(
        "date.short_month_year",
        &[("month", &s.short_month(d)), ("year", &d.year())],
    )
}

/// A benchmark's state in words, for the title of its mark.
fn state_words(s: &Strings, state: BenchmarkState) -> &str {
    s.t(match state {
        BenchmarkState::Done => "chart.state.done",
        BenchmarkState::DoneLate => "chart.state.done_late",
        BenchmarkState::Overdue => "chart.state.overdue",
        BenchmarkState::Upcoming => "chart.state.upcoming",
        BenchmarkState::Undated => "chart.state.undated",
    })
}

/// A goal's benchmarks on a line from its start to its target, numbered in the order of
/// the page's table, with today marked.
pub fn benchmark_timeline(
    st: &Strings,
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
    let h = 130.0;
    let axis_y = 62.0;
    let mut s = String::new();
    let done = points.iter().filter(|p| p.benchmark.done.is_some()).count();
    let overdue = points
        .iter()
        .filter(|p| p.state == BenchmarkState::Overdue)
        .count();
    open(
        &mut s,
        "benchmarks-chart",
        W,
        h,
        &st.fmt("chart.benchmarks.title", &[("title", &title)]),
        &st.count(
            "chart.benchmarks.desc",
            points.len(),
            &[
                ("done", &done),
                ("overdue", &overdue),
                ("from", &short(st, first)),
                ("to", &short(st, last)),
                ("today", &short(st, today)),
            ],
        ),
    );
    let _ = write!(
        s,
        r#"<line class="chart-axis" x1="{PAD}" y1="{axis_y}" x2="{x2}" y2="{axis_y}"/>"#,
        x2 = W - PAD
    );
    let label_y = axis_y + 52.0;
    let tx = x(today);
    // Keep the end labels clear of each other and of today.
    end_dates(&mut s, st, (PAD, W - PAD), label_y, (first, last));
    let _ = write!(
        s,
        r#"<line class="chart-today" x1="{tx:.1}" y1="22" x2="{tx:.1}" y2="{y2}"/>"#,
        y2 = axis_y + 22.0
    );
    let anchor = if tx < 80.0 {
        "start"
    } else if tx > W - 80.0 {
        "end"
    } else {
        "middle"
    };
    text(
        &mut s,
        "chart-label chart-strong",
        tx,
        16.0,
        anchor,
        st.t("chart.today"),
    );
    for (i, p) in points.iter().enumerate() {
        let Some(d) = p.benchmark.due.or(p.benchmark.done) else {
            continue;
        };
        let cx = x(d);
        let number = i + 1;
        let title = &p.benchmark.title;
        let state = state_words(st, p.state);
        let label = esc(&match p.benchmark.due {
            Some(due) => st.fmt(
                "chart.benchmark_due",
                &[
                    ("number", &number),
                    ("title", title),
                    ("state", &state),
                    ("date", &short(st, due)),
                ],
            ),
            None => st.fmt(
                "chart.benchmark",
                &[("number", &number), ("title", title), ("state", &state)],
            ),
        });
        benchmark_mark(&mut s, p.state, cx, axis_y, &label);
        text(
            &mut s,
            "chart-label",
            cx,
            axis_y + 32.0,
            "middle",
            &(i + 1).to_string(),
        );
    }
    s.push_str("</svg>");
    s
}

/// A goal's benchmarks done over time against those due: two step lines from the start
/// to the target (or today, if later), with today and the target marked.
pub fn goal_progress(
    st: &Strings,
    title: &str,
    started: Option<NaiveDate>,
    target: Option<NaiveDate>,
    points: &[BenchmarkPoint<'_>],
    today: NaiveDate,
) -> String {
    let mut done: Vec<NaiveDate> = points.iter().filter_map(|p| p.benchmark.done).collect();
    let mut due: Vec<NaiveDate> = points.iter().filter_map(|p| p.benchmark.due).collect();
    done.sort();
    due.sort();
    let first = started
        .into_iter()
        .chain(done.first().copied())
        .chain(due.first().copied())
        .min()
        .unwrap_or(today);
    let mut last = target
        .into_iter()
        .chain(done.last().copied())
        .chain(due.last().copied())
        .chain(std::iter::once(today))
        .max()
        .unwrap_or(today);
    if last <= first {
        last = first + chrono::Duration::days(1);
    }
    let total = points.len().max(1);
    let (h, top, bottom, left, right) = (230.0, 24.0, 176.0, 52.0, W - 90.0);
    let span = (last - first).num_days() as f64;
    let x = |d: NaiveDate| left + (d - first).num_days() as f64 / span * (right - left);
    let y = |n: usize| bottom - n as f64 / total as f64 * (bottom - top);
    let done_now = done.iter().filter(|d| **d <= today).count();
    let due_now = due.iter().filter(|d| **d <= today).count();
    let mut s = String::new();
    open(
        &mut s,
        "goal-progress",
        W,
        h,
        &st.fmt("chart.progress.title", &[("title", &title)]),
        &st.count(
            "chart.progress.desc",
            points.len(),
            &[
                ("today", &short(st, today)),
                ("done", &done_now),
                ("due", &due_now),
                ("from", &short(st, first)),
                ("to", &short(st, last)),
            ],
        ),
    );
    for n in [0, total] {
        let _ = write!(
            s,
            r#"<line class="chart-grid" x1="{left}" y1="{yy:.1}" x2="{right}" y2="{yy:.1}"/>"#,
            yy = y(n)
        );
        text(
            &mut s,
            "chart-label",
            left - 8.0,
            y(n) + 5.0,
            "end",
            &n.to_string(),
        );
    }
    // A step line: flat until each date, then up by one.
    let steps = |dates: &[NaiveDate], until: NaiveDate| {
        let mut pts = vec![format!("{:.1},{:.1}", x(first), y(0))];
        let mut n = 0;
        for d in dates.iter().filter(|d| **d <= until) {
            pts.push(format!("{:.1},{:.1}", x(*d), y(n)));
            n += 1;
            pts.push(format!("{:.1},{:.1}", x(*d), y(n)));
        }
        pts.push(format!("{:.1},{:.1}", x(until), y(n)));
        (pts.join(" "), n)
    };
    let (due_line, due_n) = steps(&due, last);
    let (done_line, done_n) = steps(&done, today.min(last));
    let _ = write!(
        s,
        r#"<polyline class="chart-plan" points="{due_line}"/><polyline class="chart-line" points="{done_line}"/>"#
    );
    text(
        &mut s,
        "chart-label",
        right + 6.0,
        y(due_n) + 5.0,
        "start",
        &st.fmt("chart.progress.due", &[("n", &due_n)]),
    );
    // Left of today, under the line (over it when nothing is done yet).
    text(
        &mut s,
        "chart-label chart-strong",
        x(today.min(last)) - 6.0,
        y(done_n) + if done_n == 0 { -8.0 } else { 20.0 },
        "end",
        &st.fmt("chart.progress.done", &[("n", &done_n)]),
    );
    let tx = x(today);
    let _ = write!(
        s,
        r#"<line class="chart-today" x1="{tx:.1}" y1="{top}" x2="{tx:.1}" y2="{bottom}"/>"#
    );
    text(
        &mut s,
        "chart-label chart-strong",
        tx,
        top - 8.0,
        "middle",
        st.t("chart.today"),
    );
    let label_y = bottom + 24.0;
    end_dates(&mut s, st, (left, right), label_y, (first, last));
    let ly = h - 8.0;
    let _ = write!(
        s,
        r#"<line class="chart-line" x1="{left}" y1="{a:.1}" x2="{b:.1}" y2="{a:.1}"/>"#,
        a = ly - 5.0,
        b = left + 28.0
    );
    let legend = st.t("chart.legend.done");
    text(&mut s, "chart-label", left + 34.0, ly, "start", legend);
    let _ = write!(
        s,
        r#"<line class="chart-plan" x1="{a:.1}" y1="{c:.1}" x2="{b:.1}" y2="{c:.1}"/>"#,
        a = left + 100.0,
        b = left + 128.0,
        c = ly - 5.0
    );
    text(
        &mut s,
        "chart-label",
        left + 134.0,
        ly,
        "start",
        st.t("chart.legend.due"),
    );
    s.push_str("</svg>");
    s
}

/// Meetings week by week, like a contribution calendar: a filled square for a week with a
/// meeting held, a slashed one for a cancellation, a crossed one for a missed week, an
/// empty one for a week with no meeting due. Rows of 13 weeks (a quarter), so it stays
/// legible on a phone, with a legend.
pub fn cadence_strip(st: &Strings, weeks: &[Week]) -> String {
    const PER_ROW: usize = 13;
    const STEP: f64 = 22.0;
    const CELL: f64 = 18.0;
    let rows = weeks.len().div_ceil(PER_ROW).max(1);
    let row_h = 48.0;
    let w = 8.0 + PER_ROW as f64 * STEP;
    let h = rows as f64 * row_h + 50.0;
    // Each state's weeks, worded with the plural form their number takes.
    let count = |key: &str, state: WeekState| {
        let n = weeks.iter().filter(|w| w.state == state).count();
        st.count(key, n, &[])
    };
    let mut s = String::new();
    open(
        &mut s,
        "cadence-chart",
        w,
        h,
        st.t("chart.cadence.title"),
        &st.fmt(
            "chart.cadence.desc",
            &[
                ("weeks", &st.count("count.weeks", weeks.len(), &[])),
                ("held", &count("chart.cadence.held", WeekState::Held)),
                (
                    "cancelled",
                    &count("chart.cadence.cancelled", WeekState::Cancelled),
                ),
                ("missed", &count("chart.cadence.missed", WeekState::Missed)),
                ("quiet", &count("chart.cadence.quiet", WeekState::Quiet)),
            ],
        ),
    );
    let mut last_month = None;
    for (i, wk) in weeks.iter().enumerate() {
        let (row, col) = (i / PER_ROW, i % PER_ROW);
        let x = 4.0 + col as f64 * STEP;
        let y = row as f64 * row_h + 18.0;
        // A month's name over its first week, and over the first week of a row unless a
        // new month starts right after it (the two names would collide).
        let month = st.short_month(wk.monday);
        let new_month = last_month != Some(month);
        let month_goes_on = weeks
            .get(i + 1)
            .is_none_or(|n| (i + 1) % PER_ROW == 0 || st.short_month(n.monday) == month);
        if new_month || (col == 0 && month_goes_on) {
            if col > 0 || month_goes_on {
                text(&mut s, "chart-label", x, y - 5.0, "start", month);
            }
            last_month = Some(month);
        }
        week_cell(st, &mut s, wk, x, y, CELL);
    }
    let legend_y = rows as f64 * row_h + 4.0;
    for (k, (state, label)) in [
        (WeekState::Held, "chart.legend.held"),
        (WeekState::Cancelled, "chart.legend.cancelled"),
        (WeekState::Missed, "chart.legend.missed"),
        (WeekState::Quiet, "chart.legend.quiet"),
    ]
    .into_iter()
    .enumerate()
    {
        let wk = Week {
            monday: weeks.first().map_or(NaiveDate::MIN, |w| w.monday),
            state,
        };
        let lx = 4.0 + (k % 2) as f64 * 140.0;
        let ly = legend_y + (k / 2) as f64 * 22.0;
        week_cell(st, &mut s, &wk, lx, ly, 14.0);
        text(
            &mut s,
            "chart-label",
            lx + 20.0,
            ly + 12.0,
            "start",
            st.t(label),
        );
    }
    s.push_str("</svg>");
    s
}

fn week_cell(st: &Strings, s: &mut String, wk: &Week, x: f64, y: f64, size: f64) {
    let state = st.t(match wk.state {
        WeekState::Held => "chart.week.held",
        WeekState::Cancelled => "chart.week.cancelled",
        WeekState::Missed => "chart.week.missed",
        WeekState::Quiet => "chart.week.quiet",
    });
    let tip = esc(&st.fmt(
        "chart.week.tip",
        &[("date", &st.date(wk.monday)), ("state", &state)],
    ));
    let (x2, y2) = (x + size, y + size);
    let _ = match wk.state {
        WeekState::Held => write!(
            s,
            r#"<rect class="week-held" x="{x:.1}" y="{y:.1}" width="{size}" height="{size}" rx="2"><title>{tip}</title></rect>"#
        ),
        WeekState::Cancelled => write!(
            s,
            r#"<g><title>{tip}</title><rect class="week-cancelled" x="{x:.1}" y="{y:.1}" width="{size}" height="{size}" rx="2"/><line class="week-mark" x1="{x:.1}" y1="{y2:.1}" x2="{x2:.1}" y2="{y:.1}"/></g>"#
        ),
        WeekState::Missed => write!(
            s,
            r#"<g><title>{tip}</title><rect class="week-missed" x="{x:.1}" y="{y:.1}" width="{size}" height="{size}" rx="2"/><path class="week-missed-mark" d="M{a:.1} {b:.1}L{c:.1} {d:.1}M{a:.1} {d:.1}L{c:.1} {b:.1}"/></g>"#,
            a = x + 4.0,
            b = y + 4.0,
            c = x2 - 4.0,
            d = y2 - 4.0
        ),
        WeekState::Quiet => write!(
            s,
            r#"<rect class="week-quiet" x="{x:.1}" y="{y:.1}" width="{size}" height="{size}" rx="2"><title>{tip}</title></rect>"#
        ),
    };
}

/// The ten checklist scores as horizontal bars, each labelled with its number, its title
/// and its score; a score under half is hatched as well as coloured.
pub fn checklist_bars(st: &Strings, items: &[ChecklistItem]) -> String {
    let w = 380.0;
    let row = 44.0;
    let h = items.len() as f64 * row + 8.0;
    let mut s = String::new();
    let low = items.iter().filter(|i| i.score < 50).count();
    open(
        &mut s,
        "checklist-chart",
        w,
        h,
        st.t("chart.checklist.title"),
        &st.fmt(
            "chart.checklist.desc",
            &[
                ("items", &st.count("count.items", items.len(), &[])),
                ("low", &low),
                (
                    "scores",
                    &items
                        .iter()
                        .map(|i| format!("{} {} %", i.number, i.score))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ],
        ),
    );
    s.push_str(r#"<defs><pattern id="checklist-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="bar-low" width="6" height="6"/><line class="bar-hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>"#);
    for (k, i) in items.iter().enumerate() {
        let y = k as f64 * row + 4.0;
        text(
            &mut s,
            "chart-label chart-strong",
            0.0,
            y + 14.0,
            "start",
            &format!("{}. {}", i.number, st.t(i.title)),
        );
        text(
            &mut s,
            "chart-label chart-strong",
            w,
            y + 14.0,
            "end",
            &format!("{} %", i.score),
        );
        let _ = write!(
            s,
            r#"<rect class="bar-track" x="0" y="{:.1}" width="{w}" height="12" rx="3"/>"#,
            y + 22.0
        );
        let filled = f64::from(i.score.min(100)) / 100.0 * w;
        if filled > 0.0 {
            let fill = if i.score < 50 {
                r#" fill="url(#checklist-hatch)""#
            } else {
                ""
            };
            let _ = write!(
                s,
                r#"<rect class="{}" x="0" y="{:.1}" width="{filled:.1}" height="12" rx="3"{fill}/>"#,
                if i.score < 50 { "bar-low" } else { "bar-good" },
                y + 22.0
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// The share of all benchmarks done at the end of each month, as a line.
pub fn progress_chart(st: &Strings, months: &[MonthProgress]) -> String {
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
        (Some(a), Some(b)) => st.fmt(
            "chart.monthly.desc",
            &[
                ("from", &month_year(st, a.month)),
                ("to", &month_year(st, b.month)),
                ("first", &a.percent),
                ("last", &b.percent),
                ("done", &b.benchmarks_done),
                ("total", &b.benchmarks_total),
            ],
        ),
        _ => st.t("chart.monthly.empty").to_string(),
    };
    open(
        &mut s,
        "progress-chart",
        W,
        h,
        st.t("chart.monthly.title"),
        &summary,
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
                esc(&month_year(st, m.month)),
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
                    esc(&short_month_year(st, m.month))
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
            &Strings::english(),
            "Talk",
            Some(date("2026-01-01")),
            Some(date("2026-06-30")),
            &points,
            date("2026-03-01"),
        );
        assert!(svg.contains("1 of 2 benchmarks done"));
        assert!(svg.contains("1. Draft &lt;one&gt;: done"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="benchmarks-chart-title benchmarks-chart-desc""#));
        assert!(svg.contains(r#"class="chart-overdue""#));
        assert!(svg.contains(r#"class="chart-today""#));
    }

    #[test]
    fn goal_progress_counts_done_against_due_by_today() {
        let b = |due: &str, done: Option<&str>| Benchmark {
            title: "b".into(),
            due: Some(date(due)),
            done: done.map(date),
            line: 1,
        };
        let list = [
            b("2026-02-01", Some("2026-01-20")),
            b("2026-03-01", None),
            b("2026-05-01", None),
        ];
        let points: Vec<_> = list
            .iter()
            .map(|x| BenchmarkPoint {
                benchmark: x,
                state: crate::analyse::progress::benchmark_state(x, date("2026-03-15")),
            })
            .collect();
        let svg = goal_progress(
            &Strings::english(),
            "Talk",
            Some(date("2026-01-01")),
            Some(date("2026-06-30")),
            &points,
            date("2026-03-15"),
        );
        assert!(svg.contains("1 of 3 benchmarks are done and 2 were due"));
        assert!(svg.contains(">done: 1<"));
        assert!(svg.contains(">due: 3<"));
        assert!(svg.contains(r#"aria-labelledby="goal-progress-title goal-progress-desc""#));
    }

    #[test]
    fn cadence_strip_has_a_cell_and_a_word_per_week() {
        let week = |d: &str, state| Week {
            monday: date(d),
            state,
        };
        let weeks = [
            week("2026-03-02", WeekState::Held),
            week("2026-03-09", WeekState::Cancelled),
            week("2026-03-16", WeekState::Missed),
            week("2026-03-23", WeekState::Quiet),
        ];
        let svg = cadence_strip(&Strings::english(), &weeks);
        assert!(svg.contains(
            "4 weeks: 1 with a meeting held, 1 with a meeting cancelled, 1 missed, 1 with no meeting due."
        ));
        assert!(svg.contains("<title>Week of 9 March 2026: cancelled</title>"));
        assert!(svg.contains("<title>Week of 16 March 2026: missed</title>"));
        assert_eq!(
            svg,
            cadence_strip(&Strings::english(), &weeks),
            "deterministic"
        );
    }

    #[test]
    fn checklist_bars_label_every_score_and_hatch_low_ones() {
        let item = |number, score| ChecklistItem {
            number,
            title: "Item",
            measure: "m",
            numerator: 0,
            denominator: 0,
            score,
            raise: crate::analyse::Phrase::new("score.plan.full"),
        };
        let svg = checklist_bars(&Strings::english(), &[item(1, 100), item(2, 30)]);
        assert!(svg.contains(">1. Item<") && svg.contains(">100 %<") && svg.contains(">30 %<"));
        assert_eq!(svg.matches(r#"fill="url(#checklist-hatch)""#).count(), 1);
        assert!(svg.contains("2 items; 1 below half"));
    }
}
