"""Road network engine and tour optimiser for ZI Tour planner.

Knows nothing of the application (``app``) nor of Qt: an OpenStreetMap extract
becomes a coach-legal road graph, travel-time matrices, and optimised tours.
"""
