output "identity" {
  description = "The verified domain."
  value       = aws_sesv2_email_identity.this.email_identity
}

output "arn" {
  description = "ARN of the email identity."
  value       = aws_sesv2_email_identity.this.arn
}

output "default_configuration_set_name" {
  description = "Configuration set SES applies when sending code omits one."
  value       = aws_sesv2_email_identity.this.configuration_set_name
}

output "mail_from_domain" {
  description = "MAIL FROM (Return-Path) domain; null when SES's default is used."
  value       = local.mail_from_domain
}

output "dns_records" {
  description = "DNS records to publish (DKIM CNAMEs, MAIL FROM MX and SPF, DMARC): list of {name, type, records}."
  value       = concat(local.dkim_records, local.mail_from_records, local.dmarc_records)
}
