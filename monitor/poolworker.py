"""The worker side of `monitor.workerpool`, and the wire format both sides speak.

A message is data only, never code: a JSON header followed by raw byte strings (page bodies, compressed HTML), so
nothing a worker sends back, even one subverted by a hostile page, can make its parent run anything. Values may be
None, bool, int, float, str, bytes, list, tuple and dict with str keys; tuples and bytes keep their type across the
pipe (JSON alone would turn them into lists and strings). Frame: 4-byte big-endian length of the header, the header
(UTF-8 JSON: `{"v": value, "n": [length of each byte string]}`), then the byte strings.

Kept apart from the pool itself (threads, subprocess, concurrent.futures) so that a worker imports only what its
jobs need: this module uses nothing beyond a few built-in modules.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import traceback
from collections.abc import Callable
from typing import IO, Any

_BYTES, _TUPLE, _DICT = "$b", "$t", "$d"


class WireError(Exception):
    """A value that cannot travel, or a message that is not one."""


def dumps(value: object) -> bytes:
    """One framed message holding `value`."""
    blobs: list[bytes] = []
    header = json.dumps({"v": _encode(value, blobs), "n": [len(b) for b in blobs]}, ensure_ascii=False,
                        allow_nan=True, separators=(",", ":")).encode("utf-8")
    return b"".join((len(header).to_bytes(4, "big"), header, *blobs))


def read(stream: IO[bytes]) -> Any:
    """The next message's value from `stream`; EOFError when the stream ends before a message starts."""
    size = stream.read(4)
    if not size:
        raise EOFError
    header = _read_exactly(stream, int.from_bytes(_exact(size, 4), "big"))
    try:
        frame = json.loads(header)
        blobs = [_read_exactly(stream, int(n)) for n in frame["n"]]
        return _decode(frame["v"], blobs)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise WireError(f"malformed message: {exc}") from None


def _exact(data: bytes, n: int) -> bytes:
    if len(data) != n:
        raise WireError(f"message cut short ({len(data)} of {n} bytes)")
    return data


def _read_exactly(stream: IO[bytes], n: int) -> bytes:
    return _exact(stream.read(n), n)


def _encode(value: object, blobs: list[bytes]) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, bytes | bytearray):
        blobs.append(bytes(value))
        return {_BYTES: len(blobs) - 1}
    if isinstance(value, list):
        return [_encode(v, blobs) for v in value]
    if isinstance(value, tuple):
        return {_TUPLE: [_encode(v, blobs) for v in value]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise WireError("only dicts with str keys can travel to or from a worker")
        return {_DICT: [[k, _encode(v, blobs)] for k, v in value.items()]}
    raise WireError(f"a {type(value).__name__} cannot travel to or from a worker (send plain data)")


def _decode(obj: Any, blobs: list[bytes]) -> Any:
    if isinstance(obj, list):
        return [_decode(v, blobs) for v in obj]
    if not isinstance(obj, dict):
        return obj
    (tag, inner), = obj.items()
    if tag == _BYTES:
        return blobs[inner]
    if tag == _TUPLE:
        return tuple(_decode(v, blobs) for v in inner)
    if tag == _DICT:
        return {str(k): _decode(v, blobs) for k, v in inner}
    raise WireError(f"unknown tag {tag!r}")


def function_name(fn: Callable[..., Any]) -> str:
    """`module:name` of a module-level function, the only kind a worker can be asked to run."""
    module, name = getattr(fn, "__module__", None), getattr(fn, "__qualname__", "")
    if not module or not name or "." in name or "<" in name or module == "__main__":
        raise WireError(f"{fn!r} is not a module-level function of an importable module")
    return f"{module}:{name}"


def _resolve(name: str) -> Callable[..., Any]:
    module, _, attr = name.partition(":")
    fn: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return fn


def serve() -> None:
    """A worker's main loop: run the initializer named first, then answer calls until stdin ends.

    A call is `[function name, [args]]`; its answer `["ok", result]` or `["error", exception type, message,
    traceback text]`.
    """
    # Ctrl-C reaches the whole process group; the parent decides what stops, and closes our stdin when it does
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inp = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a job prints goes to stderr, never into the answers
    initializer = read(inp)
    if initializer is not None:
        _resolve(initializer)()
    functions: dict[str, Callable[..., Any]] = {}
    while True:  # one call per message, until the parent closes the pipe
        try:
            name, args = read(inp)
        except EOFError:
            return
        try:
            fn = functions.get(name) or functions.setdefault(name, _resolve(name))
            answer = dumps(["ok", fn(*args)])
        except Exception as exc:
            kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
            answer = dumps(["error", kind, str(exc), "".join(traceback.format_exception(exc))])
        out.write(answer)
        out.flush()
