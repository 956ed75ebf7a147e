//! Reading the history: every entry, for `log` and `undo`, and the number
//! of the last one, for the next writer, who reads only the start of the
//! last line. Errors name the file and say why it cannot be read.

use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use anyhow::Result;

use super::{Entry, path_of};

/// What a writer needs of the history's last entry, read once.
#[derive(Debug, PartialEq, Eq)]
pub struct Last {
    /// The number the next entry gets: one more than the last entry's.
    pub next_seq: u64,
    /// The last entry's `after` fingerprint; `None` without a history.
    pub after: Option<String>,
}

/// The history's last entry, from the start of its last line, which holds
/// the number and the fingerprints: that line may be megabytes long, and
/// a writer holding the lock must not read it all. When that start does
/// not tell (no history yet, a last line cut short by a writer killed
/// while appending, one not in our layout, a command line of kilobytes),
/// from the last whole entry.
pub fn last(store: &Path) -> Result<Last> {
    let head = last_head(&path_of(store), 4096).map_err(|e| unreadable(store, &e))?;
    let head = head.as_deref();
    let (seq, after) = (head.and_then(seq_of), head.and_then(after_of));
    if let (Some(seq), Some(after)) = (seq, &after) {
        return Ok(Last {
            next_seq: seq + 1,
            after: Some(after.clone()),
        });
    }
    let last = entries_of(&read_bytes(store)?).0.pop();
    Ok(Last {
        next_seq: seq.or(last.as_ref().map(|e| e.seq)).map_or(1, |s| s + 1),
        after: after.or(last.map(|e| e.after)),
    })
}

/// [`Last::next_seq`].
pub fn next_seq(store: &Path) -> Result<u64> {
    last(store).map(|l| l.next_seq)
}

/// The `"after":"…"` value in the start of a line as `append` writes it.
fn after_of(head: &[u8]) -> Option<String> {
    const KEY: &[u8] = b",\"after\":\"";
    let at = head.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let len = head[at..].iter().position(|&b| b == b'"')?;
    let value = std::str::from_utf8(&head[at..at + len]).ok()?;
    value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b':' || b == b'-')
        .then(|| value.to_string())
}

/// Why the history cannot be read, in words that name it.
pub(super) fn unreadable(store: &Path, e: &io::Error) -> anyhow::Error {
    unreadable_file(&path_of(store), e)
}

/// [`unreadable`] for a history file named by its own path (the one set
/// aside is not at `path_of`).
pub(super) fn unreadable_file(path: &Path, e: &io::Error) -> anyhow::Error {
    let shown = path.display();
    match e.kind() {
        io::ErrorKind::PermissionDenied => err_t!(
            "You have no permission to read the history {shown}; ask its owner for access, or run quota as the user who owns the store.",
            "Bạn không có quyền đọc tệp lịch sử {shown}; hãy xin quyền truy cập từ người sở hữu, hoặc chạy quota bằng tài khoản sở hữu tệp dữ liệu."
        ),
        io::ErrorKind::IsADirectory => err_t!(
            "{shown} is a directory where the history file should be; move it aside.",
            "{shown} là một thư mục, nằm ở chỗ của tệp lịch sử; hãy chuyển nó sang chỗ khác."
        ),
        _ => err_t!(
            "Cannot read the history {shown} ({e}); check the disk and its permissions.",
            "Không đọc được tệp lịch sử {shown} ({e}); hãy kiểm tra ổ đĩa và quyền truy cập."
        ),
    }
}

fn damaged(store: &Path) -> anyhow::Error {
    err_t!(
        "The history {} is damaged: none of its lines is a recorded change; move it aside to start a new one (undo will not reach past that point).",
        "Tệp lịch sử {} bị hỏng: không dòng nào là một thay đổi đã ghi; hãy chuyển nó sang chỗ khác để bắt đầu lịch sử mới (undo sẽ không quay lại được trước thời điểm đó).",
        path_of(store).display()
    )
}

/// How far back `next_seq` reads at a time to find where the last line
/// starts; only one such chunk is held at once.
const CHUNK: u64 = 64 * 1024;

/// The `seq` of the last line of the history, read from the line's start;
/// `None` when there is no whole last line in the layout `append` writes.
/// (What [`last`] reads, one piece of it, for the tests of line starts.)
#[cfg(test)]
fn last_seq(path: &Path) -> io::Result<Option<u64>> {
    // `{"seq":` and up to 20 digits and a comma.
    Ok(last_head(path, 32)?.as_deref().and_then(seq_of))
}

/// Up to `max` bytes from the start of the history's last line; `None`
/// when there is no history or its last line is not ended (cut short).
fn last_head(path: &Path, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut f = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(None);
    }
    let mut last = [0u8; 1];
    f.seek(SeekFrom::Start(len - 1))?;
    f.read_exact(&mut last)?;
    if last[0] != b'\n' {
        return Ok(None);
    }
    let end = len - 1;
    let start = line_start(&mut f, end)?;
    let mut head = vec![0; usize::try_from((end - start).min(max)).unwrap_or(0)];
    f.seek(SeekFrom::Start(start))?;
    f.read_exact(&mut head)?;
    Ok(Some(head))
}

/// Where the line that ends at `end` starts: scanning back from `end`,
/// one chunk at a time.
fn line_start(f: &mut fs::File, end: u64) -> io::Result<u64> {
    let mut buf = vec![0u8; usize::try_from(CHUNK).unwrap_or(usize::MAX)];
    let mut pos = end;
    while pos > 0 {
        let start = pos.saturating_sub(CHUNK);
        let chunk = &mut buf[..usize::try_from(pos - start).unwrap_or(0)];
        f.seek(SeekFrom::Start(start))?;
        f.read_exact(chunk)?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        pos = start;
    }
    Ok(0)
}

