"""Controllers: what the window's commands do, on the session, through services.

- :mod:`~app.ui.controllers.files`: open, create, close a project; the demo; the region.
- :mod:`~app.ui.controllers.editing`: every undoable edit.
- :mod:`~app.ui.controllers.planning`: optimise, keep the order, re-plan from now.
- :mod:`~app.ui.controllers.exporting`: export dialog, printing, partner pack.

Controllers hold no widgets of the window; dialogs they open get the session and
the controllers, never the window.
"""
