"""The compiled region file format (``.zreg``): one file, loads with numpy only.

Layout (all little-endian)::

    8 bytes   magic b"ZITOURRG"
    uint32    format version (FORMAT_VERSION)
    uint32    header length H in bytes
    H bytes   UTF-8 JSON header: metadata + {"arrays": {name: {dtype, shape, offset}}}
              + {"sha256": digest of the rest of the header and of the data}
    padding   to a 64-byte boundary; array offsets count from there
    arrays    raw C-order data, each starting on a 64-byte boundary

The checksum makes a damaged file (a flipped byte changed a plan's distance without any
error before) a clear refusal; the bundled regions are then rebuilt from their source.

String lists are stored as one uint8 array of NUL-separated UTF-8. No pickle: loading
never executes code from the file. Files are written to a temporary file in the
destination folder, then renamed (``os.replace``), so a failed import leaves nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from pathlib import Path

import numpy as np

from routing.errors import Message, RegionError

MAGIC = b"ZITOURRG"
FORMAT_VERSION = 4  # 2: the data's sha256 in the header; 3: node rules, turn restrictions, directional access;
# 4: where ways were cut (no turning round there)
SUFFIX = ".zreg"
_ALIGN = 64
_ALLOWED_DTYPES = {"<f8", "<f4", "<i8", "<i4", "<i2", "|i1", "|u1", "<u4", "<u2", "|b1"}


def encode_strings(values: list[str]) -> np.ndarray:
    """NUL-separated UTF-8 bytes of ``values`` (NULs inside values are dropped)."""
    return np.frombuffer("\x00".join(v.replace("\x00", "") for v in values).encode("utf-8"), dtype=np.uint8)


def decode_strings(data: np.ndarray, count: int) -> list[str]:
    """Inverse of :func:`encode_strings`; ``count`` disambiguates the empty list."""
    if count == 0:
        return []
    return data.tobytes().decode("utf-8").split("\x00")


def write_compiled(path: Path, header: dict, arrays: dict[str, np.ndarray]) -> Path:
    """Write ``arrays`` and JSON-able ``header`` atomically to ``path``."""
    path = Path(path)
    table, blobs, offset = {}, [], 0
    for name, arr in arrays.items():
        arr = np.ascontiguousarray(arr)
        arr = arr.astype(arr.dtype.newbyteorder("<"), copy=False)
        dt = arr.dtype.str
        if dt not in _ALLOWED_DTYPES:
            raise ValueError(f"unsupported dtype {dt} for {name}")
        table[name] = {"dtype": dt, "shape": list(arr.shape), "offset": offset}
        blobs.append((offset, arr))
        offset += -(-arr.nbytes // _ALIGN) * _ALIGN
    digest = hashlib.sha256()
    pos = 0
    for off, arr in blobs:  # the data exactly as written below, padding included
        digest.update(b"\0" * (off - pos))
        digest.update(memoryview(arr).cast("B") if arr.nbytes else b"")
        pos = off + arr.nbytes
    head = dict(header)
    head["arrays"] = table
    head["sha256"] = _checksum(head, digest)
    hbytes = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    prefix = MAGIC + struct.pack("<II", FORMAT_VERSION, len(hbytes)) + hbytes
    data_start = -(-len(prefix) // _ALIGN) * _ALIGN
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(prefix)
            f.write(b"\0" * (data_start - len(prefix)))
            pos = 0
            for off, arr in blobs:
                if off > pos:
                    f.write(b"\0" * (off - pos))
                f.write(memoryview(arr).cast("B") if arr.nbytes else b"")
                pos = off + arr.nbytes
            f.flush()
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def _checksum(header: dict, data_digest) -> str:
    """sha256 over the header (less its own checksum) and the data's digest: any changed byte shows."""
    meta = json.dumps({k: v for k, v in header.items() if k != "sha256"}, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True).encode("utf-8")
    return hashlib.sha256(meta + data_digest.digest()).hexdigest()


def _bad(path: Path, problem: Message) -> RegionError:
    return RegionError("file.problem", file=path.name, problem=problem)


def read_header(path: Path) -> dict:
    """Only the JSON header of a compiled region (cheap: for region lists)."""
    path = Path(path)
    with open(path, "rb") as f:
        head = f.read(16)
        version, hlen = _check_prefix(path, head)
        return json.loads(f.read(hlen).decode("utf-8"))


def _check_prefix(path: Path, head: bytes) -> tuple[int, int]:
    if len(head) < 16 or head[:8] != MAGIC:
        raise _bad(path, Message("region.compiled.not_region"))
    version, hlen = struct.unpack("<II", head[8:16])
    if version != FORMAT_VERSION:
        raise _bad(path, Message("region.compiled.old_version", version=version, expected=FORMAT_VERSION))
    return version, hlen


def read_compiled(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """(header, arrays) of a compiled region; arrays are views of one buffer read at once."""
    path = Path(path)
    try:
        size = path.stat().st_size
        buf = bytearray(size)
        with open(path, "rb") as f:
            got = f.readinto(buf)
    except OSError as exc:
        raise _bad(path, Message("file.unreadable", detail=str(exc))) from None
    if got != size:
        raise _bad(path, Message("region.compiled.truncated"))
    _, hlen = _check_prefix(path, bytes(buf[:16]))
    try:
        header = json.loads(bytes(buf[16:16 + hlen]).decode("utf-8"))
        data_start = -(-(16 + hlen) // _ALIGN) * _ALIGN
        if _checksum(header, hashlib.sha256(memoryview(buf)[data_start:])) != header.get("sha256"):
            raise ValueError("the file does not match its checksum")
        arrays = {}
        for name, spec in header["arrays"].items():
            dt = np.dtype(spec["dtype"])
            if spec["dtype"] not in _ALLOWED_DTYPES:
                raise ValueError(spec["dtype"])
            shape = tuple(int(s) for s in spec["shape"])
            count = int(np.prod(shape, dtype=np.int64))
            start = data_start + int(spec["offset"])
            if start + count * dt.itemsize > size:
                raise ValueError("array beyond end of file")
            if count == 0:
                arrays[name] = np.zeros(shape, dtype=dt)
            else:
                arrays[name] = np.frombuffer(buf, dtype=dt, count=count, offset=start).reshape(shape)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise _bad(path, Message("region.compiled.damaged", detail=str(exc))) from None
    return header, arrays
