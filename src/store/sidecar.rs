//! The files beside a store (`.lock`, `.history`, `.bak`) in a folder
//! other people can write: opened without following links and checked
//! before anything is written to them, so that a file someone else planted
//! under one of these names is refused with a clear message instead of
//! receiving personal data or being overwritten.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

use anyhow::Result;

/// What a sidecar is for, which decides what is asked of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `<store>.lock`: locked, never written; may be readable by others.
    Lock,
    /// `<store>.history`: appended to; holds personal data.
    History,
    /// `<store>.bak`: replaced by a rename; holds personal data.
    Backup,
}

/// Opens the sidecar at `path`, creating it (mode 0600) when absent, for
/// reading and writing (a lock) or appending (a history). Never follows a
/// link, never blocks on a pipe, and refuses a file that [`vet`] refuses.
pub fn open(path: &Path, role: Role) -> Result<File> {
    let mut opts = OpenOptions::new();
    match role {
        Role::Lock => opts.read(true).write(true).create(true).truncate(false),
        Role::History | Role::Backup => opts.read(true).append(true).create(true),
    };
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
        // No link is followed; a planted pipe fails or opens at once
        // instead of blocking the writer while it holds the lock.
        let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK;
        opts.custom_flags(flags.bits().cast_signed());
    }
    let file = match opts.open(path) {
        Ok(f) => f,
        Err(e) => {
            // ELOOP (a link) and ENXIO (a pipe nobody reads) say little;
            // what is at the path says more.
            if let Ok(meta) = fs::symlink_metadata(path) {
                vet(path, &meta, role)?;
            }
            return Err(e.into());
        }
    };
    vet(path, &file.metadata()?, role)?;
    Ok(file)
}

/// Checks the sidecar at `path` without opening it; an absent one is fine.
pub fn check(path: &Path, role: Role) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) => vet(path, &meta, role),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => bail_t!(
            "Cannot check {} ({e}); check the folder's permissions.",
            "Không kiểm tra được {} ({e}); hãy kiểm tra quyền truy cập thư mục.",
            path.display()
        ),
    }
}

/// Checks an existing sidecar before it is only read: not a link, not a
/// pipe or device; an absent one is fine. Whose it is does not matter to
/// a reader (the system's permissions decide whether it can read it).
pub fn check_read(path: &Path, role: Role) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() || !meta.is_file() => vet(path, &meta, role),
        _ => Ok(()),
    }
}

/// Refuses a sidecar that is a link, not a regular file, owned by another
/// user, readable by others (for those that hold personal data) or known
/// by other names too (a hard link to a file elsewhere).
pub fn vet(path: &Path, meta: &fs::Metadata, role: Role) -> Result<()> {
    let shown = path.display();
    if meta.file_type().is_symlink() {
        bail_t!(
            "{shown} is a symbolic link, and quota never follows a link beside its store; remove the link (`rm {shown}`) and run the command again.",
            "{shown} là một liên kết tượng trưng, mà quota không bao giờ đi theo liên kết nằm cạnh tệp dữ liệu; hãy xóa liên kết (`rm {shown}`) rồi chạy lại lệnh."
        );
    }
    if meta.is_dir() {
        let (en, vi) = match role {
            Role::Lock => ("lock", "khóa"),
            Role::History => ("history", "lịch sử"),
            Role::Backup => ("backup", "sao lưu"),
        };
        bail_t!(
            "{shown} is a directory where the {en} file should be; move it aside and run the command again.",
            "{shown} là thư mục, trong khi ở đó phải là tệp {vi}; hãy chuyển nó đi chỗ khác rồi chạy lại lệnh."
        );
    }
    if !meta.is_file() {
        bail_t!(
            "{shown} is not a regular file; move it out of the way and run the command again.",
            "{shown} không phải tệp thông thường; hãy chuyển nó đi chỗ khác rồi chạy lại lệnh."
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let me = rustix::process::geteuid().as_raw();
        if meta.uid() != me {
            bail_t!(
                "{shown} belongs to another user (uid {}), and quota does not trust a file beside its store that someone else made; have it removed or moved away, then run the command again.",
                "{shown} thuộc về người dùng khác (uid {}), mà quota không tin tệp nằm cạnh tệp dữ liệu do người khác tạo; hãy xóa hoặc chuyển nó đi, rồi chạy lại lệnh.",
                meta.uid()
            );
        }
        if role != Role::Backup && meta.nlink() > 1 {
            bail_t!(
                "{shown} is also known by another name (a hard link); move it out of the way and run the command again.",
                "{shown} còn có tên khác (liên kết cứng); hãy chuyển nó đi chỗ khác rồi chạy lại lệnh."
            );
        }
        if role != Role::Lock && meta.mode() & 0o077 != 0 {
            bail_t!(
                "{shown} can be read by other users and would receive personal data; run `chmod 600 {shown}` and then the command again.",
                "Người dùng khác đọc được {shown}, mà tệp này sẽ nhận dữ liệu cá nhân; hãy chạy `chmod 600 {shown}` rồi chạy lại lệnh."
            );
        }
    }
    #[cfg(not(unix))]
    let _ = role;
    Ok(())
}

/// Whether the file was made by this user: only such files are swept.
pub fn is_own_regular_file(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.file_type().is_file() && meta.uid() == rustix::process::geteuid().as_raw()
    }
    #[cfg(not(unix))]
    {
        meta.file_type().is_file()
    }
}

/// Whether two metadata describe the same file (device and inode).
pub fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len() && a.modified().ok() == b.modified().ok()
    }
}

/// What tells a version of the store file from another without reading
/// it: the file itself, its length and the time it was last changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    file: (u64, u64),
    len: u64,
    changed: (i64, i64),
}

impl Identity {
    pub fn of(meta: &fs::Metadata) -> Identity {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Identity {
                file: (meta.dev(), meta.ino()),
                len: meta.len(),
                changed: (meta.mtime(), meta.mtime_nsec()),
            }
        }
        #[cfg(not(unix))]
        {
            let t = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .unwrap_or_default();
            Identity {
                file: (0, 0),
                len: meta.len(),
                changed: (t.as_secs() as i64, i64::from(t.subsec_nanos())),
            }
        }
    }
}
