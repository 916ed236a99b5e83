"""The one place that reads a user's file and the one place that writes any file.

Why one place: the ways a write goes wrong are the same for every command, and a
command that forgets one of them loses someone's words. A write here

- goes *through* a symlink to the file it names, so the link stays a link (the
  temporary file is made beside the target, not beside the link);
- never touches what is not a regular file (a FIFO, a device, a folder, a
  socket): replacing `/dev/stdout` or a named pipe is never what was meant;
- keeps the target's permission bits and, where the system lets us, its owner
  and group; a new file gets the mode the umask gives;
- refuses a read-only file unless `force=True`, and refuses a file whose content
  changed since it was read (`expect=`), so an edit made meanwhile in another
  window is not overwritten;
- is atomic (temporary file, flushed, renamed over the target) and removes its
  temporary file on every exit Python sees; what a `kill -9` leaves behind, the
  next write in that folder sweeps away.

Reading decodes what editors write (UTF-8 with or without a BOM, UTF-16 and
UTF-32 with a BOM, UTF-16 without one when the bytes leave no doubt, else cp1252
as old exports are), refuses binaries, special files and files over the size
limit before reading them, and names each failure in one line.

This module imports nothing else from `assistant` (document/ reads through it),
and nothing slow at import: `lint` starts through here.

Why one module of about 700 lines: reading and writing share the refusals (what is
not a regular file, what is too big, what changed since it was read) and the
temporary-file sweep; split in two, each half would re-derive the other's checks,
and a write that skips one of them is how words get lost.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat

TYPE_CHECKING = False  # `typing` costs start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from pathlib import Path

# Bytes. Real postings are a few KB; the benchmarks lint 20 MB. Anything larger is not
# a posting (a log, a dump, a sparse file) and would only cost time and memory.
DEFAULT_LIMIT = 50_000_000
LIMIT_HINT = "max-file-size in config"


class ReadRefused(Exception):
    """A file we will not read as text; the message says why in one line.

    `missing`: nothing is there (or a symlink points at nothing), so an editor may
    treat the path as a new file.
    """

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


class WriteRefused(OSError):
    """A write we will not do; the message says why in one line.

    An `OSError`, so every caller that already reports a failed write reports a
    refusal the same way. `reason` lets a caller add its own hint: "special",
    "loop", "folder", "read-only", "changed" or "encoding".
    """

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


# ---------------------------------------------------------------- stamps


def _hasher():
    # BLAKE2 from CPython's own module: `hashlib` would load OpenSSL, 3 ms of every lint.
    try:
        from _blake2 import blake2b
    except ImportError:  # another Python implementation
        from hashlib import blake2b
    return blake2b(digest_size=16)


def _digest(data: bytes) -> str:
    digest = _hasher()
    digest.update(data)
    return digest.hexdigest()


class Stamp:
    """What a file held when it was read: its size, modification time and a hash.

    Two stamps tell the same content when size and hash agree. The time is kept for
    people and logs but decides nothing: two writes within one clock tick share a
    time, and a `touch` changes it without changing a word.
    """

    __slots__ = ("size", "mtime_ns", "digest")

    def __init__(self, size: int, mtime_ns: int, digest: str):
        self.size = size
        self.mtime_ns = mtime_ns
        self.digest = digest

    @classmethod
    def of(cls, path: str | Path) -> Stamp | None:
        """The stamp of what `path` holds now; None when there is no regular file to read."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                return None
            return cls._of_fd(fd, st)
        finally:
            os.close(fd)

    @classmethod
    def _of_fd(cls, fd: int, st: os.stat_result) -> Stamp:
        digest = _hasher()
        size = 0
        while block := os.read(fd, 1 << 20):
            digest.update(block)
            size += len(block)
        return cls(size, st.st_mtime_ns, digest.hexdigest())

    def same_content(self, other: Stamp | None) -> bool:
        return other is not None and self.size == other.size and self.digest == other.digest

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Stamp):
            return NotImplemented
        return (self.size, self.mtime_ns, self.digest) == (other.size, other.mtime_ns, other.digest)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Stamp(size={self.size}, mtime_ns={self.mtime_ns}, digest={self.digest!r})"


