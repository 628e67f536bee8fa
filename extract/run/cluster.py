"""Run `extract_document` on a Dask cluster: each document is a task that gets the file's bytes and
returns its extraction (or its failure); the caller, one process, writes them as they complete.

Workers need the package installed and nothing else: no shared file system, no database. At most
`IN_FLIGHT_PER_THREAD` documents per worker thread are out at once, so the writer's memory stays
bounded however long the batch. Each document's time limit is kept by the worker running it, from the moment it
starts; the worker is then replaced.
"""

import os
import re
import signal
import threading
import time
from collections import Counter
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
TICK = 1.0  # seconds between looks at whether the cluster still has workers while no document finishes
NO_WORKERS_LIMIT = 120.0  # seconds without a worker seen (a nanny may have stopped restarting its own) before the ingest stops
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


class PastTimeLimit(Exception):
    """Raised by a task whose document passed its time limit, naming its worker: a thread cannot be stopped, so the
    worker process must be. Raised, not returned: a task's error is kept by the scheduler, a result by the worker."""


def extract_bytes(path: Path, data: bytes, source: str, sidecar: dict, ocr: bool,
                  timeout: float) -> Extraction | MinutesError:
    """One document on a Dask worker, from its bytes, within `timeout` seconds of starting: its extraction, or the
    failure to record."""
    outcome: list[Extraction | MinutesError] = []
    reading = threading.Thread(target=lambda: outcome.append(_extract(path, data, source, sidecar, ocr)), daemon=True)
    reading.start()
    reading.join(timeout)
    if not outcome:
        raise PastTimeLimit(get_worker().address)
    return outcome[0]


def _extract(path: Path, data: bytes, source: str, sidecar: dict, ocr: bool) -> Extraction | MinutesError:
    try:
        return extract_document(path, data=data, source_path=source, ocr=ocr, sidecar=sidecar)
    except Exception as exc:  # noqa: BLE001 - reported as a failure of this file, not of the batch
        return as_failure(path, exc, None)


def extract_on_cluster(tasks: Iterable[Task], client: Client, timeout: float,
                       ocr: bool = True) -> Iterator[tuple[Task, object]]:
    """Yield (task, Extraction or MinutesError) as documents finish on the cluster, in completion order (the contract
    of `extract_in_workers`)."""
    in_flight = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
    pending = iter(tasks)
    running: dict[Future, Task] = {}
    resent: Counter[str] = Counter()  # source → times sent again after the cluster lost its task
    accused: list[Task] = []  # documents whose workers kept dying while others shared them: each to run again alone
    alone: set[str] = set()  # sources run alone: dying workers now accuse them rightly
    try:
        while True:
            if accused and not running:
                task = accused.pop()
                alone.add(task[1])
                yield from _send(client, task, ocr, timeout, running)
            while not accused and len(running) < in_flight and (task := next(pending, None)) is not None:
                yield from _send(client, task, ocr, timeout, running)
            if not running:
                return
            for task, result in _finished(client, running):
                if isinstance(result, PastTimeLimit):  # it replies, then its process ends (its nanny starts a new one)
                    client.run(_exit_soon, workers=list(result.args), on_error="return")
                    yield task, timed_out(task[0], timeout)
                elif isinstance(result, KilledWorker) and task[1] not in alone:
                    accused.append(task)
                elif _lost(result) and resent[task[1]] < RESUBMITS:
                    resent[task[1]] += 1
                    yield from _send(client, task, ocr, timeout, running)
                else:
                    yield task, as_failure(task[0], result, None) if isinstance(result, BaseException) else result
    finally:  # also reached when the caller stops early: nothing of this batch is left running
        client.cancel(list(running))


def _send(client: Client, task: Task, ocr: bool, timeout: float,
          running: dict[Future, Task]) -> Iterator[tuple[Task, MinutesError]]:
    """Submit the document's task into `running`, its bytes read only now (the writer holds just the documents in
    flight); yield its failure instead if the file cannot be read."""
    path, source, sidecar = task
    try:
        data = path.read_bytes()
    except OSError as exc:  # gone since it was hashed: what a local worker records too
        yield task, as_failure(path, exc, None)
        return
    # The file's name in the key shows on the dashboard; the uuid keeps equal bytes at two paths apart. A worker that
    # dies under a task is retried by the scheduler itself (distributed.scheduler.allowed-failures, 3), then the
    # future holds KilledWorker.
    future = client.submit(extract_bytes, path, data, source, sidecar, ocr, timeout,
                           key=f"extract-{Path(source).name}-{uuid4().hex}", pure=False)
    running[future] = task


def _finished(client: Client, running: dict[Future, Task]) -> Iterator[tuple[Task, object]]:
    """Wait until a document finishes, then yield each that did (removed from `running`): its result, or what ended
    its task."""
    workerless_since = None
    while True:
        try:
            with client.as_current():
                done = wait(list(running), timeout=TICK, return_when="FIRST_COMPLETED").done
            break
        except TimeoutError:  # a look at the workers: a cluster without any would keep the batch waiting for ever
            if client.nthreads():
                workerless_since = None
            elif workerless_since is None:
                workerless_since = time.monotonic()
            elif time.monotonic() - workerless_since > NO_WORKERS_LIMIT:
                raise SchedulerUnavailable(f"--scheduler {client.scheduler.address}: the cluster has had no workers for "
                                           f"{NO_WORKERS_LIMIT:g} s; start `dask worker` again (what is stored so far "
                                           "stays, and the next run goes on from there)") from None
    finished = [future for future in done if future.status == "finished"]
    for future, result in zip(finished, client.gather(finished)):
        yield running.pop(future), result
    for future in done.difference(finished):  # past its time limit, lost, or its workers kept dying
        yield running.pop(future), _error_of(future)


def _error_of(future: Future) -> BaseException:
    """What ended a task that did not finish: its exception, or, for one the cluster cancelled or lost (no
    exception to hand back), a connection error that sends it again."""
    try:
        error = future.exception(timeout=CONNECT_TIMEOUT) if future.status == "error" else None
    except Exception as exc:  # noqa: BLE001 - asking a cancelled or lost future raises what ended it
        error = exc
    return error or ConnectionError(f"the cluster dropped the task ({future.status})")


def _lost(result: object) -> bool:
    """A task that raised, not a document that failed: the pipeline returns its failures, so what a task raises comes
    from the cluster (a connection closed under it); the scheduler's own retries of a dying worker end in KilledWorker."""
    return isinstance(result, BaseException) and not isinstance(result, MinutesError | KilledWorker | PastTimeLimit)


def _exit_soon() -> None:
    """On a worker, through `Client.run`: end its process just after it has replied."""
    threading.Timer(0.1, os._exit, [1]).start()
