"""marshmallow schemas of integrity building, shared by the API and the page forms, by topic; the
school settings in ``settings``."""
from plugins.integrity.schemas.base import EvidenceFileSchema, YearQuerySchema
from plugins.integrity.schemas.commitments import (
    CommitmentCreateSchema, CommitmentItemSchema, SendBackSchema, VersionSchema, ProgressSchema,
    ItemConcludeSchema, EvaluateSchema, CommitmentItemOutSchema, ProgressOutSchema, CommitmentOutSchema,
    CommitmentSummarySchema, CommitmentPageSchema,
)
from plugins.integrity.schemas.posts import (
    PostSchema, AssignSchema, ReleaseSchema, PostAssessSchema, HolderOutSchema, PostOutSchema,
)
from plugins.integrity.schemas.pairs import (
    PairSchema, PlanSchema, VisitSchema, ClosePairSchema, VisitOutSchema, PairOutSchema,
)
from plugins.integrity.schemas.records import (
    ParticipantSchema, VolunteerSchema, VolunteerOutSchema, EducationSchema, EducationOutSchema,
    AgreementSchema, AgreementOutSchema, InspectionSchema, InspectionOutSchema,
)
from plugins.integrity.schemas.ethics import EthicsSchema, EthicsCorrectSchema, EthicsOutSchema, PledgeSchema
from plugins.integrity.schemas.settings import IntegritySettingsSchema

__all__ = [
    "EvidenceFileSchema", "YearQuerySchema", "CommitmentCreateSchema", "CommitmentItemSchema",
    "SendBackSchema", "VersionSchema", "ProgressSchema", "ItemConcludeSchema", "EvaluateSchema",
    "CommitmentItemOutSchema", "ProgressOutSchema", "CommitmentOutSchema", "CommitmentSummarySchema",
    "CommitmentPageSchema", "PostSchema", "AssignSchema", "ReleaseSchema", "PostAssessSchema",
    "HolderOutSchema", "PostOutSchema", "PairSchema", "PlanSchema", "VisitSchema", "ClosePairSchema",
    "VisitOutSchema", "PairOutSchema", "ParticipantSchema", "VolunteerSchema", "VolunteerOutSchema",
    "EducationSchema", "EducationOutSchema", "AgreementSchema", "AgreementOutSchema", "InspectionSchema",
    "InspectionOutSchema", "EthicsSchema", "EthicsCorrectSchema", "EthicsOutSchema", "PledgeSchema",
    "IntegritySettingsSchema",
]
