//! Long lists split into pages, as Zola and Hugo do: page 1 at the section's own address,
//! page N at `SECTION/page/N/`. Keeps every page of the site small however long the
//! mentoring runs, so the site grows linearly with the journal and each page renders fast.

use serde::Serialize;

use super::urls::Urls;

/// Entries per page of the meeting log, the action items, the activities and the timeline.
pub const PER_PAGE: usize = 100;

/// How many pages `total` entries fill; an empty list still has its one page.
pub fn pages(total: usize) -> usize {
    total.div_ceil(PER_PAGE).max(1)
}

/// The folder of page `number` (1-based) of the section at `dir` (`meetings/`).
pub fn dir(section: &str, number: usize) -> String {
    match number {
        0 | 1 => section.to_string(),
        n => format!("{section}page/{n}/"),
    }
}

/// The entries of `list` on page `number`.
pub fn slice<T>(list: &[T], number: usize) -> &[T] {
    let start = (number.max(1) - 1) * PER_PAGE;
    let end = (start + PER_PAGE).min(list.len());
    list.get(start..end).unwrap_or(&[])
}

/// The entries on page `number` of `list` read from its end (newest first for a list
/// kept oldest first), without reversing the whole list for each page.
pub fn newest_first<T>(list: &[T], number: usize) -> impl Iterator<Item = &T> {
    let start = ((number.max(1) - 1) * PER_PAGE).min(list.len());
    let end = (start + PER_PAGE).min(list.len());
    list[list.len() - end..list.len() - start].iter().rev()
}

/// What a template needs to link the pages of a list: `paginator` in the context.
#[derive(Serialize, Debug, PartialEq)]
pub struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    pub pages: usize,
    /// Entries in the whole list, and the 1-based positions of this page's first and last.
    pub total: usize,
    pub from: usize,
    pub to: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The pages to offer: the first, the last and two either side of this one.
    pub links: Vec<PageLink>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were skipped between the previous link and this one.
    pub gap_before: bool,
}

impl Paginator {
    pub fn new(u: &Urls, section: &str, number: usize, total: usize) -> Paginator {
        let pages = pages(total);
        let url = |n: usize| u.page(&dir(section, n));
        let near = |n: usize| n == 1 || n == pages || n.abs_diff(number) <= 2;
        let mut links = Vec::new();
        let mut last = 0;
        for n in (1..=pages).filter(|&n| near(n)) {
            links.push(PageLink {
                number: n,
                url: url(n),
                current: n == number,
                gap_before: last != 0 && n != last + 1,
            });
            last = n;
        }
        Paginator {
            number,
            pages,
            total,
            from: ((number - 1) * PER_PAGE + 1).min(total),
            to: (number * PER_PAGE).min(total),
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < pages).then(|| url(number + 1)),
            links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_slices_and_folders() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(PER_PAGE), 1);
        assert_eq!(pages(PER_PAGE + 1), 2);
        let list: Vec<usize> = (0..PER_PAGE * 2 + 5).collect();
        assert_eq!(slice(&list, 1).len(), PER_PAGE);
        assert_eq!(slice(&list, 3), &[200, 201, 202, 203, 204]);
        assert!(slice(&list, 4).is_empty());
        assert_eq!(dir("meetings/", 1), "meetings/");
        assert_eq!(dir("meetings/", 3), "meetings/page/3/");
        let newest = |n| newest_first(&list, n).copied().collect::<Vec<_>>();
        assert_eq!(newest(1)[..2], [204, 203]);
        assert_eq!(newest(1).len(), PER_PAGE);
        assert_eq!(newest(3), [4, 3, 2, 1, 0]);
        assert!(newest(4).is_empty());
    }

    #[test]
    fn paginator_links_the_ends_and_the_neighbourhood() {
        let u = Urls::new("https://example.org/m/");
        let p = Paginator::new(&u, "timeline/", 6, PER_PAGE * 10);
        let numbers: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 4, 5, 6, 7, 8, 10]);
        let gaps: Vec<usize> = p
            .links
            .iter()
            .filter(|l| l.gap_before)
            .map(|l| l.number)
            .collect();
        assert_eq!(gaps, [4, 10]);
        assert_eq!(p.previous.as_deref(), Some("/m/timeline/page/5/"));
        assert_eq!(p.links[0].url, "/m/timeline/");
        assert_eq!((p.from, p.to), (501, 600));

        let only = Paginator::new(&u, "timeline/", 1, 3);
        assert_eq!((only.pages, only.from, only.to), (1, 1, 3));
        assert!(only.previous.is_none() && only.next.is_none());
    }
}
