//! Bytes in and out: encoding detection and atomic writes.
//!
//! Two promises live here. Reading: UTF-8 (with or without BOM) and UTF-16
//! (LE/BE with BOM, or XML that starts `<?xml` in UTF-16 without one) are
//! decoded strictly — a bad byte is an error with its line and column, never a
//! U+FFFD that silently changes a term. Writing: every file concord writes goes
//! to a temporary file in the same folder and is renamed over the target only
//! when complete, so a crash, a kill or a full disk leaves the old file intact.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result, line_col};

/// The text encodings concord reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// What [`sniff`] found at the start of a byte stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    pub encoding: Encoding,
    /// Length of the byte-order mark to skip (0 when there is none).
    pub bom_len: usize,
}

/// Detects the encoding from a BOM, or from the first characters of an XML
/// document written in UTF-16 without one (XML 1.0 appendix F). Defaults to UTF-8.
pub fn sniff(head: &[u8]) -> Sniffed {
    match head {
        [0xEF, 0xBB, 0xBF, ..] => Sniffed {
            encoding: Encoding::Utf8,
            bom_len: 3,
        },
        [0xFF, 0xFE, ..] => Sniffed {
            encoding: Encoding::Utf16Le,
            bom_len: 2,
        },
        [0xFE, 0xFF, ..] => Sniffed {
            encoding: Encoding::Utf16Be,
            bom_len: 2,
        },
        [b'<', 0, b'?', 0, ..] => Sniffed {
            encoding: Encoding::Utf16Le,
            bom_len: 0,
        },
        [0, b'<', 0, b'?', ..] => Sniffed {
            encoding: Encoding::Utf16Be,
            bom_len: 0,
        },
        _ => Sniffed {
            encoding: Encoding::Utf8,
            bom_len: 0,
        },
    }
}

/// Decodes a whole file's bytes to text (BOM removed), strictly.
pub fn decode(bytes: &[u8]) -> Result<String> {
    let sniffed = sniff(bytes);
    let body = &bytes[sniffed.bom_len..];
    match sniffed.encoding {
        Encoding::Utf8 => match std::str::from_utf8(body) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => {
                let good = &body[..e.valid_up_to()];
                // Safe: valid_up_to() is a char boundary of valid UTF-8.
                let text = std::str::from_utf8(good).unwrap_or_default();
                let (line, col) = line_col(text, text.len());
                Err(Error::encoding(format!(
                    "invalid UTF-8 (byte 0x{:02X} at offset {})",
                    body[e.valid_up_to()],
                    e.valid_up_to() + sniffed.bom_len
                ))
                .at(line, col))
            }
        },
        Encoding::Utf16Le | Encoding::Utf16Be => {
            decode_utf16(body, sniffed.encoding == Encoding::Utf16Le)
        }
    }
}

