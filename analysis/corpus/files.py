"""Files on disk: walking a corpus folder, reading a file safely, decoding its bytes.

:func:`walk_folder` lists the article files below a folder and every entry it will not
read, with the reason (hidden, special file, link outside the folder, link loop, broken
link, link to something read anyway, folder that cannot be listed). :func:`read_regular`
reads a regular file and never opens a FIFO, socket or device (which could block for
ever). :func:`decode_bytes` turns a file's bytes into text: UTF-8, or UTF-16/UTF-32 when
the file starts with their byte-order mark.

What ``raw`` is: the file's bytes decoded, byte-order mark included as U+FEFF whatever
the encoding (so a UTF-16 file's ``raw`` is its decoded text, and every offset counts
characters of that text, never bytes). NUL characters stay in ``raw``; for the cleaning
they are read as zero-width (dropped from the article text, offsets of the rest kept,
each run listed in the removals as ``nul_bytes``), and a lone CR (old Mac line ending)
is read as a line break: see :func:`structure_text`.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

#: Characters of a file inspected for control bytes (binary files).
SNIFF_BYTES = 8192
#: A text with more NUL characters than this many, or than :data:`NUL_MAX_SHARE` of its
#: length (a trailing run of NULs, left by a crash or a preallocated file, not counted), is binary.
NUL_MAX_COUNT = 8
NUL_MAX_SHARE = 0.01
#: Byte-order marks read, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

_LONE_CR = re.compile(r"\r(?!\n)")
_NUL_RUN = re.compile(r"\x00+")
_ALLOWED_CONTROLS = {"\t", "\n", "\f", "\r", "\x00"}


class FileRefused(Exception):
    """A file that is not read: ``reason`` and ``detail`` as in the rejected list."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


# --------------------------------------------------------------------------- reading one file

