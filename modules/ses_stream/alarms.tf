# Per-stream rate alarms computed from the counts this stream's CloudWatch
# destination publishes (AWS/SES Send/Bounce/Complaint with dimension
# <dimension_name>=<name>). Not Reputation.BounceRate: SES never publishes it
# with a custom dimension, so such an alarm would never receive data.

locals {
  stream_dimension = { (var.cloudwatch_destination.dimension_name) = var.name }

  rate_alarms = {
    bounce_rate = {
      metric    = "Bounce"
      label     = "bounce rate"
      threshold = local.bounce_rate_threshold
      min_count = local.min_bounces
    }
    complaint_rate = {
      metric    = "Complaint"
      label     = "complaint rate"
      threshold = local.complaint_rate_threshold
      min_count = local.min_complaints
    }
  }

  # The rate reads 0 unless the period has at least min_send_volume sends AND
  # min_count events. Volume alone is not enough: at 0.05% a single complaint
  # among 100-1,999 sends already breaches, so one user pressing "spam" would
  # page on-call. Requiring a few events makes the alarm measure a trend, while
  # a real problem (many events) still fires in the same period. FILL: a period
  # with sends but no event datapoint is a 0% rate, not a gap.
  rate_expressions = {
    for key, alarm in local.rate_alarms :
    key => "IF(send >= ${var.alarms.min_send_volume} AND FILL(events, 0) >= ${alarm.min_count}, FILL(events, 0) / send, 0)"
  }
}

resource "aws_cloudwatch_metric_alarm" "rate" {
  for_each = local.rate_alarms

  alarm_name          = "ses-${var.name}-${replace(each.key, "_", "-")}"
  alarm_description   = "SES stream ${var.name} (${var.class}): ${each.value.label} above ${format("%.3g", each.value.threshold * 100)}% over ${var.alarms.period_seconds}s with at least ${var.alarms.min_send_volume} sends and ${each.value.min_count} events. SES reviews the account at ${local.review_levels_text}."
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  evaluation_periods  = var.alarms.evaluation_periods
  datapoints_to_alarm = var.alarms.evaluation_periods
  # notBreaching: a period without sends has no rate (quiet nights, weekly
  # digests); treating it as missing would flap the alarm into
  # INSUFFICIENT_DATA, and low volume is already guarded by the expression.
  treat_missing_data = "notBreaching"
  alarm_actions      = var.alarm_actions
  ok_actions         = var.alarms.ok_actions != null ? var.alarms.ok_actions : var.alarm_actions

  metric_query {
    id          = "rate"
    label       = "${var.name} ${each.value.label}"
    expression  = local.rate_expressions[each.key]
    return_data = true
  }

  metric_query {
    id = "send"
    metric {
      namespace   = "AWS/SES"
      metric_name = "Send"
      dimensions  = local.stream_dimension
      period      = var.alarms.period_seconds
      stat        = "Sum"
    }
  }

  metric_query {
    id = "events"
    metric {
      namespace   = "AWS/SES"
      metric_name = each.value.metric
      dimensions  = local.stream_dimension
      period      = var.alarms.period_seconds
      stat        = "Sum"
    }
  }

  tags = local.tags

  # The alarm reads metrics only this destination publishes.
  depends_on = [aws_sesv2_configuration_set_event_destination.cloudwatch]
}