# ---------------------------------------------------------------- sizes


_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}


def parse_size(value) -> int:
    """Bytes from an int or a string such as "50MB", "1.5 MiB", "4096"; ValueError otherwise."""
    import re

    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        size = value
    elif isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", value)
        if not m or m.group(2).lower() not in _UNITS:
            raise ValueError(value)
        size = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    else:
        raise ValueError(value)
    if size <= 0:
        raise ValueError(value)
    return size


def shown_size(size: int, exact: bool = False) -> str:
    """A size for a message: "80.0 MB", "2 KB"; `exact` drops the decimal when it is whole."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            value = size / scale
            if exact and value == int(value):
                return f"{int(value)} {unit}"
            return f"{value:.1f} {unit}"
    return f"{size} bytes"


def _over_limit(size_text: str, limit: int) -> str:
    return f"{size_text} is over the {shown_size(limit, exact=True)} limit ({LIMIT_HINT})"


# ---------------------------------------------------------------- reading


class Read:
    """A user's file as text, with what is needed to write it back the same way.

    `encoding` is a Python codec name ("utf-8", "utf-16-le", "cp1252", …); `bom`
    whether the file began with a byte-order mark; `newline` its line end when it
    uses one kind only ("\\n", "\\r\\n" or "\\r"), else None (worked out when first
    asked: lint never asks, and on 20 MB it costs 30 ms); `stamp` what it held (None
    for stdin, or when not asked for).
    """

    __slots__ = ("path", "text", "encoding", "bom", "stamp", "_newline")

    def __init__(self, path: str, text: str, encoding: str, bom: bool, stamp: Stamp | None):
        self.path = path
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.stamp = stamp
        self._newline: str | None | bool = False  # False: not worked out yet

    @property
    def newline(self) -> str | None:
        if self._newline is False:
            self._newline = newline_of(self.text)
        return self._newline

    def __repr__(self) -> str:
        return f"Read(path={self.path!r}, encoding={self.encoding!r}, bom={self.bom}, chars={len(self.text)})"


_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192  # bytes looked at to tell text from binary


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the bytes leave no doubt, else None.

    Text in the Latin range, written as UTF-16 without a mark, has a NUL in every
    other byte and none in the others; 4 bytes of NUL out of 8 in any other
    pattern (UTF-32, a binary) do not pass.
    """
    sample = data[: _SNIFF & ~1]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.7 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.7 * pairs and odd == 0:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str, bool]:
    """Text, codec name and whether a BOM was there; `ReadRefused` for a binary or undecodable file."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return _decoded(data[len(mark) :], encoding), encoding, True
    guessed = _utf16_without_bom(data)
    if guessed:
        try:
            return _decoded(data, guessed), guessed, False
        except ReadRefused:
            pass
    if b"\x00" in data[:_SNIFF]:
        raise ReadRefused("binary file, not a posting")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        try:  # old exports are often cp1252; every byte it defines maps back to itself on write
            return data.decode("cp1252"), "cp1252", False
        except UnicodeDecodeError:
            raise ReadRefused(f"not UTF-8 text (byte {exc.start})") from None


def _decoded(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadRefused(f"not {encoding.upper()} text (byte {exc.start}), though it starts like it") from None
    if "\x00" in text[:_SNIFF]:
        raise ReadRefused("binary file, not a posting")
    return text


def newline_of(text: str) -> str | None:
    """The one kind of line end `text` uses, or None for none or a mix."""
    crlf = text.count("\r\n")
    kinds = [nl for nl, n in (("\r\n", crlf), ("\r", text.count("\r") - crlf), ("\n", text.count("\n") - crlf)) if n]
    return kinds[0] if len(kinds) == 1 else None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def missing_reason(path: str | Path) -> str:
    """Why nothing can be read at `path`: a loop and a broken link are named as such."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return "broken symlink (nothing at the path it points to)"
        if exc.errno == errno.ENOENT:
            return "no such file or directory"
        return (exc.strerror or str(exc)).lower()
    return "no such file or directory"


