"""Run a parser that might loop or balloon in a worker process the desk can stop at once.

Reading a web page, Word file or PDF runs third-party parsers (trafilatura, lxml, pypdf)
over bytes anybody on the web could have crafted. A thread cannot be stopped while such
a parser runs and the interpreter cannot take back its memory, so the parsing runs in a
separate process instead: the desk watches it, and kills it at once when the reviewer
cancels or quits, when it shows no progress for `Limits.seconds`, or (on Linux) when it
asks for more than `Limits.memory` bytes of address space. What comes back is the
parser's result or one sentence saying why there is none.

The process is started with multiprocessing's "spawn" method on every platform: a fresh
interpreter, never a fork of the window's threads. In the frozen app the executable is
the app itself, which recognises the worker's command line through
`multiprocessing.freeze_support()` in the entry script (packaging/pyinstaller_entry.py).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from factcheck_app.domain.errors import ArticleImportError, FactcheckError

Progress = Callable[[float, str], None]

# How often the desk looks at a running worker: Cancel and Quit act within this.
POLL_SECONDS = 0.05
# A real article is read in a few seconds; the limits only stop files built not to end.
STALL_SECONDS = 30.0
MEMORY_BYTES = 512 * 1024**2  # address space, the interpreter and parsers (~60 MB) included


@dataclass(frozen=True, slots=True)
class Limits:
    """When a worker is stopped: after `seconds` without a sign of progress, or when it
    asks for more than `memory` bytes of address space (enforced on Linux only)."""

    seconds: float = STALL_SECONDS
    memory: int = MEMORY_BYTES


class WorkerFailed(RuntimeError):
    """A bug in the code the worker ran (not bad input): the message holds its traceback."""


def _no_progress(fraction: float, stage: str) -> None:
    """Progress sink for callers that show none."""


class Worker:
    """One worker process, started on first use and reused for the next call.

    Use a worker from the thread that made it (on Linux the worker ends with the thread
    that started it), and always `close()` it.
    """

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs (for tests and the log)."""
        return self._process.pid if self._process is not None else None

    def run(
        self,
        function: Callable[..., Any],
        payload: bytes,
        *args: Any,
        progress: Progress = _no_progress,
        **kwargs: Any,
    ) -> Any:
        """`function(payload, *args, progress=..., **kwargs)` in the worker; its result.

        `function` must be importable by name (a module-level function). The worker's
        progress reports reach `progress(fraction, stage)`, and `progress` is also called
        every POLL_SECONDS with the last values: whatever it raises (Cancelled, say)
        kills the worker at once and goes on up. A FactcheckError the function raises
        is raised here; running out of time or memory (see Limits) is an ArticleImportError.
        """
        limits = self.limits
        connection = self._start()
        answered = False  # a final answer came: the worker is idle and can be reused
        try:
            try:
                connection.send((function, args, kwargs, limits.memory))
                connection.send_bytes(payload)
            except OSError:
                raise self._died() from None
            fraction, stage = 0.0, ""
            last_sign = time.monotonic()
            while True:
                progress(fraction, stage)
                if not connection.poll(POLL_SECONDS):
                    if time.monotonic() - last_sign > limits.seconds:
                        raise ArticleImportError(
                            f"Reading the file went on for more than {limits.seconds:.0f} "
                            "seconds without progress and was stopped: it is damaged or made "
                            "never to finish."
                        )
                    continue
                try:
                    kind, value = connection.recv()
                except (EOFError, OSError):
                    raise self._died() from None
                last_sign = time.monotonic()
                if kind == "progress":
                    fraction, stage = value
                    continue
                answered = kind in ("done", "done apart", "refused")
                if kind == "done":
                    return value
                if kind == "done apart":  # its byte strings follow, each as it is
                    # Answered only once the last has come: a failure here (the desk out
                    # of memory, Ctrl+C) left the rest in the pipe, and the next call read
                    # a part of the file's text as its answer, unpickled in the desk.
                    answered = False
                    light, count = value
                    parts = []
                    try:
                        for _ in range(count):
                            # Cancel and Quit heard between parts: a 50 MB text is 50
                            # of them, which on a busy machine take a while to cross.
                            progress(fraction, stage)
                            parts.append(connection.recv_bytes())
                    except (EOFError, OSError):
                        raise self._died() from None
                    answered = True
                    return light.with_bytes(parts)
                if kind == "refused":
                    raise value
                if kind == "memory":
                    raise ArticleImportError(
                        f"Reading the file needed more than {limits.memory // 1024**2:,} "
                        "MB of memory and was stopped: it is too large or made to exhaust "
                        "memory."
                    )
                raise WorkerFailed(value)
        finally:
            if not answered:
                # Cancelled, interrupted, out of time or memory, or crashed: whatever the
                # worker is doing, it stops now (a worker that ran out of memory or hit a
                # bug is not trusted with the next file either).
                self.close()

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive():
            assert self._connection is not None
            return self._connection
        self.close()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(
            target=serve, args=(theirs,), name="factcheck-parser", daemon=True
        )
        process.start()
        theirs.close()
        self._process, self._connection = process, ours
        return ours

    def _died(self) -> ArticleImportError:
        process = self._process
        code = None
        if process is not None:
            process.join(1)
            code = process.exitcode
        self.close()
        how = f" (exit status {code})" if code is not None and code >= 0 else ""
        if code is not None and code < 0:
            how = f" (signal {-code})"
        return ArticleImportError(
            f"The reader of this file stopped unexpectedly{how}; the file may be damaged "
            "or made to crash it."
        )

    def close(self) -> None:
        """Stop the worker at once (whatever it is doing) and wait for it to be gone."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)
            with contextlib.suppress(ValueError):
                process.close()


# -- in the worker process ------------------------------------------------------------------


def serve(connection: Connection) -> None:
    """The worker's loop: run each request, answer with its result or why there is none."""
    # Ctrl+C in a terminal reaches the whole process group: the desk decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger().addHandler(logging.NullHandler())  # parsers' warnings: not on stderr
    _end_with_the_desk()
    while True:
        try:
            function, args, kwargs, memory = connection.recv()  # imports the function's module
            _limit_memory(memory)
            payload = connection.recv_bytes()
            connection.send(("progress", (0.0, "")))  # started: the time limit counts from here
        except (EOFError, OSError):
            return  # the desk closed the pipe

        def report(fraction: float, stage: str) -> None:
            connection.send(("progress", (fraction, stage)))

        reply: tuple[str, Any]
        try:
            reply = ("done", function(payload, *args, progress=report, **kwargs))
        except FactcheckError as error:
            reply = ("refused", error)
        except MemoryError:
            reply = ("memory", None)
        except Exception:
            reply = ("bug", traceback.format_exc())
        del payload
        try:
            _send(connection, reply)
        except (OSError, ValueError):
            return


