"""Sends through SES tenants: named, missing, misspelt; the set is always a known one."""

import smtplib

import boto3

MARKETING_TENANT = "marketing"
ses = boto3.client("sesv2")


def reset(to, content):
    ses.send_email(
        ConfigurationSetName="transactional",
        TenantName="transactional",
        Destination={"ToAddresses": [to]},
        Content=content,
    )


def campaign(to, content):
    ses.send_email(
        ConfigurationSetName="marketing",
        TenantName=MARKETING_TENANT,
        Destination={"ToAddresses": [to]},
        Content=content,
    )


def digest(to, content):
    ses.send_email(
        ConfigurationSetName="bulk-notifications",
        Destination={"ToAddresses": [to]},
        Content=content,
    )


def receipt(to, content):
    params = {"ConfigurationSetName": "transactional", "Content": content}
    params["TenantName"] = "transactionl"
    ses.send_email(**params)


def newsletter(to, content):
    params = {"ConfigurationSetName": "marketing", "Content": content}
    ses.send_email(**params)


def forwarded(request):
    ses.send_email(**request)  # the caller's request: not judged


def tenant_from_settings(to, content, tenant):
    ses.send_email(ConfigurationSetName="marketing", TenantName=tenant, Content=content)


def smtp_alert(message):
    message["X-SES-CONFIGURATION-SET"] = "transactional"
    message["X-SES-TENANT"] = "transactional"
    with smtplib.SMTP("email-smtp.us-east-1.amazonaws.com", 587) as smtp:
        smtp.send_message(message)


def smtp_digest(message):
    message["X-SES-CONFIGURATION-SET"] = "bulk-notifications"
    with smtplib.SMTP("email-smtp.us-east-1.amazonaws.com", 587) as smtp:
        smtp.send_message(message)
