"""Background jobs in a child process hand their errors back as the same class with the same message (no Qt)."""
from __future__ import annotations

import pytest

from app.errors import ProjectReadOnly, UserError
from app.ui.process_job import run_in_process, user_error_class
from routing.errors import RegionError
from routing.messages import Clock, Message


def refuse_to_write(path: str, progress=None, cancel=None):
    """A job (module level: the child process imports it) that meets a read-only project."""
    raise ProjectReadOnly("store.opened_read_only", file=path)


def fail_with_a_nested_message(progress=None, cancel=None):
    raise UserError("file.problem", file="krems.zitour-region",
                    problem=Message("region.compiled.old_version", version=3, expected=4))


def test_read_only_project_is_raised_again_as_read_only_with_its_message():
    with pytest.raises(ProjectReadOnly) as info:
        run_in_process(refuse_to_write, "/tmp/tour.zitour")
    assert type(info.value) is ProjectReadOnly
    assert info.value.message == Message("store.opened_read_only", file="/tmp/tour.zitour")
    assert info.value.message.code == "store.opened_read_only"
    assert "lecture seule" in info.value.text("fr")


def test_nested_messages_cross_the_process_boundary():
    with pytest.raises(UserError) as info:
        run_in_process(fail_with_a_nested_message)
    assert info.value.message.params["problem"] == Message("region.compiled.old_version", version=3, expected=4)
    assert info.value.text("en").startswith("krems.zitour-region: compiled with format version 3")


def test_error_classes_are_found_by_name():
    assert user_error_class("ProjectReadOnly") is ProjectReadOnly
    assert user_error_class("RegionError") is RegionError
    assert user_error_class("VideoFileError") is UserError  # not one of app.errors / routing.errors
    assert user_error_class("ValueError") is UserError
    assert user_error_class("Cancelled") is UserError  # takes no message: raised as Cancelled by its own path


def test_messages_pickle_for_results():
    """Job results (plans) carry messages; they are pickled back to the parent."""
    import pickle

    m = Message("solver.late", stop="A", arrival=Clock(34920), previous=Message("solver.the_depot"))
    assert pickle.loads(pickle.dumps(m)) == m


def refuse_the_slots(progress=None, cancel=None):
    from app.services.slots import parse_slots

    parse_slots("9 h – 8 h")


def test_an_error_class_of_any_project_module_crosses_the_boundary():
    """Not only app.errors and routing.errors: a service's own error class too (imported by the parent)."""
    from app.services.slots import SlotsError

    with pytest.raises(SlotsError) as info:
        run_in_process(refuse_the_slots)
    assert info.value.message.code == "slots.reversed"
    assert user_error_class("app.services.slots:SlotsError") is SlotsError
    assert user_error_class("os:PathLike") is UserError  # nothing outside the project is imported
