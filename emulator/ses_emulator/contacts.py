"""Contact lists, their topics and contacts (SES list management), in the emulator's model.

moto keeps contact lists too, but reports their timestamps as strings where the model
(and the Go SDK) wants epoch numbers; here they are datetimes, rendered by the model.
Errors are SES's codes and words, in SES's order (names, then addresses, then the list,
then its topics), as probed against SES by the floci emulator's authors (floci-io/floci
pull requests 1638 and 1723): a second list is refused by the one-list quota before its
name is compared, so SES never answers AlreadyExists for a list.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .addresses import address_problem
from .exceptions import AlreadyExistsException, BadRequestException, NotFoundException
from .registry import handles, paginate

# SES quotas (list management): one contact list per account, 20 topics per list.
MAX_CONTACT_LISTS = 1
MAX_TOPICS = 20
MAX_DESCRIPTION = 500
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Contact:
    email_address: str
    topic_preferences: list[dict[str, str]]
    unsubscribe_all: bool
    attributes_data: str | None
    created: dt.datetime = field(default_factory=_now)
    updated: dt.datetime = field(default_factory=_now)


@dataclass
class ContactList:
    name: str
    topics: list[dict[str, str]]
    description: str | None
    contacts: dict[str, Contact] = field(default_factory=dict)
    created: dt.datetime = field(default_factory=_now)
    updated: dt.datetime = field(default_factory=_now)


def _name(member: str, value: str) -> str:
    if not value:
        raise BadRequestException(f"{member} can't be blank.")
    if not _NAME.match(value):
        raise BadRequestException(
            f"{member} can contain up to 64 characters. Only alphanumeric characters, "
            "underscores(_) and hyphens(-) are allowed."
        )
    return value


def _topics(topics: list[dict[str, str]] | None) -> list[dict[str, str]]:
    topics = copy.deepcopy(topics or [])
    if len(topics) > MAX_TOPICS:
        raise BadRequestException(f"Maximum of <{MAX_TOPICS}> topics allowed per ContactList")
    names = [_name("TopicName", topic["TopicName"]) for topic in topics]
    if len(set(names)) != len(names):
        raise BadRequestException("Duplicate topic names are not allowed within a List.")
    return topics


def _description(text: str | None) -> str | None:
    if text is not None and len(text) > MAX_DESCRIPTION:
        message = f"List description can contain up to {MAX_DESCRIPTION} characters."
        raise BadRequestException(message)
    return text


def _list(backend, name: str) -> ContactList:
    found = backend.contact_lists.get(_name("ContactListName", name))
    if found is None:
        raise NotFoundException(f"List with name: {name} doesn't exist.")
    return found


def _address(address: str) -> str:
    if not address:
        raise BadRequestException("EmailAddress can't be blank.")
    if address_problem(address) is not None:
        raise BadRequestException(f"EmailAddress <{address}> is invalid")
    return address


def _contact(contact_list: ContactList, address: str) -> Contact:
    found = contact_list.contacts.get(_address(address))
    if found is None:
        raise NotFoundException(f"{address} doesn't exist in List.")
    return found


def _preferences(found: ContactList, preferences: list[dict[str, str]] | None) -> list:
    """A contact's preferences, each for a topic of its list."""
    topics = {t["TopicName"] for t in found.topics}
    for preference in preferences or []:
        if preference["TopicName"] not in topics:
            raise BadRequestException(
                f"List: {found.name} doesn't contain Topic: {preference['TopicName']}"
            )
    return copy.deepcopy(preferences or [])


@handles("CreateContactList")
def create_contact_list(backend, params):
    name = _name("ContactListName", params["ContactListName"])
    topics, description = _topics(params.get("Topics")), _description(params.get("Description"))
    if len(backend.contact_lists) >= MAX_CONTACT_LISTS:
        raise BadRequestException(f"A maximum of {MAX_CONTACT_LISTS} Lists allowed per account.")
    backend.contact_lists[name] = ContactList(name, topics, description)
    backend._tag(backend.arn("contact-list", name), params.get("Tags"))
    return {}


@handles("GetContactList")
def get_contact_list(backend, params):
    found = _list(backend, params["ContactListName"])
    result: dict[str, Any] = {
        "ContactListName": found.name,
        "Topics": copy.deepcopy(found.topics),
        "CreatedTimestamp": found.created,
        "LastUpdatedTimestamp": found.updated,
        "Tags": backend.list_tags(backend.arn("contact-list", found.name)),
    }
    if found.description is not None:
        result["Description"] = found.description
    return result


@handles("UpdateContactList")
def update_contact_list(backend, params):
    found = _list(backend, params["ContactListName"])
    found.topics = _topics(params.get("Topics"))
    found.description = _description(params.get("Description"))
    found.updated = _now()
    return {}


@handles("ListContactLists")
def list_contact_lists(backend, params):
    lists = [
        {"ContactListName": item.name, "LastUpdatedTimestamp": item.updated}
        for _, item in sorted(backend.contact_lists.items())
    ]
    page, token = paginate(lists, params)
    return {"ContactLists": page, **token}


@handles("DeleteContactList")
def delete_contact_list(backend, params):
    name = _list(backend, params["ContactListName"]).name
    del backend.contact_lists[name]
    backend.core.tagger.delete_all_tags_for_resource(backend.arn("contact-list", name))
    return {}


@handles("CreateContact")
def create_contact(backend, params):
    address = _address(params["EmailAddress"])
    found = _list(backend, params["ContactListName"])
    preferences = _preferences(found, params.get("TopicPreferences"))
    if address in found.contacts:
        raise AlreadyExistsException(f"{address} already exists in List.")
    found.contacts[address] = Contact(
        address,
        preferences,
        bool(params.get("UnsubscribeAll", False)),
        params.get("AttributesData"),
    )
    return {}


