# Account-level backstop and the one dashboard of every stream.

locals {
  # Reputation.* are account-wide (no dimension): they catch what no stream
  # alarm sees, e.g. mail sent without a configuration set. Routed to on-call
  # because an account review stops the transactional stream too.
  account_alarms = {
    bounce_rate    = { metric = "Reputation.BounceRate", threshold = var.account_alarm_thresholds.bounce_rate }
    complaint_rate = { metric = "Reputation.ComplaintRate", threshold = var.account_alarm_thresholds.complaint_rate }
  }
  account_alarm_names = { for key in keys(local.account_alarms) : key => "ses-${var.environment}-account-${replace(key, "_", "-")}" }
}

resource "aws_cloudwatch_metric_alarm" "account" {
  for_each = local.account_alarms

  alarm_name          = local.account_alarm_names[each.key]
  alarm_description   = "SES account ${each.value.metric} above ${format("%.3g", each.value.threshold * 100)}% (SES reviews at ${format("%.3g", local.review_levels.bounce_rate * 100)}% bounces / ${format("%.3g", local.review_levels.complaint_rate * 100)}% complaints): the backstop behind the per-stream alarms."
  namespace           = "AWS/SES"
  metric_name         = each.value.metric
  statistic           = "Average"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  # SES publishes reputation only while the account sends; silence is not a
  # breach (the per-stream alarms watch each lane's volume).
  treat_missing_data = "notBreaching"
  alarm_actions      = [local.alarm_topic_arns["oncall"]]
  ok_actions         = [local.alarm_topic_arns["oncall"]]
  tags               = local.tags
}

locals {
  # One column per stream, its widgets stacked: streams read side by side.
  stream_keys = sort(keys(var.streams))
  stream_widgets = flatten([
    for column, key in local.stream_keys : [
      for row, widget in module.stream[key].dashboard_widgets :
      merge(widget, { x = (column % 3) * 8, y = floor(column / 3) * 18 + row * 6 })
    ]
  ])
  account_widgets = [{
    type   = "metric"
    x      = 0
    y      = ceil(length(local.stream_keys) / 3) * 18
    width  = 24
    height = 6
    properties = {
      title   = "account reputation (all streams)"
      region  = local.region
      view    = "timeSeries"
      stat    = "Average"
      period  = 3600
      metrics = [for alarm in values(local.account_alarms) : ["AWS/SES", alarm.metric]]
      annotations = {
        horizontal = [
          for alarm in values(local.account_alarms) : { label = "${alarm.metric} alarm", value = alarm.threshold }
        ]
      }
    }
  }]
}

resource "aws_cloudwatch_dashboard" "streams" {
  dashboard_name = "ses-${var.environment}-streams"
  dashboard_body = jsonencode({ widgets = concat(local.stream_widgets, local.account_widgets) })
}
