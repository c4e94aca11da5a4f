# Each value once, here; the individual outputs and `summary` (the one output
# every env root exposes) read the same locals.
locals {
  streams_summary = {
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
  send_policies = { for key, stream in module.stream : key => stream.send_policy_json }
  identities_summary = {
    for key, identity in merge({ (var.domain) = module.identity }, { for key, id in module.stream_identity : local.stream_identity_domains[key] => id }) :
    key => {
      arn                            = identity.arn
      default_configuration_set_name = identity.default_configuration_set_name
      mail_from_domain               = identity.mail_from_domain
      dns_records                    = identity.dns_records
    }
  }
  alarm_topics = { for route, topic in aws_sns_topic.alarms : route => topic.arn }
}

output "streams" {
  description = "Per stream: configuration set name and ARN, class, pool name, suppression, alarm route and ARNs, events topic, and the identity (domain) it sends from."
  value       = local.streams_summary
}

output "send_policies" {
  description = "Per stream: IAM policy JSON allowing SendEmail/SendRawEmail only with that stream's sending identity and configuration set. IAM checks the set ARN only when a request names one; a request naming none gets the identity's default set, which for each stream's identity is the stream itself."
  value       = local.send_policies
}

output "identities" {
  description = "Every sending identity by domain (the root <domain>, whose default set is default_stream, and <key>.<domain> per stream with its own identity): ARN, default configuration set, MAIL FROM domain and DNS records to publish."
  value       = local.identities_summary
}

output "alarm_topic_arns" {
  description = "SNS topics of the alarm routes in use (oncall always, deliverability when a stream routes there); they also carry the real-time SES events of the streams routed to them."
  value       = local.alarm_topics
}

output "account_alarm_arns" {
  description = "Account-level reputation backstop alarms."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.account : key => alarm.arn }
}

output "dashboard_name" {
  description = "CloudWatch dashboard showing every stream side by side."
  value       = aws_cloudwatch_dashboard.streams.dashboard_name
}

output "summary" {
  description = "What an environment reports, in one object (streams, send policies, identities, alarm topics, dashboard): each env root exposes it as its only output."
  value = {
    streams          = local.streams_summary
    send_policies    = local.send_policies
    identities       = local.identities_summary
    alarm_topic_arns = local.alarm_topics
    dashboard_name   = aws_cloudwatch_dashboard.streams.dashboard_name
  }
}
