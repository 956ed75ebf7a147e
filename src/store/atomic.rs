//! Writing a file so that a crash leaves the old version or the new one,
//! never a mix: temporary file, fsync, backup, rename, directory fsync.
//! Also the private mode of files that may hold personal data.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::lang::Text;

/// Refuses a path where a new store cannot go: a directory, or a file
/// already there.
pub(super) fn check_absent(path: &Path) -> Result<()> {
    if path.is_dir() {
        bail_t!(
            "{} is a directory; give the path of a .toml or .json file to create.",
            "{} là thư mục; hãy chỉ đến tệp .toml hoặc .json cần tạo.",
            path.display()
        );
    }
    if fs::symlink_metadata(path).is_ok() {
        bail_t!(
            "{} already exists; `quota init` never overwrites a store.",
            "{} đã tồn tại; `quota init` không bao giờ ghi đè tệp dữ liệu.",
            path.display()
        );
    }
    Ok(())
}

/// Creates a new store file (mode 0600); refuses to overwrite one.
pub(super) fn create(path: &Path, text: &[u8]) -> Result<()> {
    let mut file = match open_private(path, true) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => bail_t!(
            "{} already exists; `quota init` never overwrites a store.",
            "{} đã tồn tại; `quota init` không bao giờ ghi đè tệp dữ liệu.",
            path.display()
        ),
        Err(e) => bail_t!(
            "Cannot create {} ({e}); check that the directory exists and is writable.",
            "Không tạo được {} ({e}); hãy kiểm tra thư mục có tồn tại và ghi được không.",
            path.display()
        ),
    };
    file.write_all(text)?;
    file.sync_all()?;
    if let Ok(d) = fs::File::open(dir_of(path)) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Opens a file for writing with mode 0600 on Unix: a store, its backup and
/// its history may hold personal data.
pub fn open_private(path: &Path, create_new: bool) -> io::Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true);
    if create_new {
        opts.create_new(true);
    } else {
        opts.create(true).truncate(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// The directory a store lives in.
fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "quota".into(), |n| n.to_string_lossy().into_owned())
}

/// `<store>.bak`: the version before the last write.
pub fn backup_of(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".bak");
    PathBuf::from(p)
}

/// The prefix of this store's temporary files (`.quota.toml.tmp.` and a
/// random part no one can guess).
fn temp_prefix(path: &Path) -> String {
    format!(".{}.tmp.", file_name(path))
}

/// A new temporary file beside the store, made by this process alone:
/// an unpredictable name, created exclusively (a planted file or link of
/// that name makes it pick another), mode 0600.
fn temp_file(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let prefix = temp_prefix(path);
    temp_builder(&prefix).tempfile_in(dir_of(path))
}

fn temp_builder(prefix: &str) -> tempfile::Builder<'_, '_> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).rand_bytes(12);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o600));
    }
    b
}

