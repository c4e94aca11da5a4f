"""SES v2 resource tags (configuration sets, identities, pools, contact lists, templates, ...)."""

from __future__ import annotations

from .registry import handles


@handles("ListTagsForResource")
def list_tags_for_resource(backend, params):
    return {"Tags": backend.list_tags(params["ResourceArn"])}


@handles("TagResource")
def tag_resource(backend, params):
    backend.tag_resource(params["ResourceArn"], params["Tags"])
    return {}


@handles("UntagResource")
def untag_resource(backend, params):
    backend.untag_resource(params["ResourceArn"], params["TagKeys"])
    return {}
