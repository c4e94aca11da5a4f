# CloudWatch dashboard widgets of this stream (no position: the caller lays
# streams out side by side). The rate widgets use the alarms' own expressions,
# so what the dashboard shows is what the alarms evaluate.

locals {
  dimension_name = var.cloudwatch_destination.dimension_name

  dashboard_widgets = concat(
    [{
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title   = "${var.name}: volume"
        region  = local.region
        view    = "timeSeries"
        stacked = false
        stat    = "Sum"
        period  = 300
        metrics = [
          for metric in ["Send", "Delivery", "Bounce", "Complaint", "Reject"] :
          ["AWS/SES", metric, local.dimension_name, var.name]
        ]
      }
    }],
    [for key, alarm in local.rate_alarms : {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title  = "${var.name}: ${alarm.label}"
        region = local.region
        view   = "timeSeries"
        period = var.alarms.period_seconds
        metrics = [
          [{ id = "rate", expression = local.rate_expressions[key], label = alarm.label }],
          ["AWS/SES", "Send", local.dimension_name, var.name, { id = "send", stat = "Sum", visible = false }],
          ["AWS/SES", alarm.metric, local.dimension_name, var.name, { id = "events", stat = "Sum", visible = false }],
        ]
        annotations = {
          horizontal = [{ label = "alarm", value = alarm.threshold }]
        }
        yAxis = { left = { min = 0 } }
      }
    }],
  )
}
