"""Run a command again when its save lost a race to another process."""
from __future__ import annotations

import random
import time
from typing import Callable, TypeVar

from core.errors import SaveCollided

T = TypeVar("T")


def retrying(command: Callable[[], T], attempts: int = 20) -> T:
    """``command()``, run again after a short random pause while its save collides.

    ``command`` must load what it changes afresh each time, so each run checks the rules against
    the state that won the race (and is refused by them when it should be).
    """
    for attempt in range(attempts):
        try:
            return command()
        except SaveCollided:
            if attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0.005, 0.05))
    raise SaveCollided()  # pragma: no cover - the loop returns or raises