fn decode_utf16(body: &[u8], little_endian: bool) -> Result<String> {
    if !body.len().is_multiple_of(2) {
        let partial = decode_utf16(&body[..body.len() - 1], little_endian)?;
        let (line, col) = line_col(&partial, partial.len());
        return Err(
            Error::encoding("UTF-16 text has an odd number of bytes (truncated?)").at(line, col),
        );
    }
    let units = body.chunks_exact(2).map(|c| {
        if little_endian {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let mut out = String::with_capacity(body.len() / 2);
    for ch in char::decode_utf16(units) {
        match ch {
            Ok(c) => out.push(c),
            Err(e) => {
                let (line, col) = line_col(&out, out.len());
                return Err(Error::encoding(format!(
                    "invalid UTF-16: lone surrogate 0x{:04X}",
                    e.unpaired_surrogate()
                ))
                .at(line, col));
            }
        }
    }
    Ok(out)
}

/// Reads and decodes a text file; errors name the file.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| Error::io("read", e).in_file(path))?;
    decode(&bytes).map_err(|e| e.in_file(path))
}

/// Writes `path` atomically: `write` fills a temporary file in the same
/// folder, which is flushed, synced and renamed over `path` only if `write`
/// succeeds. On any error the temporary file is removed and `path` is untouched.
///
/// The write holds the advisory lock of [`lock`], so two concord processes
/// writing the same file take turns instead of interleaving.
///
/// Two kinds of target are not replaced by a rename. A path that exists but is
/// not a regular file (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is
/// written in place: renaming over it would swap the device node for a plain
/// file — as root, `/dev/null` itself, which then breaks every program on the
/// machine that reads it (cargo's compiler probes did, in CI). A symbolic link
/// to a regular file is followed, so the file it points to is replaced and the
/// link survives.
pub fn write_atomic<F>(path: &Path, write: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    lock(path)?.replace(write)
}

/// [`write_atomic`] without waiting for the disk (no fsync), for files
/// concord derives and can rebuild — the saved fuzzy index and prepared TM.
/// After a crash such a file may be empty or torn; its checksum then fails
/// and it is rebuilt. Syncing the 164 MB prepared form of a 100k-unit TM
/// added up to 1.5 s to the first check.
pub fn write_atomic_derived<F>(path: &Path, write: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    lock(path)?.replace_with(write, false)
}

/// An exclusive advisory lock on a file concord is about to rewrite, plus a
/// fingerprint of the file as it was when the lock was taken.
///
/// Read-modify-write commands (`tm merge -o` onto one of its inputs,
/// `extract --append-to`) take the lock *before* reading, so a second concord
/// process waits instead of overwriting the first one's work. Writers that do
/// not know the lock (an editor saving the file) are caught by the fingerprint:
/// if the file changed between locking and renaming, [`UpdateLock::replace`]
/// fails with a conflict and leaves their version in place.
///
/// The lock lives in a sidecar file `.NAME.concord-lock` next to the target,
/// because the target itself is replaced by a rename and a lock on it would be
/// lost with the old inode. The holder deletes the sidecar when it is done
/// (on Unix), so none is left behind unless the process is killed.
pub struct UpdateLock {
    path: PathBuf,
    /// The held sidecar lock and its path; `None` for a target that is not a
    /// regular file (a device or a pipe), which is written in place and needs
    /// no lock.
    lock_file: Option<(fs::File, PathBuf)>,
    before: Option<Fingerprint>,
}

/// What an output path names, for [`lock`].
enum Target {
    /// A regular file, or a path that does not exist yet: replaced by rename.
    /// The path is the link's destination when the given path is a symlink.
    File(PathBuf),
    /// An existing device, pipe or socket: written in place.
    Special,
}

impl Target {
    fn of(path: &Path) -> Target {
        match fs::metadata(path) {
            Ok(meta) if !meta.is_file() && !meta.is_dir() => Target::Special,
            Ok(_) => match fs::symlink_metadata(path) {
                Ok(link) if link.file_type().is_symlink() => {
                    Target::File(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
                }
                _ => Target::File(path.to_path_buf()),
            },
            Err(_) => Target::File(path.to_path_buf()),
        }
    }
}

/// How long [`lock`] waits for another process before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// Takes the update lock of `path` (waiting up to a minute for another concord
/// process to finish) and fingerprints the current file.
pub fn lock(path: &Path) -> Result<UpdateLock> {
    let real = match Target::of(path) {
        Target::Special => {
            return Ok(UpdateLock {
                path: path.to_path_buf(),
                lock_file: None,
                before: None,
            });
        }
        Target::File(real) => real,
    };
    let path = real.as_path();
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .ok_or_else(|| Error::usage("output path has no file name").in_file(path))?;
    let lock_path = dir.join(format!(".{}.concord-lock", name.to_string_lossy()));
    let started = Instant::now();
    let file = loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io("create the lock file", e).in_file(&lock_path))?;
        match file.try_lock() {
            // The holder before us deletes the sidecar before it unlocks; a
            // lock on a file that is no longer at `lock_path` is worthless
            // (a third process may have created and locked a new one), so
            // open the path again.
            Ok(()) if still_at(&file, &lock_path) => break file,
            Ok(()) => continue,
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Error::conflict(format!(
                    "another process has held the lock {} for over {}s",
                    lock_path.display(),
                    LOCK_WAIT.as_secs()
                ))
                .in_file(path));
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(Error::io("lock", e).in_file(&lock_path));
            }
        }
    };
    Ok(UpdateLock {
        path: path.to_path_buf(),
        lock_file: Some((file, lock_path)),
        before: Fingerprint::of(path),
    })
}

