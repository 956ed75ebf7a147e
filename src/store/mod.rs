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

mod atomic;
mod codec;
pub mod history;
pub mod lock;

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
/// cut off again. A change that leaves the file as it was writes nothing.
pub fn update<T>(
    path: &Path,
    mode: Mode,
    writer: &Writer,
    change: impl FnOnce(&mut Store, &mut Edit) -> Result<T>,
) -> Result<T> {
    let _lock = lock::acquire(path, writer.timeout, writer.notify)?;
    sweep(path);
    let (mut store, bytes) = match mode {
        Mode::Create => {
            atomic::check_absent(path)?;
            (Store::new(), Vec::new())
        }
        Mode::Change => load_raw(path)?,
    };
    let before = store.clone();
    let mut edit = Edit {
        fingerprint: match mode {
            Mode::Create => String::new(),
            Mode::Change => history::fingerprint(&bytes),
        },
        undoes: None,
        erase: Vec::new(),
    };
    let out = change(&mut store, &mut edit)?;
    store.validate()?;
    if store.admissions.iter().any(|a| a.person.is_some())
        && let Some(w) = exposure(path)
    {
        (writer.notify)(&w);
    }
    let text = serialize(&mut store, Format::of(path))?;
    if mode == Mode::Change && text.as_bytes() == bytes.as_slice() {
        history::erase::finish(path, &edit.erase, &before, writer.notify)?;
        return Ok(out);
    }
    if mode == Mode::Create {
        // A history left by an earlier store of the same name is not this one's.
        history::set_aside(path)?;
    }
    let entry = history::Entry {
        seq: history::next_seq(path)?,
        time: history::now(),
        user: crate::env::user(),
        command: writer.command.clone(),
        undoes: edit.undoes,
        before: edit.fingerprint,
        after: history::fingerprint(text.as_bytes()),
        changes: history::Changes::between(&before, &store)
            .recorded(edit.undoes.is_some(), &edit.erase),
    };
    let mark = history::append(path, &entry)?;
    let saved = match mode {
        Mode::Create => atomic::create(path, text.as_bytes()).map(|()| None),
        Mode::Change => write(path, text.as_bytes()),
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
            history::erase::finish(path, &edit.erase, &before, writer.notify)?;
            Ok(out)
        }
    }
}

/// Reads, parses and validates the store at `path`.
pub fn load(path: &Path) -> Result<Store> {
    load_raw(path).map(|(store, _)| store)
}

/// [`load`], also giving the bytes as read.
pub fn load_raw(path: &Path) -> Result<(Store, Vec<u8>)> {
    let shown = path.display();
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => bail_t!(
            "There is no store at {shown}; create one with `quota init`, or point to yours with --store or QUOTA_STORE.",
            "Không có tệp dữ liệu tại {shown}; hãy tạo bằng `quota init`, hoặc chỉ đến tệp của bạn bằng --store hoặc QUOTA_STORE."
        ),
        Err(_) if path.is_dir() => bail_t!(
            "{shown} is a directory, not a store file; give the path of a .toml or .json file.",
            "{shown} là thư mục, không phải tệp dữ liệu; hãy chỉ đến một tệp .toml hoặc .json."
        ),
        Err(e) => bail_t!(
            "Cannot read the store {shown} ({e}); check the path and its permissions.",
            "Không đọc được tệp dữ liệu {shown} ({e}); hãy kiểm tra đường dẫn và quyền truy cập."
        ),
    };
    let mut store =
        parse(&bytes, Format::of(path)).with_context(|| Text::same(shown.to_string()))?;
    store
        .validate()
        .with_context(|| Text::same(shown.to_string()))?;
    store.sort();
    Ok((store, bytes))
}
