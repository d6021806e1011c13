"""The register of a school's open development cases, by ID number. Re-exported by
``plugins.development.domain``."""
from __future__ import annotations

from core.errors import N_

from eventsourcing.domain import Aggregate, event

from core.aggregates import FlatCopy, keeps_topics
from core.ids import natural_id
from plugins.development.domain.case_guards import DevelopmentError


@keeps_topics("plugins.development.domain")
class CaseRegister(FlatCopy, Aggregate):
    """The open development cases of a school by ID number (在办发展党员档案登记).

    One open case per person: one per school, saved in the same transaction as every case that
    opens or closes (archived, refused, probation cancelled), so two concurrent applications of one
    person collide on its version. Schools opened cases before it existed: it is opened from the
    school's own log (``derived_from`` says how much of it was read).
    """

    snapshot_interval = 100
    flat_containers = ("open_cases",)
    personal_keys = {"open_cases": "id_number"}   # ID numbers, masked in the audit console

    @staticmethod
    def create_id(tenant: str, **_):
        return natural_id("development.case-register", tenant)

    @event("Opened")
    def __init__(self, tenant: str, open_cases: dict, derived_from: dict):
        self.open_cases = dict(open_cases)   # ID number → case id

    def check_free(self, id_number: str) -> None:
        if id_number in self.open_cases:
            raise DevelopmentError(N_("此人已有进行中的发展党员档案"), field="id_number")

    def enter(self, id_number: str, case_id) -> None:
        self.check_free(id_number)
        self._entered(id_number=id_number, case_id=str(case_id))

    @event("CaseEntered")
    def _entered(self, id_number: str, case_id: str) -> None:
        self.open_cases[id_number] = case_id

    def release(self, id_number: str, case_id, status: str) -> None:
        """The case is closed (archived, refused or cancelled): the person may apply again."""
        if self.open_cases.get(id_number) == str(case_id):
            self._released(id_number=id_number, case_id=str(case_id), status=status)

    @event("CaseReleased")
    def _released(self, id_number: str, case_id: str, status: str) -> None:
        self.open_cases.pop(id_number, None)
