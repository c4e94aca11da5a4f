# The settings an environment chooses. Everything else about the SaaS wiring
# lives in this module, so environments cannot drift apart.

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
  description = "Sending domain verified as the root SES identity (Easy DKIM), e.g. mail.example.com; streams with their own identity send from <key>.<domain>."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain))
    error_message = "domain must be a lower-case DNS name such as mail.example.com."
  }
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
  description = "Streams by key (the stream name without prefix). Every field but class is optional and defaults by class inside modules/ses_stream (its README's class table); alarm_route is oncall or deliverability (null = class default); own_identity (default: true except for transactional) sends from the identity <key>.<domain> whose default set is this stream, so code that omits ConfigurationSetName stays in its lane; outside_class_limits accepts values outside the class limits on purpose; pause_on_alarm (null = class default) lets the stream's alarms turn its sending off."
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
    outside_class_limits     = optional(bool, false)
    pause_on_alarm           = optional(bool)
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

  validation {
    condition     = alltrue([for s in values(var.streams) : contains(keys(local.classes), s.class)])
    error_message = "streams[*].class must be one of: ${join(", ", keys(local.classes))}."
  }

  validation {
    condition     = alltrue([for s in values(var.streams) : s.ip_pool.mode == null ? true : contains(["shared", "managed", "standard", "existing"], s.ip_pool.mode)])
    error_message = "streams[*].ip_pool.mode must be null (class default) or one of: shared, managed, standard, existing."
  }

  validation {
    condition = alltrue([
      for s in values(var.streams) : s.suppressed_reasons == null ? true : (
        alltrue([for reason in s.suppressed_reasons : contains(["BOUNCE", "COMPLAINT"], reason)])
        && length(distinct(s.suppressed_reasons)) == length(s.suppressed_reasons)
      )
    ])
    error_message = "streams[*].suppressed_reasons must be null (class default) or a list of distinct values from: BOUNCE, COMPLAINT."
  }

  validation {
    condition = alltrue([
      for s in values(var.streams) : s.sns_event_types == null ? true : (
        alltrue([for t in s.sns_event_types : contains(["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"], t)])
        && length(distinct(s.sns_event_types)) == length(s.sns_event_types)
      )
    ])
    error_message = "streams[*].sns_event_types must be null (class default), [] (none) or distinct values from: SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION."
  }

  validation {
    # Keys are configuration set names and, with own_identity, DNS labels (<key>.<domain>).
    condition     = alltrue([for key in keys(var.streams) : can(regex("^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$", key))])
    error_message = "streams keys must be 1-40 characters: lower-case letters, digits or '-', not starting or ending with '-' (each is a configuration set name and the DNS label of its identity)."
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
  description = "Sends per alarm period below which a stream's rates read 0 (noise guard; each alarm also needs a minimum event count, by class)."
  type        = number
  default     = 100
  nullable    = false

  validation {
    # Above a million sends per period the guard silently disables every stream alarm.
    condition     = var.alarm_min_send_volume >= 1 && var.alarm_min_send_volume <= 1000000 && floor(var.alarm_min_send_volume) == var.alarm_min_send_volume
    error_message = "alarm_min_send_volume must be a whole number between 1 and 1000000."
  }
}

variable "alarm_period_seconds" {
  description = "Period of the per-stream rate alarms, in seconds: 60, 300, 900, 3600, 21600 or 86400."
  type        = number
  default     = 3600
  nullable    = false

  validation {
    condition     = contains([60, 300, 900, 3600, 21600, 86400], var.alarm_period_seconds)
    error_message = "alarm_period_seconds must be one of: 60, 300, 900, 3600, 21600, 86400."
  }
}

variable "alarm_subscriptions" {
  description = "Subscribers of the two alarm routes: oncall (paging, high urgency) and deliverability (the team's channel); each a list of {protocol, endpoint, realtime_events}. realtime_events: also receive the route's real-time SES bounce/complaint events (default: true for sqs and lambda, false for email and https, which get alarms only)."
  type = object({
    oncall = optional(list(object({
      protocol        = string
      endpoint        = string
      realtime_events = optional(bool)
    })), [])
    deliverability = optional(list(object({
      protocol        = string
      endpoint        = string
      realtime_events = optional(bool)
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
  description = "Account-level backstop on Reputation.BounceRate/ComplaintRate (fractions), routed to oncall; below the SES review levels (classes.json ses_review_levels)."
  type = object({
    bounce_rate    = optional(number, 0.025)
    complaint_rate = optional(number, 0.0008)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.account_alarm_thresholds.bounce_rate > 0 && var.account_alarm_thresholds.bounce_rate < local.review_levels.bounce_rate
    error_message = "account_alarm_thresholds.bounce_rate must be a fraction above 0 and below ${local.review_levels.bounce_rate} (the SES review level)."
  }

  validation {
    condition     = var.account_alarm_thresholds.complaint_rate > 0 && var.account_alarm_thresholds.complaint_rate < local.review_levels.complaint_rate
    error_message = "account_alarm_thresholds.complaint_rate must be a fraction above 0 and below ${local.review_levels.complaint_rate} (the SES review level)."
  }
}

variable "event_archive_bucket_arn" {
  description = "S3 bucket ARN archiving every stream's events through Firehose (streams opt out with archive_events = false); null = no archive."
  type        = string
  default     = null

  validation {
    condition     = var.event_archive_bucket_arn == null ? true : can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$", var.event_archive_bucket_arn))
    error_message = "event_archive_bucket_arn must be null or an S3 bucket ARN (arn:aws:s3:::bucket-name)."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    # AWS reserves the aws: prefix; every resource would fail at apply.
    condition     = alltrue([for key in keys(var.tags) : !startswith(lower(key), "aws:")])
    error_message = "tags must not use keys starting with aws: (reserved by AWS)."
  }
}
