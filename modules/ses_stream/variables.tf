# Inputs of one isolated SES v2 stream. Every `null` default means "the safe
# default of the stream's class" (resolved in locals.tf), so a caller
# writes only what differs and every opt-out is visible in review.

variable "name" {
  description = "Stream name: the configuration set name and the default value of the CloudWatch `stream` dimension."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.name))
    error_message = "name must be 1-64 characters: letters, digits, '_' or '-' (SES configuration set naming rules)."
  }
}

variable "class" {
  description = "Stream class that chooses the safe defaults: a key of classes.json (the README's class table)."
  type        = string

  validation {
    condition     = contains(keys(local.classes), var.class)
    error_message = "class must be one of: ${join(", ", keys(local.classes))}."
  }
}

variable "outside_class_limits" {
  description = "true accepts suppressed_reasons, ip_pool.mode and alarm thresholds outside the class limits in classes.json on purpose (raise the same limit in the plan gate's config)."
  type        = bool
  default     = false
  nullable    = false
}

variable "account_id" {
  description = "AWS account ID, so ARNs in policies are known at plan time; null derives it from the configuration set ARN after apply."
  type        = string
  default     = null

  validation {
    condition     = var.account_id == null ? true : can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be null or a 12-digit AWS account ID."
  }
}

variable "ip_pool" {
  description = "IP path. mode: null (class default), shared (SES shared IPs, no pool), managed or standard (a named dedicated pool this module creates), existing (a named pool managed elsewhere). name: the pool name (default <name>-pool; required for existing)."
  type = object({
    mode = optional(string)
    name = optional(string)
  })
  default  = {}
  nullable = false

  validation {
    condition     = var.ip_pool.mode == null ? true : contains(["shared", "managed", "standard", "existing"], var.ip_pool.mode)
    error_message = "ip_pool.mode must be null (class default) or one of: shared, managed, standard, existing."
  }

  validation {
    # The default dedicated pool collects every unpooled dedicated IP of the
    # account: naming it routes this stream through other streams' IPs.
    condition     = var.ip_pool.name != "ses-default-dedicated-pool"
    error_message = "ip_pool.name must not be ses-default-dedicated-pool (it mixes every unpooled dedicated IP of the account); name a pool of this stream's own."
  }

  validation {
    condition     = var.ip_pool.name == null ? true : can(regex("^[A-Za-z0-9_-]{1,64}$", var.ip_pool.name))
    error_message = "ip_pool.name must be 1-64 characters: letters, digits, '_' or '-'."
  }

  validation {
    condition     = var.ip_pool.mode == "existing" ? var.ip_pool.name != null : true
    error_message = "ip_pool.name is required when ip_pool.mode is existing (the module cannot guess the pool's name)."
  }

  validation {
    condition     = var.ip_pool.mode == "shared" ? var.ip_pool.name == null : true
    error_message = "ip_pool.name must be null when ip_pool.mode is shared (shared sending uses no pool)."
  }

  validation {
    condition     = length(coalesce(var.ip_pool.name, "${var.name}-pool")) <= 64
    error_message = "ip_pool.name defaults to <name>-pool, which exceeds 64 characters: set ip_pool.name explicitly."
  }
}

variable "suppressed_reasons" {
  description = "Reasons the account suppression list applies to this stream: null (class default), a list of BOUNCE/COMPLAINT, or [] to disable suppression for this set."
  type        = list(string)
  default     = null

  validation {
    condition = var.suppressed_reasons == null ? true : (
      alltrue([for reason in var.suppressed_reasons : contains(["BOUNCE", "COMPLAINT"], reason)])
      && length(distinct(var.suppressed_reasons)) == length(var.suppressed_reasons)
    )
    error_message = "suppressed_reasons must be null (class default) or a list of distinct values from: BOUNCE, COMPLAINT."
  }

}

variable "tls_policy" {
  description = "TLS policy for delivery to the receiving server: REQUIRE (default) or OPTIONAL."
  type        = string
  default     = "REQUIRE"
  nullable    = false

  validation {
    condition     = contains(["REQUIRE", "OPTIONAL"], var.tls_policy)
    error_message = "tls_policy must be one of: REQUIRE, OPTIONAL."
  }
}

variable "reputation_metrics_enabled" {
  description = "Publish Reputation.BounceRate/ComplaintRate for this configuration set (dimension ses:configuration-set)."
  type        = bool
  default     = true
  nullable    = false
}

