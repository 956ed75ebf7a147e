//! The store file: where it is, reading it, and [`update`], the one path
//! by which anything is ever written to it (lock, sweep, load, change,
//! validate, history, atomic save).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::lang::Text;
use crate::model::Store;

pub(crate) mod atomic;
mod codec;
pub mod history;
pub mod lock;
pub mod sidecar;
pub mod together;

pub use atomic::{Step, backup_of, exposure, open_private, sweep, write, write_with};
pub use codec::{parse, serialize};

/// The file format, told by the extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// `--store`, else `QUOTA_STORE`, else `quota.toml` here.
pub fn resolve(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(crate::env::store)
        .unwrap_or_else(|| PathBuf::from("quota.toml"))
}

/// How a writer goes about a write: who is told what, how long to wait
/// for another writer, and what the history records as the command.
pub struct Writer<'a> {
    /// Tells the user something while the write runs (stderr).
    pub notify: &'a dyn Fn(&Text),
    /// How long to wait for another writer's lock.
    pub timeout: Duration,
    /// The command line as the history records it, personal values hidden.
    pub command: String,
}

/// What a change knows of the write it is part of.
pub struct Edit {
    /// The fingerprint of the store file as loaded ("" for a new store).
    pub fingerprint: String,
    /// Set by an undo: the history entry this write reverts.
    pub undoes: Option<u64>,
    /// Set by an erase: the admission records whose personal details this
    /// write removes. Once the store is saved (or found already without
    /// them), `history::erase::finish` takes them out of the backup and
    /// the history too.
    pub erase: Vec<u64>,
}

/// Whether the write makes a new store or changes the one there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `quota init`: there must be no store yet.
    Create,
    Change,
}

/// The one write path. Takes the writers' lock, sweeps what a killed
/// writer left, loads the store (or starts an empty one), applies
/// `change`, checks the result, appends a history entry and saves
/// atomically. On any error nothing is written and the history entry is
/// cut off again. A change that changes no record writes nothing.
///
/// A store reached through a symbolic link is written where the link
/// points, its lock, history and backup beside it: the link stays a link
/// and both names are one store. The files beside the store are checked
/// first (see [`sidecar`]), and just before the store is replaced the
/// lock must still be the one taken and the store still the one loaded.
pub fn update<T>(
    path: &Path,
    mode: Mode,
    writer: &Writer,
    change: impl FnOnce(&mut Store, &mut Edit) -> Result<T>,
) -> Result<T> {
    let real = real_path(path)?;
    let path = real.as_path();
    if mode == Mode::Change {
        // No lock file beside a device, a pipe or a missing store.
        check_file(path)?;
    }
    let lock = lock::acquire(path, writer.timeout, writer.notify)?;
    sidecar::check(&history::path_of(path), sidecar::Role::History)?;
    sidecar::check(&backup_of(path), sidecar::Role::Backup)?;
    sweep(path);
    let (mut store, bytes, seen) = match mode {
        Mode::Create => {
            atomic::check_absent(path)?;
            (Store::new(), Vec::new(), None)
        }
        Mode::Change => {
            let (store, bytes, seen) = load_seen(path)?;
            (store, bytes, Some(seen))
        }
    };
    let before = Before::of(&mut store);
    // The history's last entry, read once: it numbers the new entry and
    // tells the form of the fingerprint to link to. A new store sets an
    // earlier history aside and starts at 1.
    let last = match mode {
        Mode::Create => history::Last {
            next_seq: 1,
            after: None,
        },
        Mode::Change => history::last(path)?,
    };
    let mut edit = Edit {
        fingerprint: match mode {
            Mode::Create => String::new(),
            Mode::Change => history::fingerprint_for(&last, &bytes),
        },
        undoes: None,
        erase: Vec::new(),
    };
    let out = change(&mut store, &mut edit)?;
    store.validate()?;
    store.sort();
    // The store as loaded, whole, only when records were changed or
    // removed (read again from the bytes): a write that adds records
    // never copies a million.
    let whole = match before.only_added(&store.admissions) {
        true => None,
        false => Some(decode(path, &bytes)?),
    };
    let changes = match &whole {
        Some(old) => history::Changes::between(old, &store),
        None => before.changes(&mut store),
    };
    if mode == Mode::Change && changes.is_empty() {
        // An erase run again after its rewrites failed finishes them.
        let before = whole.as_ref().unwrap_or(&store);
        history::erase::finish(path, &edit.erase, before, writer.notify)?;
        return Ok(out);
    }
    if store.admissions.iter().any(|a| a.person.is_some())
        && let Some(w) = exposure(path)
    {
        (writer.notify)(&w);
    }
    let text = serialize(&mut store, Format::of(path))?;
    if mode == Mode::Create {
        // A history left by an earlier store of the same name is not this one's.
        history::set_aside(path)?;
    }
    let entry = history::Entry {
        seq: last.next_seq,
        time: history::now(),
        user: crate::env::user(),
        command: writer.command.clone(),
        undoes: edit.undoes,
        before: edit.fingerprint,
        after: history::fingerprint(text.as_bytes()),
        changes: changes.recorded(edit.undoes.is_some(), &edit.erase),
    };
    let mark = history::append(path, &entry)?;
    // Nothing may replace the store if another writer could have slipped
    // in: the lock file deleted and made anew, or the store changed since
    // it was loaded.
    let guard = || -> Result<()> {
        lock.check()?;
        if let Some(seen) = &seen {
            unchanged(path, seen)?;
        }
        Ok(())
    };
    let saved = match mode {
        Mode::Create => guard().and_then(|()| atomic::create(path, text.as_bytes()).map(|()| None)),
        Mode::Change => write_with(path, text.as_bytes(), &guard, &mut |_| Ok(())),
    };
    match saved {
        Err(e) => {
            history::truncate(path, mark);
            Err(e)
        }
        Ok(warning) => {
            if let Some(w) = warning {
                (writer.notify)(&w);
            }
            let before = whole.as_ref().unwrap_or(&store);
            history::erase::finish(path, &edit.erase, before, writer.notify)?;
            Ok(out)
        }
    }
}

