//! The history of changes, `<store>.history`: one JSON line per write,
//! appended. It records when, who, the command line (with personal details
//! left out) and the records before and after, which is what `undo` needs.
//! Everyday commands only append to it and read the start of its last
//! line, so it never slows them down as it grows. Only `erase` and
//! `log --prune` rewrite it (see [`rewrite`]).

use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::model::{Admission, Candidate, Holiday, Org, Quota, Training};

mod command;
mod diff;
pub mod erase;
mod read;
mod rewrite;
mod undo;

pub use command::command_line;
pub use read::{Last, last, next_seq, read_all};
pub use rewrite::{Pruned, prune};
pub use undo::to_undo;

/// `<store>.history`, beside the store.
pub fn path_of(store: &Path) -> PathBuf {
    let mut p = store.as_os_str().to_owned();
    p.push(".history");
    PathBuf::from(p)
}

/// One write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    /// Local time with its offset, RFC 3339.
    pub time: String,
    pub user: String,
    /// The command line, personal details replaced by `…`.
    pub command: String,
    /// The entry this one reverted, for an undo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<u64>,
    /// Fingerprints of the store file before and after ("" for no file).
    pub before: String,
    pub after: String,
    pub changes: Changes,
}

/// What a write changed, record by record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orgs: Vec<Change<Placed<Org>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<Change<Quota>>,
    /// Holidays added or removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<Change<Holiday>>,
    /// Class attendance records added, changed or removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trainings: Vec<Change<Training>>,
    /// Candidates added, moved on, dropped or admitted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Change<Candidate>>,
    /// Admission records changed or removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admissions: Vec<Change<Admission>>,
    /// Admission records added, as ranges of ids (first, last): the records
    /// themselves are in the store, and an import of a million rows must
    /// not write them all again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<(u64, u64)>,
    /// Admission records an undo removed, as ranges of ids: an undo is
    /// never undone, so the records need not be kept (undoing an import
    /// would otherwise write every row again, personal details and all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<(u64, u64)>,
    /// Admission records whose personal details an erase removed, as
    /// ranges of ids: the details themselves are kept nowhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub erased: Vec<(u64, u64)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_id: Option<(u64, u64)>,
}

impl Changes {
    /// Whether no record changed: such a write is not made at all.
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

/// A record before and after: added (no before), removed (no after) or
/// changed (both).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change<T> {
    pub before: Option<T>,
    pub after: Option<T>,
}

/// An organisation and its place in the list, which is the tree's sibling
/// order and must come back with an undo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placed<T> {
    pub at: usize,
    pub org: T,
}

