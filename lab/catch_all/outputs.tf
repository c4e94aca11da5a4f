output "configuration_set_name" {
  description = "The one configuration set every kind of mail is sent through."
  value       = aws_sesv2_configuration_set.this.configuration_set_name
}

output "alarm_topic_arn" {
  description = "The topic the account-level alarms notify."
  value       = aws_sns_topic.oncall.arn
}