def _send(connection: Connection, reply: tuple[str, Any]) -> None:
    """Send a reply; a result with big byte strings (`bytes_apart`, a big text file's
    packed article) as itself without them, then each of them: pickled whole, it was
    copied into one buffer beside it here, read whole and copied out again by the desk."""
    kind, value = reply
    apart = getattr(value, "bytes_apart", None) if kind == "done" else None
    if apart is None:
        connection.send(reply)
        return
    light, parts = apart()
    connection.send(("done apart", (light, len(parts))))
    for part in parts:
        connection.send_bytes(part)


def _end_with_the_desk() -> None:
    """Never outlive the desk: the time limit is kept there, so a worker left behind by a
    desk that was killed would otherwise run on (in a loop, for ever).

    Linux kills the worker with the desk's thread that started it (PR_SET_PDEATHSIG).
    Elsewhere, and as a second line, a watcher thread ends the worker once the desk is
    gone; it gets its turn whenever the parser lets go of the interpreter lock.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)

    def watch() -> None:
        parent.join()  # returns when the desk's process has ended
        os._exit(1)

    threading.Thread(target=watch, name="desk-watcher", daemon=True).start()
    if not parent.is_alive():  # gone before the watch began
        os._exit(1)


def _limit_memory(limit: int) -> None:
    """Cap the worker's address space (Linux). macOS does not enforce RLIMIT_AS and Windows
    has no such limit: there the time limit, Cancel and Quit still apply."""
    if not sys.platform.startswith("linux"):
        return
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
