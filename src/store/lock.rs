//! The writers' lock: an exclusive lock on `<store>.lock`, a separate file
//! that is never renamed or deleted, so that every writer locks the same
//! inode whatever happens to the store itself.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

/// Held while a writer loads, changes and saves the store; released when
/// dropped (or when the process dies, however it dies).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// `<store>.lock`, beside the store.
pub fn path_of(store: &Path) -> PathBuf {
    let mut p = store.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// How often a waiting writer tries again.
const POLL: Duration = Duration::from_millis(20);

/// Takes the lock of `store`, waiting up to `timeout`. `waiting` is told
/// once if another writer holds it.
pub fn acquire(
    store: &Path,
    timeout: Duration,
    waiting: &dyn Fn(&crate::lang::Text),
) -> Result<Lock> {
    let path = path_of(store);
    if let Some(dir) = store.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        bail_t!(
            "The directory {} does not exist; create it first, or give another --store.",
            "Thư mục {} không tồn tại; hãy tạo trước, hoặc chọn --store khác.",
            dir.display()
        );
    }
    let file = open(&path).map_err(|e| {
        anyhow::anyhow!(t!(
            "Cannot open the lock file {} ({e}); check that its directory is writable.",
            "Không mở được tệp khóa {} ({e}); hãy kiểm tra quyền ghi của thư mục.",
            path.display()
        ))
    })?;
    let start = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => bail_t!(
                "Cannot lock {} ({e}); check the file system supports locks.",
                "Không khóa được {} ({e}); hãy kiểm tra hệ thống tệp có hỗ trợ khóa.",
                path.display()
            ),
        }
        if start.elapsed() >= timeout {
            bail_t!(
                "Another quota is still writing {} after {} s; try again later, or raise QUOTA_LOCK_TIMEOUT.",
                "Một tiến trình quota khác vẫn đang ghi {} sau {} giây; hãy thử lại sau hoặc tăng QUOTA_LOCK_TIMEOUT.",
                store.display(),
                seconds(timeout)
            );
        }
        if !told {
            waiting(&t!(
                "Waiting for another quota to finish writing {}…",
                "Đang chờ một tiến trình quota khác ghi xong {}…",
                store.display()
            ));
            told = true;
        }
        std::thread::sleep(POLL.min(timeout.saturating_sub(start.elapsed())));
    }
}

/// "10" or "0.3": seconds as a user set them.
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        d.as_secs().to_string()
    } else {
        format!("{:.1}", d.as_secs_f64())
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn second_writer_waits_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("quota.toml");
        let first = acquire(&store, Duration::ZERO, &|_| panic!("no wait")).unwrap();
        let told = Cell::new(0);
        let err = acquire(&store, Duration::from_millis(60), &|_| {
            told.set(told.get() + 1)
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("QUOTA_LOCK_TIMEOUT"), "{err}");
        assert_eq!(told.get(), 1);
        drop(first);
        acquire(&store, Duration::ZERO, &|_| panic!("no wait")).unwrap();
        assert!(path_of(&store).exists());
    }
}
