"""
Bulk writes (imports, fixture loads): work that apps do after each save,
such as keeping search entries in step, can wait for the end of the batch
and be done once. An app that can batch its work registers a context manager
here, so the code that writes in bulk needs to know no app above it.
"""

import contextlib

_batchers = []


def register(batcher):
    """`batcher(discard=bool)` is a context manager that defers its app's per-save work."""
    if batcher not in _batchers:
        _batchers.append(batcher)


@contextlib.contextmanager
def bulk_writes(discard=False):
    """
    Defers every registered app's per-save work to the end of the block; with
    discard=True (writes that will be rolled back) that work is dropped.
    """
    with contextlib.ExitStack() as stack:
        for batcher in _batchers:
            stack.enter_context(batcher(discard=discard))
        yield
