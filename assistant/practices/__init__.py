"""The privacy team's practice audit (`candor practices`): data minimisation, purpose limitation, sharing and
fairness of targeting, measured from the pack's records, every finding cited to them. Entry point:
`assistant.practices.audit.audit`; nothing is imported here, so `candor`'s argument parser stays light."""
