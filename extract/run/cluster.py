"""Run `extract_document` on a Dask cluster: each document is a task that gets the file's bytes and
returns its extraction (or its failure); the caller, one process, writes them as they complete.

Workers need the package installed and nothing else: no shared file system, no database. At most
`IN_FLIGHT_PER_THREAD` documents per worker thread are out at once, so the writer's memory stays
bounded however long the batch.
"""

import os
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from uuid import uuid4

import dask
from distributed import Client, Future, LocalCluster, TimeoutError, WorkerPlugin, get_worker, wait
from distributed.comm import get_address_host_port
from distributed.scheduler import KilledWorker

from extract.errors import MinutesError, SchedulerUnavailable
from extract.run.pipeline import extract_document, warm_up
from extract.run.workers import Task, as_failure, timed_out
from schemas.records import Extraction

CONNECT_TIMEOUT = 10.0  # seconds for a scheduler to answer, and then to have a worker
LOCAL = re.compile(r"local:([1-9][0-9]*)")
STARTED = "minutes-started"  # the event topic a task reports its start on: its time limit counts from there
TICK = 1.0  # seconds between looks at running documents' time limits while none finishes
IN_FLIGHT_PER_THREAD = 2  # one running, one waiting: a thread never idles while the writer writes
RESUBMITS = 2  # times a document is sent again after its task failed outside the pipeline (a connection lost)


class WarmUp(WorkerPlugin):
    """Compile the rules once as each worker joins, not inside its first document's time limit."""

    def setup(self, worker):
        warm_up()


class IgnoreInterrupt(WorkerPlugin):
    """For a LocalCluster's workers: Ctrl-C reaches the whole process group, and the ingest closes its cluster itself,
    in order (a worker of someone else's cluster keeps its own Ctrl-C)."""

    def setup(self, worker):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # setup runs on the worker's event loop: its main thread


@contextmanager
def connect(scheduler: str) -> Iterator[Client]:
    """A client of the scheduler at `scheduler` (tcp://HOST:8786), or of a new LocalCluster of N worker
    processes for `local:N`; both closed when the block ends, however it ends (Ctrl-C and SIGTERM included)."""
    with ExitStack() as stack:
        if local := LOCAL.fullmatch(scheduler):
            # Processes, one thread each: extraction holds the GIL. The scheduler's web server (dashboard, health) on
            # any free port, so two runs on one machine never clash. No profiler: sampling every thread's stack each
            # 10 ms took ~15% of the workers' time (its nannies keep the setting for the workers they restart).
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                cluster = stack.enter_context(LocalCluster(n_workers=int(local[1]), threads_per_worker=1,
                                                           processes=True, dashboard_address=":0"))
            scheduler = cluster.scheduler_address
        elif scheduler.startswith("local:"):
            raise SchedulerUnavailable(f"--scheduler {scheduler}: a cluster on this machine is local:N, "
                                       "N the number of worker processes (local:4)")
        try:
            get_address_host_port(scheduler)  # a Client given a malformed address hangs on its way out
        except ValueError as exc:
            raise SchedulerUnavailable(f"--scheduler {scheduler}: not a scheduler address ({exc}); give the one "
                                       "`dask scheduler` prints (tcp://HOST:8786), or local:N") from exc
        try:
            client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False))
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnavailable(f"--scheduler {scheduler}: no Dask scheduler answered ({exc}); start one with "
                                       "`dask scheduler` and give the address it prints (tcp://HOST:8786)") from exc
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError as exc:
            raise SchedulerUnavailable(f"--scheduler {scheduler}: the scheduler has no workers; start "
                                       f"`dask worker {scheduler}` on each machine (with minutes installed)") from exc
        if local:
            client.register_plugin(IgnoreInterrupt(), name="minutes-ignore-interrupt")
        client.register_plugin(WarmUp(), name="minutes-warm-up")
        yield client


def extract_bytes(path: Path, data: bytes, source: str, sidecar: dict, ocr: bool) -> Extraction | MinutesError:
    """One document on a Dask worker, from its bytes: its extraction, or the failure to record."""
    worker = get_worker()
    try:
        worker.log_event(STARTED, {"key": worker.get_current_task(), "worker": worker.address})
    except Exception:  # noqa: BLE001 - a start not heard only leaves this document without a time limit
        pass
    try:
        return extract_document(path, data=data, source_path=source, ocr=ocr, sidecar=sidecar)
    except Exception as exc:  # noqa: BLE001 - reported as a failure of this file, not of the batch
        return as_failure(path, exc, None)


