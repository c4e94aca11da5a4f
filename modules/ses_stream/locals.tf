# Class defaults (classes.json) and the values derived from the inputs. Everything
# here is known at plan time when account_id is given, so a reviewer and the
# plan gate read names, ARNs and policies before apply.

data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  # The stream classes (defaults, limits, name keywords) and the SES review levels: one file
  # the plan gate reads too (docs/stream-classes.md).
  class_file    = jsondecode(file("${path.module}/classes.json"))
  classes       = local.class_file.classes
  class         = local.classes[var.class]
  review_levels = local.class_file.ses_review_levels
  # "5% bounces / 0.1% complaints", for alarm descriptions and validation messages.
  review_levels_text = "${format("%.3g", local.review_levels.bounce_rate * 100)}% bounces / ${format("%.3g", local.review_levels.complaint_rate * 100)}% complaints"

  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name
  # Derived from an ARN instead of aws_caller_identity: no AWS call at plan time.
  account_id = var.account_id != null ? var.account_id : split(":", aws_sesv2_configuration_set.this.arn)[4]

  pool_mode          = coalesce(var.ip_pool.mode, local.class.pool_mode)
  creates_pool       = contains(["managed", "standard"], local.pool_mode)
  pool_name          = local.pool_mode == "shared" ? null : coalesce(var.ip_pool.name, "${var.name}-pool")
  suppressed_reasons = var.suppressed_reasons != null ? var.suppressed_reasons : local.class.suppressed_reasons

  sns_event_types = var.sns_destination.event_types != null ? var.sns_destination.event_types : local.class.realtime_events
  has_sns         = length(local.sns_event_types) > 0
  creates_topic   = local.has_sns && var.sns_destination.create_topic
  creates_sns_key = local.creates_topic && var.sns_destination.create_kms_key
  events_topic    = "ses-${var.name}-events"

  bounce_rate_threshold    = coalesce(var.alarms.bounce_rate_threshold, local.class.max_bounce_rate)
  complaint_rate_threshold = coalesce(var.alarms.complaint_rate_threshold, local.class.max_complaint_rate)
  min_bounces              = coalesce(var.alarms.min_bounces, local.class.min_bounces)
  min_complaints           = coalesce(var.alarms.min_complaints, local.class.min_complaints)

  configuration_set_arn = "arn:${local.partition}:ses:${local.region}:${local.account_id}:configuration-set/${var.name}"
  events_topic_arn      = local.creates_topic ? "arn:${local.partition}:sns:${local.region}:${local.account_id}:${local.events_topic}" : var.sns_destination.topic_arn

  tags = merge(var.tags, { stream = var.name, class = var.class })
}
