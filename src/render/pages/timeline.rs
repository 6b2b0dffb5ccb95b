//! The timeline of events and month-by-month progress.

use serde::Serialize;
use tera::Context;

use super::Inputs;
use crate::render::paginate::{self, Paginator};
use crate::render::svg;
use crate::render::views::*;

pub(super) fn timeline(cx: &Inputs, number: usize, ctx: &mut Context) {
    #[derive(Serialize)]
    struct MonthView {
        month: String,
        iso: String,
        benchmarks_done: usize,
        benchmarks_total: usize,
        percent: u32,
        actions_done: usize,
        meetings_held: usize,
    }
    let on_page = paginate::slice(&cx.analysis.timeline, number);
    let events: Vec<_> = on_page
        .iter()
        .map(|e| event(&cx.journal.strings, cx.urls, e))
        .collect();
    // The month-by-month progress is on the first page only.
    let monthly = match number {
        1 => &cx.analysis.monthly[..],
        _ => &[],
    };
    let months: Vec<_> = monthly
        .iter()
        .map(|m| MonthView {
            month: month_year(&cx.journal.strings, m.month),
            iso: m.month.format("%Y-%m").to_string(),
            benchmarks_done: m.benchmarks_done,
            benchmarks_total: m.benchmarks_total,
            percent: m.percent,
            actions_done: m.actions_done,
            meetings_held: m.meetings_held,
        })
        .collect();
    #[derive(Serialize)]
    struct EventMonth<'a> {
        month: String,
        iso: String,
        events: Vec<&'a EventView<'a>>,
    }
    let mut by_month: Vec<EventMonth> = Vec::new();
    for (e, ev) in on_page.iter().zip(&events) {
        match by_month.last_mut() {
            Some(m) if m.iso == ev.month => m.events.push(ev),
            _ => by_month.push(EventMonth {
                month: month_year(&cx.journal.strings, e.date),
                iso: ev.month.clone(),
                events: vec![ev],
            }),
        }
    }
    ctx.insert("event_months", &by_month);
    ctx.insert("events", &events);
    ctx.insert("months", &months);
    ctx.insert(
        "paginator",
        &Paginator::new(cx.urls, "timeline/", number, cx.analysis.timeline.len()),
    );
    if number == 1 {
        ctx.insert("chart", &svg::progress_chart(&cx.journal.strings, monthly));
    }
}
