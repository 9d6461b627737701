"""The HTTP JSON API at /api/v1: the same answers, records and consent changes as the UI, for programs.
Authenticates by signed session cookie or bearer token (HTTP Basic in demo mode); never takes a customer id
from the request. Mounted by ui/server.py; imports nothing from ui/."""