variable "sending_enabled" {
  description = "Whether this configuration set may send; false pauses the stream without touching the others. null: on, except that a lane with pause_on_alarm leaves it to the pause and the runbook (docs/modules.md)."
  type        = bool
  default     = null
}

variable "pause_on_alarm" {
  description = "Whether the lane's own bounce and complaint alarms turn its sending off and tell alarm_actions; null = class default."
  type        = bool
  default     = null
}

variable "alarm_actions_kms_key_arn" {
  description = "KMS key (or alias) ARN that encrypts the alarm_actions topics, so the automatic pause can publish there; null when they use no customer key."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_actions_kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+$", var.alarm_actions_kms_key_arn))
    error_message = "alarm_actions_kms_key_arn must be null or a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id> or alias/<name>)."
  }
}

variable "max_delivery_seconds" {
  description = "Give up delivery attempts after this many seconds (300-50400); null keeps the SES default (14 hours)."
  type        = number
  default     = null

  validation {
    condition     = var.max_delivery_seconds == null ? true : (var.max_delivery_seconds >= 300 && var.max_delivery_seconds <= 50400)
    error_message = "max_delivery_seconds must be null or between 300 and 50400."
  }
}

variable "custom_redirect_domain" {
  description = "Custom domain for open and click tracking links; null uses the SES default tracking domain."
  type        = string
  default     = null

  validation {
    condition     = var.custom_redirect_domain == null ? true : can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.custom_redirect_domain))
    error_message = "custom_redirect_domain must be null or a lower-case DNS name such as track.example.com."
  }
}

variable "cloudwatch_destination" {
  description = "The always-on, enabled CloudWatch event destination: event_types to count, the dimension_name whose default value is the stream name, and its name (an adopted destination keeps its own)."
  type = object({
    name           = optional(string, "cloudwatch")
    event_types    = optional(list(string), ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY_DELAY", "RENDERING_FAILURE"])
    dimension_name = optional(string, "stream")
  })
  default  = {}
  nullable = false

  validation {
    condition     = alltrue([for t in var.cloudwatch_destination.event_types : contains(["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"], t)])
    error_message = "cloudwatch_destination.event_types must be values from: SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION."
  }

  validation {
    # The rate alarms divide these counts: without them they never fire.
    condition     = length(setsubtract(["SEND", "BOUNCE", "COMPLAINT"], var.cloudwatch_destination.event_types)) == 0
    error_message = "cloudwatch_destination.event_types must include SEND, BOUNCE and COMPLAINT (the rate alarms are computed from them)."
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.cloudwatch_destination.dimension_name))
    error_message = "cloudwatch_destination.dimension_name must be 1-256 characters: letters, digits, '_' or '-'."
  }
}

variable "sns_destination" {
  description = "Real-time events to SNS. event_types: null (class default) or a list ([] = no SNS destination). create_topic: true creates a KMS-encrypted topic only SES may publish to; false uses topic_arn. create_kms_key: true creates the topic's key; false uses kms_key_arn. name: the destination's name (an adopted destination keeps its own)."
  type = object({
    name           = optional(string, "sns")
    event_types    = optional(list(string))
    create_topic   = optional(bool, true)
    topic_arn      = optional(string)
    create_kms_key = optional(bool, true)
    kms_key_arn    = optional(string)
  })
  default  = {}
  nullable = false

  # Flags rather than "null means create": an ARN of a resource created in the
  # same apply is unknown at plan time and could not decide a count.
  validation {
    condition     = var.sns_destination.create_topic ? var.sns_destination.topic_arn == null : var.sns_destination.topic_arn != null
    error_message = "sns_destination.topic_arn must be set when create_topic is false, and null when create_topic is true."
  }

  validation {
    condition     = var.sns_destination.create_kms_key ? var.sns_destination.kms_key_arn == null : (var.sns_destination.kms_key_arn != null || !var.sns_destination.create_topic)
    error_message = "sns_destination.kms_key_arn must be set when create_kms_key is false (the created topic is always encrypted), and null when create_kms_key is true."
  }

  validation {
    condition     = var.sns_destination.event_types == null ? true : alltrue([for t in var.sns_destination.event_types : contains(["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"], t)])
    error_message = "sns_destination.event_types must be null (class default) or values from: SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION."
  }

  validation {
    condition     = var.sns_destination.topic_arn == null ? true : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.sns_destination.topic_arn))
    error_message = "sns_destination.topic_arn must be null or an SNS topic ARN."
  }

  validation {
    condition     = var.sns_destination.kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+$", var.sns_destination.kms_key_arn))
    error_message = "sns_destination.kms_key_arn must be null or a KMS key or alias ARN."
  }
}

