"""monitor.workerpool: jobs run in real worker processes, only plain data travels, errors come back as exceptions, a
dead or babbling worker breaks the pool without hanging it. The jobs are functions of tests/pool_probe.py, imported
by the workers."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool

import pytest

from monitor.poolworker import WireError
from monitor.workerpool import RemoteTraceback, WorkerError, WorkerPool
from tests import pool_probe

TIMEOUT = 60


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    p = WorkerPool(2)
    yield p
    p.shutdown(wait=True, cancel_futures=True)


def test_jobs_run_in_the_workers_and_return_their_results(pool: WorkerPool) -> None:
    futures = [pool.submit(pool_probe.echo, {"n": i}, 0.01) for i in range(20)]
    assert [f.result(timeout=TIMEOUT) for f in futures] == [{"n": i} for i in range(20)]
    pids = {pool.submit(pool_probe.pid).result(timeout=TIMEOUT) for _ in range(4)}
    assert pids <= set(pool.pids) and os.getpid() not in pids


def test_plain_data_keeps_its_types_both_ways(pool: WorkerPool) -> None:
    value = (1, 2.5, float("inf"), None, True, "ünïcode ✓", b"\x00raw\xff", [(1, "a"), []], {"k": (b"", {"n": [0.1]})})
    assert pool.submit(pool_probe.echo, value).result(timeout=TIMEOUT) == value
    back = pool.submit(pool_probe.echo, value).result(timeout=TIMEOUT)
    assert type(back[6]) is bytes and type(back[7][0]) is tuple and type(back[8]["k"]) is tuple


def test_both_workers_take_jobs_from_one_queue(pool: WorkerPool) -> None:
    # a slow job on one worker does not hold up the jobs queued behind it
    slow = pool.submit(pool_probe.echo, "slow", 3.0)
    quick = [pool.submit(pool_probe.pid) for _ in range(5)]
    assert len({f.result(timeout=TIMEOUT) for f in quick}) == 1
    assert not slow.done()
    assert slow.result(timeout=TIMEOUT) == "slow"


def test_an_exception_of_a_known_type_is_raised_as_itself_with_the_worker_s_traceback() -> None:
    pool = WorkerPool(1, errors=(pool_probe.ProbeError,))
    try:
        with pytest.raises(pool_probe.ProbeError, match="no article text") as caught:
            pool.submit(pool_probe.fail, "no article text").result(timeout=TIMEOUT)
        assert isinstance(caught.value.__cause__, RemoteTraceback)
        assert "pool_probe.py" in str(caught.value.__cause__) and "in fail" in str(caught.value.__cause__)
        # the worker carries on
        assert pool.submit(pool_probe.echo, 7).result(timeout=TIMEOUT) == 7
    finally:
        pool.shutdown()


def test_any_other_exception_comes_back_as_a_worker_error_naming_its_type(pool: WorkerPool) -> None:
    with pytest.raises(WorkerError, match=r"^ProbeError: no article text$") as caught:
        pool.submit(pool_probe.fail, "no article text").result(timeout=TIMEOUT)
    assert "in fail" in str(caught.value.__cause__)


def test_what_a_job_prints_does_not_corrupt_the_answers(capfd: pytest.CaptureFixture[str]) -> None:
    pool = WorkerPool(1)  # started under capfd, so its stderr is captured
    try:
        assert pool.submit(pool_probe.chatter, "hello from a worker").result(timeout=TIMEOUT) == "hello from a worker"
        assert pool.submit(pool_probe.echo, [1, 2, 3]).result(timeout=TIMEOUT) == [1, 2, 3]
    finally:
        pool.shutdown()
    assert "hello from a worker" in capfd.readouterr().err


def test_only_plain_data_and_module_level_functions_travel(pool: WorkerPool) -> None:
    with pytest.raises(WireError, match="cannot travel"):
        pool.submit(pool_probe.echo, object()).result(timeout=TIMEOUT)
    with pytest.raises(WireError, match="not a module-level function"):
        pool.submit(lambda: None)
    # a result that cannot travel back is the job's error, not the pool's
    with pytest.raises(WorkerError, match="cannot travel"):
        pool.submit(pool_probe.a_set).result(timeout=TIMEOUT)
    assert pool.submit(pool_probe.echo, "next").result(timeout=TIMEOUT) == "next"


def test_a_worker_that_talks_nonsense_breaks_the_pool_without_hanging_it(pool: WorkerPool) -> None:
    with pytest.raises(BrokenProcessPool, match="malformed answer"):
        pool.submit(pool_probe.talk_nonsense).result(timeout=TIMEOUT)
    with pytest.raises(BrokenProcessPool):
        pool.submit(pool_probe.echo, 1)
    pool.shutdown(wait=True)
    assert not any(_alive(p) for p in pool.pids)


def test_a_killed_worker_breaks_the_pool_without_hanging_it(pool: WorkerPool) -> None:
    pool.submit(pool_probe.echo, None).result(timeout=TIMEOUT)
    busy = pool.submit(pool_probe.echo, "never", 30.0)
    queued = [pool.submit(pool_probe.echo, i, 30.0) for i in range(4)]
    for pid in pool.pids:
        os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
    with pytest.raises(BrokenProcessPool, match="ended abruptly"):
        busy.result(timeout=TIMEOUT)
    for f in queued:
        with pytest.raises((BrokenProcessPool, CancelledError)):
            f.result(timeout=TIMEOUT)
    with pytest.raises(BrokenProcessPool):
        pool.submit(pool_probe.echo, 1)


def test_ctrl_c_is_for_the_parent_to_handle(pool: WorkerPool) -> None:
    pid = pool.submit(pool_probe.pid).result(timeout=TIMEOUT)
    os.kill(pid, signal.SIGINT)
    assert {pool.submit(pool_probe.pid).result(timeout=TIMEOUT) for _ in range(6)} <= set(pool.pids)
    assert all(_alive(p) for p in pool.pids)


def test_shutdown_cancels_queued_jobs_refuses_new_ones_and_ends_the_workers() -> None:
    pool = WorkerPool(1)
    running = pool.submit(pool_probe.echo, "done", 1.0)
    queued = [pool.submit(pool_probe.echo, i, 5.0) for i in range(3)]
    for _ in range(500):  # until the worker's thread has taken the first job (bounded: 5 s)
        if running.running():
            break
        time.sleep(0.01)
    pool.shutdown(wait=True, cancel_futures=True)
    assert running.result(timeout=0) == "done"
    assert all(f.cancelled() for f in queued)
    with pytest.raises(RuntimeError, match="after shutdown"):
        pool.submit(pool_probe.echo, 1)
    assert not any(_alive(p) for p in pool.pids)


def test_a_worker_imports_nothing_of_the_pool_s_own_machinery(pool: WorkerPool) -> None:
    pool_side = ("monitor.workerpool", "multiprocessing", "concurrent.futures", "subprocess", "threading")
    assert pool.submit(pool_probe.loaded, pool_side).result(timeout=TIMEOUT) == []


def test_the_initializer_runs_in_each_worker_before_its_jobs() -> None:
    pool = WorkerPool(1, initializer=pool_probe.load_json_module)
    try:
        assert pool.submit(pool_probe.loaded, ("json", "sqlalchemy")).result(timeout=TIMEOUT) == ["json"]
    finally:
        pool.shutdown()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped) counts as ended
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