def special_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is ("named pipe (FIFO)", "socket", "device"), None for a file or folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def read_regular(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file ``path``.

    Raises :class:`FileRefused` (``special_file`` or ``too_large``) without reading when
    it is a FIFO, socket or device, or bigger than ``max_bytes``; ``OSError`` when it
    cannot be opened. The file is opened non-blocking and checked again once open, so a
    file swapped for a FIFO in between cannot hang the run.
    """
    kind = special_kind(os.stat(path).st_mode)
    if kind:
        raise FileRefused("special_file", f"{kind}, not a regular file: not opened")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        kind = special_kind(info.st_mode) or ("folder" if stat.S_ISDIR(info.st_mode) else None)
        if kind:
            raise FileRefused("special_file", f"{kind}, not a regular file: not read")
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileRefused("too_large", f"{info.st_size} bytes is over the {max_bytes}-byte limit")
        return fh.read()


# --------------------------------------------------------------------------- bytes to text

def decode_bytes(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Decode file bytes: UTF-16/UTF-32 after their BOM, else UTF-8. Returns ``(text, reason, detail)``.

    ``text`` is None when the file is refused (``empty``, ``binary`` or ``undecodable``);
    a BOM stays in the text as U+FEFF.
    """
    encoding = next((enc for bom, enc in BOMS if data.startswith(bom)), None)
    if encoding is None:  # no BOM: look at the bytes before trusting them as UTF-8
        verdict = _binary_verdict(data[:SNIFF_BYTES].decode("latin-1"), data.rstrip(b"\x00").count(b"\x00"),
                                  len(data))
        if verdict:
            return None, "binary", verdict
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        name = encoding.upper()
        return None, "undecodable", (f"not valid {name} at byte {err.start} "
                                     f"({data[err.start:err.start + 4]!r}); re-save the file as UTF-8")
    if not text.lstrip("\ufeff").strip(" \t\r\n\f\v\x00"):
        return None, "empty", "file is empty or whitespace only"
    verdict = _binary_verdict(text[:SNIFF_BYTES], nul_count(text), len(text))
    return (None, "binary", verdict) if verdict else (text, None, None)


def _binary_verdict(sample: str, nuls: int, length: int) -> str | None:
    """Why a file is not text (control characters in ``sample``, its first characters; or many NULs), or None."""
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    if controls > max(8, len(sample) // 100):
        return f"{controls} control bytes in the first {len(sample)} characters (not a text file)"
    if nuls > max(NUL_MAX_COUNT, int(length * NUL_MAX_SHARE)):
        return (f"{nuls} NUL bytes (not a text file; a UTF-16 or UTF-32 file needs its byte-order mark, "
                f"or re-save it as UTF-8)")
    return None


def nul_count(text: str) -> int:
    """NUL characters in ``text``, a trailing run of them (padding) not counted."""
    return text.rstrip("\x00").count("\x00")


def structure_text(raw: str) -> str:
    """``raw`` as the cleaning reads it, one character for one (so offsets into it are offsets into ``raw``).

    A lone CR (old Mac line ending) becomes a line break and a NUL becomes U+200B, a
    zero-width character the cleaning drops with its offset. CRLF is left as it is (the
    cleaning already reads the CR as a space and the LF as the break).
    """
    if "\r" in raw:
        raw = _LONE_CR.sub("\n", raw)
    return raw.replace("\x00", "\u200b")


def nul_removals(raw: str) -> list[dict]:
    """A removal entry (``start, end, rule='nul_bytes', text``) for each run of NUL characters in ``raw``."""
    return [{"start": m.start(), "end": m.end(), "rule": "nul_bytes",
             "text": f"{m.end() - m.start()} NUL byte{'s' if m.end() - m.start() > 1 else ''}"}
            for m in _NUL_RUN.finditer(raw)]


# --------------------------------------------------------------------------- walking a folder

def walk_folder(root: Path, follow_links: bool = False) -> tuple[list[tuple[Path, str]], list[dict]]:
    """``(files, skipped)`` below ``root``.

    ``files`` are ``(path, relative posix path)`` of the regular files to read, sorted,
    each real file once. ``skipped`` are rejected-list entries (``path, doc_id, reason,
    detail``) for what is not read: ``hidden`` (a name starting with a dot; a hidden
    folder is one entry), ``special_file`` (FIFO, socket, device), ``symlink_outside``
    (a link resolving outside ``root``, read only with ``follow_links``),
    ``symlink_loop``, ``broken_link``, ``duplicate`` (a link to a file or folder that is
    read anyway) and ``unreadable`` (a folder that cannot be listed).
    """
    walker = _Walker(Path(os.path.realpath(root)), follow_links)
    walker.pending.append((root, "", walker.root_real, frozenset({walker.root_real})))
    while walker.pending:  # a stack, not recursion: any depth of folders is walked
        walker.walk(*walker.pending.pop())
    return walker.files(), walker.skipped


class _Walker:
    """State of one :func:`walk_folder`: the files found and the entries skipped."""

    def __init__(self, root_real: Path, follow_links: bool):
        self.root_real, self.follow_links = root_real, follow_links
        self.found: list[tuple[str, Path, str, bool]] = []  # (rel, path, real path, reached through a link)
        self.skipped: list[dict] = []
        self.pending: list[tuple[Path, str, Path, frozenset]] = []  # folders still to walk

    def skip(self, rel: str, reason: str, detail: str, is_file: bool = True) -> None:
        doc_id = Path(rel).with_suffix("").as_posix() if is_file else None
        self.skipped.append({"path": rel, "doc_id": doc_id, "reason": reason, "detail": detail})

    def walk(self, folder: Path, prefix: str, real: Path, ancestors: frozenset) -> None:
        """Visit every entry of ``folder``: ``prefix`` is its path below the root, ``real`` its real path,
        ``ancestors`` the real paths of the folders above it and itself."""
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            self.skip(prefix.rstrip("/") or ".", "unreadable", f"folder cannot be listed: {err.strerror}", False)
            return
        for entry in entries:
            rel = prefix + entry.name
            if entry.name.startswith("."):
                is_dir = entry.is_dir(follow_symlinks=False)
                what = "hidden folder: its files are not read" if is_dir else "hidden file: not read"
                self.skip(rel, "hidden", f"{what} (rename it without the leading dot to include it)", not is_dir)
            elif entry.is_symlink():
                self.link(Path(entry.path), rel, ancestors)
            elif entry.is_dir(follow_symlinks=False):
                self.pending.append((Path(entry.path), rel + "/", real / entry.name, ancestors | {real / entry.name}))
            elif entry.is_file(follow_symlinks=False):
                self.found.append((rel, Path(entry.path), str(real / entry.name), False))
            else:
                kind = special_kind(entry.stat(follow_symlinks=False).st_mode)
                self.skip(rel, "special_file", f"{kind}, not a regular file: not opened")

    def link(self, path: Path, rel: str, ancestors: frozenset) -> None:
        """A symbolic link: read, walked, or skipped with its reason."""
        try:
            real = Path(os.path.realpath(path, strict=True))
            mode = os.stat(real).st_mode
        except FileNotFoundError:
            self.skip(rel, "broken_link", f"link to {os.readlink(path)}, which does not exist")
            return
        except OSError as err:
            self.skip(rel, "symlink_loop", f"link cannot be resolved: {err.strerror}")
            return
        inside = real == self.root_real or self.root_real in real.parents
        is_dir = stat.S_ISDIR(mode)
        if not inside and not self.follow_links:
            self.skip(rel, "symlink_outside", f"link to {real}, outside the corpus folder: not followed "
                                              "(pass follow_links=True, or --follow-links, to read it)", not is_dir)
        elif is_dir and real in ancestors:
            self.skip(rel, "symlink_loop", f"link to {real}, a folder above it: not walked again", False)
        elif is_dir and inside:
            target = real.relative_to(self.root_real).as_posix()
            self.skip(rel, "duplicate", f"link to the folder {target or '.'} inside the corpus, "
                                        "whose files are read (or listed) there", False)
        elif is_dir:
            self.pending.append((path, rel + "/", real, ancestors | {real}))
        elif special_kind(mode):
            self.skip(rel, "special_file", f"link to a {special_kind(mode)}, not a regular file: not opened")
        else:
            self.found.append((rel, path, str(real), True))

    def files(self) -> list[tuple[Path, str]]:
        """The files to read, each real file once (a direct entry before a link); the other entries are skipped."""
        kept: dict[str, str] = {}
        result = []
        for rel, path, real, via_link in sorted(self.found, key=lambda f: (f[3], f[0])):
            if real in kept:
                self.skip(rel, "duplicate", f"link to the same file as {kept[real]}, which is read")
                continue
            kept[real] = rel
            result.append((path, rel))
        return sorted(result, key=lambda f: f[1])