/// Replaces `file`, a file beside the store, with `bytes` through a
/// temporary file of the store's (see [`temp_file`]): synced, renamed over
/// it, the directory synced.
pub(crate) fn replace_beside(store: &Path, file: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = temp_file(store)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(file).map_err(|e| e.error)?;
    if let Ok(d) = fs::File::open(dir_of(store)) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Removes temporary files left by a writer that was killed mid-save.
/// Only call it holding the lock: then no live writer has any. Removes
/// only regular files this user made, never a link or another's file.
pub fn sweep(path: &Path) {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(dir_of(path)) else {
        return;
    };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix)
            && fs::symlink_metadata(e.path()).is_ok_and(|m| super::sidecar::is_own_regular_file(&m))
        {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// A warning when the store can be read by other users.
pub fn exposure(path: &Path) -> Option<Text> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return Some(t!(
                "Warning: {} can be read by other users and may hold personal data; run `chmod 600 {}`.",
                "Cảnh báo: người dùng khác có thể đọc {}, tệp có thể chứa dữ liệu cá nhân; hãy chạy `chmod 600 {}`.",
                path.display(),
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}

/// The points of a save at which a test may make it fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The temporary file is written and synced.
    TempWritten,
    /// The backup is in place; the store is not replaced yet.
    BeforeRename,
    /// The new version has replaced the store.
    AfterRename,
}

/// Replaces the store with `text` atomically: a temporary file in the same
/// directory, synced, the old version kept as `<store>.bak`, a rename over
/// the store, the directory synced. A reader sees the old or the new
/// version, never a mix, whatever happens. Returns a warning when the new
/// version is in place but something after the rename went wrong.
pub fn write(path: &Path, text: &[u8]) -> Result<Option<Text>> {
    write_with(path, text, &|| Ok(()), &mut |_| Ok(()))
}

/// [`write`], asking `guard` just before the store is replaced whether it
/// still may be (its error fails the save, as is), and calling `step` at
/// each point of the save; an error from it fails the save there, as a
/// full disk or a crash would.
pub fn write_with(
    path: &Path,
    text: &[u8],
    guard: &dyn Fn() -> Result<()>,
    step: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<Option<Text>> {
    let failed = |e: io::Error| {
        err_t!(
            "Cannot save {} ({e}), so nothing was changed; check the disk and permissions.",
            "Không lưu được {} ({e}) nên chưa có gì thay đổi; hãy kiểm tra ổ đĩa và quyền ghi.",
            path.display()
        )
    };
    // Dropped on any error below, the temporaries remove themselves.
    let mut tmp = temp_file(path).map_err(failed)?;
    let old = fs::metadata(path).ok();
    let mut prepare = || -> io::Result<Option<tempfile::TempPath>> {
        let f = tmp.as_file_mut();
        if let Some(meta) = &old {
            // An existing store keeps its mode.
            f.set_permissions(meta.permissions())?;
        }
        f.write_all(text)?;
        f.sync_all()?;
        step(Step::TempWritten)?;
        old.as_ref().map(|meta| backup(path, meta)).transpose()
    };
    let bak = prepare().map_err(failed)?;
    guard()?;
    let replace = || -> io::Result<()> {
        if let Some(bak) = bak {
            bak.persist(backup_of(path)).map_err(|e| e.error)?;
        }
        step(Step::BeforeRename)?;
        tmp.persist(path).map(drop).map_err(|e| e.error)
    };
    replace().map_err(failed)?;
    // The new version is in place: what follows cannot undo that, so a
    // failure is a warning, not an error.
    let after = step(Step::AfterRename).and_then(|()| fs::File::open(dir_of(path))?.sync_all());
    Ok(after.err().map(|e| {
        t!(
            "Warning: {} is saved, but syncing its directory failed ({e}); a power cut now could lose this change.",
            "Cảnh báo: đã lưu {}, nhưng không đồng bộ được thư mục ({e}); mất điện lúc này có thể làm mất thay đổi.",
            path.display()
        )
    }))
}

/// The store's current version under a temporary name beside it, private
/// (0600): a second name for the same file when the store is private
/// already (no copy), a private copy otherwise.
fn backup(path: &Path, meta: &fs::Metadata) -> io::Result<tempfile::TempPath> {
    #[cfg(unix)]
    let private = {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o077 == 0
    };
    #[cfg(not(unix))]
    let private = {
        let _ = meta;
        true
    };
    let prefix = format!("{}bak.", temp_prefix(path));
    if private
        && let Ok(linked) = temp_builder(&prefix).make_in(dir_of(path), |p| fs::hard_link(path, p))
    {
        return Ok(linked.into_temp_path());
    }
    let mut copy = temp_builder(&prefix).tempfile_in(dir_of(path))?;
    let mut from = fs::File::open(path)?;
    io::copy(&mut from, copy.as_file_mut())?;
    copy.as_file().sync_all()?;
    Ok(copy.into_temp_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "quota.toml" && n != "quota.toml.bak")
            .collect();
        names.sort();
        names
    }

    /// A save that fails at any step leaves the old version or the new one,
    /// whole, and no temporary file.
    #[test]
    fn a_save_failing_at_each_step_leaves_old_or_new() {
        for (step, lands) in [
            (Step::TempWritten, false),
            (Step::BeforeRename, false),
            (Step::AfterRename, true),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("quota.toml");
            write(&path, b"version = 1\n# old\n").unwrap();
            let result = write_with(&path, b"version = 1\n# new\n", &|| Ok(()), &mut |s| {
                if s == step {
                    Err(io::Error::other("injected"))
                } else {
                    Ok(())
                }
            });
            // Before the rename the save fails; after it, the new version
            // stands and the failure is a warning.
            let message = match result {
                Err(e) => e.to_string(),
                Ok(warning) => warning.expect("a warning").to_string(),
            };
            assert!(message.contains("injected"), "{message}");
            let now = fs::read_to_string(&path).unwrap();
            let expected = if lands {
                "version = 1\n# new\n"
            } else {
                "version = 1\n# old\n"
            };
            assert_eq!(now, expected, "{step:?}");
            assert!(
                leftovers(dir.path()).is_empty(),
                "{step:?}: {:?}",
                leftovers(dir.path())
            );
        }
    }

    /// A writer killed between steps leaves temporaries that the next
    /// writer's sweep removes; the store itself is whole.
    #[test]
    fn a_writer_killed_mid_save_leaves_nothing_the_sweep_misses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quota.toml");
        write(&path, b"old").unwrap();
        write(&path, b"older").unwrap();
        // What SIGKILL leaves after the temporary writes: both temporaries.
        for name in ["4000000", "bak.4000000"] {
            let tmp = dir.path().join(format!("{}{name}", temp_prefix(&path)));
            fs::write(&tmp, b"half a sto").unwrap();
        }
        assert_eq!(leftovers(dir.path()).len(), 2);
        assert_eq!(fs::read(&path).unwrap(), b"older");
        sweep(&path);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn backup_keeps_the_previous_version_and_modes_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quota.toml");
        create(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        write(&path, b"three").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read(backup_of(&path)).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&backup_of(&path)), 0o600);
            // An existing store keeps the mode its owner gave it.
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            write(&path, b"four").unwrap();
            assert_eq!(mode(&path), 0o640);
            assert_eq!(mode(&backup_of(&path)), 0o600);
            assert!(exposure(&path).is_some());
        }
    }
}
