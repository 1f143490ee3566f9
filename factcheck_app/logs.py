"""The log file, where a bug leaves its trace. No Qt here: the window and the CLI both use it.

Records of the `factcheck_app.*` loggers (INFO and up) go to `factcheck-desk.log` in
`config.user_log_dir()`, rotated at 1 MB with 3 older files kept, so the log never takes
more than 4 MB. The file is opened when the first record arrives: a session without
errors never touches the disk, and start-up does not pay for `logging.handlers` (~7 ms).
Each session's first record is preceded by a line naming the program, version and pid.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
from pathlib import Path

from factcheck_app import __version__, config

LOG_FILE_NAME = f"{config.APP_ID}.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"
LOGGER_NAME = "factcheck_app"


def log_file() -> Path:
    """The current log file (older ones beside it end in .1, .2, .3)."""
    return config.user_log_dir() / LOG_FILE_NAME


class LazyRotatingFileHandler(logging.Handler):
    """A RotatingFileHandler, made when the first record arrives.

    When the folder or file cannot be made (a read-only home, a full disk), that is said
    once on stderr and records are dropped; a record that cannot be written (a full disk
    or a quota, after the file was opened) is dropped too, said once, not as a traceback:
    logging never stops the desk from working, nor buries its messages.
    """

    def __init__(self, path: Path, component: str) -> None:
        super().__init__()
        self.path = path
        self.component = component
        self._target: logging.Handler | None = None
        self._failed = False
        self._told = False
        self.problem: str | None = None  # why the last record was not written, if it was not

    def _tell(self, error: BaseException | None) -> None:
        """Say once on stderr why the log file cannot be written."""
        reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
        self.problem = reason
        if self._told:
            return
        self._told = True
        if sys.stderr is not None:  # a windowed app on Windows has no stderr
            print(
                f"factcheck-app: cannot write the log file {self.path}: {reason}; errors are "
                "not recorded (set FACTCHECK_LOG_DIR to a folder you can write to).",
                file=sys.stderr,
            )

    def _not_written(self, record: logging.LogRecord) -> None:
        # The target's handleError, which printed "--- Logging error ---" and a traceback
        # for each record. Another try comes with the next record: space may be freed.
        self._tell(sys.exc_info()[1])

    def _open(self, first: logging.LogRecord) -> logging.Handler | None:
        if self._target is not None or self._failed:
            return self._target
        import logging.handlers

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # A message may quote a file name or an argument in bytes that are not UTF-8
            # (kept as escapes): written as \udcxx, not a traceback over the terminal.
            target = logging.handlers.RotatingFileHandler(
                self.path,
                maxBytes=MAX_BYTES,
                backupCount=BACKUP_COUNT,
                encoding="utf-8",
                errors="backslashreplace",
            )
        except OSError as error:
            self._failed = True
            self._tell(error)
            return None
        target.handleError = self._not_written  # type: ignore[method-assign]
        target.setFormatter(self.formatter)
        self._target = target
        header = logging.makeLogRecord(
            {
                "name": __name__,
                "levelno": logging.INFO,
                "levelname": "INFO",
                "msg": "%s %s (%s), Python %s on %s, pid %d, local time %s",
                "args": (
                    config.APP_ID,
                    __version__,
                    self.component,
                    sys.version.split()[0],
                    sys.platform,
                    os.getpid(),
                    dt.datetime.fromtimestamp(first.created).astimezone().isoformat("T", "seconds"),
                ),
                "created": first.created,
                "msecs": first.msecs,
                "relativeCreated": first.relativeCreated,
            }
        )
        target.emit(header)
        return target

    def _still_there(self) -> bool:
        """Is the file written to still the one at the log's path? A clean-up of the state
        folder (or the reviewer tidying it) while the desk was open left every record after
        in a deleted file: the log sent with a bug report had nothing of the day. Two
        `stat`s per record, which come seldom (warnings and errors, a few notes)."""
        stream = getattr(self._target, "stream", None)
        if stream is None:
            return True
        try:
            mine, there = os.fstat(stream.fileno()), os.stat(self.path)
        except (OSError, ValueError):
            return False
        return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)

    def emit(self, record: logging.LogRecord) -> None:
        if self._target is not None and not self._still_there():
            gone, self._target = self._target, None
            with contextlib.suppress(OSError):
                gone.close()
        target = self._open(record)  # handle() holds this handler's lock: one opener at a time
        if target is not None:
            self.problem = None  # until this record too cannot be written (_not_written)
            target.emit(record)

    def flush(self) -> None:
        if self._target is not None:
            try:
                self._target.flush()
            except OSError as error:  # what is left of a record the full disk refused
                self._tell(error)

    def close(self) -> None:
        if self._target is not None:
            try:
                self._target.close()
            except OSError as error:
                self._tell(error)
        super().close()


def setup(component: str) -> Path:
    """Send this process's records to the log file and return its path.

    `component` ("window", "cli import", …) is named in the session's first line. Calling
    it again is harmless; when the log folder changed since (tests), the log moves there.
    """
    path = log_file()
    package_logger = logging.getLogger(LOGGER_NAME)
    for handler in list(package_logger.handlers):
        if isinstance(handler, LazyRotatingFileHandler):
            if handler.path == path:
                return path
            package_logger.removeHandler(handler)
            handler.close()
    handler = LazyRotatingFileHandler(path, component)
    handler.setFormatter(logging.Formatter(FORMAT))
    package_logger.addHandler(handler)
    if package_logger.level == logging.NOTSET or package_logger.level > logging.INFO:
        package_logger.setLevel(logging.INFO)
    return path


def not_written() -> str | None:
    """Why the last record did not reach the log file (a read-only home, a full disk), in
    the system's words, or None when it did: the crash dialog then does not send the
    reviewer for a file that holds nothing of it."""
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        if isinstance(handler, LazyRotatingFileHandler) and handler.problem:
            return handler.problem
    return None


def flush() -> None:
    """Write out what is buffered (before os._exit, which skips it)."""
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        handler.flush()
