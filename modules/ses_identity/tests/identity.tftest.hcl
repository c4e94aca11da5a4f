# The sending identity: default set, MAIL FROM, DNS records and validations.

mock_provider "aws" {
  source = "../ses_stream/tests/mocks"
}

variables {
  domain                         = "mail.example.com"
  default_configuration_set_name = "transactional"
}

run "identity_has_a_default_set_2048_bit_dkim_and_aligned_mail_from" {
  command = plan

  assert {
    condition     = aws_sesv2_email_identity.this.configuration_set_name == "transactional"
    error_message = "the identity's default configuration set is the safety net and must be set"
  }
  assert {
    condition     = aws_sesv2_email_identity.this.dkim_signing_attributes[0].next_signing_key_length == "RSA_2048_BIT"
    error_message = "Easy DKIM must default to 2048-bit keys"
  }
  assert {
    condition     = aws_sesv2_email_identity_mail_from_attributes.this[0].mail_from_domain == "bounce.mail.example.com"
    error_message = "MAIL FROM must be a subdomain of the identity"
  }
  assert {
    condition     = length(aws_route53_record.dkim) + length(aws_route53_record.mail_from) + length(aws_route53_record.dmarc) == 0
    error_message = "without a zone the records are only output"
  }
}

run "records_are_published_in_route53_when_a_zone_is_given" {
  command = plan

  variables {
    route53_zone_id      = "Z0123456789ABC"
    dmarc_report_address = "dmarc@example.com"
  }

  assert {
    condition     = length(aws_route53_record.dkim) == 3
    error_message = "Easy DKIM needs three CNAME records"
  }
  assert {
    condition = (
      aws_route53_record.mail_from[0].type == "MX" && aws_route53_record.mail_from[0].records == toset(["10 feedback-smtp.us-east-1.amazonses.com"])
      && aws_route53_record.mail_from[1].type == "TXT" && aws_route53_record.mail_from[1].records == toset(["v=spf1 include:amazonses.com -all"])
    )
    error_message = "MAIL FROM needs the regional feedback MX and an SPF record"
  }
  assert {
    condition     = aws_route53_record.dmarc[0].name == "_dmarc.mail.example.com" && aws_route53_record.dmarc[0].records == toset(["v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"])
    error_message = "DMARC must publish the policy and the report address"
  }
}

run "mail_from_can_be_left_to_ses" {
  command = plan

  variables {
    mail_from_subdomain = null
  }

  assert {
    condition     = length(aws_sesv2_email_identity_mail_from_attributes.this) == 0 && output.mail_from_domain == null
    error_message = "mail_from_subdomain = null must not configure MAIL FROM"
  }
}

run "rejects_invalid_inputs" {
  command = plan

  variables {
    domain                         = "Mail.Example.com."
    default_configuration_set_name = "transactional stream"
    mail_from_subdomain            = "bounce.mail"
    behavior_on_mx_failure         = "IGNORE"
    dkim_key_length                = "RSA_4096_BIT"
    dmarc_policy                   = "monitor"
    dmarc_report_address           = "mailto:dmarc@example.com"
    route53_zone_id                = "example.com"
    dns_ttl                        = 5
  }

  expect_failures = [
    var.domain, var.default_configuration_set_name, var.mail_from_subdomain, var.behavior_on_mx_failure,
    var.dkim_key_length, var.dmarc_policy, var.dmarc_report_address, var.route53_zone_id, var.dns_ttl,
  ]
}
