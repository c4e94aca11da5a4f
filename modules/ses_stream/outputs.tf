output "name" {
  description = "Stream name (also the configuration set name and the metric dimension value)."
  value       = var.name
}

output "class" {
  description = "Stream class whose defaults this stream uses."
  value       = var.class
}

output "configuration_set_name" {
  description = "Name of the stream's SES v2 configuration set; pass it as ConfigurationSetName when sending."
  value       = aws_sesv2_configuration_set.this.configuration_set_name
}

output "configuration_set_arn" {
  description = "ARN of the stream's configuration set."
  value       = aws_sesv2_configuration_set.this.arn
}

output "ip_pool_name" {
  description = "Name of the dedicated IP pool the stream sends from; null when it uses the SES shared pool."
  value       = local.creates_pool ? aws_sesv2_dedicated_ip_pool.this[0].pool_name : local.pool_name
}

output "ip_pool_mode" {
  description = "Resolved IP path: shared, managed, standard or existing."
  value       = local.pool_mode
}

output "suppressed_reasons" {
  description = "Resolved suppression override of the configuration set."
  value       = local.suppressed_reasons
}

output "alarm_arns" {
  description = "ARNs of the rate alarms, by kind (bounce_rate, complaint_rate)."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.rate : key => alarm.arn }
}

output "alarm_names" {
  description = "Names of the rate alarms, by kind (bounce_rate, complaint_rate)."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.rate : key => alarm.alarm_name }
}

output "events_topic_arn" {
  description = "SNS topic receiving the stream's real-time events; null without an SNS destination."
  value       = local.has_sns ? (local.creates_topic ? aws_sns_topic.events[0].arn : var.sns_destination.topic_arn) : null
}

output "send_policy_json" {
  description = "IAM policy JSON allowing ses:SendEmail/SendRawEmail only with the given identities and this configuration set. IAM checks the set ARN only when a request names a set: a request naming none is sent with the identity's default set, so give each identity this stream as its default (or the sender can leave the lane)."
  value       = data.aws_iam_policy_document.send.json
}

output "dashboard_widgets" {
  description = "CloudWatch dashboard widgets of this stream (volume, bounce rate, complaint rate), without positions."
  value       = local.dashboard_widgets
}

output "pause_state_machine_arn" {
  description = "State machine that pauses this lane when its alarm fires; null when pause_on_alarm is off."
  value       = local.pauses_on_alarm ? aws_sfn_state_machine.pause[0].arn : null
}
