output "dns_records" {
  description = "DKIM, MAIL FROM and DMARC records to publish for the domain."
  value       = module.identity.dns_records
}
