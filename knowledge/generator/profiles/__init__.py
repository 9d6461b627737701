"""The sample's customer groups and predictions (memberships.jsonl, predictions.jsonl), made after the four record
files with their own seed. Adds only a segment_id or prediction_id key to a few decisions; changes nothing else."""
