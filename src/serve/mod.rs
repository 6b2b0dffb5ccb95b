//! `mentorfolio serve`: build into memory, serve it, watch the journal, rebuild and
//! reload open pages. A failed rebuild never stops the server; it shows in the page.

pub mod guard;
pub mod live;
pub mod overlay;
pub mod path;
pub mod reload;
pub mod server;
pub mod upstream;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::console::{self, Globals};
use crate::diagnostics::{self, Diagnostic};
use overlay::Failure;
use reload::Event;
use server::Shared;
use watch::Change;

pub use crate::build::Rendered;
pub use live::{Files, Session, Update, Work};

/// What one rebuild did, for the terminal.
pub struct Rebuilt {
    pub ok: bool,
    /// Whether a site is being served (the new one, or the last good one after a failure).
    pub serving: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub event: Event,
}

/// Runs `build` (catching a panic), swaps the snapshot, and only then tells open pages.
/// A failure keeps the last good site and adds the overlay; success removes it.
pub fn rebuild<R: Into<Update>>(
    shared: &Shared,
    build: impl FnOnce() -> R,
    change: Change,
) -> Rebuilt {
    let outcome = catch_unwind(AssertUnwindSafe(|| build().into()));
    let mut snapshot = shared.snapshot();
    let was_failing = snapshot.failure.is_some();
    let (ok, diagnostics) = match outcome {
        Ok(Update {
            site: Some(site),
            diagnostics,
        }) => {
            snapshot.site = Some(site);
            snapshot.failure = None;
            snapshot.notes = overlay::notes(&diagnostics).map(Arc::from);
            (true, diagnostics)
        }
        Ok(Update {
            site: None,
            diagnostics,
        }) => {
            snapshot.failure = Some(Failure::Diagnostics(diagnostics.clone()));
            (false, diagnostics)
        }
        Err(payload) => {
            snapshot.failure = Some(Failure::Panic(panic_message(payload.as_ref())));
            (false, Vec::new())
        }
    };
    let event = if ok && !was_failing && change == Change::Css {
        Event::Css
    } else {
        Event::Reload
    };
    let serving = snapshot.site.is_some();
    let old = shared.set(snapshot);
    shared.hub.broadcast(event);
    // Freeing the old site and every page made from it waits until open pages are told.
    drop(old);
    Rebuilt {
        ok,
        serving,
        diagnostics,
        event,
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// The command line's options for `serve`.
pub struct Options {
    pub port: u16,
    pub interface: IpAddr,
    pub open: bool,
    /// Preview the protected site, locked, instead of the clear one.
    pub protected: bool,
}

/// The address pages should link to: the server's own, loopback when bound to all interfaces.
pub fn base_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{}/", addr.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}/", addr.port()),
    }
}

