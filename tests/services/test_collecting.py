"""Background jobs that build many objects hold the cyclic garbage collector off; jobs
that overlap (an import while a summary is exported) must not turn it back on under each
other, nor leave it off for good."""

from __future__ import annotations

import gc

import pytest

from factcheck_app.services.collecting import collections_held


def test_overlapping_jobs_give_collection_back_when_the_last_ends() -> None:
    assert gc.isenabled()
    summary, an_import = collections_held(), collections_held()
    summary.__enter__()
    an_import.__enter__()
    summary.__exit__(None, None, None)  # the summary is done, the import is not
    assert not gc.isenabled()
    an_import.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_failing_job_gives_collection_back() -> None:
    with pytest.raises(RuntimeError), collections_held():
        assert not gc.isenabled()
        raise RuntimeError("the disk went away")
    assert gc.isenabled()


def test_collection_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collections_held():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
