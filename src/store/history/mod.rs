//! The history of changes, `<store>.history`: one JSON line per write,
//! appended, never rewritten. It records when, who, the command line (with
//! personal details left out) and the records before and after, which is
//! what `undo` needs. Everyday commands only append to it, so it never
//! slows them down as it grows.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::model::{Admission, Org, Quota};

mod command;
mod diff;
mod undo;

pub use command::command_line;
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
    /// Admission records changed or removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admissions: Vec<Change<Admission>>,
    /// Admission records added, as ranges of ids (first, last): the records
    /// themselves are in the store, and an import of a million rows must
    /// not write them all again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<(u64, u64)>,
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

/// A fingerprint of store bytes (FNV-1a, 64 bits): enough to tell whether
/// the file is still what the history last wrote.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
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
/// entry off again if the save that follows fails.
pub fn append(store: &Path, entry: &Entry) -> Result<u64> {
    let path = path_of(store);
    let mut line = serde_json::to_string(entry)?;
    line.push('\n');
    let mut f = super::sidecar::open(&path, super::sidecar::Role::History)?;
    let mut io = || -> io::Result<u64> {
        let len = f.metadata()?.len();
        if len > 0 && !ends_with_newline(&mut f)? {
            // A line cut short by a killed writer: end it, so this entry
            // starts a line of its own.
            f.write_all(b"\n")?;
        }
        f.write_all(line.as_bytes())?;
        f.sync_data()?;
        Ok(len)
    };
    io().map_err(|e| {
        err_t!(
            "Cannot write the history {} ({e}); nothing was changed. Check the disk and permissions.",
            "Không ghi được lịch sử {} ({e}); chưa có gì thay đổi. Hãy kiểm tra ổ đĩa và quyền ghi.",
            path.display()
        )
    })
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

/// The number the next entry gets: one more than the last line's. Reads
/// only the end of the file.
pub fn next_seq(store: &Path) -> Result<u64> {
    #[derive(Deserialize)]
    struct Seq {
        seq: u64,
    }
    let Some(last) = last_line(&path_of(store))? else {
        return Ok(1);
    };
    match serde_json::from_str::<Seq>(&last) {
        Ok(seq) => Ok(seq.seq + 1),
        // A line cut short by a writer killed while appending: its change
        // never reached the store. Number on from the last whole entry.
        Err(_) => Ok(read_all(store)?.last().map_or(1, |e| e.seq + 1)),
    }
}

fn damaged(store: &Path) -> anyhow::Error {
    err_t!(
        "The history {} is damaged; move it aside to start a new one (undo will not reach past that point).",
        "Tệp lịch sử {} bị hỏng; hãy chuyển nó sang chỗ khác để bắt đầu lịch sử mới (undo sẽ không quay lại được trước thời điểm đó).",
        path_of(store).display()
    )
}

/// The last non-empty line of a file, read from its end.
fn last_line(path: &Path) -> Result<Option<String>> {
    let mut f = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let len = f.metadata()?.len();
    let mut tail: Vec<u8> = Vec::new();
    let mut pos = len;
    const CHUNK: u64 = 64 * 1024;
    loop {
        let start = pos.saturating_sub(CHUNK);
        let mut buf = vec![0; usize::try_from(pos - start)?];
        f.seek(SeekFrom::Start(start))?;
        f.read_exact(&mut buf)?;
        buf.extend_from_slice(&tail);
        tail = buf;
        pos = start;
        let trimmed = tail.strip_suffix(b"\n").unwrap_or(&tail);
        if let Some(nl) = trimmed.iter().rposition(|&b| b == b'\n') {
            return Ok(Some(
                String::from_utf8_lossy(&trimmed[nl + 1..]).into_owned(),
            ));
        }
        if pos == 0 {
            return Ok((!trimmed.is_empty()).then(|| String::from_utf8_lossy(trimmed).into_owned()));
        }
    }
}

/// Every entry, oldest first. Lines that are not whole entries (cut short
/// by a writer killed mid-append, even inside a character) are passed
/// over: their changes never reached the store, and `undo` checks the
/// chain of fingerprints anyway.
pub fn read_all(store: &Path) -> Result<Vec<Entry>> {
    let bytes = match fs::read(path_of(store)) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(_) => return Err(damaged(store)),
    };
    Ok(bytes
        .split(|&b| b == b'\n')
        .filter_map(|line| serde_json::from_slice(line).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_line_reads_from_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("h");
        fs::write(
            &p,
            format!("{{\"seq\":1}}\n{}\n{{\"seq\":2}}\n", "x".repeat(200_000)),
        )
        .unwrap();
        assert_eq!(last_line(&p).unwrap().as_deref(), Some("{\"seq\":2}"));
        fs::write(&p, "only").unwrap();
        assert_eq!(last_line(&p).unwrap().as_deref(), Some("only"));
        assert_eq!(last_line(&dir.path().join("none")).unwrap(), None);
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