/// mimalloc's `purge_delay` option: its place in `mi_option_e` of mimalloc.h, the same in
/// mimalloc 2 and 3 (libmimalloc-sys names the options around it, not this one).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Each save works out the analysis again, freeing and taking the same memory; mimalloc
/// gives freed memory back to the system after 10 ms, so every save faulted it in afresh
/// (the kernel zeroing pages was a fifth of a save's samples). `serve` keeps it: its
/// memory stays at its peak, which a preview server can afford, and a save at 10,000
/// meetings is about a tenth faster (docs/performance.md).
fn keep_freed_memory() {
    // SAFETY: sets one integer option of the allocator, which reads it on every purge; -1
    // is the documented "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Serves the journal until Ctrl-C.
pub fn run(g: &Globals, opts: &Options) -> i32 {
    keep_freed_memory();
    let wanted = SocketAddr::new(opts.interface, opts.port);
    let listener = match TcpListener::bind(wanted) {
        Ok(listener) => listener,
        Err(e) => {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                eprintln!(
                    "error: port {} on {} is already in use; choose another with --port",
                    opts.port, opts.interface
                );
            } else {
                eprintln!("error: cannot listen on {wanted}: {e}");
            }
            return console::FAILED;
        }
    };
    let addr = listener.local_addr().unwrap_or(wanted);
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: serving on {}, not a loopback address: anyone who can reach this machine can read the site",
            addr.ip()
        );
    }
    let url = base_url(addr);
    let mut session = Session::new(&g.root, g.today, &url);
    if opts.protected {
        let pass = crate::protect::passphrase::obtain()
            .and_then(|pass| crate::protect::passphrase::check(&pass, &[]).map(|()| pass));
        match pass {
            Ok(pass) => session = session.protected(crate::protect::Key::derive(&pass, &url)),
            Err(r) => {
                eprintln!("error: {}\n  = hint: {}", r.message, r.hint);
                return console::FAILED;
            }
        }
    }
    let shared = Arc::new(Shared::default());

    let first = rebuild(&shared, || session.update(&[]), Change::Full);
    report(g, &first, None);

    let stop = Arc::new(AtomicBool::new(false));
    let accept = match server::start(listener, shared.clone(), stop.clone()) {
        Ok(accept) => accept,
        Err(e) => {
            eprintln!("error: cannot serve on {addr}: {e}");
            return console::FAILED;
        }
    };

    let (changes_tx, changes) = mpsc::channel::<Vec<PathBuf>>();
    // Set by the watcher with every change, so a warm-up render stops for the rebuild.
    let pending = Arc::new(AtomicBool::new(false));
    let _watcher = match watch::watch(&g.root, changes_tx, pending.clone()) {
        Ok(w) => Some(w),
        Err(e) => {
            eprintln!(
                "warning: cannot watch {}: {e}; pages will not rebuild on change",
                g.root.display()
            );
            None
        }
    };

    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    }) {
        eprintln!("warning: cannot catch Ctrl-C: {e}");
    }

    if !g.quiet {
        println!("serving {} at {url} (Ctrl-C to stop)", g.root.display());
    }
    if opts.open
        && let Err(e) = open::that_detached(&url)
    {
        eprintln!("warning: cannot open a browser: {e}");
    }

    let root = g.root.canonicalize().unwrap_or_else(|_| g.root.clone());
    warm(g, &shared, &pending);
    loop {
        if stop_rx.try_recv().is_ok() {
            break;
        }
        let batch = match changes.recv_timeout(Duration::from_millis(100)) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => {
                // No watcher: just wait for Ctrl-C.
                let _ = stop_rx.recv();
                break;
            }
        };
        // Fold every batch already waiting into one rebuild that sees the final content.
        pending.store(false, Ordering::SeqCst);
        let mut paths = batch;
        while let Ok(more) = changes.try_recv() {
            paths.extend(more);
        }
        let change = watch::classify(&root, &paths);
        if change == Change::Ignore {
            continue;
        }
        let started = Instant::now();
        let rebuilt = rebuild(&shared, || session.update(&paths), change);
        report(g, &rebuilt, Some(started.elapsed()));
        warm(g, &shared, &pending);
    }

    stop.store(true, Ordering::SeqCst);
    shared.hub.close_all();
    let _ = accept.join();
    if !g.quiet {
        println!("stopped");
    }
    console::OK
}

/// Makes every page of the site being served, so the next page asked for is answered at
/// once and template errors anywhere are reported; stops as soon as a change arrives.
fn warm(g: &Globals, shared: &Shared, pending: &AtomicBool) {
    let Some(site) = shared.snapshot().site else {
        return;
    };
    let stop = || pending.load(Ordering::SeqCst);
    let errors = match catch_unwind(AssertUnwindSafe(|| site.warm(&stop))) {
        Ok(errors) => errors,
        Err(payload) => {
            eprintln!(
                "error: a page panicked while rendering: {}",
                panic_message(payload.as_ref())
            );
            return;
        }
    };
    if !errors.is_empty() {
        g.report(&errors);
        eprintln!(
            "{} of the site cannot be made; their pages show why",
            crate::english::count(errors.len(), "file")
        );
    }
}