/// The number at the start of a line as `append` writes it: `{"seq":N,`.
fn seq_of(head: &[u8]) -> Option<u64> {
    let rest = head.strip_prefix(b"{\"seq\":")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || rest.get(digits) != Some(&b',') {
        return None;
    }
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

/// Every entry, oldest first. Lines that are not whole entries (cut short
/// by a writer killed mid-append, even inside a character) are passed
/// over: their changes never reached the store, and `undo` checks the
/// chain of fingerprints anyway. A history with lines but not one entry
/// among them is damaged.
pub fn read_all(store: &Path) -> Result<Vec<Entry>> {
    let (entries, whole_lines_skipped) = entries_of(&read_bytes(store)?);
    if entries.is_empty() && whole_lines_skipped {
        return Err(damaged(store));
    }
    Ok(entries)
}

/// The history's bytes; none when there is no history.
fn read_bytes(store: &Path) -> Result<Vec<u8>> {
    let path = path_of(store);
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
        // Not a link or a pipe in its place.
        crate::store::sidecar::check_read(&path, crate::store::sidecar::Role::History)?;
    }
    match fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(unreadable(store, &e)),
    }
}

/// The entries among `bytes`, and whether a line that was not cut short
/// (a newline follows it) was passed over all the same.
pub(super) fn entries_of(bytes: &[u8]) -> (Vec<Entry>, bool) {
    let mut skipped = false;
    let mut lines = bytes.split(|&b| b == b'\n').peekable();
    let mut entries = Vec::new();
    while let Some(line) = lines.next() {
        match serde_json::from_slice(line) {
            Ok(e) => entries.push(e),
            Err(_) => {
                let whole = lines.peek().is_some();
                skipped |= whole && !line.iter().all(u8::is_ascii_whitespace);
            }
        }
    }
    (entries, skipped)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_number_is_read_from_the_start_of_the_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("quota.toml");
        let p = path_of(&store);
        fs::write(
            &p,
            format!(
                "{{\"seq\":1}}\n{{\"seq\":2,\"x\":\"{}\"}}\n",
                "x".repeat(200_000)
            ),
        )
        .unwrap();
        assert_eq!(last_seq(&p).unwrap(), Some(2));
        assert_eq!(next_seq(&store).unwrap(), 3);
        // A line about a chunk long: the newline before it falls just
        // inside the first chunk read, at its first byte, or just outside.
        let first = format!("{{\"seq\":41,\"x\":\"{}\"}}\n", "y".repeat(70_000));
        let chunk = usize::try_from(CHUNK).unwrap();
        for n in [chunk - 19, chunk - 18, chunk - 17] {
            let last = format!("{{\"seq\":42,\"x\":\"{}\"}}\n", "z".repeat(n));
            fs::write(&p, format!("{first}{last}")).unwrap();
            assert_eq!(last_seq(&p).unwrap(), Some(42), "{n}");
            fs::write(&p, &last).unwrap();
            assert_eq!(last_seq(&p).unwrap(), Some(42), "{n}");
        }
        fs::write(&p, "{\"seq\":7,\"x\":1}\n").unwrap();
        assert_eq!(last_seq(&p).unwrap(), Some(7));
        // Not in our layout, or not ended: read from the whole entries.
        fs::write(&p, "{\"seq\":7}\n").unwrap();
        assert_eq!(last_seq(&p).unwrap(), None);
        fs::write(&p, "{\"seq\":7,").unwrap();
        assert_eq!(last_seq(&p).unwrap(), None);
        assert_eq!(last_seq(&dir.path().join("none")).unwrap(), None);
    }

    #[test]
    fn an_unreadable_history_is_named_and_not_called_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("quota.toml");
        let denied = unreadable(&store, &io::Error::from(io::ErrorKind::PermissionDenied));
        for lang in [crate::lang::Lang::En, crate::lang::Lang::Vi] {
            let line = crate::lang::error_line(&denied, lang);
            assert!(line.contains("quota.toml.history"), "{line}");
            assert!(!line.contains("os error"), "{line}");
        }
        assert!(
            denied
                .to_string()
                .contains("no permission to read the history")
        );
        // A directory where the history should be.
        fs::create_dir(path_of(&store)).unwrap();
        for e in [read_all(&store).unwrap_err(), next_seq(&store).unwrap_err()] {
            let message = e.to_string();
            assert!(
                message.contains("is a directory where the history file should be"),
                "{message}"
            );
            assert!(!message.contains("damaged"), "{message}");
        }
        // Lines, but not one entry: damaged.
        fs::remove_dir(path_of(&store)).unwrap();
        fs::write(path_of(&store), "not json\nnor this\n").unwrap();
        #[cfg(unix)]
        {
            // Private, as the history a writer makes is.
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(path_of(&store), fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert!(
            read_all(&store)
                .unwrap_err()
                .to_string()
                .contains("is damaged")
        );
        // One line cut short, or blank lines: no entries yet, not damaged.
        fs::write(path_of(&store), "{\"seq\":1,\"ti").unwrap();
        assert!(read_all(&store).unwrap().is_empty());
        fs::write(path_of(&store), "\n\n").unwrap();
        assert!(read_all(&store).unwrap().is_empty());
    }
}
