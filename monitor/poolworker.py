"""The worker side of `monitor.workerpool`: answer pickled calls from stdin on stdout, until stdin ends.

Kept apart from the pool (threads, subprocess, concurrent.futures) so that a worker imports only what its jobs
need: this module uses nothing beyond a few built-in modules.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback


def serve() -> None:
    """A worker's main loop: run the initializer sent first, then answer pickled calls until stdin ends.

    A call is a pickled `(function, args, kwargs)`; its answer a pickled `(True, result, None)` or
    `(False, exception, traceback text)`.
    """
    # Ctrl-C reaches the whole process group; the parent decides what stops, and closes our stdin when it does
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inp = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a job prints goes to stderr, never into the answers
    initializer = pickle.load(inp)
    if initializer is not None:
        initializer()
    while True:  # one job per pickled call, until the parent closes the pipe
        try:
            fn, args, kwargs = pickle.load(inp)
        except EOFError:
            return
        try:
            answer = pickle.dumps((True, fn(*args, **kwargs), None))
        except Exception as exc:
            answer = _pickled_error(exc)
        out.write(answer)
        out.flush()


def _pickled_error(exc: Exception) -> bytes:
    """An exception as an answer with its traceback as text (pickling drops tracebacks and causes); one that
    cannot be pickled, or not unpickled by its own constructor, is reported by its type and text."""
    remote_traceback = "".join(traceback.format_exception(exc))
    try:
        answer = pickle.dumps((False, exc, remote_traceback))
        pickle.loads(answer)
        return answer
    except Exception:
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}"), remote_traceback))