/// The time of a change: local time with its offset.
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// A fingerprint of store bytes: enough to tell whether the file is still
/// what the history last wrote. Read eight bytes at a time (a national
/// store is 200 MB, and a write takes two); marked `h2:` to tell it from
/// the byte-wise [`legacy_fingerprint`] of histories written before.
pub fn fingerprint(bytes: &[u8]) -> String {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| {
        let h = (h ^ w).wrapping_mul(K);
        h ^ (h >> 29)
    };
    let mut words = bytes.chunks_exact(8);
    let mut h = mix(0x243f_6a88_85a3_08d3, bytes.len() as u64);
    for w in &mut words {
        h = mix(h, u64::from_le_bytes(w.try_into().unwrap_or_default()));
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    h = mix(mix(h, u64::from_le_bytes(tail)), K);
    format!("{FAST}{h:016x}")
}

/// How a [`fingerprint`] starts.
const FAST: &str = "h2:";

/// The fingerprint histories were written with before [`fingerprint`]
/// (FNV-1a, 64 bits, a byte at a time): still what their entries hold.
pub fn legacy_fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The fingerprint of the store file as it is, in the form of the
/// history's last entry, so that the chain of fingerprints `undo` follows
/// has no break where a history written by an older version goes on.
pub fn fingerprint_for(last: &Last, bytes: &[u8]) -> String {
    match &last.after {
        Some(after) if !after.starts_with(FAST) && after.len() == 16 => legacy_fingerprint(bytes),
        _ => fingerprint(bytes),
    }
}

/// Moves the history of an earlier store of the same name aside
/// (`<store>.history.old`): a new store starts a history of its own.
pub fn set_aside(store: &Path) -> Result<()> {
    let old = path_of(store);
    if fs::symlink_metadata(&old).is_ok() {
        let mut aside = old.as_os_str().to_owned();
        aside.push(".old");
        fs::rename(&old, &aside)?;
    }
    Ok(())
}

/// Appends `entry`, synced. Returns the file's length before, to cut the
/// entry off again if the save that follows fails. If the append itself
/// fails (a full disk), the file is cut back to that length: the history
/// keeps no part of a change that was not made.
pub fn append(store: &Path, entry: &Entry) -> Result<u64> {
    append_with(store, entry, &mut |f, bytes| f.write_all(bytes))
}

/// [`append`], writing through `write`: a test can make it fail part way,
/// as a full disk would.
fn append_with(
    store: &Path,
    entry: &Entry,
    write: &mut dyn FnMut(&mut fs::File, &[u8]) -> io::Result<()>,
) -> Result<u64> {
    let path = path_of(store);
    let mut line = serde_json::to_string(entry)?;
    line.push('\n');
    append_line(&path, line.as_bytes(), write).map_err(|e| {
        err_t!(
            "Cannot write the history {} ({e}); nothing was changed. Check the disk and permissions.",
            "Không ghi được lịch sử {} ({e}); chưa có gì thay đổi. Hãy kiểm tra ổ đĩa và quyền ghi.",
            path.display()
        )
    })
}

fn append_line(
    path: &Path,
    line: &[u8],
    write: &mut dyn FnMut(&mut fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<u64> {
    let mut f =
        super::sidecar::open(path, super::sidecar::Role::History).map_err(io::Error::other)?;
    let len = f.metadata()?.len();
    let mut written = || -> io::Result<()> {
        if len > 0 && !ends_with_newline(&mut f)? {
            // A line cut short by a killed writer: end it, so this entry
            // starts a line of its own.
            write(&mut f, b"\n")?;
        }
        write(&mut f, line)?;
        f.sync_data()
    };
    match written() {
        Ok(()) => Ok(len),
        Err(e) => {
            let _ = f.set_len(len);
            let _ = f.sync_data();
            Err(e)
        }
    }
}

fn ends_with_newline(f: &mut fs::File) -> io::Result<bool> {
    f.seek(SeekFrom::End(-1))?;
    let mut b = [0u8; 1];
    f.read_exact(&mut b)?;
    Ok(b[0] == b'\n')
}

/// Cuts the history back to `len` bytes, dropping an entry whose save
/// failed.
pub fn truncate(store: &Path, len: u64) {
    if let Ok(f) = super::sidecar::open(&path_of(store), super::sidecar::Role::History) {
        let _ = f.set_len(len);
        let _ = f.sync_data();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_append_leaves_the_history_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("quota.toml");
        append(&store, &entry(1, "", "a", None)).unwrap();
        // A line cut short by a kill: the failed append must not end it.
        let mut f = fs::OpenOptions::new()
            .append(true)
            .open(path_of(&store))
            .unwrap();
        f.write_all(b"{\"seq\":2,\"ti").unwrap();
        drop(f);
        let before = fs::read(path_of(&store)).unwrap();
        let mut calls = 0;
        let err = append_with(&store, &entry(2, "a", "b", None), &mut |f, bytes| {
            calls += 1;
            if calls == 1 {
                return f.write_all(bytes);
            }
            // Half the entry fits, then the disk is full.
            f.write_all(&bytes[..bytes.len() / 2])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        })
        .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("nothing was changed"), "{message}");
        assert!(message.contains("quota.toml.history"), "{message}");
        assert_eq!(fs::read(path_of(&store)).unwrap(), before);
    }

    fn entry(seq: u64, before: &str, after: &str, undoes: Option<u64>) -> Entry {
        Entry {
            seq,
            time: String::new(),
            user: String::new(),
            command: String::new(),
            undoes,
            before: before.into(),
            after: after.into(),
            changes: Changes {
                next_id: Some((seq, seq + 1)),
                ..Changes::default()
            },
        }
    }

    #[test]
    fn a_line_cut_short_by_a_kill_is_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("quota.toml");
        let e = entry(1, "", "a", None);
        append(&store, &e).unwrap();
        let whole = serde_json::to_string(&entry(2, "a", "b", None)).unwrap();
        let mut f = fs::OpenOptions::new()
            .append(true)
            .open(path_of(&store))
            .unwrap();
        f.write_all(&whole.as_bytes()[..whole.len() / 2]).unwrap();
        drop(f);
        assert_eq!(next_seq(&store).unwrap(), 2);
        append(&store, &entry(2, "a", "c", None)).unwrap();
        let all = read_all(&store).unwrap();
        assert_eq!(
            all.iter().map(|e| e.after.as_str()).collect::<Vec<_>>(),
            ["a", "c"]
        );
        assert_eq!(next_seq(&store).unwrap(), 3);
        // Cut inside a character: still passed over, not fatal.
        let mut f = fs::OpenOptions::new()
            .append(true)
            .open(path_of(&store))
            .unwrap();
        let text = serde_json::to_string(&Entry {
            command: "quota edit xa --name Xã".into(),
            ..entry(3, "c", "d", None)
        })
        .unwrap();
        let cut = text.find('ã').unwrap() + 1;
        f.write_all(&text.as_bytes()[..cut]).unwrap();
        drop(f);
        assert_eq!(next_seq(&store).unwrap(), 3);
        append(&store, &entry(3, "c", "e", None)).unwrap();
        assert_eq!(read_all(&store).unwrap().len(), 3);
    }

    /// Any one byte changed, added or removed changes the fingerprint.
    #[test]
    fn fingerprints_tell_near_versions_apart() {
        let base: Vec<u8> = (0..40u8).collect();
        let mut seen = std::collections::HashSet::new();
        for len in 0..=base.len() {
            assert!(seen.insert(fingerprint(&base[..len])), "length {len}");
        }
        for i in 0..base.len() {
            for bit in 0..8 {
                let mut v = base.clone();
                v[i] ^= 1 << bit;
                assert!(seen.insert(fingerprint(&v)), "byte {i} bit {bit}");
            }
        }
        assert!(fingerprint(b"").starts_with("h2:"));
        assert_eq!(legacy_fingerprint(b""), "cbf29ce484222325");
    }

    #[test]
    fn undo_follows_the_chain_of_fingerprints() {
        let log = vec![
            entry(1, "", "a", None),
            entry(2, "a", "b", None),
            entry(3, "b", "x", None), // its save never happened
            entry(4, "b", "c", None),
        ];
        assert_eq!(to_undo(&log, "c").unwrap(), Some(3));
        let mut log = log;
        log.push(entry(5, "c", "b", Some(4)));
        assert_eq!(to_undo(&log, "b").unwrap(), Some(1));
        log.push(entry(6, "b", "a", Some(2)));
        assert_eq!(to_undo(&log, "a").unwrap(), None);
        // An undo whose save never happened is passed over.
        log.push(entry(7, "a", "z", Some(1)));
        assert_eq!(to_undo(&log, "a").unwrap(), None);
        // An entry that changed no record (older versions wrote them when
        // they rewrote a hand-made layout) is stepped through, not undone
        // over and over.
        let log = vec![
            entry(1, "", "a", None),
            entry(2, "a", "b", None),
            Entry {
                changes: Changes::default(),
                ..entry(3, "b", "c", None)
            },
        ];
        assert_eq!(to_undo(&log, "c").unwrap(), Some(1));
        assert!(to_undo(&log, "edited by hand").is_err());
    }
}
