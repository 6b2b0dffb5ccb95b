//! Live reload over Server-Sent Events: a hub that fans events out to open pages,
//! the streaming connection, and the client script the server injects into HTML.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// The endpoint the client script listens on.
pub const EVENTS_PATH: &str = "/__mentorfolio/events";

/// How often an idle stream sends a comment, so a closed tab is noticed and its thread ends.
pub const HEARTBEAT: Duration = Duration::from_secs(15);

/// What an open page should do after a rebuild.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Load the page again.
    Reload,
    /// Only stylesheets changed: re-fetch them in place.
    Css,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Reload => "reload",
            Event::Css => "css",
        }
    }
}

/// The open event streams. Senders of closed streams are dropped on the next broadcast.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Event>>>,
}

impl Hub {
    /// A new stream's receiving end.
    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = mpsc::channel();
        self.lock().push(tx);
        rx
    }

    /// Sends `event` to every open stream.
    pub fn broadcast(&self, event: Event) {
        self.lock().retain(|tx| tx.send(event).is_ok());
    }

    /// Ends every stream (their threads see the channel close).
    pub fn close_all(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<Event>>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The response head of an event stream. Written by hand on the raw connection: the body is
/// neither chunked nor buffered, so each small event reaches the browser at once.
pub const STREAM_HEAD: &str = "HTTP/1.1 200 OK\r\n\
Content-Type: text/event-stream\r\n\
Cache-Control: no-store\r\n\
Connection: keep-alive\r\n\
X-Accel-Buffering: no\r\n\r\n";

/// Streams events to one client until it goes away or the hub closes. Runs on its own thread.
pub fn stream(mut out: impl Write, events: Receiver<Event>, heartbeat: Duration) {
    if out.write_all(STREAM_HEAD.as_bytes()).is_err()
        || out.write_all(b"retry: 500\n\n").is_err()
        || out.flush().is_err()
    {
        return;
    }
    loop {
        let chunk = match events.recv_timeout(heartbeat) {
            Ok(event) => format!("data: {}\n\n", event.as_str()),
            Err(RecvTimeoutError::Timeout) => ": heartbeat\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out.write_all(chunk.as_bytes()).is_err() || out.flush().is_err() {
            return;
        }
    }
}

/// The client: reloads the page, or swaps stylesheets with a cache-busting query.
pub const CLIENT_SCRIPT: &str = concat!(
    "<script id=\"mentorfolio-live-reload\">(function(){",
    "if(!window.EventSource)return;",
    "var es=new EventSource(\"/__mentorfolio/events\");",
    "es.onmessage=function(e){",
    "if(e.data===\"css\"){",
    "document.querySelectorAll('link[rel~=\"stylesheet\"]').forEach(function(l){",
    "var u=new URL(l.href,location.href);u.searchParams.set(\"mentorfolio-reload\",Date.now());l.href=u.href;});",
    "}else if(e.data===\"reload\"){location.reload();}",
    "};})();</script>"
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A writer the test can read back while the stream thread still holds it.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn events_reach_every_open_stream_and_closing_ends_them() {
        let hub = Hub::default();
        let (a, b) = (Shared::default(), Shared::default());
        let threads: Vec<_> = [a.clone(), b.clone()]
            .into_iter()
            .map(|out| {
                let rx = hub.subscribe();
                std::thread::spawn(move || stream(out, rx, Duration::from_secs(60)))
            })
            .collect();
        hub.broadcast(Event::Css);
        hub.broadcast(Event::Reload);
        hub.close_all();
        for t in threads {
            t.join().unwrap();
        }
        for out in [a, b] {
            let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
            assert!(text.starts_with(STREAM_HEAD));
            assert!(text.ends_with("data: css\n\ndata: reload\n\n"), "{text}");
            assert!(!text.to_ascii_lowercase().contains("transfer-encoding"));
        }
    }

    #[test]
    fn an_idle_stream_sends_heartbeats() {
        let hub = Hub::default();
        let out = Shared::default();
        let rx = hub.subscribe();
        let o = out.clone();
        let t = std::thread::spawn(move || stream(o, rx, Duration::from_millis(5)));
        // Bounded wait for at least one heartbeat.
        let mut seen = false;
        for _ in 0..400 {
            if String::from_utf8_lossy(&out.0.lock().unwrap()).contains(": heartbeat\n\n") {
                seen = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        hub.close_all();
        t.join().unwrap();
        assert!(seen);
    }

    #[test]
    fn a_dead_client_is_dropped_from_the_hub() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let hub = Hub::default();
        let rx = hub.subscribe();
        stream(Broken, rx, Duration::from_secs(60));
        hub.broadcast(Event::Reload);
        assert!(hub.lock().is_empty());
    }
}
