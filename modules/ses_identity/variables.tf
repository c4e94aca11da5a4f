variable "domain" {
  description = "Domain to verify and send from (Easy DKIM), e.g. example.com."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain))
    error_message = "domain must be a lower-case DNS name such as example.com."
  }
}

variable "default_configuration_set_name" {
  description = "Configuration set applied when sending code omits ConfigurationSetName (the safety net; name it, do not pass an ID)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.default_configuration_set_name))
    error_message = "default_configuration_set_name must be 1-64 characters: letters, digits, '_' or '-'."
  }
}

variable "mail_from_subdomain" {
  description = "Label of the MAIL FROM (Return-Path) subdomain, e.g. bounce for bounce.<domain>; null keeps amazonses.com (no SPF alignment)."
  type        = string
  default     = "bounce"

  validation {
    condition     = var.mail_from_subdomain == null ? true : can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.mail_from_subdomain))
    error_message = "mail_from_subdomain must be null or one lower-case DNS label such as bounce."
  }
}

variable "behavior_on_mx_failure" {
  description = "What SES does when the MAIL FROM MX record is missing: USE_DEFAULT_VALUE (send with amazonses.com; DKIM still aligns) or REJECT_MESSAGE."
  type        = string
  default     = "USE_DEFAULT_VALUE"
  nullable    = false

  validation {
    condition     = contains(["USE_DEFAULT_VALUE", "REJECT_MESSAGE"], var.behavior_on_mx_failure)
    error_message = "behavior_on_mx_failure must be one of: USE_DEFAULT_VALUE, REJECT_MESSAGE."
  }
}

variable "dkim_key_length" {
  description = "Easy DKIM key length: RSA_2048_BIT (default) or RSA_1024_BIT."
  type        = string
  default     = "RSA_2048_BIT"
  nullable    = false

  validation {
    condition     = contains(["RSA_2048_BIT", "RSA_1024_BIT"], var.dkim_key_length)
    error_message = "dkim_key_length must be one of: RSA_2048_BIT, RSA_1024_BIT."
  }
}

variable "dmarc_policy" {
  description = "DMARC policy published for the domain: none, quarantine (default) or reject."
  type        = string
  default     = "quarantine"
  nullable    = false

  validation {
    condition     = contains(["none", "quarantine", "reject"], var.dmarc_policy)
    error_message = "dmarc_policy must be one of: none, quarantine, reject."
  }
}

variable "dmarc_report_address" {
  description = "Mailbox receiving aggregate DMARC reports (rua); null publishes no rua tag."
  type        = string
  default     = null

  validation {
    condition     = var.dmarc_report_address == null ? true : can(regex("^[A-Za-z0-9._%+-]+@([a-z0-9-]+\\.)+[a-z]{2,63}$", var.dmarc_report_address))
    error_message = "dmarc_report_address must be null or an e-mail address."
  }
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone to publish the DNS records in; null only outputs them."
  type        = string
  default     = null

  validation {
    condition     = var.route53_zone_id == null ? true : can(regex("^Z[A-Z0-9]{1,31}$", var.route53_zone_id))
    error_message = "route53_zone_id must be null or a Route 53 hosted zone ID (Z...)."
  }
}

variable "dns_ttl" {
  description = "TTL in seconds of the published DNS records."
  type        = number
  default     = 1800
  nullable    = false

  validation {
    condition     = var.dns_ttl >= 60 && var.dns_ttl <= 86400
    error_message = "dns_ttl must be between 60 and 86400."
  }
}

variable "tags" {
  description = "Tags for the identity."
  type        = map(string)
  default     = {}
  nullable    = false
}