fn report(g: &Globals, rebuilt: &Rebuilt, took: Option<Duration>) {
    g.report(&rebuilt.diagnostics);
    if g.quiet {
        return;
    }
    use crate::english::count;
    let (errors, warnings) = diagnostics::count(&rebuilt.diagnostics);
    let what = if took.is_some() { "rebuilt" } else { "built" };
    let time = took.map_or(String::new(), |t| format!(" in {} ms", t.as_millis()));
    let serving = if rebuilt.serving {
        "still serving the last good site"
    } else {
        "serving the errors until a fix is saved"
    };
    if rebuilt.ok {
        println!("{what}{time}: {}", count(warnings, "warning"));
    } else if errors > 0 {
        println!(
            "build failed{time}: {}, {}; {serving}",
            count(errors, "error"),
            count(warnings, "warning")
        );
    } else {
        println!("build failed{time}: internal error; {serving}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Location};
    use crate::site::Site;
    use std::sync::Mutex;

    fn site(text: &str) -> Site {
        let mut s = Site::default();
        s.insert("index.html", format!("<html><body>{text}</body></html>"));
        s
    }

    fn body(shared: &Shared) -> String {
        String::from_utf8(server::respond(&shared.snapshot(), "GET", "/").body).unwrap()
    }

    #[test]
    fn failure_keeps_the_last_good_site_and_the_next_success_clears_the_overlay() {
        let shared = Shared::default();
        let events = shared.hub.subscribe();
        let next: Mutex<Vec<Rendered>> = Mutex::new(vec![
            Rendered {
                site: Some(site("fixed")),
                diagnostics: vec![],
            },
            Rendered {
                site: None,
                diagnostics: vec![Diagnostic::new(
                    Code::E001,
                    Location::new("plan.md", 1, 1),
                    "invalid YAML",
                    "",
                )],
            },
            Rendered {
                site: Some(site("first")),
                diagnostics: vec![],
            },
        ]);
        let build = || next.lock().unwrap().pop().unwrap();

        assert!(rebuild(&shared, build, Change::Full).ok);
        assert!(body(&shared).contains("first"));

        let failed = rebuild(&shared, build, Change::Css);
        assert!(!failed.ok);
        let text = body(&shared);
        assert!(text.contains("first") && text.contains("invalid YAML"));

        // A stylesheet-only fix still reloads, since the overlay must go.
        let fixed = rebuild(&shared, build, Change::Css);
        assert_eq!(fixed.event, Event::Reload);
        let text = body(&shared);
        assert!(text.contains("fixed") && !text.contains("mentorfolio-error-overlay"));

        let got: Vec<Event> = events.try_iter().collect();
        assert_eq!(got, [Event::Reload, Event::Reload, Event::Reload]);
    }

    #[test]
    fn a_stylesheet_change_on_a_good_site_swaps_stylesheets() {
        let shared = Shared::default();
        let build = || Rendered {
            site: Some(site("x")),
            diagnostics: vec![],
        };
        rebuild(&shared, build, Change::Full);
        assert_eq!(rebuild(&shared, build, Change::Css).event, Event::Css);
    }

    #[test]
    fn a_panicking_build_is_caught_and_shown() {
        let shared = Shared::default();
        let good = || Rendered {
            site: Some(site("still here")),
            diagnostics: vec![],
        };
        rebuild(&shared, good, Change::Full);
        let bad = || -> Rendered { panic!("template engine exploded <boom>") };
        let rebuilt = rebuild(&shared, bad, Change::Full);
        assert!(!rebuilt.ok);
        let text = body(&shared);
        assert!(text.contains("still here"));
        assert!(text.contains("internal error"));
        assert!(!text.contains("template engine exploded"), "{text}");
    }

    #[test]
    fn base_url_is_the_servers_own_address() {
        let at = |s: &str| base_url(s.parse().unwrap());
        assert_eq!(at("127.0.0.1:1111"), "http://127.0.0.1:1111/");
        assert_eq!(at("0.0.0.0:8080"), "http://127.0.0.1:8080/");
        assert_eq!(at("[::1]:1111"), "http://[::1]:1111/");
        assert_eq!(at("[::]:1111"), "http://[::1]:1111/");
        assert_eq!(at("192.168.1.5:9000"), "http://192.168.1.5:9000/");
    }
}