/// The file a store path names: itself, or where it leads when it is a
/// symbolic link (the file need not exist yet; its folder must).
pub fn real_path(path: &Path) -> Result<PathBuf> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    fs::canonicalize(path).map_err(|e| {
        err_t!(
            "The store {} is a link that leads nowhere ({e}); point --store at the store file itself.",
            "Tệp dữ liệu {} là liên kết không dẫn tới đâu ({e}); hãy chỉ --store đến chính tệp dữ liệu.",
            path.display()
        )
    })
}

/// Fails when the store file is no longer the version `seen` at load.
fn unchanged(path: &Path, seen: &sidecar::Identity) -> Result<()> {
    let now = fs::symlink_metadata(path)
        .ok()
        .map(|m| sidecar::Identity::of(&m));
    if now.as_ref() == Some(seen) {
        return Ok(());
    }
    bail_t!(
        "{} was changed by something else while this command ran (outside the writers' lock); nothing was changed. Run the command again.",
        "{} đã bị thay đổi từ nơi khác trong lúc lệnh chạy (ngoài khóa ghi); chưa có gì thay đổi. Hãy chạy lại lệnh.",
        path.display()
    )
}

/// Reads, parses and validates the store at `path`.
pub fn load(path: &Path) -> Result<Store> {
    load_raw(path).map(|(store, _)| store)
}

/// [`load`], also giving the bytes as read.
pub fn load_raw(path: &Path) -> Result<(Store, Vec<u8>)> {
    load_seen(path).map(|(store, bytes, _)| (store, bytes))
}

/// Fails, as reading it would, when there is no regular file at `path`.
fn check_file(path: &Path) -> Result<()> {
    match fs::metadata(path) {
        Err(e) => Err(read_error(path, &e)),
        Ok(m) if m.is_dir() => Err(read_error(path, &io::ErrorKind::IsADirectory.into())),
        Ok(m) if !m.is_file() => Err(read_error(path, &io::ErrorKind::InvalidInput.into())),
        Ok(_) => Ok(()),
    }
}

fn read_error(path: &Path, e: &io::Error) -> anyhow::Error {
    let shown = path.display();
    match e.kind() {
        io::ErrorKind::NotFound => err_t!(
            "There is no store at {shown}; create one with `quota init`, or point to yours with --store or QUOTA_STORE.",
            "Không có tệp dữ liệu tại {shown}; hãy tạo bằng `quota init`, hoặc chỉ đến tệp của bạn bằng --store hoặc QUOTA_STORE."
        ),
        io::ErrorKind::InvalidInput => err_t!(
            "{shown} is not a regular file; give the path of a .toml or .json store file.",
            "{shown} không phải tệp thông thường; hãy chỉ đến một tệp dữ liệu .toml hoặc .json."
        ),
        _ if path.is_dir() => err_t!(
            "{shown} is a directory, not a store file; give the path of a .toml or .json file.",
            "{shown} là thư mục, không phải tệp dữ liệu; hãy chỉ đến một tệp .toml hoặc .json."
        ),
        _ => err_t!(
            "Cannot read the store {shown} ({e}); check the path and its permissions.",
            "Không đọc được tệp dữ liệu {shown} ({e}); hãy kiểm tra đường dẫn và quyền truy cập."
        ),
    }
}