/// True when `lock_path` still names the open `file` (same device and inode).
#[cfg(unix)]
fn still_at(file: &fs::File, lock_path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(lock_path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the sidecar is never deleted (see [`UpdateLock`]'s `Drop`), so
/// the file locked is always the one at the path.
#[cfg(not(unix))]
fn still_at(_file: &fs::File, _lock_path: &Path) -> bool {
    true
}

impl Drop for UpdateLock {
    /// Deletes the sidecar while still holding its lock, so that no
    /// `.NAME.concord-lock` is left next to the user's files. A process
    /// waiting on it notices (see [`still_at`]) and opens the path again.
    /// On non-Unix systems, where that check is not made, the sidecar stays.
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some((_, lock_path)) = &self.lock_file {
            let _ = fs::remove_file(lock_path);
        }
    }
}

impl UpdateLock {
    /// Replaces the locked file atomically with what `write` produces,
    /// unless somebody changed it since the lock was taken.
    pub fn replace<F>(self, write: F) -> Result<()>
    where
        F: FnOnce(&mut dyn Write) -> Result<()>,
    {
        self.replace_with(write, true)
    }

    /// [`UpdateLock::replace`], waiting for the disk (fsync) only when
    /// `durable`.
    fn replace_with<F>(self, write: F, durable: bool) -> Result<()>
    where
        F: FnOnce(&mut dyn Write) -> Result<()>,
    {
        let path = self.path.as_path();
        if self.lock_file.is_none() {
            return write_in_place(path, write);
        }
        let dir = parent_dir(path);
        let tmp = tempfile::Builder::new()
            .prefix(".concord-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::io("create a temporary file", e).in_file(dir))?;
        // Keep the permissions of the file we replace (a shared glossary stays
        // group-writable); a new file gets the usual 0644 rather than the
        // temporary file's private 0600.
        if let Ok(meta) = fs::metadata(path) {
            let _ = fs::set_permissions(tmp.path(), meta.permissions());
        } else {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o644));
            }
        }
        let mut out = BufWriter::new(tmp);
        write(&mut out)?;
        let tmp = out
            .into_inner()
            .map_err(|e| Error::io("write", e.into_error()).in_file(path))?;
        if durable {
            tmp.as_file()
                .sync_all()
                .map_err(|e| Error::io("write", e).in_file(path))?;
        }
        if Fingerprint::of(path) != self.before {
            return Err(Error::conflict(
                "the file was changed by another program while concord was writing it; \
                 nothing was replaced — run the command again",
            )
            .in_file(path));
        }
        tmp.persist(path)
            .map_err(|e| Error::io("replace", e.error).in_file(path))?;
        Ok(())
    }
}

/// Writes straight into a device or pipe (see [`write_atomic`] for why).
fn write_in_place<F>(path: &Path, write: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> Result<()>,
{
    let file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io("open for writing", e).in_file(path))?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush()
        .map_err(|e| Error::io("write", e).in_file(path))?;
    Ok(())
}

