//! Atomic, group-committed persistence of the whole state to one JSON file.
//!
//! A mutation bumps the store's generation under the write lock and then waits until a write
//! covering that generation is on disk. One writer task serialises the current state (taking
//! every mutation made so far in one go), writes it to a temporary file in the same directory,
//! fsyncs it, renames it over the state file and fsyncs the directory.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::{watch, Notify};

use crate::store::{Snapshot, Store};

#[derive(Clone, Copy, Default, Debug)]
pub struct Progress {
    /// Every generation up to this one is on disk.
    pub durable: u64,
    /// The last generation whose write failed.
    pub failed: u64,
}

pub struct Persist {
    path: PathBuf,
    wake: Notify,
    progress: watch::Sender<Progress>,
}

/// Writes `bytes` to `path` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state.json".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files a killed emulator may have left beside the state file.
fn remove_stale_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Reads the state file: Ok(None) when it does not exist.
pub fn load(path: &Path) -> Result<Option<Store>, String> {
    remove_stale_temp_files(path);
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let snap: Snapshot = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{} is not a valid state file: {e}", path.display()))?;
    Store::from_snapshot(snap)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

pub fn serialize(store: &Store) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(&store.snapshot()).unwrap_or_default();
    v.push(b'\n');
    v
}

impl Persist {
    pub fn new(path: PathBuf, initial_generation: u64) -> Arc<Persist> {
        let (tx, _) = watch::channel(Progress {
            durable: initial_generation,
            failed: 0,
        });
        Arc::new(Persist {
            path,
            wake: Notify::new(),
            progress: tx,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts the writer task.
    pub fn spawn_writer(self: &Arc<Self>, store: Arc<RwLock<Store>>) {
        let me = self.clone();
        tokio::spawn(async move {
            loop {
                me.wake.notified().await;
                // Loop until everything requested so far is written.
                loop {
                    let (generation, bytes) = {
                        let s = store.read().unwrap_or_else(|e| e.into_inner());
                        if s.generation <= me.progress.borrow().durable {
                            break;
                        }
                        (s.generation, serialize(&s))
                    };
                    let path = me.path.clone();
                    let res = tokio::task::spawn_blocking(move || write_atomic(&path, &bytes))
                        .await
                        .unwrap_or_else(|e| Err(std::io::Error::other(e.to_string())));
                    match res {
                        Ok(()) => me
                            .progress
                            .send_modify(|p| p.durable = p.durable.max(generation)),
                        Err(e) => {
                            eprintln!(
                                "cf-orgs-emulator: cannot write state file {}: {e}",
                                me.path.display()
                            );
                            me.progress
                                .send_modify(|p| p.failed = p.failed.max(generation));
                            // Retry on the next mutation rather than spinning.
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            break;
                        }
                    }
                }
            }
        });
    }

    /// Waits until `generation` is on disk. Err if its write failed.
    pub async fn commit(&self, generation: u64) -> Result<(), ()> {
        let mut rx = self.progress.subscribe();
        if rx.borrow().durable >= generation {
            return Ok(());
        }
        self.wake.notify_one();
        let r = rx
            .wait_for(|p| p.durable >= generation || p.failed >= generation)
            .await
            .map(|p| *p);
        match r {
            Ok(p) if p.durable >= generation => Ok(()),
            _ => Err(()),
        }
    }
}
