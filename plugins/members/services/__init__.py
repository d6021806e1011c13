"""Member registry commands: load, call the aggregate, save. The only writers of members.

By topic: ``members`` (one member), ``organisation`` (committee and groups), ``transfers``,
``importing`` (the Excel roster), ``accounts`` (account links); ``register`` holds what they share
(ID numbers unique in the school, one roll in the district), ``settings`` the school's rules.
"""
from plugins.members.services.accounts import link_account, unlink_account
from plugins.members.services.importing import import_members, preview_import
from plugins.members.services.members import (
    build_member, change_status, check_plausible, convert_member, correct_member, implausible,
    record_personal_export, record_personal_read, record_sanction, register_member, save_new_members,
)
from plugins.members.services.organisation import dissolve_group, elect_committee, fill_seat, set_group, vacate_seat
from plugins.members.services.settings import org_rules, settings
from plugins.members.services.transfers import return_receipt, transfer_in, transfer_out

__all__ = [
    "build_member", "save_new_members", "change_status", "check_plausible", "implausible", "convert_member", "correct_member", "dissolve_group", "elect_committee", "fill_seat",
    "import_members", "link_account", "org_rules", "preview_import", "record_personal_export",
    "record_personal_read", "record_sanction", "register_member", "return_receipt", "set_group", "settings",
    "transfer_in", "transfer_out", "unlink_account", "vacate_seat",
]