def _defaults(found: ContactList, contact: Contact) -> list[dict[str, str]]:
    """Topics the contact has no explicit preference for, at their default status."""
    chosen = {p["TopicName"] for p in contact.topic_preferences}
    return [
        {"TopicName": t["TopicName"], "SubscriptionStatus": t["DefaultSubscriptionStatus"]}
        for t in found.topics
        if t["TopicName"] not in chosen
    ]


@handles("GetContact")
def get_contact(backend, params):
    _address(params["EmailAddress"])
    found = _list(backend, params["ContactListName"])
    contact = _contact(found, params["EmailAddress"])
    result: dict[str, Any] = {
        "ContactListName": found.name,
        "EmailAddress": contact.email_address,
        "TopicPreferences": copy.deepcopy(contact.topic_preferences),
        "TopicDefaultPreferences": _defaults(found, contact),
        "UnsubscribeAll": contact.unsubscribe_all,
        "CreatedTimestamp": contact.created,
        "LastUpdatedTimestamp": contact.updated,
    }
    if contact.attributes_data is not None:
        result["AttributesData"] = contact.attributes_data
    return result


@handles("UpdateContact")
def update_contact(backend, params):
    _address(params["EmailAddress"])
    found = _list(backend, params["ContactListName"])
    contact = _contact(found, params["EmailAddress"])
    # SES merges the preferences sent into the contact's by topic; the other members replace.
    merged = {p["TopicName"]: p for p in contact.topic_preferences}
    merged |= {p["TopicName"]: p for p in _preferences(found, params.get("TopicPreferences"))}
    contact.topic_preferences = list(merged.values())
    contact.unsubscribe_all = bool(params.get("UnsubscribeAll", False))
    contact.attributes_data = params.get("AttributesData")
    contact.updated = _now()
    return {}


@handles("DeleteContact")
def delete_contact(backend, params):
    _address(params["EmailAddress"])
    found = _list(backend, params["ContactListName"])
    del found.contacts[_contact(found, params["EmailAddress"]).email_address]
    return {}


def _status(found: ContactList, contact: Contact, topic: str, use_default: bool) -> str | None:
    for preference in contact.topic_preferences:
        if preference["TopicName"] == topic:
            return preference["SubscriptionStatus"]
    if use_default:
        for item in _defaults(found, contact):
            if item["TopicName"] == topic:
                return item["SubscriptionStatus"]
    return None


@handles("ListContacts")
def list_contacts(backend, params):
    found = _list(backend, params["ContactListName"])
    wanted = (params.get("Filter") or {}).get("FilteredStatus")
    topic_filter = (params.get("Filter") or {}).get("TopicFilter") or {}
    contacts = []
    for _, contact in sorted(found.contacts.items()):
        if wanted and topic_filter.get("TopicName"):
            status = _status(
                found,
                contact,
                topic_filter["TopicName"],
                bool(topic_filter.get("UseDefaultIfPreferenceUnavailable")),
            )
            if status != wanted:
                continue
        contacts.append(
            {
                "EmailAddress": contact.email_address,
                "TopicPreferences": copy.deepcopy(contact.topic_preferences),
                "TopicDefaultPreferences": _defaults(found, contact),
                "UnsubscribeAll": contact.unsubscribe_all,
                "LastUpdatedTimestamp": contact.updated,
            }
        )
    page, token = paginate(contacts, params)
    return {"Contacts": page, **token}


# --- list management on a send (ListManagementOptions) and the one-click unsubscribe ----------
@dataclass(frozen=True)
class Listing:
    """The contact list, and topic if any, a send names in its ListManagementOptions."""

    contact_list: ContactList
    topic: str | None

    def contact(self, address: str) -> Contact | None:
        return self.contact_list.contacts.get(address)

    def unsubscribed(self, address: str) -> bool:
        """SES does not deliver a list-managed send to a contact who opted out of it."""
        contact = self.contact(address)
        if contact is None:
            return False
        if contact.unsubscribe_all:
            return True
        status = self.topic and _status(self.contact_list, contact, self.topic, use_default=True)
        return status == "OPT_OUT"


def listing(backend, options: dict[str, str] | None) -> Listing | None:
    """The send's ListManagementOptions resolved against the account's contact list."""
    if not options:
        return None
    found = _list(backend, options["ContactListName"])
    topic = options.get("TopicName") or None
    if topic is not None and topic not in {t["TopicName"] for t in found.topics}:
        raise NotFoundException(f"Topic <{topic}> does not exist in list <{found.name}>.")
    return Listing(found, topic)


def preferences_document(contact: Contact) -> dict[str, Any]:
    """A contact's own preferences as a SUBSCRIPTION event spells them (OptIn/OptOut)."""
    return {
        "unsubscribeAll": contact.unsubscribe_all,
        "topicSubscriptionStatus": [
            {"topicName": p["TopicName"],
             "subscriptionStatus": "OptOut" if p["SubscriptionStatus"] == "OPT_OUT" else "OptIn"}
            for p in contact.topic_preferences
        ],
    }  # fmt: skip


def opt_out(contact: Contact, topic: str | None) -> bool:
    """Unsubscribe the contact from `topic` (None: from everything); False if it already was."""
    if topic is None:
        changed = not contact.unsubscribe_all
        contact.unsubscribe_all = True
    else:
        for preference in contact.topic_preferences:
            if preference["TopicName"] == topic:
                changed = preference["SubscriptionStatus"] != "OPT_OUT"
                preference["SubscriptionStatus"] = "OPT_OUT"
                break
        else:
            contact.topic_preferences.append({"TopicName": topic, "SubscriptionStatus": "OPT_OUT"})
            changed = True
    if changed:
        contact.updated = _now()
    return changed
