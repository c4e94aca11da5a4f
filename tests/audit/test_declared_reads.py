"""A read declared with `answer=True` is made by the reader and reaches the rules as read,
with no line in the snapshot or the model builder: what a live rule on a new read relies on."""

from __future__ import annotations

from live_account import ACCOUNT, REGION
from sesguard.audit.reader import Reader
from sesguard.audit.reads import DECLARED, declares
from sesguard.model import model_from_account

READ = "contact_lists_for_this_test"


def _declare_a_new_read():
    @declares(READ, "sesv2:ListContactLists", answer=True)
    def contact_lists(reader: Reader) -> list | None:
        return reader.pages(READ, "ListContactLists", "ContactLists", "the contact lists")


def test_a_read_declared_with_its_answer_reaches_the_model_as_read(clients):
    clients["sesv2"].create_contact_list(ContactListName="news")
    _declare_a_new_read()
    try:
        reader = Reader(clients, ACCOUNT, REGION)
        model = model_from_account(reader.snapshot())
    finally:
        DECLARED.pop(READ)
    listed = model.live.answers[READ]
    assert [entry["ContactListName"] for entry in listed] == ["news"]
    assert reader.failures == []


def test_a_failed_declared_read_is_none_to_the_rules_and_a_failure_naming_its_call(clients):
    _declare_a_new_read()
    try:
        reader = Reader(dict(clients, sesv2=None), ACCOUNT, REGION)  # every SES call fails
        model = model_from_account(reader.snapshot())
    finally:
        DECLARED.pop(READ)
    assert model.live.answers[READ] is None
    assert [f.api for f in reader.failures if "ContactLists" in f.api] == ["ses:ListContactLists"]
