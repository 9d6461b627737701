"""The privacy team's practice audit (`candor practices`): data minimisation, purpose limitation, sharing and
fairness of targeting, measured from the pack's records, every finding cited to them."""

from assistant.practices.audit import Audit, audit
from assistant.practices.exposure import PracticesSetupError

__all__ = ["Audit", "PracticesSetupError", "audit"]
