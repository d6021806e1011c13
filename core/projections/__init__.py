"""Projections: events → read-model rows, each exactly once.

- ``Projection`` and ``@on`` (projection.py): what a plugin's read model subclasses.
- ``Rows`` (rows.py): what handlers write through.
- ``Projector`` (projector.py): catches a log's projections up, isolates a failing one
  (failures.py), rebuilds; how a batch is read and written is in batches.py.
"""
from core.projections.batches import is_transient
from core.projections.failures import ProjectionState
from core.projections.projection import Projection, on
from core.projections.projector import BATCH, Projector
from core.projections.rows import Rows

__all__ = ["BATCH", "Projection", "ProjectionState", "Projector", "Rows", "is_transient", "on"]
