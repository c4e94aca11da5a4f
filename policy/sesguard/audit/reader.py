"""Read one SES account and region with boto3 into a plain snapshot.

Every call goes through `Reader.call`: a failure (AccessDenied, NotImplemented, throttling
past the retries, an endpoint that stops answering, an answer of the wrong shape, the
deadline) is recorded as a `ReadFailure` naming the API call and the rules it leaves
unverified, and the audit goes on. Each method declares the read it makes and its calls
(`@declares`, audit/reads.py): that declaration is the audit's coverage.
Alarms come from one paginated DescribeAlarms for the whole region, never per set.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..model.from_account import sns_targets
from ..model.live import ReadFailure
from .read_pause import PAUSE_SERVICES, read_pause_wiring
from .reads import DECLARED, IAM_PREFIX, declared, declares, unverified_by
from .redact import one_line

# How many per-set and per-identity reads run at once in one region.
READ_WORKERS = 8


MISSING: dict = {}  # `Reader.call`'s answer when what it asked about does not exist


class RegionUnavailable(Exception):
    """SES says it is not enabled for this account in this region."""


class EndpointDown(Exception):
    """An earlier read of this service could not connect: later reads are not tried."""


class Reader:
    def __init__(self, clients: dict[str, Any], account: str, region: str) -> None:
        self.clients = clients
        self.account = account
        self.region = region
        self.failures: list[ReadFailure] = []
        self.down: dict[str, str] = {}  # service → why its endpoint is no longer tried
        self.answered = 0  # calls that got a usable answer

    def arn(self, kind: str, name: str) -> str:
        return f"arn:aws:ses:{self.region}:{self.account}:{kind}/{name}"

    def call(
        self,
        read: str,
        operation: str,
        what: str,
        stream: str | None = None,
        address: str | None = None,
        missing: str | None = None,
        **params: Any,
    ) -> dict | None:
        """One API call of a declared read; None (and a failure recorded against the rules
        the read feeds) when it cannot be made, MISSING when it answers the error code
        ``missing`` (the thing asked about does not exist)."""
        service = declared(read).service(operation)
        # Imported here: the gate installs without the `audit` extra, and every module of
        # its wheel must still import (`sesguard audit` says which extra it needs).
        from botocore import xform_name
        from botocore.exceptions import ClientError, EndpointConnectionError

        fix = None
        down = self.down.get(service)
        try:
            if down:  # one refused connection already cost the retries: do not pay again
                raise EndpointDown(down)
            answer = getattr(self.clients[service], xform_name(operation))(**params)
            self.answered += 1
            return answer
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "Error")
            if code == missing:
                self.answered += 1
                return MISSING
            message = error.response.get("Error", {}).get("Message", "")
            if service == "sesv2" and code in NOT_ENABLED_CODES:
                raise RegionUnavailable(f"{code}: {message}".strip(": ")) from None
            reason = f"{code}: {message}".strip(": ")
            fix = NOT_OFFERED_FIX if code in NOT_OFFERED_CODES else None
        except EndpointConnectionError as error:
            reason = one_line(error)
            self.down.setdefault(service, f"not attempted: {service} stopped answering ({reason})")
        except EndpointDown as error:
            reason = str(error)
        except Exception as error:  # noqa: BLE001 - whatever ends a read, the read failed
            # Timeouts, answers botocore cannot parse or that do not fit the API's shape
            # (bounds.MalformedAnswer), the deadline (bounds.DeadlinePassed).
            reason = f"{type(error).__name__}: {one_line(error)}"
        self.failures.append(
            ReadFailure(
                f"{IAM_PREFIX[service]}:{operation}",
                " ".join(reason.split()),
                what,
                unverified_by(read),
                stream,
                address,
                fix,
            )
        )
        return None

    def pages(self, read: str, operation: str, key: str, what: str, **p) -> list | None:
        """Every item of a paginated list call, None if any page fails."""
        # IAM pages with Marker (while IsTruncated), the other services with NextToken.
        service = declared(read).service(operation)
        token_key = "Marker" if service == "iam" else "NextToken"
        items: list = []
        token = None
        seen: set[str] = set()
        while True:
            params = dict(p, **({token_key: token} if token else {}))
            page = self.call(read, operation, what, **params)
            if page is None:
                return None
            items.extend(page.get(key) or ())
            token = page.get(token_key)
            if not token or (service == "iam" and not page.get("IsTruncated")):
                return items
            if token in seen:  # the endpoint would page forever: the list is not complete
                self.failures.append(
                    ReadFailure(
                        f"{IAM_PREFIX[service]}:{operation}",
                        f"the same {token_key} came back twice after {len(items)} items: "
                        "stopped paging",
                        what,
                        unverified_by(read),
                    )
                )
                return None
            seen.add(token)

    # -- the account, one area at a time -----------------------------------------
    def snapshot(self) -> dict:
        """Everything the rules read, as the APIs name it. Raises RegionUnavailable."""
        snap: dict[str, Any] = {"account": self.account, "region": self.region}
        names = self._set_names()
        with ThreadPoolExecutor(max_workers=READ_WORKERS) as pool:
            sets = list(pool.map(self._configuration_set, names or ()))
            snap["pools"] = self._pools(pool)
            snap["dedicated_ips"] = self._dedicated_ips()
            snap["identities"] = self._identities(pool)
        snap["configuration_sets"] = sets
        snap["account_details"] = self._account()
        snap["alarms"] = self._alarms()
        if all(service in self.clients for service in PAUSE_SERVICES):
            snap["pause_wiring"] = read_pause_wiring(self, snap["alarms"], READ_WORKERS)
        snap["tenants"] = self._tenants()
        snap["sns_topics"] = self._topics(sns_targets(snap))
        # The reads whose answers the rules take as read: declared, and made, in one place.
        snap["answers"] = {r.name: r.answer(self) for r in DECLARED.values() if r.answer}
        snap["failures"] = self.failures
        return snap

    # The region's first read: without the list of sets its other checks are not trusted.
    @declares(
        "configuration_sets",
        "sesv2:ListConfigurationSets",
        feeds=("configuration_set", "identities", "account", "dedicated_ips"),
    )
    def _set_names(self) -> list | None:
        return self.pages(
            "configuration_sets",
            "ListConfigurationSets",
            "ConfigurationSets",
            "the configuration sets (every lane check)",
        )

    @declares("configuration_set", "sesv2:GetConfigurationSet")
    @declares("event_destinations", "sesv2:GetConfigurationSetEventDestinations")
    def _configuration_set(self, name: str) -> dict:
        address = self.arn("configuration-set", name)
        raw = self.call(
            "configuration_set",
            "GetConfigurationSet",
            f"the options of configuration set {name!r}",
            stream=name,
            address=address,
            ConfigurationSetName=name,
        )
        config_set = dict(raw or {"Unreadable": True}, ConfigurationSetName=name)
        config_set.pop("ResponseMetadata", None)
        destinations = self.call(
            "event_destinations",
            "GetConfigurationSetEventDestinations",
            f"the event destinations of configuration set {name!r}",
            stream=name,
            address=address,
            ConfigurationSetName=name,
        )
        config_set["EventDestinations"] = (
            None if destinations is None else destinations.get("EventDestinations") or []
        )
        return config_set

    @declares("dedicated_ip_pools", "sesv2:ListDedicatedIpPools")
    @declares("dedicated_ip_pool", "sesv2:GetDedicatedIpPool")
    def _pools(self, pool: ThreadPoolExecutor) -> list[dict]:
        names = self.pages(
            "dedicated_ip_pools",
            "ListDedicatedIpPools",
            "DedicatedIpPools",
            "the dedicated IP pools",
        )

        def one(name: str) -> dict:
            raw = self.call(
                "dedicated_ip_pool",
                "GetDedicatedIpPool",
                f"the scaling mode of pool {name!r}",
                address=self.arn("dedicated-ip-pool", name),
                PoolName=name,
            )
            return (raw or {}).get("DedicatedIpPool") or {"PoolName": name}

        return list(pool.map(one, names or ()))

    # SES002 then relies on the config's unpooled_dedicated_ips.
    @declares("dedicated_ips", "sesv2:GetDedicatedIps")
    def _dedicated_ips(self) -> list | None:
        return self.pages(
            "dedicated_ips",
            "GetDedicatedIps",
            "DedicatedIps",
            "which pool each dedicated IP is in (and so whether a set without a pool "
            "may send through ses-default-dedicated-pool)",
        )

    @declares("identities", "sesv2:ListEmailIdentities", "sesv2:GetEmailIdentity")
    def _identities(self, pool: ThreadPoolExecutor) -> list[dict]:
        listed = self.pages(
            "identities",
            "ListEmailIdentities",
            "EmailIdentities",
            "the identities (default sets, verification, DKIM, MAIL FROM, DNS)",
        )
        return list(pool.map(self._identity, [i.get("IdentityName") for i in listed or ()]))

    def _identity(self, name: str) -> dict:
        raw = self.call(
            "identities",
            "GetEmailIdentity",
            f"identity {name!r} (default set, verification, DKIM, MAIL FROM)",
            address=self.arn("identity", name),
            EmailIdentity=name,
        )
        identity = dict(raw or {"Unreadable": True}, IdentityName=name)
        identity.pop("ResponseMetadata", None)
        return identity

    @declares("account", "sesv2:GetAccount")
    def _account(self) -> dict | None:
        return self.call(
            "account", "GetAccount", "enforcement status, sending and the account suppression list"
        )

    @declares(
        "iam",
        "iam:ListPolicies",
        "iam:GetPolicyVersion",
        "iam:ListRoles",
        "iam:ListRolePolicies",
        "iam:GetRolePolicy",
        condition="with --iam",
    )
    def iam_policies(self) -> list[dict]:
        """Customer-managed policies in use and roles' inline policies: (address, document).

        Only with --iam: IAM is global, and reading every role costs a call per role."""
        documents = []
        managed = self.pages(
            "iam",
            "ListPolicies",
            "Policies",
            "the customer-managed policies in use (send permissions)",
            Scope="Local",
            OnlyAttached=True,
        )
        for policy in managed or ():
            version = self.call(
                "iam",
                "GetPolicyVersion",
                f"the document of policy {policy['PolicyName']!r}",
                address=policy["Arn"],
                PolicyArn=policy["Arn"],
                VersionId=policy["DefaultVersionId"],
            )
            if version is not None:
                documents.append((policy["Arn"], version["PolicyVersion"]["Document"]))
        roles = self.pages("iam", "ListRoles", "Roles", "the roles (inline send permissions)")
        for role in roles or ():
            names = self.pages(
                "iam",
                "ListRolePolicies",
                "PolicyNames",
                f"the inline policies of role {role['RoleName']!r}",
                RoleName=role["RoleName"],
            )
            for name in names or ():
                inline = self.call(
                    "iam",
                    "GetRolePolicy",
                    f"inline policy {name!r} of role {role['RoleName']!r}",
                    address=f"{role['Arn']}/{name}",
                    RoleName=role["RoleName"],
                    PolicyName=name,
                )
                if inline is not None:
                    documents.append((f"{role['Arn']}/{name}", inline["PolicyDocument"]))
        return documents

    @declares("topics", "sns:GetTopicAttributes")
    def _topics(self, targets: list[tuple[str, str, str]]) -> dict[str, bool]:
        """Whether each SNS topic that alarms and destinations notify exists."""
        exists: dict[str, bool] = {}
        for topic in sorted({t[0] for t in targets}):
            answer = self.call(
                "topics",
                "GetTopicAttributes",
                f"whether topic {topic} exists",
                missing="NotFound",
                TopicArn=topic,
            )
            if answer is not None:
                exists[topic] = answer is not MISSING
        return exists

    @declares(
        "tenants",
        "sesv2:ListTenants",
        "sesv2:ListRecommendations",
        "sesv2:ListTenantResources",
        "sesv2:GetReputationEntity",
    )
    def _tenants(self) -> list | None:
        """Each tenant with its resources, its reputation entity and its open findings."""
        listed = self.pages("tenants", "ListTenants", "Tenants", "the tenants (SES's own lanes)")
        if not listed:
            return listed
        findings = self.pages(
            "tenants",
            "ListRecommendations",
            "Recommendations",
            "the open reputation findings of the tenants",
            Filter={"STATUS": "OPEN"},
        )
        tenants = []
        for info in listed:
            name, arn = info["TenantName"], info["TenantArn"]
            resources = self.pages(
                "tenants",
                "ListTenantResources",
                "TenantResources",
                f"the configuration sets and identities of tenant {name!r}",
                address=arn,
                TenantName=name,
            )
            entity = self.call(
                "tenants",
                "GetReputationEntity",
                f"the reputation policy and sending status of tenant {name!r}",
                address=arn,
                ReputationEntityType="RESOURCE",
                ReputationEntityReference=arn,
            )
            tenants.append({
                **info,
                "Resources": resources,
                "ReputationEntity": None if entity is None else entity.get("ReputationEntity"),
                "Findings": None if findings is None
                else [f for f in findings if f.get("ResourceArn") == arn],
            })  # fmt: skip
        return tenants

    # The automatic pause is matched against the alarms too.
    @declares("alarms", "cloudwatch:DescribeAlarms", feeds=("pause",))
    def _alarms(self) -> list | None:
        return self.pages(
            "alarms",
            "DescribeAlarms",
            "MetricAlarms",
            "the CloudWatch alarms on AWS/SES (bounce and complaint alarms)",
            AlarmTypes=["MetricAlarm"],
        )


# SES answers these where the account cannot use it: an opt-in region not enabled.
NOT_ENABLED_CODES = frozenset(
    {"UnrecognizedClientException", "InvalidClientTokenId", "OptInRequired"}
)
# The endpoint does not offer the operation (an emulator, a partition without it).
NOT_OFFERED_CODES = frozenset({"NotImplementedException", "UnknownOperationException"})
NOT_OFFERED_FIX = (
    "The endpoint does not offer this API: check what it would verify by hand, or audit "
    "an endpoint that offers it."
)