def extract_on_cluster(tasks: Iterable[Task], client: Client, timeout: float,
                       ocr: bool = True) -> Iterator[tuple[Task, object]]:
    """Yield (task, Extraction or MinutesError) as documents finish on the cluster, in completion order (the contract
    of `extract_in_workers`)."""
    started: dict[str, tuple[float, str]] = {}  # task key → (when it started by our clock, its worker's address)
    client.subscribe_topic(STARTED, lambda event: started.update({event[1]["key"]: (time.monotonic(), event[1]["worker"])}))
    in_flight = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
    pending = iter(tasks)
    running: dict[Future, Task] = {}
    resubmits: dict[str, int] = {}  # source → times sent again
    try:
        while True:
            while len(running) < in_flight and (task := next(pending, None)) is not None:
                submitted = _submit(client, task, ocr)
                if isinstance(submitted, MinutesError):
                    yield task, submitted
                else:
                    running[submitted] = task
            if not running:
                return
            for task, result in _finished(client, running, started, timeout):
                if _lost(result) and resubmits.get(task[1], 0) < RESUBMITS:
                    resubmits[task[1]] = resubmits.get(task[1], 0) + 1
                    result = _submit(client, task, ocr)
                    if isinstance(result, Future):
                        running[result] = task
                        continue
                yield task, as_failure(task[0], result, None) if isinstance(result, BaseException) else result
    finally:  # also reached when the caller stops early: nothing of this batch is left running
        client.unsubscribe_topic(STARTED)
        client.cancel(list(running))


def _submit(client: Client, task: Task, ocr: bool) -> Future | MinutesError:
    """The document's task, its bytes read only now: the writer holds just the documents in flight."""
    path, source, sidecar = task
    try:
        data = path.read_bytes()
    except OSError as exc:  # gone since it was hashed: what a local worker records too
        return as_failure(path, exc, None)
    # The file's name in the key shows on the dashboard; the uuid keeps equal bytes at two paths apart. A worker that
    # dies under a task is retried by the scheduler itself (distributed.scheduler.allowed-failures, 3), then the
    # future holds KilledWorker.
    return client.submit(extract_bytes, path, data, source, sidecar, ocr, key=f"extract-{Path(source).name}-{uuid4().hex}",
                         pure=False)


def _finished(client: Client, running: dict[Future, Task], started: dict[str, tuple[float, str]],
              timeout: float) -> Iterator[tuple[Task, object]]:
    """Wait until a document finishes or one passes its time limit, then yield each that did (removed from `running`)."""
    for key in started.keys() - {future.key for future in running}:  # done before their start was heard
        del started[key]
    now = time.monotonic()
    deadlines = [started[future.key][0] + timeout for future in running if future.key in started]
    try:  # wait, not as_completed: it takes a timeout, so a document past its limit is seen while nothing else ends
        with client.as_current():
            done = wait(list(running), max(0.0, min([now + TICK, *deadlines]) - now), return_when="FIRST_COMPLETED").done
    except TimeoutError:
        done = set()
    finished = [future for future in done if future.status == "finished"]
    for future, result in zip(finished, client.gather(finished)):
        yield running.pop(future), result
    for future in done.difference(finished):  # raised outside the pipeline, its workers kept dying (KilledWorker), or lost
        yield running.pop(future), _error_of(future)
    now = time.monotonic()
    for future in [f for f in running if f.key in started and now - started[f.key][0] >= timeout]:
        worker = started.pop(future.key)[1]
        if future.key not in client.processing().get(worker, ()):
            continue  # its worker died and Dask runs it again: its clock restarts when it does
        task = running.pop(future)
        future.cancel()
        # A running task cannot be stopped: its worker process is (its nanny starts a fresh one, and what else the
        # old one held is run again).
        client.run(_exit_soon, workers=[worker], on_error="return")
        yield task, timed_out(task[0], timeout)


def _error_of(future: Future) -> BaseException:
    """What ended a task that did not finish: its exception, or, for one the cluster cancelled or lost (no
    exception to hand back), a connection error that sends it again."""
    try:
        error = future.exception(timeout=0) if future.status == "error" else None
    except Exception as exc:  # noqa: BLE001 - asking a cancelled future raises what cancelled it
        error = exc
    return error or ConnectionError(f"the cluster dropped the task ({future.status})")


def _lost(result: object) -> bool:
    """A task that raised, not a document that failed: the pipeline returns its failures, so what a task raises comes
    from the cluster (a connection closed under it); the scheduler's own retries of a dying worker end in KilledWorker."""
    return isinstance(result, BaseException) and not isinstance(result, MinutesError | KilledWorker)


def _exit_soon() -> None:
    """On a worker, through `Client.run`: end its process just after it has replied."""
    threading.Timer(0.1, os._exit, [1]).start()