/// [`load_raw`], also telling which version of the file was read.
fn load_seen(path: &Path) -> Result<(Store, Vec<u8>, sidecar::Identity)> {
    let read = || -> io::Result<(Vec<u8>, sidecar::Identity)> {
        let mut opts = fs::OpenOptions::new();
        opts.read(true);
        #[cfg(unix)]
        {
            // A pipe at the store's path must not block the command.
            use std::os::unix::fs::OpenOptionsExt;
            opts.custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed());
        }
        let mut file = opts.open(path)?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Err(io::Error::from(io::ErrorKind::IsADirectory));
        }
        if !meta.is_file() {
            // A device or a pipe could be read for ever.
            return Err(io::Error::from(io::ErrorKind::InvalidInput));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        io::Read::read_to_end(&mut file, &mut bytes)?;
        Ok((bytes, sidecar::Identity::of(&meta)))
    };
    let (bytes, seen) = read().map_err(|e| read_error(path, &e))?;
    Ok((decode(path, &bytes)?, bytes, seen))
}

/// The store in `bytes` (read from `path`): parsed, validated, sorted.
fn decode(path: &Path, bytes: &[u8]) -> Result<Store> {
    let shown = path.display();
    let mut store =
        parse(bytes, Format::of(path)).with_context(|| Text::same(shown.to_string()))?;
    store
        .validate()
        .with_context(|| Text::same(shown.to_string()))?;
    store.sort();
    Ok(store)
}

/// What a write keeps of the store as loaded, to tell what it changed:
/// everything but the admission records, and of those only each one's id
/// and a hash.
struct Before {
    rest: Store,
    admissions: Vec<(u64, u64)>,
}

impl Before {
    fn of(store: &mut Store) -> Before {
        let admissions = std::mem::take(&mut store.admissions);
        let rest = store.clone();
        store.admissions = admissions;
        Before {
            rest,
            admissions: store.admissions.iter().map(|a| (a.id, hash(a))).collect(),
        }
    }

    /// Whether the records `now` (sorted by id) are the ones loaded with
    /// new ones added: none changed or removed.
    fn only_added(&self, now: &[crate::model::Admission]) -> bool {
        let mut old = self.admissions.iter().peekable();
        for a in now {
            match old.peek() {
                Some(&&(id, h)) if id == a.id => {
                    if h != hash(a) {
                        return false;
                    }
                    old.next();
                }
                // A record loaded and gone.
                Some(&&(id, _)) if id < a.id => return false,
                _ => {}
            }
        }
        old.next().is_none()
    }

    /// The changes of a write that only added admission records.
    fn changes(&self, store: &mut Store) -> history::Changes {
        let admissions = std::mem::take(&mut store.admissions);
        let mut changes = history::Changes::between(&self.rest, store);
        store.admissions = admissions;
        let old: rustc_hash::FxHashSet<u64> = self.admissions.iter().map(|&(id, _)| id).collect();
        for a in store.admissions.iter().filter(|a| !old.contains(&a.id)) {
            match changes.added.last_mut() {
                Some((_, last)) if *last + 1 == a.id => *last = a.id,
                _ => changes.added.push((a.id, a.id)),
            }
        }
        changes
    }
}

fn hash(a: &crate::model::Admission) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same record hashes alike before and
    // after the change.
    let mut h = std::hash::DefaultHasher::new();
    a.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Admission, Org};

    fn store(ids: &[u64]) -> Store {
        let mut s = Store::new();
        s.orgs.push(Org {
            id: "xa".into(),
            name: "Xã A".into(),
            parent: None,
            level: None,
            members: None,
            merged: None,
            synced: None,
        });
        s.admissions = ids.iter().map(|&id| admission(id)).collect();
        s.next_id = ids.iter().max().map_or(1, |m| m + 1);
        s
    }

    fn admission(id: u64) -> Admission {
        Admission {
            id,
            org: "xa".into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            count: 1,
            decision: None,
            note: None,
            person: None,
            void: None,
            probation: None,
        }
    }

    /// Records only added are told from the ids and hashes kept, as the
    /// full comparison would tell them; any other change asks for it.
    #[test]
    fn a_write_that_only_adds_is_told_without_a_copy() {
        let mut s = store(&[1, 2, 5]);
        let before = Before::of(&mut s);
        let old = s.clone();
        s.admissions.push(admission(6));
        s.admissions.push(admission(7));
        s.admissions.insert(2, admission(3));
        s.next_id = 8;
        assert!(before.only_added(&s.admissions));
        assert_eq!(before.changes(&mut s), history::Changes::between(&old, &s));
        assert_eq!(before.changes(&mut s).added, [(3, 3), (6, 7)]);

        let mut changed = old.clone();
        changed.admissions[1].note = Some("x".into());
        assert!(!before.only_added(&changed.admissions));
        let mut removed = old.clone();
        removed.admissions.remove(1);
        assert!(!before.only_added(&removed.admissions));
        removed.admissions.push(admission(9));
        assert!(!before.only_added(&removed.admissions));
        let mut last_removed = old.clone();
        last_removed.admissions.pop();
        assert!(!before.only_added(&last_removed.admissions));
        assert!(before.only_added(&old.admissions));
    }
}
