"""A read account → module calls of ses_stream and ses_identity, with the imports that put
every existing object they own at its module address.

The rule of the mapping: nothing that exists is destroyed or replaced by the first plan.
Where the module's shape would force a replacement (a set's name, a pool's scaling mode,
a destination's name) the existing value is written as the input; where the module would
change a value in place, the change is listed with the rule it fixes.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import DEFAULT_CLASSES, SES_REVIEW_LEVELS
from ..findings import Finding
from ..model.entities import DEFAULT_POOL, Model, Stream
from ..values import ABSENT
from .destinations import map_destinations
from .hcl import Ref, label
from .plan import Adoption, Import, ModuleCall, Note

MODULE_CLASSES = tuple(DEFAULT_CLASSES)
# ses_stream's validations: thresholds below SES's review levels.
MAX_THRESHOLD = {
    "bounce": SES_REVIEW_LEVELS.bounce_rate,
    "complaint": SES_REVIEW_LEVELS.complaint_rate,
}
DOMAIN = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
MODULE_TAGS = ("stream", "class")


def map_account(snapshot: dict, model: Model, findings: list[Finding], sources) -> Adoption:
    """`sources`: (ses_stream source, ses_identity source)."""
    adoption = Adoption(snapshot["account"], snapshot["region"])
    ctx = _Context(snapshot, model, findings, adoption)
    labels: set[str] = set()
    set_labels: dict[str, str] = {}
    for raw in sorted(snapshot.get("configuration_sets") or (), key=_set_name):
        name = raw["ConfigurationSetName"]
        set_labels[name] = label(name, "stream_", labels)
        adoption.streams.append(ctx.stream_call(raw, set_labels[name], sources[0]))
    for raw in sorted(snapshot.get("identities") or (), key=lambda i: i["IdentityName"]):
        call = ctx.identity_call(raw, set_labels, labels, sources[1])
        if call is not None:
            adoption.identities.append(call)
    ctx.alarms_outside()
    ctx.audit_errors_left_outside()
    return adoption


def _set_name(raw: dict) -> str:
    return raw["ConfigurationSetName"]


class _Context:
    def __init__(self, snap: dict, model: Model, findings: list[Finding], out: Adoption):
        self.snap, self.model, self.out, self.findings = snap, model, out, findings
        self.pools = {p["PoolName"]: p for p in snap.get("pools") or ()}
        self.owned_pools: dict[str, str] = {}  # pool → the set whose call owns it
        self.imported_alarms: set[str] = set()
        self.dead = {
            f.address for f in findings if f.rule == "SES006" and " is dead: " in f.message
        }
        self.identities_by_set: dict[str, list[str]] = {}
        for raw in snap.get("identities") or ():
            if raw.get("ConfigurationSetName"):
                self.identities_by_set.setdefault(raw["ConfigurationSetName"], []).append(
                    raw["IdentityName"]
                )

    def arn(self, kind: str, name: str) -> str:
        return f"arn:aws:ses:{self.out.region}:{self.out.account}:{kind}/{name}"

    def add_import(self, address: str, import_id: str, what: str) -> None:
        self.out.imports.append(Import(address, import_id, what))

    # -- one configuration set ---------------------------------------------------
    def stream_call(self, raw: dict, call: str, source: str) -> ModuleCall:
        name = raw["ConfigurationSetName"]
        stream = self.model.stream_of_set_name(name)
        subject = f"`{name}`"
        inputs: dict[str, Any] = {"source": source, "name": name}
        comments: dict[str, str] = {}
        cls = stream.class_name if stream and stream.class_name in MODULE_CLASSES else None
        known = cls is not None
        if not known:
            cls = "transactional"
            comments["class"] = (
                "Class unknown (no class tag, no class word in the name): transactional "
                "holds it to the strictest limits. Set its real class."
            )
            self.out.not_adopted.append(
                Note(subject, "its class is unknown: written as transactional (the strictest "
                     "limits); set the real class before the first apply")
            )  # fmt: skip
        else:
            comments["class"] = f"Class from the set's {stream.class_source}."
        inputs["class"] = cls
        inputs["account_id"] = self.out.account
        policy = self.model.config.classes[cls]
        self.add_import(f"module.{call}.aws_sesv2_configuration_set.this", name,
                        f"configuration set {name}")  # fmt: skip
        outside_limits = self._pool(raw, name, call, cls, policy, inputs)
        outside_limits |= self._suppression(raw, subject, policy, known, inputs)
        self._options(raw, subject, inputs)
        destinations = map_destinations(raw, name, call, policy, self)
        inputs.update(destinations)
        self._alarms(stream, name, call, subject, policy, inputs)
        senders = sorted(self.identities_by_set.get(name, ()))
        if senders:
            inputs["sending_identity_arns"] = [self.arn("identity", i) for i in senders]
        tags = {t["Key"]: t["Value"] for t in raw.get("Tags") or ()}
        kept_tags = {k: v for k, v in tags.items() if k not in MODULE_TAGS}
        if kept_tags:
            inputs["tags"] = kept_tags
        if any(tags.get(k) != v for k, v in (("stream", name), ("class", cls))):
            self.out.changes.append(Note(subject, f"tags: stream = {name}, class = {cls} added"))
        if outside_limits:
            inputs["outside_class_limits"] = True
            comments["outside_class_limits"] = (
                "The existing set differs from its class on purpose or until it is fixed: "
                "see ADOPTION.md."
            )
        return ModuleCall(call, f"configuration set `{name}`", inputs, comments)

    def _pool(self, raw, name, call, cls, policy, inputs) -> bool:
        subject = f"`{name}`"
        pool = (raw.get("DeliveryOptions") or {}).get("SendingPoolName")
        if pool == DEFAULT_POOL:
            self.out.changes.append(
                Note(subject, f"sending pool: {DEFAULT_POOL} → SES's shared IPs (the default "
                     "pool mixes every unpooled dedicated IP of the account)", "SES002")
            )  # fmt: skip
            pool = None
        if pool is None:
            inputs["ip_pool"] = {"mode": "shared"}
            if policy.dedicated_pool:
                self.out.kept.append(
                    Note(subject, f"sends through SES's shared IPs; the {cls} class sends from "
                         "its own managed pool. Moving it would change its sending IPs in the "
                         "first apply: kept. Give it a pool when you choose to warm one up.",
                         "SES003")
                )  # fmt: skip
                self.out.remaining.append(Note(subject, "no dedicated pool (kept)", "SES003"))
                return True
            return False
        existing = self.pools.get(pool)
        if existing is None:
            inputs["ip_pool"] = {"mode": "existing", "name": pool}
            self.out.outside.append(
                Note(f"pool `{pool}`", f"named by `{name}` but not listed by the account: "
                     "written as an existing pool, outside the module")
            )  # fmt: skip
            return False
        mode = str(existing.get("ScalingMode", "STANDARD")).lower()
        owner = self.owned_pools.setdefault(pool, name)
        if owner != name:
            inputs["ip_pool"] = {"mode": "existing", "name": pool}
            self.out.kept.append(
                Note(subject, f"shares pool `{pool}` with `{owner}`, whose module call owns it "
                     "(written as mode existing here)")
            )  # fmt: skip
            return False
        # scaling_mode forces a new pool: the existing mode is kept, whatever the class says.
        inputs["ip_pool"] = {"mode": mode, "name": pool}
        self.add_import(f"module.{call}.aws_sesv2_dedicated_ip_pool.this[0]", pool,
                        f"dedicated IP pool {pool} ({mode.upper()})")  # fmt: skip
        if policy.dedicated_pool and mode != "managed":
            self.out.kept.append(
                Note(subject, f"pool `{pool}` is {mode.upper()}: changing the scaling mode "
                     "replaces the pool, so it is kept")
            )  # fmt: skip
        return False

    def _suppression(self, raw, subject, policy, known: bool, inputs) -> bool:
        block = raw.get("SuppressionOptions")
        reasons = ABSENT if not block or block.get("SuppressedReasons") is None else block[
            "SuppressedReasons"]  # fmt: skip
        wanted = sorted(policy.suppressed_reasons)
        if reasons is not ABSENT and set(reasons) == set(wanted):
            return False
        if reasons is not ABSENT and reasons and not known:
            # A stream of unknown class keeps a choice someone made (not the placeholder's).
            inputs["suppressed_reasons"] = list(reasons)
            shown = f"{_list(reasons)}, not the placeholder class's {_list(wanted)}"
            self.out.kept.append(Note(subject, f"suppression kept as it is: {shown}"))
            self.out.remaining.append(Note(subject, f"suppression {shown}", "SES004"))
            return True
        before = "absent (inherits the account)" if reasons is ABSENT else _list(reasons)
        self.out.changes.append(Note(subject, f"suppression: {before} → {_list(wanted)}",
                                     "SES004"))  # fmt: skip
        return False

    def _options(self, raw, subject, inputs) -> None:
        delivery = raw.get("DeliveryOptions") or {}
        if delivery.get("TlsPolicy", "OPTIONAL") != "REQUIRE":
            self.out.changes.append(Note(subject, "TLS policy: OPTIONAL → REQUIRE", "SES009"))
        if not (raw.get("ReputationOptions") or {}).get("ReputationMetricsEnabled"):
            self.out.changes.append(Note(subject, "reputation metrics: off → on", "SES009"))
        if (raw.get("SendingOptions") or {}).get("SendingEnabled") is False:
            inputs["sending_enabled"] = False
            self.out.kept.append(Note(subject, "sending is paused: it stays paused"))
        if delivery.get("MaxDeliverySeconds"):
            inputs["max_delivery_seconds"] = delivery["MaxDeliverySeconds"]
        tracking = raw.get("TrackingOptions") or {}
        if tracking.get("CustomRedirectDomain"):
            inputs["custom_redirect_domain"] = tracking["CustomRedirectDomain"]
            if tracking.get("HttpsPolicy", "OPTIONAL") != "REQUIRE":
                self.out.changes.append(Note(subject, "tracking links: HTTPS required"))
        if raw.get("VdmOptions"):
            self.out.outside.append(
                Note(subject, "Virtual Deliverability Manager options: the module does not set "
                     "them; check the first plan and set them by hand if it clears them")
            )  # fmt: skip

    # -- alarms ------------------------------------------------------------------
    def _alarms(self, stream: Stream | None, name, call, subject, policy, inputs) -> None:
        alarms = list(stream.alarms) if stream else []
        actions = sorted({a for alarm in alarms for a in _tuple(alarm.actions)})
        if not actions:
            actions = self._account_actions()
        if actions:
            inputs["alarm_actions"] = actions
        else:
            inputs["alarm_actions"] = Ref("var.alarm_actions")
            self.out.variables["alarm_actions"] = (
                "ARNs notified when a stream's bounce or complaint rate alarm fires: the "
                "account has no SES alarm with an action to take them from."
            )
        thresholds: dict[str, float] = {}
        for alarm in alarms:
            if alarm.address in self.dead or not isinstance(alarm.threshold, int | float):
                continue
            for kind in alarm.kinds():
                value = alarm.threshold / 100 if alarm.percent else alarm.threshold
                limit = min(MAX_THRESHOLD[kind], getattr(policy, f"max_{kind}_rate"))
                if 0 < value <= limit:
                    thresholds.setdefault(f"{kind}_rate_threshold", value)
                else:
                    self.out.changes.append(
                        Note(subject, f"{kind} rate alarm threshold {value:g} → the class's "
                             f"{getattr(policy, f'max_{kind}_rate'):g}", "SES006")
                    )  # fmt: skip
        if thresholds:
            inputs["alarms"] = thresholds
        for kind in ("bounce_rate", "complaint_rate"):
            alarm_name = f"ses-{name}-{kind.replace('_', '-')}"
            if any(a.name == alarm_name for a in alarms):
                self.imported_alarms.add(alarm_name)
                self.add_import(f'module.{call}.aws_cloudwatch_metric_alarm.rate["{kind}"]',
                                alarm_name, f"alarm {alarm_name}")  # fmt: skip
            else:
                self.out.changes.append(
                    Note(subject, f"created: alarm {alarm_name} (metric math on the stream's "
                         "own counts)", "SES006")
                )  # fmt: skip

    def _account_actions(self) -> list[str]:
        return sorted({a for alarm in self.model.alarms for a in _tuple(alarm.actions)})

    def alarms_outside(self) -> None:
        for alarm in self.model.alarms:
            if alarm.name in self.imported_alarms:
                continue
            where = f"alarm `{alarm.name}`"
            if alarm.address in self.dead:
                why = ("dead: it watches a metric SES never publishes that way. Delete it by "
                       "hand after adoption.")  # fmt: skip
            elif alarm.stream is not None:
                why = (f"watches `{alarm.stream.name}`, whose module call makes its own rate "
                       "alarms: delete it by hand once they are applied")  # fmt: skip
            else:
                why = ("watches no one stream (account-wide): stays outside the module, which "
                       "alarms per stream")  # fmt: skip
            self.out.outside.append(Note(where, why, address=alarm.address))

    def audit_errors_left_outside(self) -> None:
        """What stays outside the module keeps its audit errors after adoption: each note
        of it names their rules, so the owner knows what `sesguard audit` will still say."""
        errors: dict[str, set[str]] = {}
        for finding in self.findings:
            if finding.severity == "error" and finding.address:
                errors.setdefault(finding.address, set()).add(finding.rule)
        for note in [*self.out.outside, *self.out.not_adopted]:
            rules = errors.get(note.address or "", set()) | ({note.rule} - {None})
            note.rule = ", ".join(sorted(rules)) or None

    # -- identities --------------------------------------------------------------
    def identity_call(self, raw, set_labels, labels, source) -> ModuleCall | None:
        name = raw["IdentityName"]
        subject = f"identity `{name}`"
        why = _not_adoptable_identity(raw, set_labels)
        if why:
            self.out.not_adopted.append(Note(subject, why, address=self.arn("identity", name)))
            return None
        call = label(name, "identity_", labels)
        mail_from = (raw.get("MailFromAttributes") or {}).get("MailFromDomain")
        dkim = raw.get("DkimAttributes") or {}
        inputs: dict[str, Any] = {
            "source": source,
            "domain": name,
            "default_configuration_set_name": Ref(
                f"module.{set_labels[raw['ConfigurationSetName']]}.configuration_set_name"
            ),
            "mail_from_subdomain": mail_from[: -len(name) - 1] if mail_from else None,
        }
        behaviour = (raw.get("MailFromAttributes") or {}).get("BehaviorOnMxFailure")
        if mail_from and behaviour and behaviour != "USE_DEFAULT_VALUE":
            inputs["behavior_on_mx_failure"] = behaviour
        key_length = dkim.get("NextSigningKeyLength") or dkim.get("CurrentSigningKeyLength")
        if key_length and key_length != "RSA_2048_BIT":
            inputs["dkim_key_length"] = key_length
        tags = {t["Key"]: t["Value"] for t in raw.get("Tags") or ()}
        if tags:
            inputs["tags"] = tags
        self.add_import(f"module.{call}.aws_sesv2_email_identity.this", name, f"identity {name}")
        if mail_from:
            self.add_import(f"module.{call}.aws_sesv2_email_identity_mail_from_attributes.this[0]",
                            name, f"MAIL FROM {mail_from} of {name}")  # fmt: skip
        return ModuleCall(call, subject, inputs)


def _not_adoptable_identity(raw: dict, set_labels: dict[str, str]) -> str | None:
    name = raw["IdentityName"]
    if raw.get("IdentityType") != "DOMAIN":
        return "an email-address identity: ses_identity owns domains; it stays as it is"
    if not DOMAIN.match(name):
        return "not a lower-case domain name as ses_identity takes it; it stays as it is"
    if (raw.get("DkimAttributes") or {}).get("SigningAttributesOrigin") not in (None, "AWS_SES"):
        return ("signs with its own DKIM keys (BYODKIM); ses_identity uses Easy DKIM, and "
                "adopting it would change its signing keys")  # fmt: skip
    default = raw.get("ConfigurationSetName")
    if not default:
        return ("has no default configuration set: ses_identity needs one, and adopt does not "
                "choose a lane for it. Name one, then adopt again")  # fmt: skip
    if default not in set_labels:
        return f"its default set `{default}` does not exist in the account"
    mail_from = (raw.get("MailFromAttributes") or {}).get("MailFromDomain")
    if mail_from and not (
        mail_from.endswith(f".{name}") and LABEL.match(mail_from[: -len(name) - 1])
    ):
        return (f"MAIL FROM `{mail_from}` is not one label under the domain, which is the only "
                "form ses_identity writes")  # fmt: skip
    return None


def _list(reasons) -> str:
    return "[" + ", ".join(reasons) + "]"


def _tuple(value) -> tuple:
    return value if isinstance(value, tuple) else ()
