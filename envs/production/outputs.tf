output "platform" {
  description = "Streams, identity, alarm routes and dashboard of this environment."
  value = {
    streams          = module.platform.streams
    identity         = module.platform.identity
    alarm_topic_arns = module.platform.alarm_topic_arns
    dashboard_name   = module.platform.dashboard_name
  }
}

output "send_policies" {
  description = "Per stream: the IAM policy JSON for that stream's senders."
  value       = module.platform.send_policies
}
