"""Projections: events → read-model rows, each exactly once.

- ``Projection`` and ``@on`` (projection.py): what a plugin's read model subclasses.
- ``Rows`` (rows.py): what handlers write through.
- ``Projector`` (projector.py): catches a log's projections up, isolates a failing one, rebuilds.
"""
from core.projections.projection import Projection, on
from core.projections.projector import BATCH, Projector, ProjectionState, is_transient
from core.projections.rows import Rows

__all__ = ["BATCH", "Projection", "ProjectionState", "Projector", "Rows", "is_transient", "on"]
