"""The admin console's server side: see and fix what the assistant knows.

`service.AdminService` is built once by the Runtime; `api/admin.py` exposes it under
/admin (every route behind ADMIN_API_KEY) and `api/feedback.py` takes the widget's
ratings. Every write bumps the collection's index version and refreshes the BM25 mirror
at once, so the next chat turn sees it without a restart.
"""
