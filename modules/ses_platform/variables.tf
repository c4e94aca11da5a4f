# The settings an environment chooses. Everything else about the SaaS wiring
# (SPEC §2) lives in this module, so environments cannot drift apart.

variable "environment" {
  description = "Environment name, used in the names of shared resources (alarm topics, dashboard, account alarms)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,31}$", var.environment))
    error_message = "environment must be 1-32 characters: lower-case letters, digits or '-', starting with a letter."
  }
}

variable "account_id" {
  description = "AWS account ID of the environment, so every ARN and policy is known at plan time."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "domain" {
  description = "Sending domain verified as the SES identity (Easy DKIM), e.g. mail.example.com."
  type        = string
}

variable "mail_from_subdomain" {
  description = "Label of the MAIL FROM subdomain of the identity (bounce -> bounce.<domain>); null keeps amazonses.com."
  type        = string
  default     = "bounce"
}

variable "dmarc_report_address" {
  description = "Mailbox receiving aggregate DMARC reports; null publishes no rua tag."
  type        = string
  default     = null
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone for the identity's DNS records; null only outputs them."
  type        = string
  default     = null
}

variable "name_prefix" {
  description = "Prefix of every stream (configuration set) name, e.g. staging- when environments share an account."
  type        = string
  default     = ""
  nullable    = false

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{0,24}$", var.name_prefix))
    error_message = "name_prefix must be at most 24 characters: letters, digits, '_' or '-'."
  }
}

variable "streams" {
  description = "Streams by key (the stream name without prefix). Every field but class is optional and defaults by class inside modules/ses_stream; alarm_route is oncall or deliverability (default: transactional oncall, others deliverability); own_identity (default: true except for transactional) sends from the identity <key>.<domain> whose default set is this stream, so code that omits ConfigurationSetName stays in its lane."
  type = map(object({
    class = string
    ip_pool = optional(object({
      mode = optional(string)
      name = optional(string)
    }), {})
    suppressed_reasons       = optional(list(string))
    sns_event_types          = optional(list(string))
    alarm_route              = optional(string)
    bounce_rate_threshold    = optional(number)
    complaint_rate_threshold = optional(number)
    max_delivery_seconds     = optional(number)
    archive_events           = optional(bool, true)
    own_identity             = optional(bool)
  }))
  default = {
    transactional      = { class = "transactional" }
    marketing          = { class = "marketing" }
    bulk-notifications = { class = "bulk-notifications" }
  }
  nullable = false

  validation {
    condition     = length(var.streams) > 0
    error_message = "streams must declare at least one stream."
  }

  validation {
    condition     = alltrue([for s in values(var.streams) : s.alarm_route == null ? true : contains(["oncall", "deliverability"], s.alarm_route)])
    error_message = "streams[*].alarm_route must be null (class default) or one of: oncall, deliverability."
  }
}

variable "default_stream" {
  description = "Key of the stream whose configuration set is the identity's default (the safety net for code that names no set)."
  type        = string
  default     = "transactional"
  nullable    = false

  validation {
    condition     = contains(keys(var.streams), var.default_stream)
    error_message = "default_stream must be one of the keys of streams."
  }
}

variable "alarm_min_send_volume" {
  description = "Sends per alarm period below which a stream's rates read 0 (noise guard)."
  type        = number
  default     = 100
  nullable    = false
}

variable "alarm_period_seconds" {
  description = "Period of the per-stream rate alarms, in seconds."
  type        = number
  default     = 3600
  nullable    = false
}

variable "alarm_subscriptions" {
  description = "Subscribers of the two alarm routes: oncall (paging, high urgency) and deliverability (the team's channel); each a list of {protocol, endpoint}."
  type = object({
    oncall = optional(list(object({
      protocol = string
      endpoint = string
    })), [])
    deliverability = optional(list(object({
      protocol = string
      endpoint = string
    })), [])
  })
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for s in concat(var.alarm_subscriptions.oncall, var.alarm_subscriptions.deliverability) : contains(["email", "https", "lambda", "sqs"], s.protocol)])
    error_message = "alarm_subscriptions[*][*].protocol must be one of: email, https, lambda, sqs."
  }

  validation {
    # An alarm nobody receives does not protect the account.
    condition     = alltrue([for route in local.alarm_routes : length(var.alarm_subscriptions[route]) > 0])
    error_message = "alarm_subscriptions must give every route in use at least one subscriber: oncall (always: the account backstop and transactional streams page it) and deliverability (when a stream routes there); or set streams[*].alarm_route so no stream uses an unsubscribed route."
  }
}

variable "account_alarm_thresholds" {
  description = "Account-level backstop on Reputation.BounceRate/ComplaintRate (fractions), routed to oncall; below the SES review levels (5% / 0.1%)."
  type = object({
    bounce_rate    = optional(number, 0.025)
    complaint_rate = optional(number, 0.0008)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.account_alarm_thresholds.bounce_rate > 0 && var.account_alarm_thresholds.bounce_rate < 0.05
    error_message = "account_alarm_thresholds.bounce_rate must be a fraction above 0 and below 0.05 (the SES review level)."
  }

  validation {
    condition     = var.account_alarm_thresholds.complaint_rate > 0 && var.account_alarm_thresholds.complaint_rate < 0.001
    error_message = "account_alarm_thresholds.complaint_rate must be a fraction above 0 and below 0.001 (the SES review level)."
  }
}

variable "event_archive_bucket_arn" {
  description = "S3 bucket ARN archiving every stream's events through Firehose (streams opt out with archive_events = false); null = no archive."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
  nullable    = false
}
