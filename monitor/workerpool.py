"""A process pool fed through pipes: worker interpreters that import only what their jobs need, and that send back
data, never code.

`concurrent.futures.ProcessPoolExecutor` with the spawn start method costs one more interpreter than its workers:
multiprocessing's resource tracker (~13 MB resident), which exists to unlink the named semaphores of its queues if
the parent dies. Each worker also loads multiprocessing's own machinery. The analysis pool needs none of that: a job
is one call and its result, so a worker here is a plain interpreter running `monitor.poolworker.serve`, which reads
calls from its stdin and writes answers to its stdout, and the parent keeps one thread per worker that sends a job
and waits for its answer. Jobs are taken from one queue, so a slow page never holds up the others.

Unlike multiprocessing, nothing is pickled: a worker reads hostile pages, and an unpickled answer could make the
parent run code. Calls and answers are plain data in `monitor.poolworker`'s wire format (JSON with raw byte strings),
a job is a module-level function named by `module:name`, and an exception comes back as its type name, message and
traceback text: rebuilt as itself only for the types the pool was given (`errors`), as `WorkerError` otherwise.

Semantics follow `ProcessPoolExecutor` where the pipeline relies on them: an exception raised by a job is raised by
its future (the worker's traceback attached as its `__cause__`); a worker that dies (killed by the OOM killer, a
crash in a C extension) breaks the pool, failing its job and every queued one with `BrokenProcessPool`, as does any
later `submit`.
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from monitor.poolworker import WireError, dumps, function_name, read

P = ParamSpec("P")
T = TypeVar("T")

# the directory that holds the `monitor` package: a worker appends it to its sys.path, so it finds the same code as
# its parent even when the parent found it through sys.path rather than an installed distribution
_CODE_ROOT = str(Path(__file__).resolve().parent.parent)
_WORKER_MAIN = "import sys; sys.path.append(sys.argv[1]); from monitor.poolworker import serve; serve()"
_STOP = None  # queue sentinel: one per feeder thread at shutdown


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, as text (the `__cause__` of the exception re-raised)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class WorkerError(RuntimeError):
    """An exception raised by a job whose type the pool does not rebuild; its text is `"<type>: <message>"`."""


class WorkerPool(Executor):
    """`workers` worker processes, each running `initializer` once at start (e.g. to import a heavy library while
    the parent does its own start-up). An exception of a type in `errors` raised by a job is raised as that type
    (built from its message); any other as `WorkerError`."""

    def __init__(self, workers: int, initializer: Callable[[], object] | None = None,
                 errors: tuple[type[Exception], ...] = ()) -> None:
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self._errors = {f"{e.__module__}.{e.__qualname__}": e for e in errors}
        self._jobs: queue.SimpleQueue[tuple[Future[Any], str, tuple[Any, ...]] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._shutdown = False
        self._broken: str | None = None
        init = dumps(None if initializer is None else function_name(initializer))
        self._procs: list[subprocess.Popen[bytes]] = []
        self._threads: list[threading.Thread] = []
        for i in range(workers):
            proc = subprocess.Popen([sys.executable, "-c", _WORKER_MAIN, _CODE_ROOT],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            assert proc.stdin is not None and proc.stdout is not None
            # the initializer goes first; the worker runs it while the parent carries on
            proc.stdin.write(init)
            proc.stdin.flush()
            thread = threading.Thread(target=self._feed, args=(proc,), name=f"tallywatch-worker-{i}", daemon=True)
            self._procs.append(proc)
            self._threads.append(thread)
            thread.start()

    @property
    def pids(self) -> list[int]:
        """Process ids of the workers."""
        return [p.pid for p in self._procs]

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Schedule `fn(*args)` in a worker; its future holds the result or the exception it raised.

        `fn` must be a module-level function the worker can import, its arguments and result plain data (see
        `monitor.poolworker`). Keyword arguments are not supported.
        """
        if kwargs:
            raise TypeError("WorkerPool.submit takes positional arguments only")
        name = function_name(fn)
        with self._lock:
            if self._broken is not None:
                raise BrokenProcessPool(self._broken)
            if self._shutdown:
                raise RuntimeError("cannot schedule new jobs after shutdown")
            future: Future[T] = Future()
            self._jobs.put((future, name, args))
            return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking jobs; with `cancel_futures`, cancel the queued ones; with `wait`, return once the workers
        have finished their current jobs and exited."""
        with self._lock:
            if not self._shutdown:
                self._shutdown = True
                if cancel_futures:
                    self._cancel_queued()
                for _ in self._threads:
                    self._jobs.put(_STOP)
        if wait:
            for thread in self._threads:
                thread.join()
            for proc in self._procs:
                proc.wait()

    def _cancel_queued(self) -> None:
        while True:  # bounded: nothing is added while the lock is held
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                item[0].cancel()

    def _feed(self, proc: subprocess.Popen[bytes]) -> None:
        """One worker's thread: send it a queued job, wait for the answer, settle the job's future; repeat."""
        to_worker, from_worker = proc.stdin, proc.stdout
        assert to_worker is not None and from_worker is not None
        try:
            while True:  # ends at the _STOP sentinel or when the pool breaks
                item = self._jobs.get()
                if item is _STOP:
                    return
                future, name, args = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    job = dumps([name, list(args)])
                except WireError as exc:  # a job that cannot travel fails alone
                    future.set_exception(exc)
                    continue
                try:
                    to_worker.write(job)
                    to_worker.flush()
                    ok, outcome = self._outcome(read(from_worker))
                except (OSError, EOFError):
                    self._break(future, proc, "ended abruptly")
                    return
                except WireError as exc:
                    self._break(future, proc, f"sent a malformed answer ({exc})")
                    return
                if ok:
                    future.set_result(outcome)
                else:
                    future.set_exception(outcome)
        finally:
            with contextlib.suppress(OSError):  # a dead worker's pipe cannot take its last bytes
                to_worker.close()  # end of input: the worker exits

    def _outcome(self, answer: Any) -> tuple[bool, Any]:
        """`(True, result)`, or `(False, the exception)` rebuilt from its type name, message and traceback text.

        Raises:
            WireError: the answer has neither shape.
        """
        match answer:
            case ["ok", result]:
                return True, result
            case ["error", str(kind), str(message), str(remote_traceback)]:
                exc = self._rebuilt(kind, message)
                exc.__cause__ = RemoteTraceback(remote_traceback)
                return False, exc
        raise WireError(f"not an answer: {str(answer)[:80]}")

    def _rebuilt(self, kind: str, message: str) -> Exception:
        cls = self._errors.get(kind)
        if cls is not None:
            try:
                return cls(message)
            except Exception:  # a type that cannot be built from its message alone is reported like any other
                pass
        return WorkerError(f"{kind.rpartition('.')[2]}: {message}")

    def _break(self, future: Future[Any], proc: subprocess.Popen[bytes], what: str) -> None:
        """A worker died or sent something that is not an answer: end it, fail its job and every queued one, and
        refuse new ones."""
        proc.kill()  # one that talks nonsense could otherwise block on its pipe forever; a dead one ignores this
        proc.wait()
        reason = f"an analysis worker process (pid {proc.pid}) {what}; the pool is no longer usable"
        with self._lock:
            self._broken = reason
            future.set_exception(BrokenProcessPool(reason))
            while True:  # bounded: submit refuses new jobs now
                try:
                    item = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if item is not None and item[0].set_running_or_notify_cancel():
                    item[0].set_exception(BrokenProcessPool(reason))
            # the other feeders are blocked on the queue or on their own worker: wake the idle ones
            if not self._shutdown:
                self._shutdown = True
                for _ in self._threads:
                    self._jobs.put(_STOP)
