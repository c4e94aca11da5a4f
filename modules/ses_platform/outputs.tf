output "streams" {
  description = "Per stream: configuration set name and ARN, class, pool name, suppression, alarm route and ARNs, events topic, and the identity (domain) it sends from."
  value = {
    for key, stream in module.stream : key => {
      configuration_set_name = stream.configuration_set_name
      configuration_set_arn  = stream.configuration_set_arn
      class                  = stream.class
      ip_pool_name           = stream.ip_pool_name
      suppressed_reasons     = stream.suppressed_reasons
      alarm_route            = local.stream_routes[key]
      alarm_arns             = stream.alarm_arns
      events_topic_arn       = stream.events_topic_arn
      sending_identity       = lookup(local.stream_identity_domains, key, var.domain)
    }
  }
}

output "send_policies" {
  description = "Per stream: IAM policy JSON allowing SendEmail/SendRawEmail only with that stream's sending identity and configuration set. IAM checks the set ARN only when a request names one; a request naming none gets the identity's default set, which for each stream's identity is the stream itself."
  value       = { for key, stream in module.stream : key => stream.send_policy_json }
}

output "identity" {
  description = "The root sending identity (<domain>, used by streams without their own identity): domain, default configuration set, MAIL FROM domain and DNS records to publish."
  value = {
    domain                         = module.identity.identity
    arn                            = module.identity.arn
    default_configuration_set_name = module.identity.default_configuration_set_name
    mail_from_domain               = module.identity.mail_from_domain
    dns_records                    = module.identity.dns_records
  }
}

output "stream_identities" {
  description = "Per stream with its own identity (<key>.<domain>): domain, ARN, default configuration set (the stream), MAIL FROM domain and DNS records to publish."
  value = {
    for key, identity in module.stream_identity : key => {
      domain                         = identity.identity
      arn                            = identity.arn
      default_configuration_set_name = identity.default_configuration_set_name
      mail_from_domain               = identity.mail_from_domain
      dns_records                    = identity.dns_records
    }
  }
}

output "alarm_topic_arns" {
  description = "SNS topics of the alarm routes in use (oncall always, deliverability when a stream routes there); they also carry the real-time SES events of the streams routed to them."
  value       = { for route, topic in aws_sns_topic.alarms : route => topic.arn }
}

output "account_alarm_arns" {
  description = "Account-level reputation backstop alarms."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.account : key => alarm.arn }
}

output "dashboard_name" {
  description = "CloudWatch dashboard showing every stream side by side."
  value       = aws_cloudwatch_dashboard.streams.dashboard_name
}