/// Size, modification time and inode: enough to notice that a file was
/// replaced or rewritten, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl Fingerprint {
    fn of(path: &Path) -> Option<Fingerprint> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Fingerprint {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        })
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Maps an I/O error during writing to a concord error naming `path`.
pub fn write_err(path: &Path) -> impl Fn(io::Error) -> Error + '_ {
    move |e| Error::io("write", e).in_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        assert_eq!(decode(b"\xFF\xFEa\0b\0").unwrap(), "ab");
        assert_eq!(decode(b"\xFE\xFF\0a\0b").unwrap(), "ab");
        assert_eq!(decode(b"<\0?\0x\0").unwrap(), "<?x");
    }

    #[test]
    fn invalid_utf8_has_position() {
        let e = decode(b"ok\nab\xFFcd").unwrap_err();
        assert_eq!(e.position().line, Some(2));
        assert_eq!(e.position().column, Some(3));
        assert!(e.to_string().contains("invalid UTF-8"), "{e}");
    }

    #[test]
    fn lone_surrogate_is_an_error() {
        let e = decode(b"\xFF\xFEa\0\x00\xD8b\0").unwrap_err();
        assert!(e.to_string().contains("lone surrogate"), "{e}");
    }

    #[test]
    fn atomic_write_keeps_old_file_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let r = write_atomic(&path, |w| {
            w.write_all(b"partial").unwrap();
            Err(Error::invalid("boom"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.iter().any(|n| n.ends_with(".tmp")),
            "temp file left behind: {names:?}"
        );
        write_atomic(&path, |w| w.write_all(b"new").map_err(write_err(&path))).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn outside_change_is_a_conflict_not_a_lost_update() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.csv");
        fs::write(&path, "v1").unwrap();
        let guard = lock(&path).unwrap();
        // Another program rewrites the file while we hold our lock.
        std::thread::sleep(Duration::from_millis(10));
        fs::write(&path, "edited elsewhere").unwrap();
        let err = guard
            .replace(|w| w.write_all(b"ours").map_err(write_err(&path)))
            .unwrap_err();
        assert!(matches!(err.kind(), crate::ErrorKind::Conflict(_)), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited elsewhere");
    }

    #[test]
    fn second_locker_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.tmx");
        let first = lock(&path).unwrap();
        let p2 = path.clone();
        let waiter = std::thread::spawn(move || {
            let t = Instant::now();
            let g = lock(&p2).unwrap();
            drop(g);
            t.elapsed()
        });
        std::thread::sleep(Duration::from_millis(200));
        first
            .replace(|w| w.write_all(b"a").map_err(write_err(&path)))
            .unwrap();
        assert!(waiter.join().unwrap() >= Duration::from_millis(150));
    }

    #[test]
    fn lockers_exclude_each_other_and_leave_no_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("count.txt");
        fs::write(&path, "0").unwrap();
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        let guard = lock(&path).unwrap();
                        let n: u32 = fs::read_to_string(&path).unwrap().parse().unwrap();
                        std::thread::sleep(Duration::from_micros(200));
                        guard
                            .replace(|w| {
                                w.write_all((n + 1).to_string().as_bytes())
                                    .map_err(write_err(&path))
                            })
                            .unwrap();
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().unwrap();
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "100");
        if cfg!(unix) {
            let names: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(names, ["count.txt"]);
        }
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_is_written_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        let is_device = |p: &Path| fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device());
        if !is_device(null) {
            eprintln!("note: /dev/null is not a character device here; test skipped");
            return;
        }
        write_atomic(null, |w| w.write_all(b"discarded").map_err(write_err(null))).unwrap();
        assert!(is_device(null), "/dev/null was replaced by a plain file");
        assert!(!Path::new("/dev/.null.concord-lock").exists());
    }

    #[cfg(unix)]
    #[test]
    fn named_pipe_is_written_in_place() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("report.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("note: mkfifo unavailable; test skipped");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(&fifo).unwrap())
        };
        write_atomic(&fifo, |w| w.write_all(b"report").map_err(write_err(&fifo))).unwrap();
        assert_eq!(reader.join().unwrap(), "report");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("glossary.csv");
        let link = dir.path().join("current.csv");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, |w| w.write_all(b"new").map_err(write_err(&link))).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_not_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.csv");
        write_atomic(&path, |w| w.write_all(b"x").map_err(write_err(&path))).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
}
