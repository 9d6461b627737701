"""The sample pack's generator: Northwind's customers, consents, offers, decisions, groups and predictions from
fixed seeds, and the checks of its own conventions. Writes only the pack's JSONL files; never imports Candor."""
