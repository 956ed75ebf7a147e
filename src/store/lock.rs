//! The writers' lock: an exclusive lock on `<store>.lock`, a separate file
//! that is never renamed or deleted, so that every writer locks the same
//! inode whatever happens to the store itself. Should someone delete or
//! replace it anyway, a writer finds out: after taking the lock it checks
//! the file it locked is still the one at the path (else it takes the new
//! one), and [`Lock::check`] says so again just before the store is
//! replaced.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;

/// Held while a writer loads, changes and saves the store; released when
/// dropped (or when the process dies, however it dies).
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Fails when the lock file is no longer the one this lock holds
    /// (deleted or replaced since): another writer may then hold "the"
    /// lock too, and nothing may be written.
    pub fn check(&self) -> Result<()> {
        if self.is_current() {
            return Ok(());
        }
        bail_t!(
            "The lock file {} was removed or replaced while this command ran, so another quota may be writing at the same time; nothing was changed. Run the command again, and do not delete lock files.",
            "Tệp khóa {} đã bị xóa hoặc thay thế trong lúc lệnh chạy, nên có thể một tiến trình quota khác cũng đang ghi; chưa có gì thay đổi. Hãy chạy lại lệnh, và đừng xóa tệp khóa.",
            self.path.display()
        )
    }

    fn is_current(&self) -> bool {
        match (self.file.metadata(), fs::symlink_metadata(&self.path)) {
            (Ok(held), Ok(there)) => super::sidecar::same_file(&held, &there),
            _ => false,
        }
    }
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
    let start = Instant::now();
    let mut told = false;
    let mut lock = Lock {
        file: open(&path)?,
        path,
    };
    loop {
        match lock.file.try_lock() {
            // The file locked may have been deleted or replaced while this
            // writer waited for it: then the lock to take is the new one.
            Ok(()) if lock.is_current() => return Ok(lock),
            Ok(()) => lock.file = open(&lock.path)?,
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => bail_t!(
                "Cannot lock {} ({e}); check the file system supports locks.",
                "Không khóa được {} ({e}); hãy kiểm tra hệ thống tệp có hỗ trợ khóa.",
                lock.path.display()
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

fn open(path: &Path) -> Result<File> {
    super::sidecar::open(path, super::sidecar::Role::Lock).map_err(|e| {
        if e.downcast_ref::<crate::lang::Text>().is_some() {
            return e;
        }
        anyhow::anyhow!(t!(
            "Cannot open the lock file {} ({e}); check that its directory is writable.",
            "Không mở được tệp khóa {} ({e}); hãy kiểm tra quyền ghi của thư mục.",
            path.display()
        ))
    })
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

    /// A lock whose file is deleted while it is held: the holder's check
    /// fails; a writer that had opened the old file before the deletion
    /// takes the new one instead of trusting the old.
    #[test]
    fn a_removed_lock_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("quota.toml");
        let first = acquire(&store, Duration::ZERO, &|_| panic!("no wait")).unwrap();
        first.check().unwrap();
        // A second writer has the old file open, waiting.
        let stale = open(&path_of(&store)).unwrap();
        fs::remove_file(path_of(&store)).unwrap();
        assert!(
            first
                .check()
                .unwrap_err()
                .to_string()
                .contains("removed or replaced")
        );
        drop(first);
        // It gets the old file's lock, sees it is stale, and locks the new.
        let mut lock = Lock {
            file: stale,
            path: path_of(&store),
        };
        lock.file.try_lock().unwrap();
        assert!(!lock.is_current());
        let second = acquire(&store, Duration::ZERO, &|_| panic!("no wait")).unwrap();
        second.check().unwrap();
        lock.file = open(&path_of(&store)).unwrap();
        assert!(matches!(
            lock.file.try_lock(),
            Err(TryLockError::WouldBlock)
        ));
    }
}
