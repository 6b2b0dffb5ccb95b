//! One build at a time per output folder, and no staging folder left by an interrupt.
//!
//! The lock is an advisory lock (fs4) on a file `.NAME.lock` beside the output. The build
//! that holds it removes the file before letting go, so nothing is left beside the
//! output; a build that was waiting then finds its file gone and locks the new one.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, Once};

use fs4::{FileExt, TryLockError};

use super::OutputError;

/// What a build does when another one is writing the same output.
#[derive(Clone, Copy)]
pub enum Wait<'a> {
    /// Wait for it, calling this once first so the user knows why nothing happens.
    Yes(&'a dyn Fn()),
    /// Fail at once with [`OutputError::Busy`].
    No,
}

/// Held while a build writes an output; released (and its file removed) on drop.
pub struct OutputLock {
    file: Option<File>,
    path: PathBuf,
}

/// The lock file of the output `out`.
pub fn lock_path(out: &Path) -> PathBuf {
    super::sibling_name(out, "lock")
}

impl OutputLock {
    /// Takes the lock of `out`, whose parent exists.
    pub fn acquire(out: &Path, wait: Wait<'_>) -> Result<OutputLock, OutputError> {
        let path = lock_path(out);
        let mut told = false;
        // Bounded: each turn means another build released the lock in between.
        for _ in 0..10_000 {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(|e| OutputError::Io(path.clone(), e))?;
            match FileExt::try_lock(&file) {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => match wait {
                    Wait::No => return Err(OutputError::Busy(out.to_path_buf())),
                    Wait::Yes(tell) => {
                        if !told {
                            tell();
                            told = true;
                        }
                        FileExt::lock(&file).map_err(|e| OutputError::Io(path.clone(), e))?;
                    }
                },
                Err(TryLockError::Error(e)) => return Err(OutputError::Io(path, e)),
            }
            if still_named(&file, &path) {
                cleanup().lock = Some(path.clone());
                return Ok(OutputLock {
                    file: Some(file),
                    path,
                });
            }
        }
        Err(OutputError::Busy(out.to_path_buf()))
    }
}

/// Whether `path` still names the open `file`: the build that held the lock may have
/// removed it while this one waited.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_: &File, _: &Path) -> bool {
    true
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let mut c = cleanup();
        // Removed while still locked, so no other build can lock this file and then lose it.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
        c.lock = None;
        drop(self.file.take());
    }
}

/// What an interrupted build must remove before it exits.
#[derive(Default)]
pub(super) struct Cleanup {
    /// The staging folder, or after the swap the folder holding the old site.
    pub(super) dir: Option<PathBuf>,
    lock: Option<PathBuf>,
}

static CLEANUP: Mutex<Cleanup> = Mutex::new(Cleanup {
    dir: None,
    lock: None,
});

/// The state the interrupt handler reads; held across a swap so an interrupt waits for it.
pub(super) fn cleanup() -> MutexGuard<'static, Cleanup> {
    CLEANUP.lock().unwrap_or_else(|e| e.into_inner())
}

static STOPPING: AtomicBool = AtomicBool::new(false);

/// Files being written into the staging folder right now.
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// Leave to write one file into the staging folder, held while it is written; `None` once
/// an interrupt is removing the folder. A writer counts itself before it looks, so the
/// interrupt, which says it is stopping before it counts, waits for every writer that got
/// leave: none can recreate the folder after it is removed.
pub(super) fn writing() -> Option<Writing> {
    WRITING.fetch_add(1, Ordering::SeqCst);
    let writing = Writing;
    (!STOPPING.load(Ordering::SeqCst)).then_some(writing)
}

/// One file being written; see [`writing`].
pub(super) struct Writing;

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Exit status after SIGINT or SIGTERM, as a shell reports it for SIGINT.
const INTERRUPTED: i32 = 130;

/// Makes SIGINT and SIGTERM remove the build's staging folder (or, after the swap, the
/// old site) and its lock file, then exit. The handler waits while a swap is under way,
/// so the output is never left half-replaced by an interrupt.
pub fn clean_up_on_interrupt() -> Result<(), String> {
    static INSTALL: Once = Once::new();
    let mut result = Ok(());
    INSTALL.call_once(|| {
        result = ctrlc::set_handler(|| {
            STOPPING.store(true, Ordering::SeqCst);
            // Writers that already had leave finish their file first (a second at most).
            for _ in 0..100 {
                if WRITING.load(Ordering::SeqCst) == 0 {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            let mut c = cleanup();
            if let Some(dir) = c.dir.take() {
                remove_tree(&dir);
                eprintln!("interrupted: removed `{}`", dir.display());
            } else {
                eprintln!("interrupted");
            }
            if let Some(lock) = c.lock.take() {
                let _ = std::fs::remove_file(lock);
            }
            std::process::exit(INTERRUPTED);
        })
        .map_err(|e| e.to_string());
    });
    result
}

/// Removes a folder tree. Another thread may be removing it too, or, after an interrupt,
/// finishing a file in it (writers take no new file once the build is stopping): so it
/// tries again until the tree is gone, for a second at most.
pub(super) fn remove_tree(dir: &Path) {
    for _ in 0..100 {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            _ => return,
        }
    }
}