def _open_error(path, exc: OSError) -> ReadRefused:
    if exc.errno == errno.ELOOP:
        return ReadRefused("symlink loop")
    if exc.errno == errno.ENOENT:
        broken = os.path.islink(path)
        return ReadRefused("broken symlink (nothing at the path it points to)" if broken else "no such file", missing=True)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReadRefused("permission denied")
    if exc.errno == errno.EISDIR:
        return ReadRefused("is a directory")
    return ReadRefused((exc.strerror or str(exc)).lower())


def read_user_file(path: str | Path, *, limit: int | None = None, stamp: bool = True) -> Read:
    """A user's file as text; `ReadRefused` with a one-line reason when it is not one.

    The file is opened without blocking (a FIFO with no writer would hang a plain
    open) and checked before a byte is read: a special file or one over `limit`
    (default `DEFAULT_LIMIT`) is refused by its size alone. `stamp=False` skips the
    hash (1.3 ms a MB) for a reader that will not write the file back.
    """
    limit = DEFAULT_LIMIT if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(path, exc) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReadRefused("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise ReadRefused(f"is a {_kind(st.st_mode)}, not a regular file")
        if st.st_size > limit:
            raise ReadRefused(_over_limit(shown_size(st.st_size), limit))
        # One read of the size fstat gave (and one byte more) is the whole file, in one
        # buffer; the loop only matters for a file that grows while we read it.
        chunks, got, want = [], 0, min(st.st_size, limit) + 1
        while got <= limit and (block := os.read(fd, want)):
            chunks.append(block)
            got += len(block)
            want = min(1 << 20, limit + 1 - got) or 1
        if got > limit:  # it grew while we read
            raise ReadRefused(_over_limit(f"more than {shown_size(limit, exact=True)}", limit))
    except OSError as exc:
        raise ReadRefused((exc.strerror or str(exc)).lower()) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    text, encoding, bom = decode(data)
    return Read(str(path), text, encoding, bom, Stamp(len(data), st.st_mtime_ns, _digest(data)) if stamp else None)


def read_user_stream(stream, name: str = "-", *, limit: int | None = None) -> Read:
    """Text from a binary stream (stdin), decoded as a file is; it has no stamp.

    A closed stdin (`lint - <&-`) is None in Python; it is refused like a missing file.
    """
    limit = DEFAULT_LIMIT if limit is None else limit
    if stream is None:
        raise ReadRefused("stdin is closed")
    try:
        data = stream.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise ReadRefused(f"cannot read stdin: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > limit:
        raise ReadRefused(_over_limit(f"more than {shown_size(limit, exact=True)}", limit))
    text, encoding, bom = decode(data)
    return Read(name, text, encoding, bom, None)


# ---------------------------------------------------------------- writing


def _target(path: str | Path) -> str:
    """The file a write to `path` lands in: the end of its chain of symlinks."""
    target = os.path.realpath(path)
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WriteRefused("symlink loop; not written", "loop") from None
    return target


_FOLDER = "its folder is not writable (a write goes through a temporary file beside it); not written"


def _refusal(target: str, st: os.stat_result | None, force: bool) -> WriteRefused | None:
    parent = os.path.dirname(target) or "."
    if st is None and not os.path.isdir(parent):
        return None  # a caller may make the folder first (review --out does); else the write says ENOENT
    if st is not None and not stat.S_ISREG(st.st_mode):
        return WriteRefused(f"is a {_kind(st.st_mode)}, not a regular file; not written", "special")
    # Root may write anything; a file nobody may write is still read-only to us.
    if st is not None and not force and (not st.st_mode & 0o222 or not os.access(target, os.W_OK)):
        return WriteRefused("is read-only; not written (--force writes it anyway)", "read-only")
    if not os.access(parent, os.W_OK | os.X_OK):
        return WriteRefused(_FOLDER, "folder")
    return None


def _stat_or_none(target: str) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None


def refusal(path: str | Path, *, force: bool = False) -> str | None:
    """Why a write to `path` would be refused now, or None; writes nothing.

    For a command to check before costly work (a paid request, a long review),
    so the refusal comes at once rather than at the end.
    """
    try:
        target = _target(path)
        refused = _refusal(target, _stat_or_none(target), force)
    except WriteRefused as exc:
        return str(exc)
    except OSError as exc:
        return (exc.strerror or str(exc)).lower()
    return str(refused) if refused else None


def _with_newline(text: str, newline: str | None) -> str:
    """`text` with every line end made `newline`, when the file used one kind only."""
    if newline is None:
        return text
    crlf = text.count("\r\n")
    if newline == "\r\n" and text.count("\r") == crlf == text.count("\n"):
        return text
    if newline == "\n" and "\r" not in text:
        return text
    if newline == "\r" and "\n" not in text:
        return text
    import re

    return re.sub(r"\r\n|\r|\n", newline, text)


def encoded(text: str, like: Read | None) -> bytes:
    """`text` as the bytes of a file read as `like` (UTF-8 without a BOM for a new one)."""
    if like is None:
        return text.encode("utf-8", "surrogateescape")
    text = _with_newline(text, like.newline)
    try:
        data = text.encode(like.encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise WriteRefused(f"cannot be written back as {like.encoding}: it has no {bad!r}; not written", "encoding") from None
    if like.bom:
        data = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
                "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(like.encoding, b"") + data
    return data


def write_user_file(
    path: str | Path, text: str, *, expect: Stamp | None = None, force: bool = False, like: Read | None = None,
) -> Stamp:
    """Write `text` to the user's file at `path`; returns the stamp of what it now holds.

    `like`: the `Read` it came from, so encoding, BOM and line ends are those it had.
    `expect`: what it held when read; if its content changed since, nothing is
    written. `force`: write a read-only file too. Raises `WriteRefused` (one line)
    for what the module docstring lists, `OSError` when the system fails the write.
    """
    data = encoded(text, like)
    target = _target(path)
    st = _stat_or_none(target)
    refused = _refusal(target, st, force)
    if refused is not None:
        raise refused
    return _replace(target, data, st, expect=expect, mode=None)  # `expect` is checked last, just before the rename


def atomic_write(path: str | Path, text: str | bytes, *, private: bool = False, sync: bool = True) -> None:
    """Write one of the tool's own files (caches, batch state, recovery drafts).

    The same write as `write_user_file`, without the checks meant for a person's
    file (these are ours, so read-only or changed does not apply). `private`: a new
    file is readable by its owner only. `sync=False` skips the flush to disk, for
    caches that are rebuilt when lost.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    target = _target(path)
    st = _stat_or_none(target)
    refused = _refusal(target, st, force=True)
    if refused is not None:
        raise refused
    _replace(target, data, st, expect=None, mode=0o600 if private else None, sync=sync)


# ---------------------------------------------------------------- temporary files

_TAG = ".~pa-"  # what marks a temporary file as ours: .NAME.~pa-HOST-PID-RANDOM.tmp
_swept: set[str] = set()


_host_tag: list[str] = []


def _host() -> str:
    """A short tag of this machine, so a shared (network) folder never sees another
    machine's live writer as dead: its process ids mean nothing here."""
    if not _host_tag:
        import zlib

        name = os.uname().nodename if hasattr(os, "uname") else ""
        _host_tag.append(f"{zlib.crc32(name.encode()) & 0xFFFFFFFF:08x}")
    return _host_tag[0]


def temp_path(target: str | Path, pid: int | None = None) -> Path:
    """A fresh name for the temporary file of a write to `target` by process `pid`."""
    from pathlib import Path

    target = Path(target)
    name = target.name[:80]  # room for the tag within the 255 bytes a name may have
    return target.with_name(f".{name}{_TAG}{_host()}-{os.getpid() if pid is None else pid}-{os.urandom(4).hex()}.tmp")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def sweep(folder: str) -> None:
    """Remove the temporary files of our writes in `folder` whose writer is dead.

    Only files named as ours, made on this machine, owned by this user, by a
    process that no longer exists; anything else is someone's and is left alone.
    A folder is swept once per process: a run that writes 4,000 files in one folder
    lists it once, not 4,000 times.
    """
    if folder in _swept:
        return
    _swept.add(folder)
    host, me, uid = _host(), os.getpid(), os.geteuid()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        at = name.rfind(_TAG)
        if at <= 0 or not name.startswith(".") or not name.endswith(".tmp"):
            continue
        parts = name[at + len(_TAG) : -4].split("-")
        if len(parts) != 3 or parts[0] != host or not parts[1].isdigit() or int(parts[1]) == me:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_uid == uid and not _alive(int(parts[1])):
                os.unlink(entry.path)
        except OSError:
            pass


class _SignalsHeld:
    """Hold SIGTERM, SIGHUP and SIGINT back while a temporary file exists.

    Why a handler that defers, not `pthread_sigmask`: a blocked signal sent to the
    process is delivered to any other thread that does not block it (the editor
    runs several), and its default action would end us there with the temporary
    file still on disk. A Python handler catches it whichever thread the kernel
    picks; we note it, finish or undo the write, put the old handler back and send
    it again, so the process ends as it would have, a few milliseconds later.
    Only signals left at their default are held: an installed handler (asyncio's,
    Textual's) runs as usual, and any exception it raises unwinds through our
    cleanup. Handlers can be set only from the main thread; elsewhere we go without,
    and `sweep` removes what a death there left.
    """

    __slots__ = ("old", "caught")

    def __enter__(self):
        import signal

        self.old: dict = {}
        self.caught: list[int] = []
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            sig = getattr(signal, name, None)
            if sig is None:
                continue
            current = signal.getsignal(sig)
            if current not in (signal.SIG_DFL, signal.default_int_handler):
                continue
            try:
                signal.signal(sig, self._note)
            except (ValueError, OSError):  # not the main thread
                break
            self.old[sig] = current
        return self

    def _note(self, signum, frame) -> None:
        self.caught.append(signum)

    def __exit__(self, *exc) -> None:
        import signal

        for sig, handler in self.old.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(self.caught):
            signal.raise_signal(sig)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _replace(target: str, data: bytes, st: os.stat_result | None, *, expect: Stamp | None, mode: int | None,
             sync: bool = True) -> Stamp:
    folder = os.path.dirname(target) or "."
    sweep(folder)
    with _SignalsHeld():
        while True:
            tmp = str(temp_path(target))
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                             0o600 if st is not None or mode is not None else 0o666)  # 0o666: the umask decides
                break
            except FileExistsError:
                continue
            except PermissionError:
                raise WriteRefused(_FOLDER, "folder") from None
        try:
            try:
                _write_all(fd, data)
                if sync:
                    os.fsync(fd)
                if st is not None:
                    _keep_owner(fd, st)
                    os.fchmod(fd, stat.S_IMODE(st.st_mode))  # after chown, which clears set-id bits
                elif mode is not None:
                    os.fchmod(fd, mode)
                written = os.fstat(fd)
            finally:
                os.close(fd)
            # The last look before the rename: a save in another window a moment ago still wins.
            if expect is not None and not expect.same_content(Stamp.of(target)):
                raise WriteRefused("changed since it was read; not written", "changed")
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        if sync:
            _sync_folder(folder)
    return Stamp(len(data), written.st_mtime_ns, _digest(data))


def _keep_owner(fd: int, st: os.stat_result) -> None:
    """The replaced file's owner and group on the new one, as far as we may set them."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return
    for uid in (st.st_uid, -1):  # only root may give a file away; anyone may pick their own group
        try:
            os.fchown(fd, uid, st.st_gid)
            return
        except OSError:
            continue


def _sync_folder(folder: str) -> None:
    """Flush the rename itself, so a power cut after a save does not bring back the old file."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
