# A sending identity: a domain with Easy DKIM, a default configuration set (the
# safety net for code that forgets ConfigurationSetName) and an optional MAIL
# FROM subdomain so SPF aligns for DMARC. Distinct Return-Paths per stream need
# one identity per stream: MAIL FROM is a property of the identity.

data "aws_region" "current" {}

locals {
  mail_from_domain = var.mail_from_subdomain == null ? null : "${var.mail_from_subdomain}.${var.domain}"
  # Easy DKIM always issues three tokens; count (not for_each) because the
  # tokens are unknown until the identity exists.
  dkim_token_count = 3
  dmarc_value = join("; ", compact([
    "v=DMARC1",
    "p=${var.dmarc_policy}",
    var.dmarc_report_address == null ? "" : "rua=mailto:${var.dmarc_report_address}",
  ]))

  dkim_records = [
    for index in range(local.dkim_token_count) : {
      name    = "${aws_sesv2_email_identity.this.dkim_signing_attributes[0].tokens[index]}._domainkey.${var.domain}"
      type    = "CNAME"
      records = ["${aws_sesv2_email_identity.this.dkim_signing_attributes[0].tokens[index]}.dkim.amazonses.com"]
    }
  ]
  mail_from_records = local.mail_from_domain == null ? [] : [
    { name = local.mail_from_domain, type = "MX", records = ["10 feedback-smtp.${data.aws_region.current.name}.amazonses.com"] },
    # -all: this subdomain exists only as the SES Return-Path.
    { name = local.mail_from_domain, type = "TXT", records = ["v=spf1 include:amazonses.com -all"] },
  ]
  dmarc_records = [{ name = "_dmarc.${var.domain}", type = "TXT", records = [local.dmarc_value] }]
}

resource "aws_sesv2_email_identity" "this" {
  email_identity         = var.domain
  configuration_set_name = var.default_configuration_set_name

  dkim_signing_attributes {
    next_signing_key_length = var.dkim_key_length
  }

  tags = var.tags
}

resource "aws_sesv2_email_identity_mail_from_attributes" "this" {
  count = local.mail_from_domain == null ? 0 : 1

  email_identity         = aws_sesv2_email_identity.this.email_identity
  mail_from_domain       = local.mail_from_domain
  behavior_on_mx_failure = var.behavior_on_mx_failure
}

resource "aws_route53_record" "dkim" {
  count = var.route53_zone_id == null ? 0 : local.dkim_token_count

  zone_id = var.route53_zone_id
  name    = local.dkim_records[count.index].name
  type    = "CNAME"
  ttl     = var.dns_ttl
  records = local.dkim_records[count.index].records
}

resource "aws_route53_record" "mail_from" {
  count = var.route53_zone_id == null ? 0 : length(local.mail_from_records)

  zone_id = var.route53_zone_id
  name    = local.mail_from_records[count.index].name
  type    = local.mail_from_records[count.index].type
  ttl     = var.dns_ttl
  records = local.mail_from_records[count.index].records
}

resource "aws_route53_record" "dmarc" {
  count = var.route53_zone_id == null ? 0 : 1

  zone_id = var.route53_zone_id
  name    = "_dmarc.${var.domain}"
  type    = "TXT"
  ttl     = var.dns_ttl
  records = [local.dmarc_value]
}