variable "firehose_destination" {
  description = "Optional event archive through Kinesis Data Firehose to S3 under <prefix>stream=<name>/; null = none."
  type = object({
    bucket_arn              = string
    prefix                  = optional(string, "ses-events/")
    event_types             = optional(list(string), ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY_DELAY", "RENDERING_FAILURE", "OPEN", "CLICK"])
    kms_key_arn             = optional(string)
    buffering_interval_secs = optional(number, 300)
  })
  default = null

  validation {
    condition     = var.firehose_destination == null ? true : can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$", var.firehose_destination.bucket_arn))
    error_message = "firehose_destination.bucket_arn must be an S3 bucket ARN (arn:aws:s3:::bucket-name)."
  }

  validation {
    condition     = var.firehose_destination == null ? true : alltrue([for t in var.firehose_destination.event_types : contains(["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"], t)])
    error_message = "firehose_destination.event_types must be values from: SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION."
  }

  validation {
    # SES rejects an empty MatchingEventTypes at apply; plan must say so first.
    condition     = var.firehose_destination == null ? true : (length(var.firehose_destination.event_types) > 0 && length(distinct(var.firehose_destination.event_types)) == length(var.firehose_destination.event_types))
    error_message = "firehose_destination.event_types must be a non-empty list of distinct event types (use firehose_destination = null for no archive)."
  }

  validation {
    condition     = var.firehose_destination == null ? true : can(regex("^([A-Za-z0-9_.=-]+/)*$", var.firehose_destination.prefix))
    error_message = "firehose_destination.prefix must be empty or end with '/' (letters, digits, '_', '.', '=', '-')."
  }

  validation {
    condition     = var.firehose_destination == null ? true : (var.firehose_destination.buffering_interval_secs >= 60 && var.firehose_destination.buffering_interval_secs <= 900)
    error_message = "firehose_destination.buffering_interval_secs must be between 60 and 900."
  }

  validation {
    # IAM role and delivery stream names (ses-<name>-to-firehose) are limited to 64.
    condition     = var.firehose_destination == null ? true : length(var.name) <= 48
    error_message = "firehose_destination needs a name of at most 48 characters (IAM role and delivery stream names are limited to 64)."
  }
}

variable "eventbridge_destination" {
  description = "Optional events to EventBridge: event_types, event_bus_arn (null = the account's default bus) and name; null = none."
  type = object({
    name          = optional(string, "eventbridge")
    event_types   = list(string)
    event_bus_arn = optional(string)
  })
  default = null

  validation {
    condition     = var.eventbridge_destination == null ? true : alltrue([for t in var.eventbridge_destination.event_types : contains(["SEND", "REJECT", "BOUNCE", "COMPLAINT", "DELIVERY", "OPEN", "CLICK", "RENDERING_FAILURE", "DELIVERY_DELAY", "SUBSCRIPTION"], t)])
    error_message = "eventbridge_destination.event_types must be values from: SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION."
  }

  validation {
    condition     = var.eventbridge_destination == null ? true : (length(var.eventbridge_destination.event_types) > 0 && length(distinct(var.eventbridge_destination.event_types)) == length(var.eventbridge_destination.event_types))
    error_message = "eventbridge_destination.event_types must be a non-empty list of distinct event types (use eventbridge_destination = null for none)."
  }

  validation {
    condition     = var.eventbridge_destination == null ? true : (var.eventbridge_destination.event_bus_arn == null ? true : can(regex("^arn:aws[a-z-]*:events:[a-z0-9-]+:[0-9]{12}:event-bus/.+$", var.eventbridge_destination.event_bus_arn)))
    error_message = "eventbridge_destination.event_bus_arn must be null (default bus) or an EventBridge event bus ARN."
  }
}

variable "alarm_actions" {
  description = "ARNs notified when this stream's bounce or complaint rate alarm fires (e.g. an SNS topic); at least one."
  type        = list(string)

  validation {
    condition     = length(var.alarm_actions) > 0
    error_message = "alarm_actions must list at least one ARN: an alarm nobody receives does not protect the account."
  }

  validation {
    condition     = alltrue([for arn in var.alarm_actions : can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{0,12}:.+$", arn))])
    error_message = "alarm_actions must be ARNs (arn:aws:sns:<region>:<account>:<topic>, an SSM or autoscaling action ARN, ...)."
  }
}

variable "alarms" {
  description = "Rate alarm settings. Thresholds are fractions (0.01 = 1%); null = class default. min_send_volume, min_bounces, min_complaints: the rate reads 0 unless a period has at least this many sends and events (null = class default), so a single event in a quiet hour does not page."
  type = object({
    bounce_rate_threshold    = optional(number)
    complaint_rate_threshold = optional(number)
    min_send_volume          = optional(number, 100)
    min_bounces              = optional(number)
    min_complaints           = optional(number)
    period_seconds           = optional(number, 3600)
    evaluation_periods       = optional(number, 1)
    ok_actions               = optional(list(string))
  })
  default  = {}
  nullable = false

  validation {
    # An alarm at or above the rate at which SES reviews the account is too late.
    condition     = var.alarms.bounce_rate_threshold == null ? true : (var.alarms.bounce_rate_threshold > 0 && var.alarms.bounce_rate_threshold < local.review_levels.bounce_rate)
    error_message = "alarms.bounce_rate_threshold must be null (class default) or a fraction above 0 and below ${local.review_levels.bounce_rate} (the SES review level, ${format("%.3g", local.review_levels.bounce_rate * 100)}%)."
  }


  validation {
    condition     = var.alarms.complaint_rate_threshold == null ? true : (var.alarms.complaint_rate_threshold > 0 && var.alarms.complaint_rate_threshold < local.review_levels.complaint_rate)
    error_message = "alarms.complaint_rate_threshold must be null (class default) or a fraction above 0 and below ${local.review_levels.complaint_rate} (the SES review level, ${format("%.3g", local.review_levels.complaint_rate * 100)}%)."
  }

  validation {
    # Above a million sends per period the guard silently disables the alarm.
    condition     = var.alarms.min_send_volume >= 1 && var.alarms.min_send_volume <= 1000000 && floor(var.alarms.min_send_volume) == var.alarms.min_send_volume
    error_message = "alarms.min_send_volume must be a whole number between 1 and 1000000."
  }

  validation {
    condition = alltrue([
      for count in [var.alarms.min_bounces, var.alarms.min_complaints] :
      count == null ? true : (count >= 1 && count <= 1000 && floor(count) == count)
    ])
    error_message = "alarms.min_bounces and alarms.min_complaints must be null (class default) or whole numbers between 1 and 1000."
  }

  validation {
    condition     = contains([60, 300, 900, 3600, 21600, 86400], var.alarms.period_seconds)
    error_message = "alarms.period_seconds must be one of: 60, 300, 900, 3600, 21600, 86400."
  }

  validation {
    condition     = var.alarms.evaluation_periods >= 1 && var.alarms.evaluation_periods <= 24 && floor(var.alarms.evaluation_periods) == var.alarms.evaluation_periods
    error_message = "alarms.evaluation_periods must be a whole number between 1 and 24."
  }

  validation {
    condition     = var.alarms.ok_actions == null ? true : alltrue([for arn in var.alarms.ok_actions : can(regex("^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{0,12}:.+$", arn))])
    error_message = "alarms.ok_actions must be null (same as alarm_actions) or a list of ARNs."
  }
}

variable "sending_identity_arns" {
  description = "SES identity ARNs the send policy allows together with this configuration set."
  type        = list(string)
  default     = []
  nullable    = false

  validation {
    # A wildcard here would let the holder send as any identity of the account.
    condition     = alltrue([for arn in var.sending_identity_arns : can(regex("^arn:aws[a-z-]*:ses:[a-z0-9-]+:[0-9]{12}:identity/[^*]+$", arn))])
    error_message = "sending_identity_arns must be SES identity ARNs (arn:aws:ses:<region>:<account>:identity/<domain or address>) without wildcards."
  }
}

variable "tags" {
  description = "Tags for every resource; the module adds `stream` and `class`."
  type        = map(string)
  default     = {}
  nullable    = false

  validation {
    # AWS reserves the aws: prefix; every resource would fail at apply.
    condition     = alltrue([for key in keys(var.tags) : !startswith(lower(key), "aws:")])
    error_message = "tags must not use keys starting with aws: (reserved by AWS)."
  }
}
