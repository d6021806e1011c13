"""Commands of notices: the only writers. ``inbox``: receipts, delivery choices and the daily
reminder (events in the school's log); ``outbox``: messages queued and sent by the worker through
the channels (``zhibu_notice_channels``); ``email``: the e-mail channel."""
from plugins.notices.services.inbox import choose_delivery, mark_all_read, mark_read, send_reminder
from plugins.notices.services.outbox import deliver, queue_digests, queue_notices, run_delivery

__all__ = ["choose_delivery", "deliver", "mark_all_read", "mark_read", "queue_digests", "queue_notices",
           "run_delivery", "send_reminder"]
