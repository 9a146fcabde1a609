"""No cyclic garbage collection while a large, acyclic structure is built.

Reading every stored result, resolving and building the graph, or building a Neo4j load's rows,
allocates hundreds of thousands of small containers (dicts, lists, dataclasses) that reference
counting frees on its own. Each allocation burst triggers collections that scan the whole growing heap:
two thirds of an incremental run's reading, a third of a load's client CPU. The previous state is
restored afterwards (a caller that disabled collection keeps it disabled).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            # what was built is long-lived: into the oldest generation with it (freeze, then unfreeze), or
            # the first young collections after enabling would scan all of it at once
            gc.freeze()
            gc.unfreeze()
            gc.enable()
