"""accounts/rules.py: what a role asks of a user's other fields; temporary passwords."""

import random

from tuijin.accounts.rules import (
    PASSWORD_ALPHABET,
    main_division_id,
    scope_errors,
    temporary_password,
)

LABELS = {"divisions": "Districts", "organisation": "Organisation"}


def fields(role, *, districts=0, organisation=False):
    return [e.field for e in scope_errors(role=role, district_count=districts,
                                          has_organisation=organisation, labels=LABELS)]


def test_a_district_user_needs_at_least_one_district():
    assert fields("district") == ["divisions"]
    assert fields("district", districts=2) == []


def test_owners_and_bureaus_need_an_organisation():
    assert fields("owner") == ["organisation"]
    assert fields("bureau") == ["organisation"]
    assert fields("owner", organisation=True) == []


def test_city_admins_and_leaders_need_neither():
    assert fields("city_admin") == [] and fields("leader") == []


def test_the_message_names_the_field_as_the_form_labels_it():
    [error] = scope_errors(role="district", district_count=0, has_organisation=False,
                           labels=LABELS)
    assert error.message.startswith("Districts:")
    assert error.hint


def test_the_main_district_stays_while_it_is_still_chosen():
    assert main_division_id([3, 5], current=5) == 5


def test_otherwise_the_first_chosen_district_becomes_the_main_one():
    assert main_division_id([3, 5], current=9) == 3
    assert main_division_id([3, 5], current=None) == 3
    assert main_division_id([], current=9) is None


def test_a_temporary_password_has_no_look_alike_characters():
    password = temporary_password(random.Random(1).choice)
    groups = password.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(PASSWORD_ALPHABET)
    assert not set("0O1lI") & set(PASSWORD_ALPHABET)


def test_temporary_passwords_differ():
    assert len({temporary_password() for _i in range(50)}) == 50
